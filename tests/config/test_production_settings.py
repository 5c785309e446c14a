"""Production settings are checked in a fresh interpreter: settings load once per process."""

import json
import os
import subprocess
import sys

from tests.config.test_env import PRODUCTION

PROBE = """
import json
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "two_factor": settings.HAVEN_REQUIRE_TWO_FACTOR,
    "hasher": settings.PASSWORD_HASHERS[0],
}))
"""


def _run(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HAVEN_", "DATABASE_URL"))}
    clean.update({"DJANGO_SETTINGS_MODULE": "haven.config.settings", **env})
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_harden_cookies_transport_and_login() -> None:
    result = _run(PRODUCTION, PROBE)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values == {
        "debug": False,
        "session_secure": True,
        "csrf_secure": True,
        "hsts": 31536000,
        "ssl_redirect": True,
        "two_factor": True,
        "hasher": "django.contrib.auth.hashers.Argon2PasswordHasher",
    }


def test_cli_explains_a_missing_production_variable_and_exits() -> None:
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = _run(env, "from haven.cli import app; app(['check'])")
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_runs_in_production_mode_unless_told_otherwise(tmp_path: object) -> None:
    result = _run({"HAVEN_HOME": str(tmp_path)}, "from haven.cli import app; app(['serve'])")
    assert result.returncode == 2
    assert "SECRET_KEY is not set" in result.stderr


def test_an_unreachable_database_is_explained_not_a_traceback(tmp_path: object) -> None:
    env = {"HAVEN_HOME": str(tmp_path), "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none"}
    result = _run(env, "from haven.cli import app; app(['migrate'])")
    assert result.returncode == 1
    assert "Haven cannot use its database" in result.stderr
    assert "Traceback" not in result.stderr
