"""Geocoders: the offline table, PDOK over HTTP (a local server stands in for
it), and the errors editors and residents see."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from core import ratelimit
from initiatives.geocoding import (
    GeocodeInvalid,
    GeocodeNotFound,
    GeocoderUnavailable,
    PdokGeocoder,
    PostcodeTableGeocoder,
    geocode,
    geocode_postcode,
)
from initiatives.models import PostcodeCentroid
from initiatives.models.geography import normalise_postcode


class FakePdok(BaseHTTPRequestHandler):
    """Answers like the Locatieserver's /free endpoint."""

    known = {
        "3317AB": ("POINT(4.6525 51.8101)", "3317AB", "Dordrecht"),
        "Wielwijk": ("POINT(4.6560 51.8070)", "", "Dordrecht"),
    }
    requests: list = []

    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        FakePdok.requests.append(query)
        q = query.get("q", [""])[0]
        if q == "boom":
            self.send_response(500)
            self.end_headers()
            return
        if q == "garbage":
            body = b"<html>not json</html>"
        else:
            key = q.replace(" ", "")
            hit = next(
                (v for k, v in self.known.items() if key.startswith(k.replace(" ", ""))), None
            )
            docs = (
                [
                    {
                        "centroide_ll": hit[0],
                        "postcode": hit[1],
                        "woonplaatsnaam": hit[2],
                        "weergavenaam": f"{q}, {hit[2]}",
                        "type": "adres",
                    }
                ]
                if hit
                else []
            )
            body = json.dumps({"response": {"numFound": len(docs), "docs": docs}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def pdok_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePdok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/free"
    server.shutdown()


@pytest.fixture
def closed_port_url():
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}/free"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3317ab", "3317 AB"),
        (" 3317 AB ", "3317 AB"),
        ("3317", "3317"),
        ("3317AB", "3317 AB"),
        ("0317 AB", None),
        ("3317 SS", None),
        ("33170", None),
        ("", None),
        ("abcd", None),
        ("3317 ABC", None),
    ],
)
def test_normalise_postcode(raw, expected):
    assert normalise_postcode(raw) == expected


@pytest.mark.django_db
class TestTable:
    def test_pc6_then_pc4(self):
        PostcodeCentroid.objects.create(
            postcode="3317", point=Point(4.65, 51.81, srid=4326), town="Dordrecht"
        )
        PostcodeCentroid.objects.create(
            postcode="3317 AB", point=Point(4.66, 51.82, srid=4326), town="Dordrecht"
        )
        table = [PostcodeTableGeocoder()]
        assert geocode_postcode("3317ab", geocoders=table).point.x == pytest.approx(4.66)
        # An unknown PC6 falls back to its PC4 centre.
        result = geocode_postcode("3317 ZZ", geocoders=table)
        assert (result.point.x, result.postcode) == (pytest.approx(4.65), "3317")

    def test_unknown_and_invalid(self):
        with pytest.raises(GeocodeNotFound, match="kennen we niet"):
            geocode_postcode("9999 ZZ", geocoders=[PostcodeTableGeocoder()])
        with pytest.raises(GeocodeInvalid, match="geen geldige postcode"):
            geocode_postcode("12", geocoders=[PostcodeTableGeocoder()])
        with pytest.raises(GeocodeInvalid):
            geocode("   ", geocoders=[PostcodeTableGeocoder()])
        with pytest.raises(GeocodeInvalid, match="te lang"):
            geocode("x" * 10_000, geocoders=[PostcodeTableGeocoder()])


@pytest.mark.django_db
class TestPdok:
    def test_address_found(self, pdok_url):
        result = PdokGeocoder(url=pdok_url).geocode("3317 AB 12")
        assert (result.point.x, result.point.y) == (pytest.approx(4.6525), pytest.approx(51.8101))
        assert result.postcode == "3317 AB"
        assert result.town == "Dordrecht"
        assert FakePdok.requests[-1]["rows"] == ["1"]

    def test_not_found(self, pdok_url):
        with pytest.raises(GeocodeNotFound):
            PdokGeocoder(url=pdok_url).geocode("Nergenshuizen")

    @pytest.mark.parametrize("query", ["boom", "garbage"])
    def test_server_error_or_garbage_is_unavailable(self, pdok_url, query):
        with pytest.raises(GeocoderUnavailable):
            PdokGeocoder(url=pdok_url).geocode(query)

    def test_closed_port_is_unavailable_quickly(self, closed_port_url):
        with pytest.raises(GeocoderUnavailable):
            PdokGeocoder(url=closed_port_url, timeout=0.5).geocode("3317 AB")

    def test_chain_uses_the_table_offline(self, closed_port_url):
        PostcodeCentroid.objects.create(
            postcode="2161", point=Point(4.55, 52.26, srid=4326), town="Lisse"
        )
        chain = [PdokGeocoder(url=closed_port_url, timeout=0.5), PostcodeTableGeocoder()]
        assert geocode_postcode("2161", geocoders=chain).town == "Lisse"
        # Nobody knows it, and one geocoder answered: not found, not unavailable.
        with pytest.raises(GeocodeNotFound):
            geocode_postcode("2162", geocoders=chain)
        # Nobody answered at all.
        with pytest.raises(GeocoderUnavailable):
            geocode_postcode("2162", geocoders=chain[:1])

    def test_chain_falls_through_to_pdok(self, pdok_url):
        chain = [PostcodeTableGeocoder(), PdokGeocoder(url=pdok_url)]
        assert geocode("Wielwijk", geocoders=chain).source == "pdok"


