"""Theme, target-group and skill names in the visitor's language (issue 20):
the translations staff type in the admin, the Dutch fallback marked
lang="nl", and the pages that show them."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from initiatives.models import Skill, Theme
from initiatives.models.taxonomy import LocalizedName, NameList, validate_name_translations
from tests.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    SkillFactory,
    TargetGroupFactory,
    ThemeFactory,
    VacancyPageFactory,
)

pytestmark = pytest.mark.django_db


# -- the field ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [{}, {"en": "Informal care"}, {"ar": "رعاية", "uk": "Догляд", "tr": "Bakım", "pl": "Opieka"}],
)
def test_valid_translations_pass(value):
    validate_name_translations(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"nl": "Mantelzorg"}, "language"),  # Dutch is the name itself
        ({"de": "Pflege"}, "language"),  # not a shipped language
        ({"en": ""}, "blank"),
        ({"en": "  Informal care "}, "blank"),  # not trimmed
        ({"en": 3}, "blank"),
        ({"en": "x" * 81}, "max_length"),
    ],
)
def test_invalid_translations_are_refused(value, code):
    with pytest.raises(ValidationError) as error:
        validate_name_translations(value)
    assert [e.code for e in error.value.error_list] == [code]


def test_a_list_is_refused():
    with pytest.raises(ValidationError):
        validate_name_translations(["en", "Informal care"])


def test_full_clean_checks_the_translations():
    theme = Theme(name="Mantelzorg", slug="mantelzorg", name_translations={"de": "Pflege"})
    with pytest.raises(ValidationError) as error:
        theme.full_clean()
    assert "name_translations" in error.value.message_dict


# -- the localized name ------------------------------------------------------------


def test_localized_name_follows_the_active_language():
    theme = ThemeFactory(name="Mantelzorg", name_translations={"en": "Informal care"})
    with translation.override("en"):
        assert theme.localized_name == "Informal care"
        assert theme.localized_name.lang == ""
    with translation.override("nl"):
        assert theme.localized_name == "Mantelzorg"
        assert theme.localized_name.lang == ""  # the page's own language: nothing to mark


def test_without_a_translation_the_dutch_name_is_marked():
    theme = ThemeFactory(name="Ontmoeten", name_translations={"en": "Meeting people"})
    with translation.override("ar"):
        assert theme.localized_name == "Ontmoeten"
        assert theme.localized_name.lang == "nl"
    assert theme.display_name("en") == "Meeting people"


def test_a_localized_name_survives_pickling_for_the_cache():
    import pickle

    name = pickle.loads(pickle.dumps(LocalizedName("Ontmoeten", "nl")))
    assert (name, name.lang) == ("Ontmoeten", "nl")
    names = pickle.loads(pickle.dumps(NameList([LocalizedName("Koken", "nl")])))
    assert names.names[0].lang == "nl"


# -- the template tag --------------------------------------------------------------


def _render(source: str, **context) -> str:
    return Template("{% load taxa %}" + source).render(Context(context))


def test_the_tag_marks_only_the_dutch_fallback():
    translated = ThemeFactory(name="Mantelzorg", name_translations={"en": "Informal care"})
    dutch = ThemeFactory(name="Ontmoeten <en meer>")
    with translation.override("en"):
        assert _render("{% taxon_name t %}", t=translated) == "Informal care"
        assert (
            _render("{% taxon_name t %}", t=dutch)
            == '<span lang="nl">Ontmoeten &lt;en meer&gt;</span>'
        )
        assert _render("{% taxon_names ts %}", ts=[translated, dutch]) == (
            'Informal care, <span lang="nl">Ontmoeten &lt;en meer&gt;</span>'
        )


def test_the_tag_lowercases_inside_a_sentence():
    group = TargetGroupFactory(name="Ouderen", name_translations={"en": "Older people"})
    with translation.override("en"):
        assert _render("{% taxon_name g lower=True %}", g=group) == "older people"
    with translation.override("uk"):
        assert _render("{% taxon_name g lower=True %}", g=group) == '<span lang="nl">ouderen</span>'
    assert _render("{% taxon_name g lower=True %}", g=group) == "ouderen"


def test_other_labels_are_only_escaped():
    assert _render("{% taxon_name label %}", label="<b>Dinsdag</b>") == "&lt;b&gt;Dinsdag&lt;/b&gt;"


# -- pages -------------------------------------------------------------------------


def _tags(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return {a.get_text(strip=True): a for a in soup.select(".taxonomy .tag--link")}


def test_listing_page_shows_theme_names_in_the_page_language(index):
    initiative = InitiativePageFactory(parent=index)
    activity = ActivityPageFactory(parent=initiative)
    carers = ThemeFactory(
        name="Mantelzorg", slug="mantelzorg", name_translations={"en": "Informal care"}
    )
    meeting = ThemeFactory(name="Ontmoeten")
    elderly = TargetGroupFactory(name="Ouderen", name_translations={"en": "Older people"})
    activity.themes.set([carers, meeting])
    activity.target_groups.set([elderly])
    activity.save_revision().publish()
    url = activity.url  # the plain one: a request leaves its language active here

    english = Client().get(f"/en{url}").content.decode()
    tags = _tags(english)
    assert tags["Informal care"].find("span", lang="nl") is None
    assert tags["Informal care"]["href"].endswith("?thema=mantelzorg")  # the Dutch slug
    assert tags["Ontmoeten"].find("span", lang="nl") is not None
    assert "For: older people" in BeautifulSoup(english, "html.parser").select_one(
        ".taxonomy__groups"
    ).get_text(" ", strip=True).replace("  ", " ")

    # The Dutch page: Dutch names, nothing to mark inside a Dutch page.
    dutch = Client().get(url).content.decode()
    tags = _tags(dutch)
    assert set(tags) == {"Mantelzorg", "Ontmoeten"}
    assert not any(tag.find("span", lang="nl") for tag in tags.values())


def test_vacancy_page_shows_skill_names_in_the_page_language(index):
    initiative = InitiativePageFactory(parent=index)
    vacancy = VacancyPageFactory(parent=initiative)
    vacancy.skills.set(
        [
            SkillFactory(name="Koken", name_translations={"en": "Cooking"}),
            SkillFactory(name="Tuinieren"),
        ]
    )
    vacancy.save_revision().publish()
    soup = BeautifulSoup(Client().get(f"/en{vacancy.url}").content.decode(), "html.parser")
    tags = {li.get_text(strip=True): li for li in soup.select("li.tag")}
    assert tags["Cooking"].find("span") is None
    assert tags["Tuinieren"].find("span", lang="nl") is not None


def test_home_page_theme_buttons_in_the_page_language(home):
    ThemeFactory(name="Mantelzorg", slug="mantelzorg", name_translations={"en": "Informal care"})
    soup = BeautifulSoup(Client().get("/en/").content.decode(), "html.parser")
    button = soup.find("button", attrs={"name": "thema", "value": "mantelzorg"})
    assert button.get_text(strip=True) == "Informal care"
    assert button.find("span", lang="nl") is None


# -- the admin ---------------------------------------------------------------------


@pytest.fixture
def admin_client():
    client = Client()
    user = get_user_model().objects.create_superuser("redacteur", "r@example.nl", "geheim-123")
    client.force_login(user)
    return client


def test_the_admin_shows_one_labelled_input_per_language(admin_client):
    theme = ThemeFactory(name="Mantelzorg", name_translations={"ar": "رعاية"})
    response = admin_client.get(f"/admin/snippets/initiatives/theme/edit/{theme.pk}/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    inputs = soup.select('input[name^="name_translations_"]')
    assert [i["lang"] for i in inputs] == ["en", "ar", "uk", "tr", "pl"]
    assert inputs[1]["value"] == "رعاية"
    for field in inputs:
        assert soup.find("label", attrs={"for": field["id"]}) is not None
    assert soup.find("textarea", attrs={"name": "name_translations"}) is None  # no raw JSON


def test_the_admin_saves_trimmed_translations(admin_client):
    theme = ThemeFactory(name="Mantelzorg", slug="mantelzorg")
    response = admin_client.post(
        f"/admin/snippets/initiatives/theme/edit/{theme.pk}/",
        {
            "name": "Mantelzorg",
            "slug": "mantelzorg",
            "description": "",
            "name_translations_0": "  Informal care ",
            "name_translations_1": "",
            "name_translations_2": "Допомога доглядальникам",
            "name_translations_3": "",
            "name_translations_4": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    theme.refresh_from_db()
    assert theme.name_translations == {"en": "Informal care", "uk": "Допомога доглядальникам"}


def test_the_admin_refuses_a_name_that_is_too_long(admin_client):
    skill = SkillFactory(name="Koken", slug="koken")
    response = admin_client.post(
        f"/admin/snippets/initiatives/skill/edit/{skill.pk}/",
        {"name": "Koken", "slug": "koken", "description": "", "name_translations_0": "x" * 81},
    )
    assert response.status_code == 200
    assert Skill.objects.get(pk=skill.pk).name_translations == {}


# -- the demo vocabulary -----------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "names"),
    [("Theme", "THEMES"), ("TargetGroup", "TARGET_GROUPS"), ("Skill", "SKILLS")],
)
def test_every_demo_name_is_translated_in_every_language(model, names):
    from initiatives.demo import vocabulary as vocab

    translations = vocab.NAME_TRANSLATIONS[model]
    assert set(translations) == set(getattr(vocab, names))
    for slug, value in translations.items():
        validate_name_translations(value)
        assert set(value) == {"en", "ar", "uk", "tr", "pl"}, slug


def test_the_demo_loader_stores_the_translations():
    from initiatives.demo.loader import load_taxonomy

    taxonomy = load_taxonomy()
    assert taxonomy["Theme"]["mantelzorg"].display_name("en") == "Support for carers"
    assert Theme.objects.get(slug="mantelzorg").name_translations["pl"]
    load_taxonomy()  # safe to run again
    assert Theme.objects.filter(slug="mantelzorg").count() == 1


def test_match_reasons_mark_each_dutch_name():
    from volunteers.matching import Fit, reasons

    carers = ThemeFactory(name="Mantelzorg", name_translations={"en": "Support for carers"})
    meeting = ThemeFactory(name="Ontmoeten")
    with translation.override("en"):
        fit = Fit(
            distance_km=None,
            travel_km=5,
            themes=tuple(sorted([carers.localized_name, meeting.localized_name])),
        )
        why = reasons(fit)
        source = "{% for r in why %}{% taxon_name r %}{% if not forloop.last %} · {% endif %}"
        html = _render(source + "{% endfor %}", why=why)
    assert html.endswith('<span lang="nl">Ontmoeten</span>, Support for carers')
