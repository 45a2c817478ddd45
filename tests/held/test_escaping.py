"""What held: text people type is escaped wherever it is shown.

Titles, summaries, help requests, messages, names and registrations carry
the usual payloads: a script element, an attribute breakout with an
onerror handler, an early `</script>` (which would end a JSON-LD or
json_script block), an HTML comment opener (which changes how a script
element is parsed) and template syntax. Every place they are shown must
show them as text: the public pages, the JSON-LD and map data inside them,
search highlights, the JSON APIs (as exact strings, not HTML), the
iCalendar feeds (no line injection), and the screens where initiatives,
moderators and the municipality read what strangers typed.
"""

import json
import re

import pytest
from django.contrib.gis.geos import Point
from django.utils.html import strip_tags
from icalendar import Calendar

from helprequests.services import rounded_point
from initiatives.models import InitiativePage, InitiativeRegistration, PostcodeCentroid
from initiatives.services import confirm_registration
from search.backends import get_backend
from search.documents import all_documents
from tests.factories import (
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativeMemberFactory,
    InitiativePageFactory,
    MeetingPlacePageFactory,
    ResponseFactory,
    UserFactory,
    VacancyPageFactory,
    VolunteerProfileFactory,
)
from tests.search.conftest import WIELWIJK

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
BREAKOUT = '"><img src=x onerror=alert(1)>'
END_SCRIPT = "</script><script>alert(2)</script>"
COMMENT = "<!--<script>"
TEMPLATE = "{{ request.user.email }}{% debug %}"
TITLE = f"Koffie {SCRIPT} {BREAKOUT}"
INTRO = f"Elke week koffie {END_SCRIPT} {COMMENT} {TEMPLATE}"

# What must never appear as markup in a page that shows the payloads.
RAW = ["<script>alert(", "<img src=x", '"><img', "</script><script>", "<!--<script>"]


def assert_shown_as_text(html: str, where: str) -> None:
    for raw in RAW:
        assert raw not in html, (where, raw)
    assert "&lt;script&gt;" in html, (where, "the payload is not on the page at all")


def script_blocks(html: str, kind: str) -> list[str]:
    return re.findall(rf'<script[^>]*type="{re.escape(kind)}"[^>]*>(.*?)</script>', html, re.S)


@pytest.fixture
def pages(index):
    initiative = InitiativePageFactory(parent=index, title=TITLE, intro=INTRO, location=WIELWIJK)
    return {
        "initiative": initiative,
        "activity": ActivityPageFactory(
            parent=initiative, title=TITLE, slug="activity", intro=INTRO, location=WIELWIJK
        ),
        "place": MeetingPlacePageFactory(
            parent=initiative, title=TITLE, slug="place", intro=INTRO, location=WIELWIJK
        ),
        "vacancy": VacancyPageFactory(
            parent=initiative, title=TITLE, slug="vacancy", intro=INTRO, location=WIELWIJK
        ),
    }


# -- the public pages -----------------------------------------------------------------
@pytest.mark.parametrize("kind", ["initiative", "activity", "place", "vacancy"])
def test_detail_pages_show_the_payloads_as_text(client, pages, kind):
    html = client.get(pages[kind].url).content.decode()
    assert_shown_as_text(html, kind)
    # Template syntax in content is content: shown, never rendered.
    assert "{{ request.user.email }}" in html
    assert "{% debug %}" in html


@pytest.mark.parametrize("kind", ["initiative", "activity", "place", "vacancy"])
def test_json_ld_keeps_the_payloads_inside_its_script_element(client, pages, kind):
    html = client.get(pages[kind].url).content.decode()
    (block,) = script_blocks(html, "application/ld+json")
    assert "<" not in block and ">" not in block
    data = json.loads(block)
    assert data["name"] == TITLE
    assert data["description"] == strip_tags(INTRO)  # text, as structured_data.py says


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/activiteiten/", "activity"),
        ("/ontmoetingsplekken/", "place"),
        ("/vacatures/", "vacancy"),
        ("/initiatieven/", "initiative"),
        ("/zoeken/?q=koffie", "activity"),
    ],
)
def test_lists_and_their_map_data_show_the_payloads_as_text(client, pages, url, key):
    get_backend().rebuild(all_documents())
    html = client.get(url).content.decode()
    assert_shown_as_text(html, url)
    for block in script_blocks(html, "application/json"):
        assert "</" not in block and "<!--" not in block, url
        points = json.loads(block)
        assert all(p["title"] == TITLE for p in points if "title" in p), url


