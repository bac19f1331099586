# Every command a newcomer runs. `make run` and `make test` install whatever is missing first.
PYTHON ?= python3.11
PORT ?= 8000
HOST ?= 127.0.0.1
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := $(shell sed -n '/^name = "uv"$$/{n;s/version = "\(.*\)"/\1/p}' uv.lock)
VENDOR := static/vendor

# Every target runs the production settings (DEBUG off) over plain HTTP on loopback: no https
# redirect (nor secure cookies or HSTS), and a random key of this checkout's own, kept in
# var/secret_key (production sets SECURE_SSL_REDIRECT and SECRET_KEY itself; README).
export SECURE_SSL_REDIRECT ?= false
export SECRET_KEY ?= $(shell mkdir -p var && { test -s var/secret_key || \
  (umask 077 && od -An -vtx1 -N32 /dev/urandom | tr -d ' \n' > var/secret_key); } && cat var/secret_key)

.PHONY: install assets translations messages run test lint format check migrate content demo-data worker beat clean

install: $(BIN)/.synced $(VENDOR)/.built translations

# Python: a virtualenv pinned by uv.lock (uv itself is pinned there too).
$(BIN)/.synced: pyproject.toml uv.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(BIN)/pip install --quiet "uv==$(UV_VERSION)"
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --python $(BIN)/python
	touch $@

# Front end: packages from the npm registry pinned by package-lock.json, copied into static/.
assets: $(VENDOR)/.built
$(VENDOR)/.built: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)/bootstrap
	# Right-to-left pages (Arabic) load Bootstrap's own RTL build instead of the default one.
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/css/bootstrap.rtl.min.css node_modules/bootstrap/dist/css/bootstrap.rtl.min.css.map \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
	   $(VENDOR)/bootstrap/
	# The admin's language tabs (django-modeltranslation): jQuery UI's tabs widget and what it
	# needs, without its position utility, whose measuring elements break the strict CSP.
	mkdir -p $(VENDOR)/jquery-ui
	cd node_modules/jquery-ui/ui && cat version.js keycode.js unique-id.js widget.js widgets/tabs.js \
	  > ../../../$(VENDOR)/jquery-ui/jquery-ui.tabs.js
	# The rich-text editor's base rules (ProseMirror's), from a stylesheet, not an inline style.
	mkdir -p $(VENDOR)/prosemirror
	cp node_modules/prosemirror-view/style/prosemirror.css \
	   node_modules/prosemirror-gapcursor/style/gapcursor.css $(VENDOR)/prosemirror/
	touch $@

# Interface translations: the .po catalogues in locale/ compiled to .mo (gettext's msgfmt).
I18N_IGNORE := --ignore .venv --ignore node_modules --ignore staticfiles --ignore var
translations: $(BIN)/.synced
	$(BIN)/python manage.py compilemessages $(I18N_IGNORE) --verbosity 0

# After changing interface text: refresh every catalogue from the code and templates, then
# translate the new or changed entries (tests fail while any is empty or fuzzy). A new language:
# `make messages LOCALE=vi` once, after its line in settings.LANGUAGES.
LOCALE ?= --all
messages: $(BIN)/.synced
	$(BIN)/python manage.py makemessages $(if $(filter --all,$(LOCALE)),--all,--locale $(LOCALE)) \
	  $(I18N_IGNORE) --add-location file --no-obsolete

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_initiative_content

demo-data: migrate
	$(BIN)/python manage.py seed_demo_data --scale 1

run: content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Two processes (pytest-xdist), one per core of this project's machines: each has its own test
# database and Redis databases (tests/settings.py). TEST_PROCESSES=0 runs in this process only.
TEST_PROCESSES ?= 2
test: install
	$(BIN)/pytest --numprocesses $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS)

# ruff and djLint through pre-commit (.pre-commit-config.yaml), on every tracked file.
lint: install
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	$(BIN)/python manage.py makemigrations --check --dry-run

# djLint can leave in one pass what it lays out in the next: a second pass when the first changed
# something, and the check pre-commit runs when the second did too.
format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint --reformat --quiet templates/ || $(BIN)/djlint --reformat --quiet templates/ \
		|| $(BIN)/djlint --check templates/

check: lint test

worker: install
	$(BIN)/celery -A cleanindustry worker --loglevel INFO

beat: install
	$(BIN)/celery -A cleanindustry beat --loglevel INFO

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles

# Known vulnerabilities in the installed dependencies, from PyPI's advisory data: fails when one
# is found. A package PyPI cannot be asked about is listed as skipped, not failed.
.PHONY: audit
audit: install
	$(BIN)/pip-audit --progress-spinner off

# Email fan-out benchmark (PostgreSQL + Redis on localhost): `make bench-email N=100000`;
# held to a sending rate: `make bench-email N=10000 BENCH_RATE=200`. See bench/README.md.
bench-email: install
	$(BIN)/python bench/email_bench.py --n $(or $(N),10000) $(if $(BENCH_RATE),--rate $(BENCH_RATE))

# Web benchmark (PostgreSQL + Redis on localhost, wrk): gunicorn as production runs it
# (gunicorn.conf.py, 2 workers), the floor view and every public page type, cached and
# rendered. See bench/README.md.
.PHONY: bench-web
bench-web: install
	@command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk"; exit 2; }
	$(BIN)/python bench/web_bench.py --seconds $(or $(SECONDS_PER_URL),5)
