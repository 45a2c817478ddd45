"""The Elasticsearch backend: same query model and answers as PostgreSQL, with
Dutch analysis, typo tolerance and scoring done by Elasticsearch.

Readers use an alias (the ``INDEX`` option); a rebuild fills a new concrete
index ``<alias>-<timestamp>`` and swaps the alias in one atomic call, so
searches keep working during a rebuild. Every connection error, timeout or
5xx becomes ``BackendUnavailable``, so ``FallbackBackend`` answers from
PostgreSQL instead.

By the sections it always had:

- ``mapping``: the index definition (analyzers, fields) and a document's body;
- ``body``: a ``SearchQuery`` as a search request body;
- ``responses``: a response as hits and facet counts;
- ``transport``: which errors mean "ask someone else", and fast connecting;
- ``backend``: ``ElasticsearchBackend``: the client, reads, writes, rebuilds.

``mapping``, ``body`` and ``responses`` are pure, so they are tested without
a server.
"""

from .backend import ElasticsearchBackend

__all__ = ["ElasticsearchBackend"]
