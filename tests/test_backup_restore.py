"""Backups that restore (core/backups.py, docs/deploy.md): the round trip on
the real test database, and the ways a restore must refuse.

The round trip backs up committed data (``transaction=True``), restores it
into a second, empty database ``<test database>_restore`` and points Django's
connection there: the same pages, accounts, search results and media file must
come back.
"""

from __future__ import annotations

import contextlib
import io
import json
import tarfile
from pathlib import Path

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from wagtail.images import get_image_model

from core.backups import (
    CHUNK,
    BackupError,
    _Sink,
    backup_prune,
    database_objects,
    decrypt_file,
    new_key,
)
from tests.factories import (
    USER_PASSWORD,
    ActivityPageFactory,
    HelpRequestFactory,
    InitiativePageFactory,
    UserFactory,
    VolunteerProfileFactory,
)

# --- helpers -----------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def scratch_db(transactional_db):
    """An empty database beside the test database; dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def connected_to(name: str):
    """Django's default connection on another database, for a while."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def backup(tmp_path, **options) -> Path:
    call_command("backup", output=tmp_path / "backups", stdout=_quiet(), **options)
    (made,) = (tmp_path / "backups").iterdir()
    return made


def restore(path: Path, **options) -> str:
    out = _quiet()
    call_command("restore", str(path), interactive=False, stdout=out, stderr=out, **options)
    return out.getvalue()


def _quiet():
    return io.StringIO()


def make_site_data(index):
    """An initiative with an activity, a volunteer, a help request and an image."""
    initiative = InitiativePageFactory(parent=index, title="Buurthuis De Linde")
    activity = ActivityPageFactory(
        parent=initiative,
        title="Breicafé De Linde",
        intro="Samen breien en een kop koffie, elke dinsdag.",
    )
    volunteer = UserFactory(email="jannie@example.nl")
    VolunteerProfileFactory(user=volunteer, display_name="Jannie")
    HelpRequestFactory(requester=volunteer, title="Hulp bij de boodschappen")
    image = wagtail_factories.ImageFactory(title="Foto van het breicafé")
    return activity, volunteer, image