def test_the_template_syntax_in_a_title_is_not_evaluated_for_a_logged_in_visitor(client, pages):
    """If content went through the template engine, the visitor's own
    address would appear where the title says {{ request.user.email }}."""
    client.force_login(UserFactory(email="geheim-adres@example.nl"))
    html = client.get(pages["activity"].url).content.decode()
    body = html.split("</header>", 1)[1]  # the header shows the visitor's own address
    assert "geheim-adres@example.nl" not in body


# -- search highlights --------------------------------------------------------------
def test_search_highlights_mark_matches_and_escape_everything_else(client, pages):
    get_backend().rebuild(all_documents())
    data = client.get("/api/search/", {"q": "koffie"}).json()
    highlights = [r["highlight"] for r in data["results"] if r["highlight"]]
    assert highlights
    for highlight in highlights:
        assert "<mark>koffie</mark>" in highlight.lower()
        assert re.sub(r"</?mark>", "", highlight).count("<") == 0
        assert highlight.count("<mark>") == highlight.count("</mark>")
    html = client.get("/zoeken/", {"q": "koffie"}).content.decode()
    assert_shown_as_text(html, "/zoeken/")
    assert "<mark>" in html


@pytest.mark.parametrize("text", [SCRIPT, BREAKOUT, END_SCRIPT, '" autofocus onfocus="alert(1)'])
def test_what_was_searched_for_is_shown_as_text(client, pages, text):
    get_backend().rebuild(all_documents())
    html = client.get("/zoeken/", {"q": f"koffie {text}"}).content.decode()
    for raw in RAW + ['" autofocus onfocus="', 'onfocus="alert']:
        assert raw not in html, raw


