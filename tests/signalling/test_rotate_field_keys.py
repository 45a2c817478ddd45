"""`rotate_field_keys` re-encrypts every EncryptedTextField under the newest
key, in batches, so the old key can then be removed."""

from __future__ import annotations

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from core.crypto import generate_key
from signalling.models import HelpSignal

from .conftest import HelpSignalFactory

pytestmark = pytest.mark.django_db


def _stored(pk: int) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT concern, resident, no_consent_reason FROM signalling_helpsignal WHERE id = %s",
            [pk],
        )
        concern, resident, reason = cursor.fetchone()
    return {"concern": concern, "resident": resident, "no_consent_reason": reason}


def _readable_with(key: str, stored: str) -> bool:
    try:
        Fernet(key.encode()).decrypt(stored.removeprefix("fernet:").encode())
    except Exception:  # noqa: BLE001
        return False
    return True


def test_rotation_moves_every_value_to_the_newest_key(wijkteam, settings):
    old = settings.FIELD_ENCRYPTION_KEYS[0]
    signals = [
        HelpSignalFactory(contact_point=wijkteam, resident=f"meneer op nr. {n}") for n in range(5)
    ]
    # An empty value stays empty: nothing to encrypt.
    signals[0].resident = ""
    signals[0].save()
    new = generate_key()
    settings.FIELD_ENCRYPTION_KEYS = [new, old]

    out = StringIO()
    call_command("rotate_field_keys", "--batch", "2", stdout=out)

    assert "signalling.HelpSignal: 9 waarden" in out.getvalue()
    for signal in signals:
        stored = _stored(signal.pk)
        assert stored["no_consent_reason"] == ""
        for name in ("concern", "resident"):
            if stored[name]:
                assert _readable_with(new, stored[name]) and not _readable_with(old, stored[name])
    assert _stored(signals[0].pk)["resident"] == ""
    # Without the old key everything still reads.
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert HelpSignal.objects.get(pk=signals[3].pk).resident == "meneer op nr. 3"
    assert HelpSignal.objects.get(pk=signals[3].pk).concern.startswith("Ik zie haar")


def test_without_keys_it_stops_before_touching_anything(wijkteam, settings):
    signal = HelpSignalFactory(contact_point=wijkteam)
    before = _stored(signal.pk)
    settings.FIELD_ENCRYPTION_KEYS = []
    with pytest.raises(Exception, match="FIELD_ENCRYPTION_KEYS is empty"):
        call_command("rotate_field_keys", stdout=StringIO())
    assert _stored(signal.pk) == before
