"""PostgreSQL advisory locks on a connection of their own.

A session-level advisory lock (``pg_try_advisory_lock``) belongs to the
connection that took it, not to a transaction. The jobs themselves use the
default connection and commit (or roll back) as they go; the lock is held on a
second connection so nothing a job does can release it early, and it is given
back by PostgreSQL itself if the worker dies (the connection closes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

# Keeps these locks apart from any other advisory lock a project might take.
NAMESPACE = "meedoen.operations.job:"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (the same on every server and
    Python version, unlike ``hash()``)."""
    digest = hashlib.blake2b((NAMESPACE + name).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class LockConnection:
    """One extra database connection for a worker's advisory locks, opened
    when first needed and reopened after it broke."""

    def __init__(self, alias: str = DEFAULT_DB_ALIAS) -> None:
        self.alias = alias
        self._connection = None

    def _open(self):
        if self._connection is None or not self._connection.is_usable():
            self.close()
            base = connections[self.alias]
            self._connection = base.__class__(dict(base.settings_dict), alias=self.alias)
            self._connection.ensure_connection()
            self._connection.set_autocommit(True)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None

    @contextmanager
    def hold(self, name: str) -> Iterator[bool]:
        """Try to take the lock for ``name`` without waiting; yield whether it
        was taken, and give it back afterwards."""
        key = lock_key(name)
        connection = self._open()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            (taken,) = cursor.fetchone()
        try:
            yield taken
        finally:
            if taken:
                try:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
                except Exception:
                    # The connection broke: PostgreSQL has dropped the lock
                    # with it. Start afresh next time.
                    self.close()
