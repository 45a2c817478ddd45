"""Notes of signals and referrals are ciphertext in the database (issue 17)."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from core import crypto


def test_round_trip_and_rotation():
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        stored = crypto.encrypt("mevrouw eet slecht sinds de verhuizing")
    assert "mevrouw" not in stored
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        assert crypto.decrypt(stored) == "mevrouw eet slecht sinds de verhuizing"
        rotated = crypto.rotate(stored)
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        assert crypto.decrypt(rotated) == "mevrouw eet slecht sinds de verhuizing"
        # Without the old key the old value cannot be read, and says so.
        with pytest.raises(ImproperlyConfigured):
            crypto.decrypt(stored)


def test_empty_key_list_is_a_configuration_error():
    with override_settings(FIELD_ENCRYPTION_KEYS=[]), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


@pytest.mark.parametrize(
    ("keys", "ok"),
    [
        ([], False),
        (["ZGV2LW9ubHktbm90LXNlY3JldC1tZWVkb2VuLWtleSE="], False),
        (["not a key"], False),
        ([Fernet.generate_key().decode()], True),
    ],
)
def test_deploy_check(keys, ok):
    with override_settings(FIELD_ENCRYPTION_KEYS=keys):
        crypto._fernet.cache_clear()
        errors = crypto.check_field_keys(None)
    assert (errors == []) is ok
    if not ok:
        assert errors[0].id == "core.E003"


@pytest.mark.django_db
def test_field_stores_ciphertext(django_user_model):
    from signalling.models import HelpSignal

    signal = HelpSignal.objects.create(
        signaller_kind="neighbour",
        postcode="3317",
        concern="de buurman komt de deur niet meer uit",
        consent="given",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT concern FROM signalling_helpsignal WHERE id = %s", [signal.pk])
        (raw,) = cursor.fetchone()
    assert raw.startswith(crypto.PREFIX) and "buurman" not in raw
    assert HelpSignal.objects.get(pk=signal.pk).concern == "de buurman komt de deur niet meer uit"
    with pytest.raises(TypeError):
        HelpSignal.objects.filter(concern__icontains="buurman").count()
    # An exact match on text would compare with a fresh ciphertext and never
    # match: refused, while "is it empty" still works.
    with pytest.raises(TypeError):
        HelpSignal.objects.filter(concern="de buurman komt de deur niet meer uit").count()
    assert HelpSignal.objects.exclude(concern="").filter(pk=signal.pk).exists()