@pytest.mark.django_db
def test_import_postcodes(tmp_path):
    csv_file = tmp_path / "pc.csv"
    csv_file.write_text(
        "postcode;lat;lon;woonplaats\n"
        "3317AB;51,8101;4,6525;Dordrecht\n"
        "3317;51.81;4.65;Dordrecht\n"
        "bad;51.8;4.6;X\n"
        "1421 AA;4.8;52.2;Uithoorn\n"  # lat/lon swapped
        "3317 AB;51.8102;4.6526;Dordrecht\n",  # a later row wins
        encoding="utf-8",
    )
    call_command("import_postcodes", str(csv_file))
    assert set(PostcodeCentroid.objects.values_list("postcode", flat=True)) == {"3317 AB", "3317"}
    assert PostcodeCentroid.objects.get(postcode="3317 AB").point.y == pytest.approx(51.8102)
    call_command("import_postcodes", str(csv_file))  # re-import: no duplicates
    assert PostcodeCentroid.objects.count() == 2


def test_import_postcodes_rejects_wrong_columns(tmp_path):
    from django.core.management.base import CommandError

    csv_file = tmp_path / "pc.csv"
    csv_file.write_text("code,x,y\n3317,1,2\n")
    with pytest.raises(CommandError, match="kolommen"):
        call_command("import_postcodes", str(csv_file))


# --- public forms: PDOK answers are cached, and outside lookups are throttled per client ---


@pytest.fixture
def public_pdok(settings, pdok_url, home, monkeypatch):
    """The chain production uses, with the local stand-in for PDOK; the
    throttle's clock stands still, so a test never straddles two windows."""
    settings.GEOCODERS = ["table", "pdok"]
    settings.PDOK_LOCATIESERVER_URL = pdok_url
    settings.GEOCODER_REMOTE_RATE = "3/m"
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


def outside_calls(action) -> int:
    before = len(FakePdok.requests)
    action()
    return len(FakePdok.requests) - before


def search(client, waar, ip="192.0.2.10"):
    return client.get("/zoeken/", {"waar": waar}, REMOTE_ADDR=ip)


@pytest.mark.django_db
class TestPublicLookups:
    def test_the_same_place_twice_asks_pdok_once(self, client, public_pdok):
        assert outside_calls(lambda: search(client, "Wielwijk")) == 1
        # Case and spaces do not make it a new question.
        assert outside_calls(lambda: search(client, "  wielwijk ")) == 0
        response = search(client, "Wielwijk", ip="192.0.2.99")
        assert "Wielwijk, Dordrecht" in response.content.decode()

    def test_unknown_is_remembered_unreachable_is_not(self, client, public_pdok):
        assert outside_calls(lambda: search(client, "Nergenshuizen")) == 1
        assert outside_calls(lambda: search(client, "Nergenshuizen")) == 0
        assert "Deze plek kennen we niet" in search(client, "Nergenshuizen").content.decode()
        assert outside_calls(lambda: search(client, "boom")) == 1
        assert outside_calls(lambda: search(client, "boom")) == 1

    def test_a_postcode_outside_the_table_is_cached_too(self, client, public_pdok):
        assert outside_calls(lambda: search(client, "3317 AB")) == 1
        assert outside_calls(lambda: search(client, "3317ab")) == 0

    def test_one_client_gets_a_few_outside_lookups_a_minute(self, client, public_pdok):
        calls = [outside_calls(lambda n=n: search(client, f"Wielwijk {n}")) for n in range(3)]
        assert calls == [1, 1, 1]
        response = None

        def fourth():
            nonlocal response
            response = search(client, "Wielwijk 3")

        assert outside_calls(fourth) == 0
        html = response.content.decode()
        assert response.status_code == 200
        assert "We kunnen deze plek nu niet opzoeken" in html
        assert 'value="Wielwijk 3"' in html  # what was typed stays
        # What is known already still works, and the postcode table is not limited.
        assert outside_calls(lambda: search(client, "Wielwijk 0")) == 0
        assert "Wielwijk 0, Dordrecht" in search(client, "Wielwijk 0").content.decode()
        # Another client is not affected.
        assert outside_calls(lambda: search(client, "Wielwijk 4", ip="192.0.2.11")) == 1

    def test_no_request_no_throttle(self, public_pdok):
        """Management commands and the like are not a client."""
        for n in range(5):
            assert geocode(f"Wielwijk {n}").source == "pdok"
