"""Moderating a help request: words that suggest health or identity data are
marked, the moderator is asked to edit them out and can edit the text before
approving; the word list is kept by moderators in the Wagtail admin.

Only the HTTP interface is used here (see test_sensitive_terms.py for the
matching itself)."""

import functools

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail

from initiatives.permissions import MODERATORS, grant_access
from initiatives.services import initiative_member_add
from tests.factories import HelpRequestFactory, InitiativePageFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/hulpvragen/moderatie/"
TELLING = (
    "Mijn vader (84) heeft beginnende dementie. Hij woont in de Dorpsstraat 12, "
    "3311 AB. Bel 06-12345678 of mail jan@example.nl."
)
PLAIN = "Wie gaat er op dinsdag mee naar de markt om boodschappen te doen?"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@gemeente.nl")
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


@pytest.fixture
def telling(db):
    return HelpRequestFactory(
        status="pending",
        published_at=None,
        title="Gezelschap voor vader (84)",
        description=TELLING,
        when_text="dinsdag",
    )


def _act(help_request) -> str:
    return f"{URL}{help_request.pk}/"


def test_the_screen_marks_health_and_identity_words(client, moderator, telling):
    client.force_login(moderator)
    html = client.get(URL).content.decode()
    for text, reason in [
        ("(84)", "leeftijd"),
        ("dementie", "gezondheid"),
        ("Dorpsstraat 12", "adres"),
        ("3311 AB", "postcode"),
        ("06-12345678", "telefoonnummer"),
        ("jan@example.nl", "e-mailadres"),
    ]:
        assert f'<mark title="{reason}">{text}</mark>' in html, text
    assert "Let op:" in html and "Tekst aanpassen" in html
    # The text can be edited before approving.
    assert 'name="description"' in html and "beginnende dementie" in html
    assert 'name="keep_marked"' in html


def test_plain_text_gets_no_warning(client, moderator):
    HelpRequestFactory(status="pending", published_at=None, description=PLAIN)
    client.force_login(moderator)
    html = client.get(URL).content.decode()
    assert "<mark title" not in html and "Let op:" not in html
    assert 'name="keep_marked"' not in html


def test_the_text_is_escaped_around_the_marks(client, moderator):
    HelpRequestFactory(
        status="pending", published_at=None, description="<script>x()</script> dementie"
    )
    client.force_login(moderator)
    html = client.get(URL).content.decode()
    assert "<script>x()" not in html
    assert '&lt;script&gt;x()&lt;/script&gt; <mark title="gezondheid">dementie</mark>' in html


def test_approving_the_edited_text_publishes_that(client, moderator, telling, commit):
    client.force_login(moderator)
    edited = "Mijn vader zoekt iemand om samen koffie mee te drinken."
    with commit():
        response = client.post(
            _act(telling),
            {"approve": "1", "title": "Gezelschap voor vader", "description": edited,
             "when_text": "dinsdag"},
        )  # fmt: skip
    assert response.status_code == 302
    telling.refresh_from_db()
    assert telling.status == "published"
    assert (telling.title, telling.description) == ("Gezelschap voor vader", edited)
    (message,) = mail.outbox
    assert "We hebben je tekst een beetje aangepast" in message.body
    public = client.get(f"/hulpvragen/{telling.pk}/").content.decode()
    assert "dementie" not in public and "06-12345678" not in public