def test_page_text_cannot_inject_highlight_tags(client, index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    ActivityPageFactory(
        parent=initiative,
        title="Koffieochtend",
        intro="Elke week \x03 koffie \x02 met de buren.",
    )
    get_backend().rebuild(all_documents())
    (result,) = client.get("/api/search/", {"q": "koffie"}).json()["results"]
    highlight = result["highlight"]
    assert highlight.count("<mark>") == highlight.count("</mark>") == 1, highlight
    assert re.fullmatch(r"[^<]*<mark>[^<]*</mark>[^<]*", highlight), highlight


# -- JSON -----------------------------------------------------------------------------
def test_the_json_apis_return_the_exact_text_not_html(client, pages):
    """JSON is escaped as JSON; HTML-escaping it would corrupt the data, and
    the response type keeps a browser from running it."""
    get_backend().rebuild(all_documents())
    responses = {
        "/api/search/": client.get("/api/search/", {"q": "koffie"}),
        "/api/search.geojson": client.get("/api/search.geojson", {"q": "koffie"}),
        "/api/v2/pages/": client.get(
            "/api/v2/pages/", {"type": "initiatives.ActivityPage", "fields": "intro"}
        ),
    }
    for url, response in responses.items():
        assert response["Content-Type"].split(";")[0] in (
            "application/json",
            "application/geo+json",
        ), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert "&lt;" not in response.content.decode(), url
    titles = {r["title"] for r in responses["/api/search/"].json()["results"]}
    assert TITLE in titles
    features = responses["/api/search.geojson"].json()["features"]
    assert TITLE in {f["properties"]["title"] for f in features}
    (item,) = responses["/api/v2/pages/"].json()["items"]
    assert (item["title"], item["intro"]) == (TITLE, INTRO)


# -- iCalendar ------------------------------------------------------------------------
FEED_TITLE = "Koffie; thee, en\\ meer: SUMMARY:Nep"
FEED_INTRO = "Een\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Nep\r\ntwee; drie, vier"


def feeds(initiative, activity) -> list[str]:
    return [
        f"/activiteiten/{activity.pk}/agenda.ics",
        f"/initiatieven/{initiative.pk}/agenda.ics",
        "/activiteiten/agenda.ics",
    ]


def test_text_cannot_add_lines_or_properties_to_a_calendar_feed(client, index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis")
    activity = ActivityPageFactory(parent=initiative, title=FEED_TITLE, intro=FEED_INTRO)
    for url in feeds(initiative, activity):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.getvalue()  # once: a streamed feed is read only once
        assert b"\r\nBEGIN:VEVENT\r\nSUMMARY:Nep" not in body, url
        (event,) = Calendar.from_ical(body).walk("VEVENT")
        assert str(event["summary"]) == FEED_TITLE, url
        assert str(event["description"]) == FEED_INTRO.replace("\r\n", "\n"), url


def test_a_title_with_a_line_break_does_not_break_its_feed(client, index):
    initiative = InitiativePageFactory(parent=index, title="Buurthuis\r\nX-INJECTED:1")
    activity = ActivityPageFactory(parent=initiative, title="Koffie\r\nX-INJECTED:2")
    for url in feeds(initiative, activity):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"\r\nX-INJECTED" not in response.getvalue(), url


# -- what initiatives, moderators and the municipality read ----------------------------
def test_help_requests_show_the_payloads_as_text_to_everyone(client, index, help_moderator):
    requester = VolunteerProfileFactory().user
    published = HelpRequestFactory(
        requester=requester,
        title=TITLE[:100],
        description=INTRO,
        when_text=BREAKOUT,
        location=WIELWIJK,
        public_location=rounded_point(WIELWIJK),
    )
    HelpRequestFactory(
        requester=requester, title=TITLE[:100], description=INTRO, status="pending",
        published_at=None, asked_for_someone_else=True, on_behalf_of=BREAKOUT,
    )  # fmt: skip
    nearby = VolunteerProfileFactory(location=WIELWIJK, travel_km=5).user
    screens = {
        "list": (None, "/hulpvragen/"),
        "detail": (None, f"/hulpvragen/{published.pk}/"),
        "voor jou": (nearby, "/voor-jou/"),
        "mine": (requester, "/mijn-hulpvragen/"),
        "moderation": (help_moderator, "/hulpvragen/moderatie/"),
    }
    for name, (user, url) in screens.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, name
        assert_shown_as_text(response.content.decode(), name)


def test_the_inbox_and_suggestions_show_a_volunteers_text_as_text(client, index):
    initiative = InitiativePageFactory(parent=index, location=WIELWIJK)
    vacancy = VacancyPageFactory(parent=initiative, location=WIELWIJK)
    member = InitiativeMemberFactory(initiative=initiative).user
    volunteer = VolunteerProfileFactory(
        display_name=BREAKOUT[:80],
        introduction=INTRO,
        languages=[SCRIPT[:40]],
        visible_to_initiatives=True,
        location=WIELWIJK,
        travel_km=10,
    ).user
    ResponseFactory(vacancy=vacancy, volunteer=volunteer, message=f"{SCRIPT} {END_SCRIPT}")
    VolunteerProfileFactory(
        display_name=SCRIPT[:80],
        introduction=INTRO,
        visible_to_initiatives=True,
        location=WIELWIJK,
        travel_km=10,
    )
    client.force_login(member)
    for url in ("/inbox/", f"/inbox/vacatures/{vacancy.pk}/suggesties/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shown_as_text(response.content.decode(), url)


def test_a_registration_shows_as_text_to_the_moderators(client, index):
    """Strangers fill in the registration form; moderators read it in the
    admin, where the policy allows inline scripts: escaping is all there is."""
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    form = {
        "title": TITLE,
        "intro": INTRO,
        "description": f"{SCRIPT}\n\n{BREAKOUT}\n\n{END_SCRIPT}",
        "postcode": "3317 AB",
        "public_email": "info@example.nl",
        "contact_name": BREAKOUT,
        "email": "aanvrager@example.nl",
        "phone": SCRIPT[:30],
        "message": f"{SCRIPT} {COMMENT}",
        "agree": "on",
    }
    # A website is a link on the page: only http(s) gets in.
    refused = client.post("/initiatief-aanmelden/", {**form, "website": "javascript:alert(1)"})
    assert refused.status_code == 400
    assert not InitiativeRegistration.objects.exists()
    client.post("/initiatief-aanmelden/", form)
    registration = confirm_registration(InitiativeRegistration.objects.get())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for url in (
        "/admin/aanmeldingen/",
        f"/admin/aanmeldingen/{registration.pk}/",
        f"/admin/pages/{registration.page_id}/edit/",
        f"/admin/pages/{index.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_shown_as_text(response.content.decode(), url)


def test_a_registered_draft_with_a_line_break_opens_in_the_editor(client, index):
    PostcodeCentroid.objects.create(
        postcode="3317 AB", point=Point(4.656, 51.807, srid=4326), town="Dordrecht"
    )
    client.post(
        "/initiatief-aanmelden/",
        {
            "title": "Repair Café",
            "intro": "Samen repareren.",
            "description": "Elke eerste zaterdag\nin het buurthuis.",
            "postcode": "3317 AB",
            "contact_name": "Fatima el Amrani",
            "email": "fatima@example.nl",
            "agree": "on",
        },
    )
    registration = InitiativeRegistration.objects.get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/admin/pages/{registration.page_id}/edit/").status_code == 200
    description = InitiativePage.objects.get(pk=registration.page_id).description
    assert description == "<p>Elke eerste zaterdag<br/>in het buurthuis.</p>"
