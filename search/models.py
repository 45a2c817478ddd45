"""The embedded search index (one row per live listing) and the outbox that
keeps index writes from ever being lost."""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, GistIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from .query import phrase_words


class IntMultiRangeField(models.Field):
    """PostgreSQL int4multirange: the minute-of-week ranges a place is open.
    Written as a literal like '{[540,720),[780,1020)}'; read only in SQL."""

    description = "int4multirange"

    def db_type(self, connection):
        return "int4multirange"

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None or isinstance(value, str):
            return value
        return "{" + ",".join(f"[{a},{b})" for a, b in value) + "}"


def _vector():
    # SearchVector coalesces NULLs itself; 'dutch'::regconfig keeps it immutable,
    # as a stored generated column requires.
    return (
        SearchVector("title", weight="A", config="dutch")
        + SearchVector("summary", weight="B", config="dutch")
        + SearchVector("initiative_title", weight="B", config="dutch")
        + SearchVector("body", weight="C", config="dutch")
    )


# Text folded for matching as you type (search.suggestions.fold is its Python
# twin): lower case, accents off, anything but letters and digits one space.
ACCENTED = "àáâãäåèéêëìíîïòóôõöùúûüýÿçñ"
PLAIN = "aaaaaaeeeeiiiiooooouuuuyycn"


def folded(expression) -> models.Func:
    """SQL that folds ``expression`` (a field name or an expression)."""
    plain = models.Func(
        Lower(expression),
        models.Value(ACCENTED),
        models.Value(PLAIN),
        function="translate",
    )
    spaced = models.Func(
        plain, models.Value("[^a-z0-9]+"), models.Value(" "), models.Value("g"),
        function="regexp_replace",
    )  # fmt: skip
    return models.Func(spaced, function="btrim", output_field=models.TextField())


class SearchDocument(models.Model):
    page_id = models.BigIntegerField(primary_key=True)
    type = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    initiative_title = models.CharField(max_length=255, blank=True)
    themes = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    target_groups = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    neighbourhood_id = models.IntegerField(null=True)
    neighbourhood = models.CharField(max_length=100, blank=True)
    municipality_id = models.IntegerField(null=True)
    municipality = models.CharField(max_length=100, blank=True)
    location = models.PointField(geography=True, srid=4326, null=True, spatial_index=False)
    wheelchair = models.BooleanField(default=False)
    # Respite for mantelzorgers (initiatives.choices.Respite), as a GIN key.
    respite = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    # Languages spoken (initiatives.languages), Dutch when none were chosen.
    languages = ArrayField(models.CharField(max_length=3), default=list, blank=True)
    # False for a safe address: the location is a coarse point (documents.coarse).
    place_public = models.BooleanField(default=True)
    free = models.BooleanField(null=True)
    dates = ArrayField(models.DateField(), default=list, blank=True)
    open_ranges = IntMultiRangeField(null=True)
    indexed_at = models.DateTimeField(auto_now=True)
    search_vector = models.GeneratedField(
        expression=_vector(), output_field=SearchVectorField(), db_persist=True
    )
    # Type, themes, target groups, free, wheelchair and geohash cells as GIN
    # keys next to the words (see search_tags() in migration 0004).
    tags = models.GeneratedField(
        expression=models.Func(
            "type", "themes", "target_groups", "free", "wheelchair", "location",
            function="search_tags", output_field=ArrayField(models.TextField()),
        ),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )  # fmt: skip
    # The title as suggestions match it (search.suggestions), with a trigram
    # index for "starts with" and "a word starts with" (LIKE) and misspellings.
    title_folded = models.GeneratedField(
        expression=folded("title"), output_field=models.TextField(), db_persist=True
    )

    class Meta:
        indexes = [
            # One GIN index for words and tags: a search intersects them all
            # in the index before it reads a row.
            GinIndex(fields=["search_vector", "tags"], name="searchdoc_words_tags_gin"),
            GistIndex(fields=["location"], name="searchdoc_location_gist"),
            # Per type, so "the nearest vacancies" walks only vacancies. An
            # expression, as GeoDjango drops the condition of a spatial field's index.
            *(
                GistIndex(F("location"), condition=Q(type=t), name=f"searchdoc_near_{t}")
                for t in ("activity", "meeting_place", "vacancy", "initiative")
            ),
            GistIndex(fields=["open_ranges"], name="searchdoc_open_gist"),
            GinIndex(fields=["dates"], name="searchdoc_dates_gin"),
            models.Index(fields=["neighbourhood_id"], name="searchdoc_wijk"),
            GinIndex(fields=["respite"], name="searchdoc_respite_gin"),
            GinIndex(fields=["languages"], name="searchdoc_languages_gin"),
            # Suggestions: a title that starts with the text (a range of this
            # index, in order, so "the first 300" stops early) and one with a
            # word that does (trigrams).
            models.Index(
                OpClass("title_folded", name="text_pattern_ops"),
                name="searchdoc_title_folded_prefix",
            ),
            GinIndex(
                OpClass("title_folded", name="gin_trgm_ops"), name="searchdoc_title_folded_trgm"
            ),
            # The list pages (search.lists): one type in title order, in all,
            # in a gemeente or in a wijk, walked up to the page shown; with the
            # themes, so a theme filter is checked in the index, not per row
            # read from the table. And every type in title order: the search
            # without words, after the dated activities.
            *(
                models.Index(
                    fields=["type", *by, "title", "page_id"], include=["themes"], name=name
                )
                for by, name in (
                    ([], "searchdoc_type_title"),
                    (["municipality_id"], "searchdoc_type_gemeente_title"),
                    (["neighbourhood_id"], "searchdoc_type_wijk_title"),
                )
            ),
            models.Index(fields=["title", "page_id"], name="searchdoc_title"),
        ]

    def __str__(self):
        return f"{self.type} {self.page_id}: {self.title}"


