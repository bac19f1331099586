# The portal's image: web (gunicorn), Celery worker and beat all run from it.
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
RUN mkdir -p static/vendor/bootstrap && cp node_modules/bootstrap/dist/css/bootstrap.min.css* \
    node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/ \
    && mkdir -p static/vendor/jquery-ui && cd node_modules/jquery-ui/ui \
    && cat version.js keycode.js unique-id.js widget.js widgets/tabs.js \
       > /src/static/vendor/jquery-ui/jquery-ui.tabs.js \
    && mkdir -p /src/static/vendor/prosemirror && cp /src/node_modules/prosemirror-view/style/prosemirror.css \
       /src/node_modules/prosemirror-gapcursor/style/gapcursor.css /src/static/vendor/prosemirror/

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/venv PATH="/venv/bin:$PATH"
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN pip install --no-cache-dir "uv==0.13.9" && uv sync --frozen --no-dev --no-install-project
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY . .
COPY --from=assets /src/static/vendor static/vendor
RUN SECRET_KEY=build-only python manage.py compilemessages --ignore /venv --verbosity 0 \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput --verbosity 0 \
    && useradd --system --home /app portal && mkdir -p /app/var && chown portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "cleanindustry.wsgi"]
