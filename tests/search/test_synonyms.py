"""Synonyms ("Zoekwoorden") and typo corrections that keep the meaning."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from initiatives.permissions import MODERATORS
from search import synonyms
from search.backends.elasticsearch.body import build_search_body
from search.backends.postgres import PostgresBackend
from search.backends.postgres.text import tsquery
from search.backends.postgres.typos import edit_distance, plausible
from search.documents import all_documents
from search.models import SearchSynonym
from search.query import SearchQuery
from search.synonym_list import parse
from search.synonyms import SynonymMap
from tests.factories import ActivityPageFactory, InitiativePageFactory, VacancyPageFactory

TABLE = SynonymMap.build(
    [
        ("geldproblemen", ["schulden", "geldzorgen", "rondkomen"], False),
        ("vluchteling", ["statushouder", "nieuwkomer"], False),
        ("buddy", ["maatje"], True),
        ("even vrij", ["respijt", "logeeropvang"], False),
        ("respijt", ["even vrij"], False),
        ("ouderen", ["senioren"], False),
    ]
)


class TestSynonymMap:
    def test_a_word_gets_its_synonyms(self):
        expansion = TABLE.expand(("geldproblemen",))
        assert expansion.groups == [["geldproblemen", "schulden", "geldzorgen", "rondkomen"]]
        assert expansion.also == ["schulden", "geldzorgen", "rondkomen"]

    def test_plural_and_diminutive_find_the_entry(self):
        # The entry itself too: the stemmer does not make one of the other.
        assert TABLE.expand(("vluchtelingen",)).also == [
            "vluchteling",
            "statushouder",
            "nieuwkomer",
        ]
        assert TABLE.expand(("buddy",)).also == ["maatje"]
        assert TABLE.expand(("maatjes",)).also == ["maatje", "buddy"]  # two-way

    def test_one_way_entries_do_not_go_back(self):
        assert TABLE.expand(("schulden",)).also == []
        assert TABLE.expand(("statushouder",)).also == []

    def test_ouders_are_not_ouderen(self):
        # The Dutch stemmer makes both 'ouder'; the table is matched as typed.
        assert TABLE.expand(("ouders",)).also == []
        assert TABLE.expand(("ouderen",)).also == ["senioren"]

    def test_synonyms_the_typed_prefix_already_finds_are_left_out(self):
        table = SynonymMap.build([("koffie", ["koffieochtend", "bakkie"], False)])
        assert table.expand(("koffie",)).groups == [["koffie", "bakkie"]]

    def test_a_phrase_is_one_position(self):
        expansion = TABLE.expand(("koffie", "even", "vrij"))
        assert expansion.groups == [["koffie"], ["even vrij", "respijt", "logeeropvang"]]

    def test_known(self):
        assert TABLE.known("buddy") and TABLE.known("vluchtelingen")
        assert not TABLE.known("budget")

    def test_starter_list_is_big_enough_and_clean(self):
        entries = parse()
        assert len(entries) >= 150
        terms = [term for term, _, _ in entries]
        assert len(terms) == len(set(terms))
        assert all(words for _, words, _ in entries)


def test_tsquery_of_synonyms():
    # Typed words of a phrase are each required; a synonym phrase is a phrase.
    groups = [["koffie"], ["even vrij", "respijt"], ["samen eten", "maaltijd"]]
    assert tsquery([["respijt", "even vrij"]]) == "(respijt:* | (even:* <-> vrij:*))"
    assert tsquery(groups) == (
        "koffie:* & ((even:* & vrij:*) | respijt:*) & ((samen:* & eten:*) | maaltijd:*)"
    )


@pytest.mark.parametrize(
    ("typed", "correction", "ok"),
    [
        ("vrijwiliger", "vrijwilliger", True),
        ("wandelgroepp", "wandelgroep", True),
        ("koffe", "koffie", True),
        ("statushouders", "ouders", False),  # the tail of a compound, another letter
        ("buddy", "budget", False),  # three edits for five letters
        ("taal", "tas", False),
        ("budy", "buddy", True),
        ("mantelzorg", "wantelzorg", False),  # another first letter
        ("buurthuizen", "buurthuis", True),  # a plural
        ("kopje", "kop", True),  # a diminutive
        ("budgetje", "buddy", False),
    ],
)
def test_plausible_corrections(typed, correction, ok):
    assert plausible(typed, correction) is ok


def test_edit_distance():
    assert edit_distance("buddy", "budget") == 3
    assert edit_distance("vrijwiliger", "vrijwilliger") == 1
    assert edit_distance("koffei", "koffie") == 1  # a swap is one edit


@pytest.fixture
def social(index):
    """Listings that say it in the listings' words, and decoys for wrong corrections."""
    club = InitiativePageFactory(parent=index, title="Stichting Welzijn Wielwijk")
    pages = {
        "schulden": ActivityPageFactory(
            parent=club,
            title="Spreekuur schuldhulp",
            intro="Hulp bij schulden en post die je niet durft te openen.",
        ),
        "nieuwkomers": ActivityPageFactory(
            parent=club,
            title="Taalcafé voor nieuwkomers",
            intro="Oefen Nederlands met andere nieuwkomers.",
        ),
        "statushouder": VacancyPageFactory(
            parent=club,
            title="Begeleider statushouders",
            intro="Help een statushouder zijn weg te vinden in de wijk.",
        ),
        "maatje": VacancyPageFactory(
            parent=club,
            title="Maatje gezocht",
            intro="Wekelijks een wandeling of een kop koffie met iemand uit de buurt.",
        ),
        "ouderen": ActivityPageFactory(
            parent=club, title="Gym voor ouderen", intro="Bewegen op muziek, op een stoel."
        ),
        "ouders": ActivityPageFactory(
            parent=club, title="Inloop voor ouders", intro="Koffie voor ouders van peuters."
        ),
        "budget": ActivityPageFactory(
            parent=club,
            title="Cursus budget",
            intro="Leer een budget maken voor je huishouden.",
        ),
    }
    PostgresBackend().rebuild(all_documents())
    return pages