class SearchOccurrence(models.Model):
    """One date of an activity in the index, as wall-clock start and end
    (Europe/Amsterdam, ``timestamp without time zone``), from the document's
    dates and the activity's times (search.agenda). Narrow, with a btree on
    the start: "what is on, soonest first" walks the index and stops at the
    LIMIT, however many activities there are. Written with the documents
    (search.backends.postgres.writes), never by hand."""

    page_id = models.BigIntegerField()
    day = models.DateField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.PointField(geography=True, srid=4326, null=True, spatial_index=False)

    class Meta:
        indexes = [
            # The page id too: many activities start at the same instant, and
            # "soonest first, then by id" is then an index walk, not a sort
            # of every occurrence at 09:00 (9,000 at 1M listings).
            models.Index(fields=["starts_at", "page_id"], name="searchocc_start_page"),
            models.Index(fields=["page_id"], name="searchocc_page"),
            # In progress at a moment, soonest start first, then by page: a
            # KNN walk ordered by the start's and the id's distance to fixed
            # points (btree_gist), stopped by the LIMIT. A GiST on the span
            # alone found every row in progress and sorted them: ~30,000 on
            # a weekday morning at 1M listings, 0.5 s. The point narrows it
            # near a place in the same walk.
            GistIndex(
                models.Func(
                    F("starts_at"), F("ends_at"), function="tstzrange",
                    output_field=models.TextField(),
                ),
                F("starts_at"), F("page_id"), F("location"),
                name="searchocc_span_order",
            ),
            # Near a point (search.agenda): the nearest of the occurrences
            # that start at one instant (KNN), and where few activities are,
            # those in a window and a radius at once. A GiST over a timestamp
            # needs btree_gist (migration 0015).
            GistIndex(fields=["starts_at", "location"], name="searchocc_start_location"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.page_id} {self.starts_at:%Y-%m-%d %H:%M}"


class SearchDate(models.Model):
    """One indexed date of an activity (each of the document's ``dates``,
    every day of a one-off over several days too), with its title: "soonest
    first, then by title" (the date order of a search) is then an ordered
    walk of a btree on (day, title) that stops at the LIMIT, where the
    document table can only compute every match's next date and sort them
    all (backends/postgres/dated.py). Written with the documents
    (search.backends.postgres.writes), never by hand."""

    page_id = models.BigIntegerField()
    day = models.DateField()
    title = models.CharField(max_length=255)

    class Meta:
        indexes = [
            models.Index(fields=["day", "title", "page_id"], name="searchdate_order"),
            # "Has this page an earlier date from the day searched?": one probe.
            models.Index(fields=["page_id", "day"], name="searchdate_page"),
        ]

    def __str__(self):
        return f"{self.page_id} {self.day:%Y-%m-%d}"


class SearchTerm(models.Model):
    """A word that occurs in a title or summary in the index: the vocabulary a
    misspelt query word is corrected against. Trigram distance over tens of
    thousands of words is fast; over a million titles it is not."""

    word = models.CharField(max_length=40, primary_key=True)

    class Meta:
        indexes = [GistIndex(OpClass("word", name="gist_trgm_ops"), name="searchterm_word_trgm")]

    def __str__(self):
        return self.word


class IndexOutbox(models.Model):
    """A page whose index entry must be (re)written or removed. Written in the
    same transaction as the edit, processed after commit, kept until it worked
    (see search.indexing)."""

    page_id = models.BigIntegerField(unique=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # The local index (PostgreSQL) has this version of the page; only the
    # remote one (Elasticsearch) still needs it.
    local_done = models.BooleanField(default=False)
    # Not tried before then: right after an edit the request itself writes
    # the local index; a page that failed by itself waits a back-off.
    retry_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "te indexeren pagina"
        verbose_name_plural = "te indexeren pagina's"
        indexes = [
            models.Index(fields=["retry_at"], name="search_outbox_due"),
            # While Elasticsearch is down the worker still writes what
            # PostgreSQL lacks: those rows, without reading the others.
            models.Index(fields=["id"], condition=Q(local_done=False), name="search_outbox_local"),
        ]

    def __str__(self):
        return f"page {self.page_id} ({self.attempts} pogingen)"


class DemandBand(models.TextChoices):
    NONE = "none", "Geen resultaten"
    FEW = "few", "Weinig resultaten"


class SearchDemand(models.Model):
    """How often, in one ISO week and one place, a search for one query found
    nothing or little (search.demand). A counter, upserted: one row per
    (week, gemeente, wijk, query, band), never one per search. No IP address,
    account, session or time finer than the week, by design; and no text: the
    query is a keyed hash until it has been seen often enough
    (``SearchDemandQuery``)."""

    week = models.DateField(help_text="De maandag van de ISO-week.")
    municipality = models.ForeignKey(
        "initiatives.Municipality", null=True, on_delete=models.CASCADE, related_name="+"
    )
    neighbourhood = models.ForeignKey(
        "initiatives.Neighbourhood", null=True, on_delete=models.CASCADE, related_name="+"
    )
    query_hash = models.CharField(max_length=32)
    band = models.CharField(max_length=4, choices=DemandBand.choices)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "zoekvraag zonder (veel) resultaat"
        verbose_name_plural = "zoekvragen zonder (veel) resultaat"
        constraints = [
            # NULLS NOT DISTINCT: a search without a place counts on one row,
            # not on a new row each time (ON CONFLICT needs the conflict).
            models.UniqueConstraint(
                fields=["week", "municipality", "neighbourhood", "query_hash", "band"],
                name="search_demand_cell",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="search_demand_count"),
        ]
        indexes = [models.Index(fields=["query_hash"], name="search_demand_query")]

    def __str__(self):
        return f"week {self.week:%G-W%V}: {self.count}× {self.band}"


class SearchDemandQuery(models.Model):
    """The text of a normalised query, kept only once it has been searched
    for at least ``SEARCH_DEMAND_MIN_COUNT`` times (in all places and weeks
    still held): a rarer query stays a hash nobody can read back without the
    secret key, so no one's own words identify them."""

    query_hash = models.CharField(max_length=32, primary_key=True)
    text = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "zoekvraag (tekst)"
        verbose_name_plural = "zoekvragen (tekst)"

    def __str__(self):
        return self.text


class SearchSynonym(models.Model):
    """A word residents type and what it also means in the listings
    ("geldproblemen" -> schulden, rondkomen): searched along with it, in
    every backend (search.synonyms). Edited by moderators as the snippet
    "Zoekwoorden"; the starter list is search/synonym_list.py."""

    term = models.CharField(
        "zoekwoord",
        max_length=100,
        unique=True,
        help_text="Het woord dat inwoners intypen, bijvoorbeeld ‘geldproblemen’.",
    )
    synonyms = models.TextField(
        "betekent ook",
        help_text=(
            "Woorden waarop we dan ook zoeken, gescheiden door komma's, bijvoorbeeld "
            "‘schulden, geldzorgen, rondkomen’. Een woordgroep (‘even vrij’) zoeken "
            "we als geheel."
        ),
    )
    two_way = models.BooleanField(
        "in twee richtingen",
        default=True,
        help_text=(
            "Aan: elk van deze woorden vindt ook de andere (echte synoniemen). Uit: "
            "alleen het zoekwoord vindt de andere woorden, niet andersom (voor een "
            "breed woord als ‘alleen’)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term}: {self.synonyms}"

    def synonym_list(self) -> list[str]:
        return [s.strip() for s in self.synonyms.split(",") if s.strip()]

    def clean(self) -> None:
        self.term = " ".join(phrase_words(self.term))
        if not self.term:
            raise ValidationError({"term": "Vul een woord in van minstens twee letters."})
        words = [" ".join(phrase_words(s)) for s in self.synonym_list()]
        words = [w for w in dict.fromkeys(words) if w and w != self.term]
        if not words:
            raise ValidationError(
                {"synonyms": "Vul minstens één ander woord in, bijvoorbeeld ‘schulden’."}
            )
        self.synonyms = ", ".join(words)
