"""Write the whole sociale kaart as one gzip'd HSDS JSON file
(OPEN_DATA_DIR/hsds.json.gz), served at /open-data/hsds.json.

Rows are read a chunk of pages at a time and written as they come, so memory
stays flat however large the data. The file is written beside the old one and
moved into place, so a download never sees half a file. Run it from cron
(docs/open-data.md), e.g. every night and after large imports.
"""

import gzip
import os
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from initiatives import hsds
from initiatives.open_data_views import DUMP_NAME


class Command(BaseCommand):
    help = "Schrijf de volledige open data (HSDS) als gzip-bestand."

    def handle(self, *args, **options):
        folder = Path(settings.OPEN_DATA_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        with ExitStack() as stack:
            scratch = {
                kind: stack.enter_context(
                    tempfile.TemporaryFile("w+", encoding="utf-8", dir=folder)
                )
                for kind in hsds.KINDS
            }
            fd, tmp_name = tempfile.mkstemp(prefix=".hsds-", suffix=".gz", dir=folder)
            try:
                with (
                    os.fdopen(fd, "wb") as raw,
                    gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as packed,
                ):
                    out = stack.enter_context(_Text(packed))
                    rows = hsds.write_dump(out, scratch)
                    out.flush()
                os.chmod(tmp_name, 0o644)
                os.replace(tmp_name, folder / DUMP_NAME)
            except BaseException:
                Path(tmp_name).unlink(missing_ok=True)
                raise
        size = (folder / DUMP_NAME).stat().st_size
        self.stdout.write(
            f"{rows} rijen, {size / 1024:.0f} kB in {time.monotonic() - started:.1f} s: "
            f"{folder / DUMP_NAME}"
        )


class _Text:
    """Text written to a binary stream as UTF-8 (the gzip file)."""

    def __init__(self, binary):
        self.binary = binary

    def write(self, text: str) -> None:
        self.binary.write(text.encode("utf-8"))

    def flush(self) -> None:
        self.binary.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
