"""Property-based tests (hypothesis) over the search and filter parameters and
every public form: whatever is sent, never a server error; a refused form
saves nothing, and an accepted one saves what was sent (normalised).

Budgets are fixed (EXAMPLES) and derandomised, see conftest.py."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis import example, given, settings
from hypothesis import strategies as st

from helprequests.models import HelpOffer, HelpRequest
from initiatives.models import InitiativePage, InitiativeRegistration, PostcodeCentroid
from tests.factories import HelpRequestFactory, UserFactory
from tests.fuzz.conftest import DORDRECHT
from volunteers.models import Response, VolunteerProfile

pytestmark = pytest.mark.django_db

# FUZZ_EXAMPLES=500 for a longer hunt on a laptop; CI keeps the fixed budget.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))
fuzz = settings(settings.get_profile("fuzz"), max_examples=EXAMPLES)

# Text a person, a bot or a broken client may send. No lone surrogates: those
# cannot be sent as UTF-8 at all (a browser turns them into U+FFFD).
CHARS = st.characters(exclude_categories=["Cs"])
NASTY = [
    "",
    " ",
    "\t\r\n ",
    "\x00",
    "koffie\x00",
    "3317\x00AB",
    "\x1b[31m\x7f\x9f",
    "\ufffd",
    "<script>alert(1)</script>",
    "<b>vet</b> &amp; &lt;",
    "'; DROP TABLE auth_user; --",
    '" OR 1=1 --',
    "koffie AND (thee OR",
    '"koffie',
    "*",
    "%",
    "%00",
    "\\",
    "💩👩‍👩‍👧",
    "ＡＢＣ１２３",
    "²",
    "١٢",
    "-1",
    "0",
    "1.5",
    "1,5",
    "1e308",
    "NaN",
    "99999999999999999999",
    "2147483648",
    "9999-99-99",
    "0000-01-01",
    "3317 AB",
    "3317ab",
    "51.81,4.69",
    "a@b.c",
    "x" * 5000,
    "é" * 300,
]
# Ordinary text with a NUL (which PostgreSQL refuses in text), a line break or
# an invisible character inside: passes a quick look, not the database.
poisoned = st.builds(
    lambda before, bad, after: before + bad + after,
    st.text(CHARS, max_size=10),
    st.sampled_from(["\x00", "\x00\x00", "\r\n", "\u202e", "\ufeff", "\x0b"]),
    st.text(CHARS, max_size=10),
)
text = st.one_of(
    st.sampled_from(NASTY),
    poisoned,
    st.text(CHARS, max_size=40),
    st.text(CHARS, min_size=150, max_size=400),
)
# A value, several values (a repeated parameter) or none at all.
value = st.one_of(text, st.lists(text, min_size=2, max_size=3))


def params(**fields):
    """Some of ``fields`` (name -> strategy), each maybe left out."""
    return st.fixed_dictionaries({}, optional=fields)


def form_data(valid: dict, **fields):
    """Form data: either any mix of ``fields``, or the ``valid`` data with some
    fields replaced, so that one bad field in an otherwise good form (the case
    that reaches the database) is tried as often as a form full of junk."""
    overrides = st.fixed_dictionaries({}, optional=fields)
    return st.one_of(overrides, overrides.map(lambda changed: {**valid, **changed}))


def assert_no_server_error(response):
    assert response.status_code < 500, response.content[:2000]


def assert_message_saved_or_nothing(model, response, data, **expected):
    """After a redirect: at most the one row, with the message sent (stripped)
    and the ``expected`` attributes; otherwise no row at all."""
    assert_no_server_error(response)
    saved = list(model.objects.all())
    if response.status_code == 302 and saved:
        assert [row.message for row in saved] == [data["message"].strip()]
        for name, value in expected.items():
            assert getattr(saved[0], name) == value
    else:
        assert saved == []


# -- search and listing parameters ----------------------------------------------------
SEARCH = params(
    q=value,
    waar=st.one_of(st.sampled_from(["3317", "3317 AB", "51.81,4.69", "Dordrecht"]), value),
    straal=value,
    type=st.one_of(st.sampled_from(["activity", "vacancy", "initiative"]), value),
    thema=st.one_of(st.just("eenzaamheid"), value),
    doelgroep=value,
    wijk=value,
    van=value,
    tot=value,
    dag=st.one_of(st.sampled_from(["0", "6"]), value),
    gratis=value,
    nu_open=value,
    open_op=value,
    rolstoel=value,
    sorteer=st.one_of(st.sampled_from(["relevance", "distance", "date"]), value),
    pagina=value,
    per_pagina=value,
    **{"\x00": value, "<x>": value},
)


@fuzz
@given(query=SEARCH, path=st.sampled_from(["/zoeken/", "/api/search/", "/api/search.geojson"]))
@example(query={"q": "koffie\x00", "wijk": "²", "pagina": "١٢", "straal": "²"}, path="/api/search/")
@example(
    query={"waar": "3317\x00AB", "van": "9999-99-99", "per_pagina": "2147483648"}, path="/zoeken/"
)
def test_search_parameters(client, listings, query, path):
    response = client.get(path, query)
    assert_no_server_error(response)
    if path != "/zoeken/":
        assert response.status_code in (200, 400)
        body = response.json()
        assert ("errors" in body) == (response.status_code == 400)


LISTING = params(
    postcode=st.one_of(st.sampled_from(["3317", "3317 AB", "1234 ZZ"]), value),
    km=value,
    thema=st.one_of(st.just("eenzaamheid"), value),
    gemeente=value,
    wijk=value,
    pagina=value,
)


@fuzz
@given(
    query=LISTING, path=st.sampled_from(["/activiteiten/", "/ontmoetingsplekken/", "/vacatures/"])
)
@example(query={"postcode": "3317\x00AB", "thema": "\x00", "gemeente": "\x00"}, path="/vacatures/")
@example(query={"wijk": "99999999999999999999", "km": "²", "pagina": "\x00"}, path="/activiteiten/")
def test_listing_filters(client, listings, query, path):
    assert_no_server_error(client.get(path, query))


@fuzz
@given(wijk=value)
@example(wijk="²")
@example(wijk="99999999999999999999")
@example(wijk="1\x00")
def test_calendar_feed_wijk(client, listings, wijk):
    response = client.get("/activiteiten/agenda.ics", {"wijk": wijk})
    assert response.status_code in (200, 400)


@fuzz
@given(query=params(soort=value, postcode=value, pagina=value))
def test_help_request_filters(client, query):
    assert_no_server_error(client.get("/hulpvragen/", query))


# -- public forms ---------------------------------------------------------------------
def counts(*models):
    return [m.objects.count() for m in models]


User = get_user_model()
email = st.one_of(st.emails().filter(lambda e: len(e) < 200), text)
password = st.one_of(st.just("een-lang-en-sterk-wachtwoord-7"), text)
checkbox = st.one_of(st.just("on"), text)

STRONG = "een-lang-en-sterk-wachtwoord-7"
SIGNUP = {
    "email": "anna@example.nl",
    "password1": STRONG,
    "password2": STRONG,
    "privacy_consent": "on",
}
SLOTS = ["mon-morning", "tue-evening", "sun-afternoon"]
PROFILE = {
    "display_name": "Anna",
    "postcode": "3317 AB",
    "travel_km": "5",
    "languages": "Nederlands",
    "availability": SLOTS,
}
HELP_REQUEST = {
    "kind": "groceries",
    "title": "Boodschappen op dinsdag",
    "description": "Ik kan zelf niet naar de winkel.",
    "postcode": "3317 AB",
}
REGISTRATION = {
    "title": "Buurtmoestuin",
    "intro": "Samen groente kweken.",
    "postcode": "3317 AB",
    "contact_name": "Anna de Vries",
    "email": "anna@example.nl",
    "agree": "on",
}

SIGNUP_FIELDS = dict(
    email=email,
    password1=password,
    password2=password,
    privacy_consent=checkbox,
    website=text,
)

PROFILE_FIELDS = dict(
    display_name=st.one_of(st.just("Anna"), text),
    postcode=st.one_of(st.sampled_from(["3317 AB", "3317ab", ""]), text),
    travel_km=st.one_of(st.sampled_from(["5", "1", "100"]), text),
    languages=st.one_of(st.just("Nederlands, Engels"), text),
    introduction=text,
    availability=st.one_of(st.sampled_from(SLOTS), value),
    themes=value,
    skills=value,
    has_vog=checkbox,
    visible_to_initiatives=checkbox,
    match_alerts=checkbox,
)

HELP_REQUEST_FIELDS = dict(
    kind=st.one_of(st.sampled_from(["groceries", "other"]), value),
    title=st.one_of(st.just("Boodschappen op dinsdag"), text),
    description=st.one_of(st.just("Ik kan zelf niet naar de winkel."), text),
    when_text=text,
    when_date=st.one_of(st.just("2030-01-01"), text),
    postcode=st.one_of(st.just("3317 AB"), text),
    asked_for_someone_else=checkbox,
    on_behalf_of=text,
    website=text,
)

REGISTRATION_FIELDS = dict(
    title=st.one_of(st.just("Buurtmoestuin"), text),
    intro=st.one_of(st.just("Samen groente kweken."), text),
    description=text,
    themes=value,
    street=text,
    house_number=text,
    postcode=st.one_of(st.sampled_from(["3317 AB", "3317"]), text),
    town=text,
    website=st.one_of(st.just("www.moestuin.nl"), text),
    public_email=email,
    public_phone=text,
    contact_name=st.one_of(st.just("Anna de Vries"), text),
    email=email,
    phone=text,
    message=text,
    agree=checkbox,
    bedrijfsnaam=text,
)


@fuzz
@given(data=form_data(SIGNUP, **SIGNUP_FIELDS))
@example(
    data={
        "email": "anna@example.nl",
        "password1": "een-lang-en-sterk-wachtwoord-7",
        "password2": "een-lang-en-sterk-wachtwoord-7",
        "privacy_consent": "on",
    }
)
@example(
    data={
        "email": "anna\x00@example.nl",
        "password1": "a\x00" * 8,
        "password2": "a\x00" * 8,
        "privacy_consent": "on",
    }
)
def test_signup(client, home, data):
    cache.clear()  # allauth's sign-up limit per address
    before = counts(User, VolunteerProfile)
    response = client.post("/account/signup/", data)
    assert_no_server_error(response)
    if response.status_code == 302:
        user = User.objects.get(email__iexact=data["email"].strip())
        assert user.check_password(data["password1"])
        client.logout()
        user.delete()
    else:
        assert counts(User, VolunteerProfile) == before


@fuzz
@given(data=params(login=email, password=password, remember=checkbox))
@example(data={"login": "\x00", "password": "\x00"})
def test_login(client, home, data):
    cache.clear()
    before = counts(User)
    assert_no_server_error(client.post("/account/login/", data))
    assert counts(User) == before


@fuzz
@given(data=params(email=email))
@example(data={"email": "anna@example.nl\x00"})
def test_password_reset(client, home, data):
    cache.clear()
    before = counts(User)
    assert_no_server_error(client.post("/account/password/reset/", data))
    assert counts(User) == before


@pytest.fixture
def volunteer(client, home):
    user = UserFactory()
    client.force_login(user)
    return user


def profile_snapshot(user):
    return list(VolunteerProfile.objects.filter(user=user).values())


@fuzz
@given(data=form_data(PROFILE, **PROFILE_FIELDS))
@example(
    data={
        "display_name": "  Anna ",
        "postcode": "3317ab",
        "travel_km": "5",
        "languages": "nederlands,, Engels",
        "introduction": "Ik kook graag.",
        "availability": SLOTS,
    }
)
@example(
    data={
        "display_name": "Anna\x00",
        "postcode": "3317\x00AB",
        "travel_km": "²",
        "languages": "\x00",
        "introduction": "\x00",
    }
)
@example(data={**PROFILE, "languages": "Neder\x00lands"})
def test_profile(client, listings, volunteer, data):
    cache.clear()
    before = profile_snapshot(volunteer)
    response = client.post("/profiel/", data)
    assert_no_server_error(response)
    if response.status_code == 302:
        profile = VolunteerProfile.objects.get(user=volunteer)
        assert profile.display_name == data["display_name"].strip()
        assert profile.introduction == data.get("introduction", "").strip()
        assert profile.travel_km == int(data["travel_km"])
    else:
        assert profile_snapshot(volunteer) == before


@fuzz
@given(data=form_data(HELP_REQUEST, **HELP_REQUEST_FIELDS))
@example(
    data={
        "kind": "groceries",
        "title": " Boodschappen op dinsdag ",
        "description": "Ik kan zelf niet naar de winkel.",
        "postcode": "3317 AB",
    }
)
@example(
    data={
        "kind": "groceries",
        "title": "Boodschappen\x00",
        "description": "\x00",
        "when_text": "\x00",
        "postcode": "3317 AB",
        "on_behalf_of": "\x00",
    }
)
def test_help_request(client, listings, volunteer, data):
    cache.clear()
    before = counts(HelpRequest)
    response = client.post("/hulpvragen/nieuw/", data)
    assert_no_server_error(response)
    if response.status_code == 302:
        help_request = HelpRequest.objects.latest("pk")
        assert help_request.requester == volunteer
        assert help_request.title == data["title"].strip()
        assert help_request.description == data["description"].strip()
        assert help_request.kind == data["kind"]
        help_request.delete()
    else:
        assert counts(HelpRequest) == before


@pytest.fixture
def help_request(listings):
    return HelpRequestFactory()


@fuzz
@given(
    data=form_data(
        {"message": "Ik kan op dinsdag."},
        message=st.one_of(st.just("Ik kan op dinsdag."), text),
        website=text,
    )
)
@example(data={"message": " Ik kan op dinsdag. "})
@example(data={"message": "Ik kan\x00"})
def test_help_offer(client, volunteer, help_request, data):
    cache.clear()
    HelpOffer.objects.all().delete()
    response = client.post(f"/hulpvragen/{help_request.pk}/", data)
    assert_message_saved_or_nothing(HelpOffer, response, data, volunteer=volunteer)


@fuzz
@given(data=form_data({"message": "Ik help graag."}, message=text))
@example(data={"message": " Ik help graag. "})
@example(data={"message": "Ik help\x00"})
def test_respond_to_vacancy(client, listings, volunteer, data):
    cache.clear()
    Response.objects.all().delete()
    response = client.post(f"/vacatures/{listings['vacancy'].pk}/reageren/", data)
    assert_message_saved_or_nothing(Response, response, data)


@fuzz
@given(data=form_data(REGISTRATION, **REGISTRATION_FIELDS))
@example(
    data={
        "title": " Buurtmoestuin ",
        "intro": "Samen groente kweken.",
        "postcode": "3317 AB",
        "contact_name": "Anna de Vries",
        "email": "anna@example.nl",
        "agree": "on",
    }
)
@example(
    data={
        "title": "Moestuin\x00",
        "intro": "\x00",
        "postcode": "3317 AB",
        "contact_name": "Anna\x00",
        "email": "anna@example.nl",
        "agree": "on",
        "street": "\x00",
        "town": "\x00",
        "message": "\x00",
        "description": "a\x00b",
    }
)
def test_register_initiative(client, listings, data):
    cache.clear()
    client.logout()
    before = counts(InitiativeRegistration, InitiativePage, User)
    response = client.post("/initiatief-aanmelden/", data)
    assert_no_server_error(response)
    if response.status_code == 302:
        registration = InitiativeRegistration.objects.latest("pk")
        assert registration.page.title == data["title"].strip()
        assert registration.page.intro == data["intro"].strip()
        assert registration.contact_name == data["contact_name"].strip()
        assert counts(InitiativeRegistration, InitiativePage) == [before[0] + 1, before[1] + 1]
    else:
        assert counts(InitiativeRegistration, InitiativePage, User) == before


# -- one bad field in an otherwise good form ---------------------------------------------
# The form tests above mostly send forms with several bad fields, which the
# first check refuses. The inputs that reach the database (and can break it)
# are good forms with one bad field: every field of every form gets a NUL in
# the middle of its good value, then PER_FIELD generated values.
PER_FIELD = int(os.environ.get("FUZZ_PER_FIELD", "4"))
# name -> (address, good data, field strategies, logged in, models that a refusal leaves)
FORMS = {
    "signup": ("/account/signup/", SIGNUP, SIGNUP_FIELDS, False, (User,)),
    "profile": ("/profiel/", PROFILE, PROFILE_FIELDS, True, (VolunteerProfile,)),
    "help_request": ("/hulpvragen/nieuw/", HELP_REQUEST, HELP_REQUEST_FIELDS, True, (HelpRequest,)),
    "registration": (
        "/initiatief-aanmelden/",
        REGISTRATION,
        REGISTRATION_FIELDS,
        False,
        (InitiativeRegistration, InitiativePage, User),
    ),
}


def with_nul(good):
    if isinstance(good, list):
        return [f"{item}\x00" for item in good] or ["\x00"]
    return f"{good[:1]}\x00{good[1:]}" if good else "\x00"


@pytest.mark.parametrize(
    ("form", "field"), [(form, field) for form, spec in FORMS.items() for field in spec[2]]
)
def test_one_bad_field(client, index, form, field):
    PostcodeCentroid.objects.create(postcode="3317 AB", point=DORDRECHT, town="Dordrecht")
    url, good, fields, logged_in, models = FORMS[form]
    if logged_in:
        client.force_login(UserFactory())

    def attempt(bad):
        cache.clear()
        before = counts(*models)
        response = client.post(url, {**good, field: bad})
        assert_no_server_error(response)
        if response.status_code != 302:
            assert counts(*models) == before, f"{field}={bad!r} was refused but saved"

    attempt(with_nul(good.get(field, "tekst")))
    settings(fuzz, max_examples=PER_FIELD)(given(fields[field])(attempt))()


def test_registration_when_allauth_finds_no_unique_username(client, index, monkeypatch):
    """Found by test_one_bad_field: allauth gives up after a few tries at a
    unique username ('Anna de Vries' registered often enough) and raised out
    of the view."""
    from allauth.account.adapter import DefaultAccountAdapter

    def give_up(self, txts, regex=None):
        raise NotImplementedError("Unable to find a unique username")

    monkeypatch.setattr(DefaultAccountAdapter, "generate_unique_username", give_up)
    PostcodeCentroid.objects.create(postcode="3317 AB", point=DORDRECHT, town="Dordrecht")
    response = client.post("/initiatief-aanmelden/", REGISTRATION)
    assert response.status_code == 302
    # The account is made when the applicant follows the confirmation link.
    from initiatives.services import confirmation_path

    registration = InitiativeRegistration.objects.get()
    assert client.post(confirmation_path(registration)).status_code == 302
    user = User.objects.get(email=REGISTRATION["email"])
    assert user.username.startswith("user-") and not user.is_active
