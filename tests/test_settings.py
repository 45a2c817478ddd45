"""Production settings fail fast; nothing unsafe is a default."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
# Production needs a cache every server process shares (the rate limits count
# there); nothing connects to it for these checks.
SHARED_CACHE = "redis://127.0.0.1:6379/1"


def _check(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DEBUG")
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
            "CACHE_URL": SHARED_CACHE,
            **env_overrides,
        }
    )
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


@pytest.mark.parametrize(
    # locmemcache:// is also what an unset CACHE_URL gives.
    "cache_url",
    ["locmemcache://", "dummycache://", "dbcache://cache_table", "filecache:///tmp/c"],
)
def test_production_refuses_a_cache_the_workers_do_not_share(cache_url):
    """Rate limits count in the cache: a per-process cache multiplies every
    limit by the number of workers, and the database and file caches do not
    count atomically."""
    result = _check(
        {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "meedoen.example.nl", "CACHE_URL": cache_url}
    )
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


@pytest.mark.parametrize("cache_url", [SHARED_CACHE, "pymemcache://127.0.0.1:11211"])
def test_production_starts_with_a_shared_cache(cache_url):
    result = _check(
        {"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "meedoen.example.nl", "CACHE_URL": cache_url}
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("k", "starts"), [("4", False), ("1", False), ("5", True), ("10", True)])
def test_settings_refuse_a_demand_k_below_5(k, starts):
    """Below 5 searches, a query's text can single out who typed it (docs/search.md)."""
    result = _check(
        {
            "SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "meedoen.example.nl",
            "SEARCH_DEMAND_MIN_COUNT": k,
        }
    )
    assert (result.returncode == 0) is starts, result.stderr
    if not starts:
        assert "SEARCH_DEMAND_MIN_COUNT" in result.stderr


def test_base_settings_default_to_debug_off():
    result = _check({"DJANGO_SETTINGS_MODULE": "marketplace.settings.base"})
    assert result.returncode == 0, result.stderr
    assert "DEBUG False" in result.stdout


def _deploy_check(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DEBUG")
        and not k.startswith("SECURE_")
        # Set for the browser tests only; a deployment must not have it.
        and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "meedoen.example.nl",
            "CACHE_URL": SHARED_CACHE,
            # Required: check --deploy refuses localhost and http (core.E001).
            "WAGTAILADMIN_BASE_URL": "https://meedoen.example.nl",
            # Required: notes of signals and referrals are encrypted (core.E003).
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            # Required: mail that leaves the server (core.E005); backups
            # encrypted or deliberately not (core.W010).
            "EMAIL_URL": "smtp+tls://meedoen:wachtwoord@smtp.example.nl:587",
            "BACKUP_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "PYTHONWARNINGS": "ignore",
            **env_overrides,
        }
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("preload", ["false", "true"])
def test_check_deploy_reports_nothing_with_production_settings(preload):
    """docs/security.md: only security.W021 (HSTS preload, the domain owner's
    decision) is silenced, and only while preload is off."""
    result = _deploy_check({"SECURE_HSTS_PRELOAD": preload})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS:" not in result.stdout + result.stderr
    assert "ERRORS:" not in result.stdout + result.stderr


def test_check_deploy_catches_a_weak_setting():
    """The test above would notice a regression: switching HSTS off is reported."""
    result = _deploy_check({"SECURE_HSTS_SECONDS": "0"})
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_check_deploy_wants_an_encryption_key():
    result = _deploy_check({"FIELD_ENCRYPTION_KEYS": ""})
    assert result.returncode != 0
    assert "core.E003" in result.stdout + result.stderr