# --- the round trip -------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_brings_pages_accounts_search_and_media_back(
    index, media, scratch_db, tmp_path, client, settings
):
    activity, volunteer, image = make_site_data(index)
    url = activity.get_url()
    page_before = client.get(url)
    assert page_before.status_code == 200
    image_bytes = Path(image.file.path).read_bytes()
    image_name = image.file.name
    password_hash = volunteer.password

    # The password reaches pg_dump through PGPASSWORD only (this server trusts
    # local connections, so any password works here).
    connection.settings_dict["PASSWORD"] = "db-wachtwoord-dat-nergens-mag-staan"
    try:
        made = backup(tmp_path, encrypt=False)
    finally:
        connection.settings_dict["PASSWORD"] = ""
    manifest = json.loads((made / "manifest.json").read_text())
    assert "db-wachtwoord" not in (made / "manifest.json").read_text()
    assert manifest["counts"]["pages"]["initiatives.activitypage"] == 1
    assert manifest["counts"]["tables"]["helprequests.helprequest"] == 1
    assert manifest["media_files"] >= 1
    assert manifest["migrations"]["search"]

    # The media folder is wiped along with the database: a new, empty one.
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with connected_to(scratch_db):
        assert database_objects() == []
        output = restore(made)
        assert "Alle aantallen zijn gelijk aan de back-up" in output

        # The same page, by its URL.
        page_after = client.get(url)
        assert page_after.status_code == 200
        for text in ("Breicafé De Linde", "Samen breien en een kop koffie"):
            assert text in page_after.content.decode()

        # The account: the same password hash, and logging in works.
        restored = get_user_model().objects.get(email="jannie@example.nl")
        assert restored.password == password_hash
        login = client.post(
            reverse("account_login"), {"login": "jannie@example.nl", "password": USER_PASSWORD}
        )
        assert login.status_code == 302
        assert client.get(reverse("account_email")).status_code == 200
        client.logout()

        # Search finds the activity (the index was rebuilt from the restored rows).
        found = client.get(reverse("search:page"), {"q": "breicafé"})
        assert "Breicafé De Linde" in found.content.decode()

        # The image: its row and its file.
        restored_image = get_image_model().objects.get(title="Foto van het breicafé")
        assert restored_image.file.name == image_name
        assert (settings.MEDIA_ROOT / image_name).read_bytes() == image_bytes


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_encrypted_backup_as_one_tar_restores(index, media, scratch_db, tmp_path, settings):
    make_site_data(index)
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    made = backup(tmp_path, encrypt=True, tar=True)
    assert made.suffix == ".tar"
    with tarfile.open(made) as archive:
        names = sorted(Path(n).name for n in archive.getnames())
    assert names == ["database.dump.enc", "manifest.json", "media.tar.enc"]

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with connected_to(scratch_db):
        output = restore(made, skip_search_index=True)
        assert "Alle aantallen zijn gelijk aan de back-up" in output
        assert get_user_model().objects.filter(email="jannie@example.nl").exists()
    assert any(p.is_file() for p in (tmp_path / "restored-media").rglob("*"))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_restore_force_empties_a_database_first(media, scratch_db, tmp_path, settings):
    made = backup(tmp_path, encrypt=False)
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    with connected_to(scratch_db):
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE leftover (id bigserial PRIMARY KEY, n int GENERATED ALWAYS AS "
                "IDENTITY); CREATE SEQUENCE loose_seq; CREATE VIEW leftover_view AS "
                "SELECT id FROM leftover; CREATE FUNCTION leftover_fn(int) RETURNS int "
                "LANGUAGE sql AS 'SELECT 1'"
            )
        with pytest.raises(CommandError, match="is niet leeg"):
            restore(made)
        output = restore(made, force=True, skip_search_index=True)
        assert "Alle aantallen zijn gelijk aan de back-up" in output
        names = database_objects()
        assert not {"leftover", "loose_seq", "leftover_view"} & set(names)
        assert not any(name.startswith("leftover_fn") for name in names)


# --- refusing ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(index, media, tmp_path):
    made = backup(tmp_path, encrypt=False)
    pages = index.get_children().count()
    with pytest.raises(CommandError, match="is niet leeg"):
        restore(made)
    assert index.get_children().count() == pages  # nothing was touched


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_file(media, scratch_db, tmp_path):
    made = backup(tmp_path, encrypt=False)
    dump = made / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    with connected_to(scratch_db):
        with pytest.raises(CommandError, match="controlegetal"):
            restore(made)
        assert database_objects() == []


@pytest.mark.django_db(transaction=True)
def test_restore_with_the_wrong_key_says_so_and_changes_nothing(
    media, scratch_db, tmp_path, settings
):
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    made = backup(tmp_path, encrypt=True)
    settings.BACKUP_ENCRYPTION_KEY = new_key()
    with connected_to(scratch_db):
        with pytest.raises(CommandError, match="niet de sleutel van deze back-up"):
            restore(made)
        settings.BACKUP_ENCRYPTION_KEY = ""
        with pytest.raises(CommandError, match="is versleuteld"):
            restore(made)
        assert database_objects() == []


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_of_a_newer_version(media, scratch_db, tmp_path):
    made = backup(tmp_path, encrypt=False)
    manifest = json.loads((made / "manifest.json").read_text())
    manifest["migrations"]["search"].append("9999_from_the_future")
    (made / "manifest.json").write_text(json.dumps(manifest))
    with connected_to(scratch_db), pytest.raises(CommandError, match="nieuwere versie"):
        restore(made)


@pytest.mark.django_db(transaction=True)
def test_restore_without_pg_restore_says_what_to_install(media, scratch_db, tmp_path, settings):
    made = backup(tmp_path, encrypt=False)
    settings.BACKUP_PG_BIN_DIR = str(tmp_path / "nowhere")
    with connected_to(scratch_db):
        with pytest.raises(CommandError, match="pg_restore is niet gevonden.*postgresql-client"):
            restore(made)
        assert database_objects() == []


@pytest.mark.django_db
def test_backup_without_pg_dump_says_what_to_install(media, tmp_path, settings):
    settings.BACKUP_PG_BIN_DIR = str(tmp_path / "nowhere")
    with pytest.raises(CommandError, match="pg_dump is niet gevonden.*postgresql-client"):
        call_command("backup", output=tmp_path / "backups", encrypt=False, stdout=_quiet())
    assert list((tmp_path / "backups").iterdir()) == []  # no half backup left


@pytest.mark.django_db
def test_encrypting_without_a_key_is_refused(media, tmp_path, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="BACKUP_ENCRYPTION_KEY is leeg"):
        call_command("backup", output=tmp_path, encrypt=True, stdout=_quiet())


# --- the encryption itself ---------------------------------------------------


def _encrypt(tmp_path, data: bytes, key: str) -> Path:
    sink = _Sink(tmp_path / "part.enc", key)
    for start in range(0, len(data), 65_536):
        sink.write(data[start : start + 65_536])
    sink.close()
    return tmp_path / "part.enc"


@pytest.mark.parametrize("size", [0, 10, CHUNK, 2 * CHUNK + 7])
def test_encryption_round_trip_in_chunks(tmp_path, size):
    key = new_key()
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)
    sealed = _encrypt(tmp_path, data, key)
    assert data[:64] not in sealed.read_bytes() or size == 0
    decrypt_file(sealed, tmp_path / "plain", key=key)
    assert (tmp_path / "plain").read_bytes() == data


@pytest.mark.parametrize("damage", ["flip", "cut", "append", "drop_last"])
def test_damaged_encrypted_part_is_refused(tmp_path, damage):
    key = new_key()
    sealed = _encrypt(tmp_path, b"x" * (2 * CHUNK + 100), key)
    data = bytearray(sealed.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 1
    elif damage == "cut":
        data = data[: len(data) - 50]
    elif damage == "append":
        data += b"extra"
    else:  # the last chunk removed: the rest still decrypts, but must not pass
        last_size = 100 + 16 + 5
        data = data[: len(data) - last_size]
    sealed.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="beschadigd"):
        decrypt_file(sealed, tmp_path / "plain", key=key)


def test_a_key_that_is_not_a_key_is_refused(tmp_path):
    with pytest.raises(BackupError, match="geen geldige sleutel"):
        _Sink(tmp_path / "x", "te-kort")


# --- keeping a few ---------------------------------------------------------------


def test_prune_keeps_the_newest_per_day_week_and_month(tmp_path):
    names = [
        "meedoen-20261202-020000",  # the newest: kept (daily, week 49, December)
        "meedoen-20261201-020000",  # kept (daily)
        "meedoen-20261130-020000",  # kept: the newest of November
        "meedoen-20261123-020000.tar",  # kept: the newest of ISO week 48
        "meedoen-20261122-020000",  # kept: the newest of ISO week 47
        "meedoen-20261015-020000",  # kept: the newest of October
        "meedoen-20261001-020000",  # older in October, past every count: removed
        "something-else",  # not a backup: never touched
    ]
    for name in names:
        (tmp_path / name).mkdir() if not name.endswith(".tar") else (tmp_path / name).touch()
    removed = backup_prune(folder=tmp_path, keep="2,3,3")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert "something-else" in left
    assert "meedoen-20261202-020000" in left and "meedoen-20261201-020000" in left
    assert {p.name for p in removed} == {"meedoen-20261001-020000"}
    assert set(left) == set(names) - {"meedoen-20261001-020000"}
    with pytest.raises(BackupError, match="drie getallen"):
        backup_prune(folder=tmp_path, keep="14")
