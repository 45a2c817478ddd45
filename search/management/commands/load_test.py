"""Load test of the search page and the search API on loopback: the demo data
plus synthetic listings, served by gunicorn with the production settings,
hit by wrk with C concurrent connections for D seconds per target.

    manage.py load_test [--listings 100400] [--connections 50] [--duration 60]

Prints requests/s, latency percentiles and errors per target, and the machine,
for docs/benchmarks.md. Needs wrk (Debian package) and a database of its own
(DATABASE_URL): it adds synthetic listings up to ``--listings`` in all.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from initiatives.models import PostcodeCentroid

from ...benchmark import THEMES, WORDS, listing_count, machine
from ...models import SearchDocument

LUA = Path(__file__).resolve().parents[2] / "loadtest.lua"
TARGETS = {"zoekpagina": "/zoeken/", "api": "/api/search/"}
# The realistic mix: what visitors of a municipal site ask, in these shares
# (home, search with and without a place, the lists, detail pages, the API).
MIX = (
    ("home", 15),
    ("home_postcode", 8),
    ("search_words", 15),
    ("search_place", 10),
    ("search_words_place", 8),
    ("list", 14),
    ("list_filtered", 5),
    ("detail", 20),
    ("api", 5),
)
LISTS = ("/activiteiten/", "/ontmoetingsplekken/", "/vacatures/")


def request_paths(base: str, postcodes: list[str], count: int = 400, seed: int = 20261123):
    """A fixed mix like the search benchmark's: words, a place, words near a
    place with filters, and paging."""
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        word, postcode = rng.choice(WORDS), rng.choice(postcodes)
        radius = rng.choice([2, 5, 10, 15])
        params = [
            {"q": word},
            {"waar": postcode, "straal": radius},
            {"q": word, "waar": postcode, "straal": radius, "thema": rng.choice(THEMES)},
            {"q": word, "pagina": 2},
        ][i % 4]
        paths.append(f"{base}?{urlencode(params)}")
    return paths


def mix_paths(
    postcodes: list[str], details: list[str], count: int = 3000, seed: int = 20261202
) -> list[str]:
    """Visitors' requests in the shares of MIX, drawn from many distinct URLs
    (3,000 by default over hundreds of postcodes and detail pages), so a
    page cache sees roughly the hits a real site would, not one URL again."""
    rng = random.Random(seed)
    kinds = [kind for kind, share in MIX for _ in range(share)]
    return [_mix_path(rng.choice(kinds), rng, postcodes, details) for _ in range(count)]


def _mix_path(kind: str, rng: random.Random, postcodes: list[str], details: list[str]) -> str:
    word, postcode, radius = rng.choice(WORDS), rng.choice(postcodes), rng.choice([2, 5, 10, 15])
    match kind:
        case "home":
            return "/"
        case "home_postcode":
            return f"/?{urlencode({'postcode': postcode, 'km': 5})}"
        case "search_words":
            return f"/zoeken/?{urlencode({'q': word})}"
        case "search_place":
            return f"/zoeken/?{urlencode({'waar': postcode, 'straal': radius})}"
        case "search_words_place":
            theme = rng.choice(THEMES)
            return f"/zoeken/?{urlencode({'q': word, 'waar': postcode, 'thema': theme})}"
        case "list":
            page = rng.choice(["", "", "", "?pagina=2", f"?pagina={rng.randint(3, 50)}"])
            return rng.choice(LISTS) + page
        case "list_filtered":
            return rng.choice(LISTS) + f"?{urlencode({'postcode': postcode, 'km': radius})}"
        case "detail":
            return rng.choice(details)
        case _:
            return f"/api/search/?{urlencode({'q': word})}"


def _detail_paths(limit: int = 1000) -> list[str]:
    """Detail pages spread over the whole table (every n-th by id)."""
    ids = list(SearchDocument.objects.order_by("page_id").values_list("page_id", flat=True))
    chosen = ids[:: max(1, len(ids) // limit)][:limit]
    urls = SearchDocument.objects.filter(page_id__in=chosen)
    return [urlsplit(url).path for url in urls.values_list("url", flat=True)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


class Command(BaseCommand):
    help = "Belastingtest van zoekpagina en zoek-API (loopback, begrensd in tijd)."

    def add_arguments(self, parser):
        # The demo has some 400 listings: the default is the demo plus 100,000.
        parser.add_argument("--listings", type=int, default=100_400, help="minimaal totaal")
        parser.add_argument("--connections", type=int, default=50)
        parser.add_argument("--duration", type=int, default=60, help="seconden per doel")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn-processen")
        parser.add_argument("--threads", type=int, default=4, help="threads per proces")
        parser.add_argument("--no-fill", action="store_true", help="geen data aanvullen")
        parser.add_argument(
            "--targets",
            default="zoekpagina,api,mix,bezoekers",
            help="komma-gescheiden: zoekpagina, api, mix (zonder pauze), bezoekers (met denktijd)",
        )
        parser.add_argument(
            "--think-ms",
            type=int,
            default=1000,
            help="gemiddelde denktijd per bezoeker (bezoekers)",
        )
        parser.add_argument(
            "--page-cache-seconds",
            type=int,
            default=None,
            help="PAGE_CACHE_SECONDS van de server (0: zonder paginacache; standaard 60)",
        )

    def handle(
        self,
        *args,
        listings,
        connections,
        duration,
        workers,
        threads,
        no_fill,
        targets,
        think_ms,
        page_cache_seconds,
        **opts,
    ):
        if not shutil.which("wrk"):
            raise CommandError("wrk ontbreekt: apt-get install wrk")
        out = self.stdout.write
        if not no_fill:
            self._fill(listings)
        present = listing_count()
        postcodes = list(
            PostcodeCentroid.objects.order_by("postcode").values_list("postcode", flat=True)[:300]
        )
        if not postcodes:
            raise CommandError("Geen postcodes: laad eerst de demodata.")
        chosen = [t.strip() for t in targets.split(",") if t.strip()]
        unknown = set(chosen) - {*TARGETS, "mix", "bezoekers"}
        if unknown:
            raise CommandError(f"Onbekend doel: {', '.join(sorted(unknown))}")
        files = {name: request_paths(path, postcodes) for name, path in TARGETS.items()}
        if {"mix", "bezoekers"} & set(chosen):
            files["mix"] = files["bezoekers"] = mix_paths(postcodes, _detail_paths())
        out(f"Machine: {machine()}")
        out(f"Vermeldingen: {present}; {connections} verbindingen, {duration} s per doel")
        cache_seconds = (
            settings.PAGE_CACHE_SECONDS if page_cache_seconds is None else page_cache_seconds
        )
        out(f"Paginacache: {f'{cache_seconds} s' if cache_seconds else 'uit'}")

        # As a deployment would: static files collected for whitenoise.
        call_command("collectstatic", interactive=False, verbosity=0)
        port = _free_port()
        server = self._serve(port, workers, threads, page_cache_seconds)
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait(base + "/zoeken/")
            results = {}
            with tempfile.TemporaryDirectory() as tmp:
                for name in chosen:
                    paths_file = Path(tmp) / f"{name}.txt"
                    paths_file.write_text("\n".join(files[name]) + "\n")
                    think = think_ms if name == "bezoekers" else 0
                    self._wrk(base, paths_file, connections, min(5, duration), think)  # warm up
                    results[name] = self._wrk(base, paths_file, connections, duration, think)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        out(
            f"\n{'doel':12} {'req/s':>8} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8} "
            f"{'fouten':>7} {'cache':>6}"
        )
        for name, r in results.items():
            seconds = r["duration_us"] / 1e6
            errors = sum(
                r[k]
                for k in (
                    "connect_errors",
                    "read_errors",
                    "write_errors",
                    "status_errors",
                    "timeouts",
                )
            )
            out(
                f"{name:12} {r['requests'] / seconds:8.1f} {r['p50_us'] / 1000:8.0f} "
                f"{r['p95_us'] / 1000:8.0f} {r['p99_us'] / 1000:8.0f} "
                f"{r['max_us'] / 1000:8.0f} {errors:7d} "
                f"{100 * r.get('cache_hits', 0) / max(r['requests'], 1):5.0f}%"
                f"   (ms; {r['requests']} verzoeken; cache: treffers uit de paginacache)"
            )

    def _fill(self, total: int) -> None:
        """The demo data, then synthetic listings up to ``total`` listings."""
        call_command("load_demo_data", stdout=self.stdout)
        present = listing_count()
        if present < total:
            self.stdout.write(f"Aanvullen: {total - present} synthetische vermeldingen …")
            call_command("load_demo_data", synthetic=total - present, stdout=self.stdout)
            call_command("search_index", "rebuild", stdout=self.stdout)
        else:
            call_command("search_index", "update", stdout=self.stdout)

    def _serve(
        self, port: int, workers: int, threads: int, page_cache_seconds: int | None
    ) -> subprocess.Popen:
        if not _redis_up():
            # The production settings refuse a cache the workers do not share.
            raise CommandError(
                "Start Redis op 127.0.0.1:6379: "
                "de productie-instellingen vragen een gedeelde cache."
            )
        db = settings.DATABASES["default"]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",  # plain http on loopback
            "DATABASE_URL": os.environ.get(
                "DATABASE_URL",
                f"postgis://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            ),
            # As in production: one shared cache for all processes.
            "CACHE_URL": "redis://127.0.0.1:6379/3",
            # X-Cache: hit|miss, counted by loadtest.lua (off in production).
            "PAGE_CACHE_HEADER": "true",
        }
        if page_cache_seconds is not None:
            env["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
        gunicorn = Path(sys.executable).with_name("gunicorn")
        return subprocess.Popen(
            [
                str(gunicorn),
                "marketplace.wsgi",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
                f"--threads={threads}",
                "--worker-class=gthread",
                "--log-level=warning",
            ],
            cwd=settings.BASE_DIR,
            env=env,
        )

    @staticmethod
    def _wait(url: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError(f"De server antwoordt niet op {url}")

    def _wrk(
        self, base: str, paths_file: Path, connections: int, duration: int, think_ms: int = 0
    ) -> dict:
        command = [
            "wrk",
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            "--timeout=10s",
            f"--script={LUA}",
            base,
        ]
        done = subprocess.run(
            command,
            env={**os.environ, "WRK_PATHS": str(paths_file), "WRK_THINK_MS": str(think_ms)},
            capture_output=True,
            text=True,
            timeout=duration + 60,  # bounded, whatever happens
            check=True,
        )
        line = next(x for x in done.stdout.splitlines() if x.startswith("WRK_RESULT "))
        return json.loads(line.removeprefix("WRK_RESULT "))