def titles(results):
    return [h.title for h in results.hits]


@pytest.mark.django_db
class TestPostgresSynonyms:
    def search(self, text):
        return PostgresBackend().search(SearchQuery(text=text))

    def test_starter_list_is_loaded_by_the_migration(self):
        assert SearchSynonym.objects.count() >= 150
        assert SearchSynonym.objects.filter(term="geldproblemen").exists()

    def test_geldproblemen_finds_schulden(self, social):
        results = self.search("geldproblemen")
        assert titles(results)[0] == "Spreekuur schuldhulp"
        assert "schulden" in results.also_searched
        assert results.corrected == ""

    def test_vluchtelingen_finds_nieuwkomers_and_statushouders(self, social):
        found = set(titles(self.search("vluchtelingen")))
        assert {"Taalcafé voor nieuwkomers", "Begeleider statushouders"} <= found
        assert "Gym voor ouderen" not in found

    def test_buddy_finds_maatje_not_budget(self, social):
        results = self.search("buddy")
        assert titles(results) == ["Maatje gezocht"]
        assert results.corrected == ""

    def test_statushouders_is_never_corrected_to_ouders(self, social):
        results = self.search("statushouders")
        assert results.corrected == ""
        assert "Begeleider statushouders" in titles(results)
        assert not {"Inloop voor ouders", "Gym voor ouderen"} & set(titles(results))

    def test_without_synonyms_no_misleading_correction_either(self, social):
        """The rules hold by themselves: with an empty table and no listing
        about statushouders, still no 'ouders' or 'budget'."""
        SearchSynonym.objects.all().delete()
        social["statushouder"].delete()
        PostgresBackend().rebuild(all_documents())
        for text in ("statushouders", "buddy"):
            results = self.search(text)
            assert results.corrected == "", text
            assert results.total == 0, text

    def test_a_real_typo_is_still_corrected(self, social):
        results = self.search("schuldhlp")
        assert results.corrected == "schuldhulp"
        assert titles(results) == ["Spreekuur schuldhulp"]

    def test_a_word_with_synonyms_is_not_corrected(self, social):
        SearchSynonym.objects.create(term="kwartje", synonyms="maatje")
        results = self.search("kwartje")
        assert results.corrected == ""
        assert titles(results) == ["Maatje gezocht"]

    def test_editing_the_snippet_changes_search_at_once(self, social):
        assert self.search("rolmodel").total == 0
        entry = SearchSynonym.objects.create(term="rolmodel", synonyms="maatje")
        assert titles(self.search("rolmodel")) == ["Maatje gezocht"]
        entry.synonyms = "budget"
        entry.save()
        assert titles(self.search("rolmodel")) == ["Cursus budget"]
        entry.delete()
        assert self.search("rolmodel").total == 0

    def test_the_map_is_cached(self, social, django_assert_num_queries):
        synonyms.current()
        with django_assert_num_queries(0):
            synonyms.current()


