"""The embedded backend: one denormalised table (search.SearchDocument) with a
stored Dutch tsvector and filter/geohash tags in one GIN index, and a geography
point (GiST; one partial GiST per type).

A search first collects its candidates in one narrow query: with a place,
the matches among the PROBE nearest listings (a KNN walk of the GiST index
that stops after PROBE rows, however common the words are), and when those
hold too few, the nearest matches in a ring RING times as far, then in the
whole radius (one GIN scan over words, filters and geohash cells); without a
place, the first COUNT_CAP + 1 matches the planner finds. Totals and facets are
counted over the candidates and exact when they hold every match; otherwise
the total is a lower bound (``capped``). The page is ranked among the
candidates and only its rows are read in full (titles, headline).

By job:

- ``text``: the query's words as a prefix tsquery, and SQL fragments;
- ``filters``: the WHERE clause of a ``SearchQuery``;
- ``candidates``: the narrow query (probe, ring, radius) and its counts;
- ``page``: ranking the page, and reading its rows in full;
- ``typos``: the vocabulary and corrections by trigram distance;
- ``writes``: index writes and the rebuild by table swap;
- ``backend``: ``PostgresBackend``, which puts them together.
"""

from .backend import PostgresBackend

__all__ = ["PostgresBackend"]
