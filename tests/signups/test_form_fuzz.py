"""The public sign-up form under hypothesis (as tests/fuzz does for every
public form): whatever is sent, never a server error; a refused form saves
nothing, an accepted one saves what was sent, trimmed."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import strategies as st

from signups.models import Signup
from tests.fuzz.test_forms_hypothesis import assert_no_server_error, form_data, fuzz, text

pytestmark = pytest.mark.django_db

VALID = {"name": "Fatima", "email": "fatima@example.nl", "phone": "06 12345678"}
FIELDS = {
    "name": text,
    "email": st.one_of(st.sampled_from(["a@b.nl", "geen-adres", "x@y"]), text),
    "phone": st.one_of(st.sampled_from(["0612345678", "+31 6 1234 5678", "12"]), text),
    "website": st.one_of(st.just(""), text),
}


@fuzz
@given(data=form_data(VALID, **FIELDS))
@example(data={"name": "Fatima\x00", "email": "fatima@example.nl", "phone": ""})
@example(data={"name": " Fatima ", "email": "", "phone": "06\x0012345678"})
def test_sign_up_form(client, activity, day, data):
    cache.clear()
    Signup.objects.all().delete()
    response = client.post(f"/aanmelden/{activity.pk}/{day:%Y-%m-%d}/", data)
    assert_no_server_error(response)
    saved = list(Signup.objects.all())
    if response.status_code == 302:
        assert [s.name for s in saved] == [data["name"].strip()]
    else:
        assert saved == []


@fuzz
@given(day=text, token=text)
def test_addresses_with_junk(client, activity, day, token):
    for url in (
        f"/aanmelden/{activity.pk}/{day}/",
        f"/aanmelding/afmelden/{token}/",
        f"/aanmelding/bevestigen/{token}/",
        f"/aanmelden/klaar/{token}/",
    ):
        assert_no_server_error(client.get(url))