@pytest.mark.django_db
def test_page_and_api_say_what_was_also_searched(client, social):
    page = client.get("/zoeken/", {"q": "geldproblemen"}).content.decode()
    assert "Ook gezocht op:" in page and "schulden" in page
    data = client.get("/api/search/", {"q": "geldproblemen"}).json()
    assert "schulden" in data["also_searched"]
    assert data["results"][0]["title"] == "Spreekuur schuldhulp"
    assert client.get("/api/search/", {"q": "cursus"}).json()["also_searched"] == []


def test_openapi_describes_also_searched():
    from api.openapi import SPEC_PATH

    spec = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    response = next(
        schema for schema in spec["components"]["schemas"].values()
        if "corrected" in schema.get("properties", {})
    )  # fmt: skip
    assert "also_searched" in response["required"]
    assert response["properties"]["also_searched"]["type"] == "array"


def test_elasticsearch_body_searches_the_synonyms_too():
    body = build_search_body(SearchQuery(text="geldproblemen"), synonyms=TABLE)
    text = json.dumps(body["query"]["bool"]["must"])
    assert '"schulden"' in text and '"geldzorgen"' in text
    assert '"fuzziness": "AUTO"' in text  # the typed word, not its synonyms
    body = build_search_body(SearchQuery(text="koffie respijt"), synonyms=TABLE)
    assert '"match_phrase": {"all": {"query": "even vrij"}}' in json.dumps(body)


def test_elasticsearch_body_without_synonyms_is_unchanged():
    assert "schulden" not in json.dumps(build_search_body(SearchQuery(text="geldproblemen")))


@pytest.mark.django_db
def test_moderators_may_edit_the_synonyms():
    group = Group.objects.get(name=MODERATORS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_searchsynonym", "change_searchsynonym", "delete_searchsynonym"} <= codenames


@pytest.mark.django_db
def test_command_loads_and_exports(tmp_path, capsys):
    SearchSynonym.objects.all().delete()
    source = tmp_path / "zoekwoorden.txt"
    source.write_text("Fietsmaatje: duofiets, samen fietsen\nazc = asielzoekerscentrum\n")
    call_command("search_synonyms", "load", "--file", str(source))
    assert SearchSynonym.objects.get(term="fietsmaatje").two_way is False
    call_command("search_synonyms", "load", "--file", str(source))  # again: nothing doubled
    assert SearchSynonym.objects.count() == 2
    capsys.readouterr()
    call_command("search_synonyms", "export")
    assert capsys.readouterr().out.splitlines() == [
        "azc = asielzoekerscentrum",
        "fietsmaatje: duofiets, samen fietsen",
    ]
    call_command("search_synonyms", "load", "--replace")
    assert SearchSynonym.objects.count() >= 150


@pytest.mark.django_db
def test_snippet_validation():
    entry = SearchSynonym(term="  Geld-Zorgen ", synonyms="schulden, , geld zorgen, Schulden")
    entry.full_clean()
    assert entry.term == "geld zorgen" and entry.synonyms == "schulden"
    with pytest.raises(Exception, match="minstens één ander woord"):
        SearchSynonym(term="geld", synonyms="Geld").full_clean()


@pytest.mark.django_db
def test_zoekwoorden_in_the_admin(admin_client):
    listing = admin_client.get("/admin/snippets/search/searchsynonym/", {"q": "geld"})
    assert listing.status_code == 200
    assert "geldproblemen" in listing.content.decode()
    response = admin_client.post(
        "/admin/snippets/search/searchsynonym/add/",
        {"term": "Buurtbus", "synonyms": "vervoer, automaatje", "two_way": ""},
    )
    assert response.status_code == 302
    entry = SearchSynonym.objects.get(term="buurtbus")
    assert entry.two_way is False
    assert synonyms.current().expand(("buurtbus",)).also == ["vervoer", "automaatje"]
