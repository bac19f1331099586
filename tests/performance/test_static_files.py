"""Hashed static files are served for ten years as immutable, compressed (production storage)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "cleanindustry.settings"
django.setup()
from django.conf import settings
settings.STATIC_ROOT = sys.argv[1]
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = static("vendor/bootstrap/bootstrap.min.css")
response = Client(SERVER_NAME="localhost").get(url, HTTP_ACCEPT_ENCODING="br, gzip")
print(json.dumps({"url": url, "status": response.status_code, **dict(response.items())}))
from django.contrib import admin
from roadmap.models import Action
print(json.dumps({"admin_media": str(admin.site._registry[Action].media)}))
"""


def test_collected_files_are_hashed_immutable_and_compressed(tmp_path):
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 50, "SECURE_SSL_REDIRECT": "false"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "static")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    answer = json.loads(result.stdout.strip().splitlines()[-2])
    assert answer["status"] == 200
    assert answer["url"] != "/static/vendor/bootstrap/bootstrap.min.css"  # a hash in the name
    assert answer["Cache-Control"] == "max-age=315360000, public, immutable"
    assert answer["Content-Encoding"] in {"br", "gzip"}
    # The admin's language tabs: our jQuery UI (settings.JQUERY_UI_URL), hashed like the rest.
    admin_media = json.loads(result.stdout.strip().splitlines()[-1])["admin_media"]
    hashed = r'src="/static/vendor/jquery-ui/jquery-ui\.tabs\.[0-9a-f]{12}\.js"'
    assert re.search(hashed, admin_media), admin_media
