"""Backups that restore (docs/deploy.md, "Back-ups").

A backup is one folder (or a .tar of it) holding

- ``database.dump``: ``pg_dump --format=custom``, one consistent snapshot of
  the whole database (PostgreSQL takes it in one transaction);
- ``media.tar``: the uploaded files under MEDIA_ROOT;
- ``manifest.json``: the code's version, Django's and Wagtail's, the applied
  migrations per app, the counts of the tables and pages per type, and the
  sha256 of both files as they are stored.

With a key (``BACKUP_ENCRYPTION_KEY``) both files are encrypted as they are
written (``.enc``: AES-256-GCM in chunks of 1 MiB, so a large dump never sits
in memory nor on disk unencrypted); the manifest holds no personal data and
stays readable, so a restore checks every checksum before it decrypts.

The password of the database reaches pg_dump and pg_restore through
PGPASSWORD in their environment: never on a command line (which every user of
the server can read in ``ps``) and never in the manifest.

This module imports no project app: it counts every model generically, and the
restore rebuilds the search index through its management command.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import shutil
import struct
import subprocess
import tarfile
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import django
import wagtail
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Count
from django.utils import timezone
from psycopg2 import sql
from wagtail.models import Page, Site

from core.versioning import bump_content_version

FORMAT = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media.tar"
ENCRYPTED_SUFFIX = ".enc"
MAGIC = b"MEEDOEN-BACKUP-1\n"
CHUNK = 1 << 20  # 1 MiB of plaintext per encrypted chunk
NONCE_PREFIX = 7  # random per file; + 4 bytes chunk counter + 1 byte "last chunk"
KEY_ID_BYTES = 8
TOOL_TIMEOUT = 6 * 3600  # seconds; a dump of a large site takes minutes, not hours
# Tables that are not the project's own but that a restore must bring back.
EXTRA_COUNTED = {
    "auth.user",
    "auth.group",
    "account.emailaddress",
    "wagtailcore.page",
    "wagtailcore.pagerevision",
    "wagtailcore.revision",
    "wagtailimages.image",
    "wagtaildocs.document",
}


class BackupError(Exception):
    """An expected failure (a missing tool, a wrong key, a damaged file, a
    database that is not empty): one clear sentence, no traceback."""


# --- encryption -----------------------------------------------------------


def _key_bytes(key: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(key.strip().encode())
    except (ValueError, TypeError):
        raw = b""
    if len(raw) != 32:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is geen geldige sleutel (32 bytes in urlsafe base64). "
            "Maak er een met: python manage.py backup --new-key"
        )
    return raw


def key_id(key: str) -> str:
    """A short fingerprint of the key (not the key): tells a wrong key apart
    from a damaged file, and tells the operator which key a backup needs."""
    digest = hmac.new(_key_bytes(key), b"meedoen backup key id", hashlib.sha256).digest()
    return digest[:KEY_ID_BYTES].hex()


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


class _Sink:
    """The file a part of the backup is written to: hashed as it is written,
    and encrypted chunk by chunk when there is a key (each chunk's nonce holds
    its number and whether it is the last, so chunks cannot be reordered,
    dropped or cut off unnoticed)."""

    def __init__(self, path: Path, key: str = ""):
        self.path = path
        self.sha256 = hashlib.sha256()
        self.size = 0
        self._file = open(path, "wb")  # noqa: SIM115 - closed in close()
        os.chmod(path, 0o600)
        self._aead = None
        if key:
            self._aead = AESGCM(_key_bytes(key))
            self._prefix = os.urandom(NONCE_PREFIX)
            self._header = MAGIC + bytes.fromhex(key_id(key)) + self._prefix
            self._counter = 0
            self._buffer = bytearray()
            self._raw(self._header)

    def _raw(self, data: bytes) -> None:
        self._file.write(data)
        self.sha256.update(data)
        self.size += len(data)

    def _chunk(self, data: bytes, *, last: bool) -> None:
        nonce = self._prefix + self._counter.to_bytes(4, "big") + bytes([last])
        sealed = self._aead.encrypt(nonce, bytes(data), self._header)
        self._raw(struct.pack(">BI", last, len(sealed)) + sealed)
        self._counter += 1

    def write(self, data: bytes) -> int:
        if self._aead is None:
            self._raw(data)
            return len(data)
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._chunk(self._buffer[:CHUNK], last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def close(self) -> dict:
        if self._aead is not None:
            self._chunk(self._buffer, last=True)
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        return {"sha256": self.sha256.hexdigest(), "bytes": self.size}


def _decrypted_chunks(path: Path, key: str) -> Iterator[bytes]:
    damaged = BackupError(f"{path.name} is beschadigd: de versleutelde inhoud klopt niet.")
    with open(path, "rb") as source:
        header = source.read(len(MAGIC) + KEY_ID_BYTES + NONCE_PREFIX)
        if not header.startswith(MAGIC) or len(header) < len(MAGIC) + KEY_ID_BYTES:
            raise BackupError(f"{path.name} is geen versleuteld deel van een Meedoen-back-up.")
        wanted = header[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES].hex()
        if not key:
            raise BackupError(
                f"Deze back-up is versleuteld (sleutel {wanted}). "
                "Zet BACKUP_ENCRYPTION_KEY op de sleutel waarmee hij is gemaakt."
            )
        if key_id(key) != wanted:
            raise BackupError(
                f"De sleutel in BACKUP_ENCRYPTION_KEY ({key_id(key)}) is niet de sleutel "
                f"van deze back-up ({wanted}). Gebruik de sleutel waarmee hij is gemaakt."
            )
        aead = AESGCM(_key_bytes(key))
        prefix = header[-NONCE_PREFIX:]
        counter = 0
        while True:
            head = source.read(5)
            if len(head) < 5:
                raise damaged  # cut off before the last chunk
            last, length = struct.unpack(">BI", head)
            sealed = source.read(length)
            if last not in (0, 1) or len(sealed) != length:
                raise damaged
            nonce = prefix + counter.to_bytes(4, "big") + bytes([last])
            try:
                yield aead.decrypt(nonce, sealed, header)
            except InvalidTag:
                raise damaged from None
            counter += 1
            if last:
                if source.read(1):
                    raise damaged  # something appended after the last chunk
                return


def decrypt_file(source: Path, target: Path, *, key: str) -> None:
    with open(target, "wb") as out:
        os.chmod(target, 0o600)
        for chunk in _decrypted_chunks(source, key):
            out.write(chunk)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# --- PostgreSQL's tools -----------------------------------------------------


def _tool(name: str) -> str:
    folder = getattr(settings, "BACKUP_PG_BIN_DIR", "")
    path = str(Path(folder) / name) if folder else shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        raise BackupError(
            f"{name} is niet gevonden. Installeer de PostgreSQL-clientprogramma's van de "
            f"versie van de server (Debian: apt install postgresql-client-15) of zet "
            f"BACKUP_PG_BIN_DIR op hun map (bijvoorbeeld /usr/lib/postgresql/15/bin)."
        )
    return path


def _tool_major(path: str) -> int:
    output = subprocess.run(
        [path, "--version"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def _check_tool_version(path: str) -> None:
    server = connection.pg_version // 10000
    client = _tool_major(path)
    if client < server:
        raise BackupError(
            f"{Path(path).name} is versie {client}, de databaseserver versie {server}. "
            f"Installeer postgresql-client-{server} (of zet BACKUP_PG_BIN_DIR)."
        )


def _connection_args() -> tuple[list[str], dict[str, str]]:
    """Command-line options and environment for pg_dump/pg_restore: the
    password goes in the environment only."""
    db = connection.settings_dict
    args = ["--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    args += ["--dbname", db["NAME"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if db.get("OPTIONS", {}).get(option):
            env[variable] = str(db["OPTIONS"][option])
    return args, env


def _tool_failed(name: str, stderr: str) -> BackupError:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return BackupError(f"{name} is mislukt: {' / '.join(lines[-3:]) or 'geen melding'}")


# --- what the manifest says -------------------------------------------------


def code_version() -> dict[str, str]:
    version = {"package": ""}
    with contextlib.suppress(OSError, tomllib.TOMLDecodeError):
        pyproject = tomllib.loads((Path(settings.BASE_DIR) / "pyproject.toml").read_text())
        version["package"] = pyproject.get("project", {}).get("version", "")
    try:
        commit = subprocess.run(
            ["git", "-c", f"safe.directory={settings.BASE_DIR}", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    version["commit"] = commit if re.fullmatch(r"[0-9a-f]{40}", commit) else ""
    return version


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _counted_models():
    base = Path(settings.BASE_DIR).resolve()
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        path = Path(apps.get_app_config(meta.app_label).path).resolve()
        own = path.is_relative_to(base) and "site-packages" not in path.parts
        if own or meta.label_lower in EXTRA_COUNTED:
            yield model


def table_counts() -> dict[str, dict[str, int]]:
    """Rows per model (the project's own and the users, pages, images and
    documents) and pages per type: what a restore compares with."""
    tables = {m._meta.label_lower: m._base_manager.count() for m in _counted_models()}
    per_type = Page.objects.order_by().values("content_type").annotate(n=Count("pk"))
    types = ContentType.objects.in_bulk([row["content_type"] for row in per_type])
    pages = {
        f"{types[row['content_type']].app_label}.{types[row['content_type']].model}": row["n"]
        for row in per_type
        if row["content_type"] in types
    }
    return {"tables": dict(sorted(tables.items())), "pages": dict(sorted(pages.items()))}


# --- making a backup --------------------------------------------------------


@dataclass
class Backup:
    path: Path
    manifest: dict


def _dump_database(sink: _Sink) -> None:
    pg_dump = _tool("pg_dump")
    _check_tool_version(pg_dump)
    args, env = _connection_args()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [pg_dump, "--format=custom", *args], stdout=subprocess.PIPE, stderr=errors, env=env
        )
        for block in iter(lambda: process.stdout.read(CHUNK), b""):
            sink.write(block)
        process.stdout.close()
        returncode = process.wait(timeout=TOOL_TIMEOUT)
        errors.seek(0)
        if returncode != 0:
            raise _tool_failed("pg_dump", errors.read().decode(errors="replace"))


def _archive_media(sink: _Sink) -> int:
    """Everything under MEDIA_ROOT, relative to it; returns the number of files."""
    root = Path(settings.MEDIA_ROOT)
    files = 0
    with tarfile.open(fileobj=sink, mode="w|") as archive:
        if root.is_dir():
            for entry in sorted(root.iterdir()):
                archive.add(entry, arcname=entry.name)
            files = sum(1 for p in root.rglob("*") if p.is_file())
    return files


def backup_create(
    *, output_dir: Path, key: str = "", as_tar: bool = False, log: Callable[[str], None] = print
) -> Backup:
    """Write a backup into ``output_dir`` (a folder ``meedoen-<UTC time>``, or
    that folder as one .tar). It appears there only when complete."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    created = timezone.now()
    name = f"meedoen-{created:%Y%m%d-%H%M%S}"
    final = output_dir / (f"{name}.tar" if as_tar else name)
    if final.exists():
        raise BackupError(f"{final} bestaat al. Wacht een seconde en probeer het opnieuw.")
    partial = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".partial", dir=output_dir))
    suffix = ENCRYPTED_SUFFIX if key else ""
    try:
        log("Database wordt gedumpt (pg_dump)…")
        sink = _Sink(partial / f"{DUMP}{suffix}", key)
        try:
            _dump_database(sink)
        finally:
            dump_info = sink.close()
        log("Mediabestanden worden ingepakt…")
        sink = _Sink(partial / f"{MEDIA}{suffix}", key)
        try:
            media_files = _archive_media(sink)
        finally:
            media_info = sink.close()
        manifest = {
            "format": FORMAT,
            "application": "meedoen",
            "version": code_version(),
            "created_at": created.isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "postgresql": connection.pg_version,
            "encrypted": bool(key),
            "key_id": key_id(key) if key else "",
            "migrations": applied_migrations(),
            "counts": table_counts(),
            "media_files": media_files,
            "files": {f"{DUMP}{suffix}": dump_info, f"{MEDIA}{suffix}": media_info},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        if as_tar:
            with tarfile.open(partial.with_suffix(".tar"), "w") as archive:
                for part in sorted(partial.iterdir()):
                    archive.add(part, arcname=f"{name}/{part.name}")
            os.chmod(partial.with_suffix(".tar"), 0o600)
            partial.with_suffix(".tar").rename(final)
            shutil.rmtree(partial)
        else:
            partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        with contextlib.suppress(OSError):
            partial.with_suffix(".tar").unlink()
        raise
    return Backup(path=final, manifest=manifest)


# --- keeping a few ---------------------------------------------------------

BACKUP_NAME = re.compile(r"^meedoen-(\d{8})-(\d{6})(\.tar)?$")


def backup_prune(*, folder: Path, keep: str) -> list[Path]:
    """Remove the backups in ``folder`` that ``keep`` ("daily,weekly,monthly",
    e.g. "14,8,12") does not keep: the newest backup of each of the last 14
    days that have one, of the last 8 ISO weeks and of the last 12 months.
    Only complete backups made by ``backup_create`` are ever touched."""
    try:
        daily, weekly, monthly = (int(part) for part in keep.split(","))
    except ValueError:
        raise BackupError(
            f"BACKUP_KEEP moet drie getallen zijn (dagen,weken,maanden), bijv. 14,8,12; "
            f"niet {keep!r}."
        ) from None
    found = []
    for path in Path(folder).iterdir():
        match = BACKUP_NAME.match(path.name)
        if match:
            when = dt.datetime.strptime(match.group(1) + match.group(2), "%Y%m%d%H%M%S").replace(
                tzinfo=dt.UTC
            )
            found.append((when, path))
    found.sort(reverse=True)
    kept: set[Path] = {found[0][1]} if found else set()
    for count, period in (
        (daily, lambda d: d.date()),
        (weekly, lambda d: d.isocalendar()[:2]),
        (monthly, lambda d: (d.year, d.month)),
    ):
        seen = []
        for when, path in found:
            if len(seen) >= count:
                break
            if period(when) not in seen:
                seen.append(period(when))
                kept.add(path)
    removed = []
    for _, path in found:
        if path not in kept:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


# --- reading and checking a backup -----------------------------------------


@contextlib.contextmanager
def backup_opened(path: Path) -> Iterator[Path]:
    """The backup's folder: ``path`` itself, or a .tar unpacked into a
    private temporary folder (removed afterwards)."""
    path = Path(path)
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise BackupError(f"{path} bestaat niet.")
    with tempfile.TemporaryDirectory(prefix="meedoen-restore-") as folder:
        try:
            with tarfile.open(path) as archive:
                archive.extractall(folder, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{path.name} is geen leesbaar back-uparchief: {exc}") from None
        found = [p.parent for p in Path(folder).rglob(MANIFEST)]
        if len(found) != 1:
            raise BackupError(f"{path.name} bevat geen (of meer dan één) {MANIFEST}.")
        yield found[0]


def backup_verify(folder: Path) -> dict:
    """The manifest, once every file's checksum matches and the backup's
    migrations are known to this version of the code."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} bevat geen {MANIFEST}: dit is geen Meedoen-back-up.") from None
    except (ValueError, OSError):
        raise BackupError(f"{MANIFEST} is beschadigd (geen geldige JSON).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} heeft een onbekend formaat.")
    files = manifest.get("files", {})
    for part in (DUMP, MEDIA):
        name = part + (ENCRYPTED_SUFFIX if manifest.get("encrypted") else "")
        if name not in files:
            raise BackupError(f"{MANIFEST} noemt {name} niet.")
        if not (folder / name).is_file():
            raise BackupError(f"{name} ontbreekt in de back-up.")
        if file_sha256(folder / name) != files[name].get("sha256"):
            raise BackupError(
                f"Het controlegetal (sha256) van {name} klopt niet: het bestand is "
                "beschadigd of veranderd. Gebruik een andere back-up."
            )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    installed = {config.label for config in apps.get_app_configs()}
    unknown = [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known and app in installed
    ]
    if unknown:
        raise BackupError(
            "Deze back-up komt van een nieuwere versie van Meedoen (onbekende migraties: "
            f"{', '.join(unknown[:3])}). Zet eerst die versie (of een nieuwere) neer."
        )
    return manifest


# --- the target database ----------------------------------------------------

USER_OBJECTS = """
    SELECT c.relname AS name, c.relkind AS kind, n.nspname AS schema
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                        AND d.deptype = 'e')
    ORDER BY c.relname
"""
USER_FUNCTIONS = """
    SELECT p.oid::regprocedure::text AS name
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\\_%%'
      AND NOT EXISTS (SELECT 1 FROM pg_depend d
                      WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                        AND d.deptype = 'e')
"""
KIND_DROP = {
    "r": "TABLE",
    "p": "TABLE",
    "v": "VIEW",
    "m": "MATERIALIZED VIEW",
    "S": "SEQUENCE",
    "f": "FOREIGN TABLE",
}


def database_objects() -> list[str]:
    """Tables, views, sequences and functions of the target database that no
    extension (PostGIS' spatial_ref_sys, say) brought: empty means empty."""
    with connection.cursor() as cursor:
        cursor.execute(USER_OBJECTS)
        relations = [row[0] for row in cursor.fetchall()]
        cursor.execute(USER_FUNCTIONS)
        functions = [row[0] for row in cursor.fetchall()]
    return relations + functions


def database_wipe() -> None:
    """Drop what ``database_objects`` lists (for ``restore --force``), in one
    transaction; the extensions stay, they are the database administrator's.
    Tables first (with CASCADE their sequences, constraints and dependent views
    go too), then what is left of views, then of sequences, then functions."""
    with transaction.atomic(), connection.cursor() as cursor:
        for kinds in (("r", "p", "f"), ("m", "v"), ("S",)):
            cursor.execute(USER_OBJECTS)
            for name, kind, schema in cursor.fetchall():
                if kind in kinds:
                    cursor.execute(
                        sql.SQL("DROP {} IF EXISTS {}.{} CASCADE").format(
                            sql.SQL(KIND_DROP[kind]), sql.Identifier(schema), sql.Identifier(name)
                        )
                    )
        cursor.execute(USER_FUNCTIONS)
        for (signature,) in cursor.fetchall():
            # regprocedure's text is already quoted as PostgreSQL needs it.
            cursor.execute(f"DROP FUNCTION IF EXISTS {signature} CASCADE")


EXTENSION_LINE = re.compile(r'^\d+; \d+ \d+ EXTENSION - "?([^"\s]+)"?')
EXTENSION_COMMENT = re.compile(r"^\d+; \d+ \d+ COMMENT - EXTENSION ")


def _restore_list(pg_restore: str, dump: Path, env: dict) -> str:
    """pg_restore's table of contents without what the target already has or
    what only an extension's owner may do: ``CREATE EXTENSION`` for an
    installed extension, and ``COMMENT ON EXTENSION`` (which fails for an
    ordinary database user and would stop --exit-on-error)."""
    listed = subprocess.run(
        [pg_restore, "--list", str(dump)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    if listed.returncode != 0:
        raise BackupError(f"{DUMP} is geen leesbare databasedump: {listed.stderr.strip()}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        installed = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = bool(cursor.fetchone()[0])
        cursor.execute("SELECT name FROM pg_available_extension_versions WHERE trusted")
        trusted = {row[0] for row in cursor.fetchall()}
    kept, blocked = [], []
    for line in listed.stdout.splitlines():
        if EXTENSION_COMMENT.match(line):
            continue
        extension = EXTENSION_LINE.match(line)
        if extension:
            name = extension.group(1)
            if name in installed:
                continue
            if not superuser and name not in trusted:
                blocked.append(name)
        kept.append(line)
    if blocked:
        raise BackupError(
            f"De extensie(s) {', '.join(sorted(blocked))} ontbreken in de doeldatabase en "
            "alleen een beheerder mag ze maken. Vraag de databasebeheerder: "
            + " ".join(f"CREATE EXTENSION {name};" for name in sorted(blocked))
        )
    return "\n".join(kept) + "\n"


def _restore_database(dump: Path) -> None:
    pg_restore = _tool("pg_restore")
    _check_tool_version(pg_restore)
    args, env = _connection_args()
    with tempfile.NamedTemporaryFile("w", suffix=".list") as listing:
        listing.write(_restore_list(pg_restore, dump, env))
        listing.flush()
        connection.close()  # pg_restore works in its own session
        result = subprocess.run(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",  # all or nothing: a failure leaves it empty
                f"--use-list={listing.name}",
                *args,
                str(dump),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    if result.returncode != 0:
        raise _tool_failed("pg_restore", result.stderr)


def _media_is_empty(root: Path) -> bool:
    return not root.exists() or not any(root.iterdir())


# --- restoring --------------------------------------------------------------


@dataclass
class Restored:
    manifest: dict
    counts: dict
    differences: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def count_differences(before: dict, after: dict) -> list[str]:
    """Lines for the summary: what the database holds now against the manifest
    (after ``migrate`` a new table may hold rows a migration made)."""
    lines = []
    for group in ("pages", "tables"):
        old, new = before.get(group, {}), after.get(group, {})
        for label in sorted(set(old) | set(new)):
            if old.get(label) != new.get(label):
                lines.append(
                    f"{label}: {old.get(label, 'niet in de back-up')} in de back-up, "
                    f"{new.get(label, 'geen tabel')} nu"
                )
    return lines


def backup_restore(
    *,
    path: Path,
    key: str = "",
    force: bool = False,
    rebuild_search: Callable[[], None] | None = None,
    migrate: Callable[[], None] | None = None,
    log: Callable[[str], None] = print,
) -> Restored:
    """Bring a backup into this site's database and MEDIA_ROOT. Everything is
    checked (checksums, key, decryption) before the database is touched;
    without ``force`` both must be empty."""
    media_root = Path(settings.MEDIA_ROOT)
    with backup_opened(path) as folder:
        manifest = backup_verify(folder)
        suffix = ENCRYPTED_SUFFIX if manifest["encrypted"] else ""
        with tempfile.TemporaryDirectory(prefix="meedoen-restore-") as work:
            os.chmod(work, 0o700)
            dump, media = folder / f"{DUMP}{suffix}", folder / f"{MEDIA}{suffix}"
            if manifest["encrypted"]:
                log("Back-up wordt ontsleuteld…")
                decrypt_file(dump, Path(work) / DUMP, key=key)
                decrypt_file(media, Path(work) / MEDIA, key=key)
                dump, media = Path(work) / DUMP, Path(work) / MEDIA
            existing = database_objects()
            if existing and not force:
                raise BackupError(
                    f"De database {connection.settings_dict['NAME']} is niet leeg "
                    f"({len(existing)} tabellen en functies, o.a. {', '.join(existing[:3])}). "
                    "Terugzetten gebeurt in een lege database. Met --force wordt alles "
                    "erin gewist."
                )
            if not _media_is_empty(media_root) and not force:
                raise BackupError(
                    f"De mediamap {media_root} is niet leeg. Terugzetten gebeurt in een lege "
                    "map. Met --force worden de bestanden uit de back-up eroverheen gezet."
                )
            if existing:
                log("Database wordt gewist (--force)…")
                database_wipe()
            log("Database wordt teruggezet (pg_restore)…")
            _restore_database(dump)
            _forget_cached_rows()
            log("Migraties worden bijgewerkt…")
            if migrate:
                migrate()
            log("Mediabestanden worden teruggezet…")
            media_root.mkdir(parents=True, exist_ok=True)
            try:
                with tarfile.open(media) as archive:
                    archive.extractall(media_root, filter="data")
            except tarfile.TarError as exc:
                raise BackupError(f"{MEDIA} kon niet worden uitgepakt: {exc}") from None
    restored = Restored(manifest=manifest, counts=table_counts())
    if rebuild_search:
        log("Zoekindex wordt opnieuw opgebouwd…")
        try:
            rebuild_search()
        except Exception as exc:  # noqa: BLE001 - the data is back; say what is left
            restored.warnings.append(
                f"De zoekindex is niet opnieuw opgebouwd ({exc}). Draai later: "
                "python manage.py search_index rebuild"
            )
    restored.differences = count_differences(manifest.get("counts", {}), restored.counts)
    return restored


def _forget_cached_rows() -> None:
    """Caches of rows that the restore replaced (ids may differ now)."""
    ContentType.objects.clear_cache()
    with contextlib.suppress(Exception):
        Site.clear_site_root_paths_cache()
    bump_content_version()
