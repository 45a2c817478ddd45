"""Production settings fail fast; nothing unsafe is a default."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _check(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update({"DJANGO_SETTINGS_MODULE": "marketplace.settings.production", **env_overrides})
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print('DEBUG', settings.DEBUG)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_without_secret_key():
    result = _check({"ALLOWED_HOSTS": "meedoen.example.nl"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_key():
    result = _check({"SECRET_KEY": "short", "ALLOWED_HOSTS": "meedoen.example.nl"})
    assert result.returncode != 0


def test_production_starts_with_a_real_key_and_debug_off():
    result = _check(
        {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "meedoen.example.nl", "DEBUG": "true"}
    )
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def test_base_settings_default_to_debug_off():
    result = _check({"DJANGO_SETTINGS_MODULE": "marketplace.settings.base"})
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout
