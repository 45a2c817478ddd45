"""The project's production checks (core/checks.py), run by check --deploy
and `make deploy-check` (docs/deploy.md)."""

from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path

import pytest
from django.core.checks import Error, Warning
from django.core.checks.registry import registry
from django.test import override_settings

from core.backups import new_key
from core.checks import (
    check_allowed_hosts,
    check_backup_encryption,
    check_debug_off,
    check_mail_backend,
    check_secret_key,
    check_shared_cache,
)

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = secrets.token_urlsafe(50)


def ids(messages):
    return [m.id for m in messages]


@pytest.mark.parametrize(
    ("backend", "ok"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", False),
        ("django.core.cache.backends.db.DatabaseCache", False),
        ("django.core.cache.backends.filebased.FileBasedCache", False),
        ("django.core.cache.backends.redis.RedisCache", True),
        ("django.core.cache.backends.memcached.PyMemcacheCache", True),
    ],
)
def test_shared_cache(backend, ok):
    with override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": "x"}}):
        assert (ids(check_shared_cache(None)) == []) is ok
        assert ids(check_shared_cache(None)) in ([], ["core.E004"])


@pytest.mark.parametrize(
    ("backend", "ok"),
    [
        ("django.core.mail.backends.console.EmailBackend", False),
        ("django.core.mail.backends.locmem.EmailBackend", False),
        ("django.core.mail.backends.dummy.EmailBackend", False),
        ("django.core.mail.backends.filebased.EmailBackend", False),
        ("django.core.mail.backends.smtp.EmailBackend", True),
    ],
)
def test_real_mail_backend(backend, ok):
    with override_settings(EMAIL_BACKEND=backend):
        assert ids(check_mail_backend(None)) == ([] if ok else ["core.E005"])


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        (GOOD_KEY, True),
        ("", False),
        ("k" * 60, False),  # long, but one character
        ("change-me-to-a-long-random-value", False),  # .env.example
        ("change-me-to-a-long-random-value-" + "x" * 30, False),
        ("test-only-not-secret", False),
        (secrets.token_urlsafe(30), False),  # 40 characters: too short
    ],
)
def test_secret_key_strength(key, ok):
    with override_settings(SECRET_KEY=key):
        assert ids(check_secret_key(None)) == ([] if ok else ["core.E006"])


@pytest.mark.parametrize(
    ("hosts", "ok"),
    [
        (["meedoen.gemeente.nl"], True),
        (["*"], False),
        (["meedoen.gemeente.nl", "*"], False),
        ([], False),
    ],
)
def test_allowed_hosts_not_a_wildcard(hosts, ok):
    with override_settings(ALLOWED_HOSTS=hosts):
        assert ids(check_allowed_hosts(None)) == ([] if ok else ["core.E007"])


@pytest.mark.parametrize(("debug", "ok"), [(False, True), (True, False)])
def test_debug_off(debug, ok):
    with override_settings(DEBUG=debug):
        assert ids(check_debug_off(None)) == ([] if ok else ["core.E008"])


@pytest.mark.parametrize(
    ("encrypt", "key", "expected", "level"),
    [
        (None, new_key(), [], None),
        (True, new_key(), [], None),
        (True, "", ["core.E009"], Error),
        (None, "not-a-key", ["core.E009"], Error),
        (None, "", ["core.W010"], Warning),  # nobody decided
        (False, "", [], None),  # decided: encrypted storage elsewhere
    ],
)
def test_backup_encryption(encrypt, key, expected, level):
    with override_settings(BACKUP_ENCRYPT=encrypt, BACKUP_ENCRYPTION_KEY=key):
        messages = check_backup_encryption(None)
    assert ids(messages) == expected
    assert all(type(m) is level for m in messages)


def test_the_checks_run_only_with_deploy():
    deploy = {c.__name__ for c in registry.get_checks(include_deployment_checks=True)}
    normal = {c.__name__ for c in registry.get_checks(include_deployment_checks=False)}
    ours = {
        "check_shared_cache",
        "check_mail_backend",
        "check_secret_key",
        "check_allowed_hosts",
        "check_debug_off",
        "check_backup_encryption",
    }
    assert ours <= deploy
    assert not ours & normal


def _make_deploy_check(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_", "BACKUP_", "EMAIL_"))
        and k not in ("DEBUG", "CACHE_URL", "WAGTAILADMIN_BASE_URL", "FIELD_ENCRYPTION_KEYS")
    }
    env.update({"PYTHONWARNINGS": "ignore", **env_overrides})
    return subprocess.run(
        ["make", "--no-print-directory", "deploy-check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.slow
def test_make_deploy_check_passes_with_a_production_environment():
    from cryptography.fernet import Fernet

    result = _make_deploy_check(
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "meedoen.example.nl",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            "WAGTAILADMIN_BASE_URL": "https://meedoen.example.nl",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "EMAIL_URL": "smtp+tls://meedoen:wachtwoord@smtp.example.nl:587",
            "BACKUP_ENCRYPTION_KEY": new_key(),
        }
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.slow
def test_make_deploy_check_fails_on_the_development_mail_backend():
    from cryptography.fernet import Fernet

    result = _make_deploy_check(
        {
            "SECRET_KEY": GOOD_KEY,
            "ALLOWED_HOSTS": "meedoen.example.nl",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            "WAGTAILADMIN_BASE_URL": "https://meedoen.example.nl",
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "BACKUP_ENCRYPT": "false",
        }
    )
    assert result.returncode != 0
    assert "core.E005" in result.stdout + result.stderr