def test_marked_words_left_in_need_a_tick(client, moderator, telling):
    client.force_login(moderator)
    response = client.post(
        _act(telling),
        {"approve": "1", "title": "Gezelschap", "description": "Vader heeft dementie."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er staan nog gemarkeerde woorden in de tekst" in html
    assert "Vader heeft dementie." in html  # what was typed is kept
    telling.refresh_from_db()
    assert telling.status == "pending" and telling.description == TELLING


def test_with_the_tick_they_may_stay(client, moderator, telling, commit):
    client.force_login(moderator)
    with commit():
        response = client.post(
            _act(telling),
            {"approve": "1", "title": "Gezelschap", "description": "Vader heeft dementie.",
             "keep_marked": "on"},
        )  # fmt: skip
    assert response.status_code == 302
    telling.refresh_from_db()
    assert telling.status == "published" and telling.description == "Vader heeft dementie."


def test_approving_as_it_is_still_works_for_plain_text(client, moderator, commit):
    plain = HelpRequestFactory(status="pending", published_at=None, description=PLAIN)
    client.force_login(moderator)
    with commit():
        assert client.post(_act(plain), {"approve": "1"}).status_code == 302
    plain.refresh_from_db()
    assert plain.status == "published" and plain.description == PLAIN
    assert "aangepast" not in mail.outbox[0].body


def test_approving_marked_text_as_it_is_asks_first(client, moderator, telling):
    client.force_login(moderator)
    assert client.post(_act(telling), {"approve": "1"}).status_code == 400
    telling.refresh_from_db()
    assert telling.status == "pending"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": " ", "description": PLAIN}, "Vul een korte omschrijving in."),
        ({"title": "Hulp", "description": ""}, "Vul de tekst van de hulpvraag in."),
        ({"title": "x" * 101, "description": PLAIN}, "hooguit 100 tekens"),
    ],
)
def test_bad_edits_are_dutch_errors(client, moderator, telling, data, message):
    client.force_login(moderator)
    response = client.post(_act(telling), {"approve": "1", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    telling.refresh_from_db()
    assert telling.status == "pending"


def test_rejecting_ignores_the_text_and_needs_a_reason(client, moderator, telling):
    client.force_login(moderator)
    response = client.post(_act(telling), {"approve": "0", "reason": ""})
    assert response.status_code == 400
    assert "Schrijf waarom de hulpvraag niet geplaatst wordt" in response.content.decode()
    response = client.post(
        _act(telling), {"approve": "0", "reason": "Er staat te veel over je vader in."}
    )
    assert response.status_code == 302
    telling.refresh_from_db()
    assert telling.status == "rejected" and telling.description == TELLING


# -- the word list in the Wagtail admin ------------------------------------------
ADMIN = "/admin/sensitive_terms/"


def test_moderators_keep_the_word_list(client, moderator):
    HelpRequestFactory(
        status="pending", published_at=None, description="Mijn buurvrouw Truus zoekt hulp."
    )
    client.force_login(moderator)
    assert client.get(ADMIN).status_code == 200
    assert "Gevoelige woorden" in client.get("/admin/").content.decode()
    response = client.post(
        f"{ADMIN}new/",
        {"term": "Truus", "kind": "word", "reason": "naam", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert '<mark title="naam">Truus</mark>' in client.get(URL).content.decode()


def test_a_bad_pattern_is_refused_in_dutch(client, moderator):
    client.force_login(moderator)
    for pattern, message in [
        ("(a+)+$", "herhaalt een groep"),
        ("[abc", "Dit patroon klopt niet"),
        ("x*", "lege tekst"),
    ]:
        response = client.post(
            f"{ADMIN}new/", {"term": pattern, "kind": "pattern", "reason": "test"}
        )
        assert response.status_code == 200, pattern
        assert message in response.content.decode(), pattern


def test_initiative_editors_cannot_touch_the_list(client, index):
    initiative = InitiativePageFactory(parent=index)
    grant_access(initiative)
    editor = UserFactory()
    initiative_member_add(user=editor, initiative=initiative)
    client.force_login(editor)
    assert client.get(ADMIN).status_code in (302, 403)
    assert "Gevoelige woorden" not in client.get("/admin/").content.decode()
    response = client.post(f"{ADMIN}new/", {"term": "x", "kind": "word", "reason": "x"})
    assert response.status_code in (302, 403)
    assert not apps.get_model("helprequests", "SensitiveTerm").objects.filter(term="x").exists()
