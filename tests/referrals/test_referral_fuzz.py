"""The referral form and the application form under hypothesis (as
tests/fuzz does for the other forms): whatever is sent, never a server
error; a refused form saves nothing; an accepted referral has consent and
keeps only what was shared."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from professionals.models import ProfessionalProfile
from referrals.models import Referral
from tests.factories import UserFactory
from tests.fuzz.test_forms_hypothesis import EXAMPLES, assert_no_server_error, form_data, text
from tests.referrals.conftest import referral_form

pytestmark = pytest.mark.django_db
fuzz = hypothesis_settings(hypothesis_settings.get_profile("fuzz"), max_examples=EXAMPLES)

tick = st.one_of(st.just("on"), text)
FIELDS = {
    "resident_name": text,
    "resident_phone": st.one_of(st.just("06 12345678"), text),
    "resident_email": st.one_of(st.just("truus@example.nl"), text),
    "note": text,
    "share_name": tick,
    "share_phone": tick,
    "share_email": tick,
    "share_note": tick,
    "preferred_contact": st.one_of(st.sampled_from(["phone", "email", "professional"]), text),
    "notify_resident": tick,
    "consent_given": tick,
    "nagekeken": st.one_of(st.just("1"), text),
    "website": text,
}


@fuzz
@given(data=form_data(referral_form(), **FIELDS))
@example(data=referral_form(resident_name="a\x00b"))
@example(data=referral_form(share_phone="", preferred_contact="professional"))
@example(data=referral_form(consent_given=""))
@example(data=referral_form(notify_resident="on", resident_email=""))
def test_referral_form(client, world, data):
    cache.clear()
    Referral.objects.all().delete()
    client.force_login(world["huisarts"])
    response = client.post(f"/verwijzen/{world['activity'].pk}/", data)
    assert_no_server_error(response)
    saved = list(Referral.objects.all())
    if response.status_code == 302:
        [referral] = saved
        assert referral.consent_given
        for shared, value in (
            (referral.consent_share_name, referral.resident_name),
            (referral.consent_share_phone, referral.resident_phone),
            (referral.consent_share_email, referral.resident_email),
            (referral.consent_share_note, referral.note),
        ):
            assert shared or value == ""
    else:
        assert saved == []


@fuzz
@given(
    data=form_data(
        {"organisation": "Praktijk", "role": "huisarts", "work_phone": "", "contact_point": ""},
        organisation=text,
        role=st.one_of(st.sampled_from(["huisarts", "contactpunt", "poh"]), text),
        work_phone=text,
        municipality=text,
        contact_point=text,
        website=text,
    )
)
def test_application_form(client, world, data):
    cache.clear()
    ProfessionalProfile.objects.exclude(user=world["huisarts"]).delete()
    client.force_login(UserFactory())
    data = {"municipality": str(world["dordrecht"].pk), **data}
    response = client.post("/professionals/aanmelden/", data)
    assert_no_server_error(response)
    created = ProfessionalProfile.objects.exclude(user=world["huisarts"])
    assert created.count() == (1 if response.status_code == 302 else 0)
