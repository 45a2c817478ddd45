"""The signal form under hypothesis (as tests/fuzz does for the other public
forms): whatever is sent, never a server error; a refused form saves
nothing, an accepted one saves what was sent (stripped), with the postcode
cut to its digits."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from signalling.models import HelpSignal
from tests.fuzz.test_forms_hypothesis import EXAMPLES, assert_no_server_error, form_data, text

from .conftest import IN_WIELWIJK
from .conftest import form_data as good_data

pytestmark = pytest.mark.django_db
fuzz = hypothesis_settings(hypothesis_settings.get_profile("fuzz"), max_examples=EXAMPLES)

FIELDS = {
    "postcode": st.one_of(st.just(IN_WIELWIJK), st.just("3317ab"), text),
    "resident": text,
    "concern": text,
    "consent": st.one_of(st.sampled_from(["given", "not_possible"]), text),
    "no_consent_reason": text,
    "signaller_phone": st.one_of(st.just("06-12345678"), text),
    "nagekeken": st.one_of(st.just("1"), text),
    "website": text,
}


@fuzz
@given(data=form_data(good_data(), **FIELDS))
@example(data=good_data(concern=" Ze is al dagen niet buiten geweest. ", postcode="3317ab"))
@example(data=good_data(concern="a\x00b", resident="\x00"))
@example(data=good_data(consent="not_possible", no_consent_reason=" "))
def test_signal_form(client, neighbour, postcodes, wijkteam, data):
    cache.clear()
    HelpSignal.objects.all().delete()
    client.force_login(neighbour)
    response = client.post("/signaleren/", data)
    assert_no_server_error(response)
    saved = list(HelpSignal.objects.all())
    if response.status_code == 302:
        [signal] = saved
        assert signal.concern == data["concern"].strip()
        assert signal.resident == data["resident"].strip()
        assert signal.postcode == "3317"
        assert signal.contact_point == wijkteam
    else:
        assert saved == []
