"""Benchmark suggestions as you type: p50/p95/p99 of /zoeken/suggesties/ for
a fixed mix of typed prefixes, through the whole request (middleware, rate
limit, query, JSON), on the data as it is. Reads only.

    manage.py suggest_benchmark
    manage.py suggest_benchmark --requests 2000
"""

from functools import partial

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from core.timing import percentiles, timed
from search import benchmark
from search.suggestions import SOURCES


class Command(BaseCommand):
    help = "Measure the latency of suggestions as you type (reads only)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=1000)

    def handle(self, *args, requests, **options):
        out = self.stdout.write
        pairs = benchmark.suggestion_mix(requests)
        url = reverse("search:suggestions")
        out(f"Machine: {benchmark.machine()}")
        out(f"Vermeldingen in de database: {benchmark.listing_count()}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        # A limit high enough never to answer 429, but still counted per request.
        with override_settings(ALLOWED_HOSTS=["*"], SEARCH_SUGGEST_RATE="1000000/m"):
            client = Client()
            for field, text in pairs[:20]:  # warm up
                client.get(url, {"veld": field, "q": text})
            timings = {
                "endpoint wat": [],
                "endpoint waar": [],
                "query wat": [],
                "query waar": [],
            }
            empty = 0
            for field, text in pairs:
                source = SOURCES[field]
                request = partial(client.get, url, {"veld": field, "q": text})
                timings[f"endpoint {field}"].append(timed(request))
                timings[f"query {field}"].append(timed(partial(source, text)))
                empty += not source(text)
        out(f"{len(pairs)} verzoeken per meting; zonder suggesties: {empty}")
        out(f"  {'':16} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}  (ms)")
        for label, values in timings.items():
            p = percentiles(values)
            out(f"  {label:16} {p['p50']:8.2f} {p['p95']:8.2f} {p['p99']:8.2f} {p['max']:8.2f}")
