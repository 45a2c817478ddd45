"""Rules of the search app's code that a review would otherwise have to catch:
backends stay split by job, and raw SQL rows are read by name (STYLE 21)."""

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest

import search
from search.sql import RowMismatch, fetch

SEARCH = Path(search.__file__).parent
MAX_BACKEND_LINES = 300
CURSOR_READS = {"fetchall", "fetchone", "fetchmany", "description"}
ROW_NAMES = {"r", "row", "record"}  # one row; rows[-1] (the last row) is fine


def modules() -> list[Path]:
    return sorted(p for p in SEARCH.rglob("*.py") if "migrations" not in p.parts)


def cursor_reads(tree: ast.AST) -> list[int]:
    """Lines that read a cursor's rows or columns."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in CURSOR_READS
    ]


def _is_position(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    if isinstance(node, ast.Slice):
        return any(part is not None and _is_position(part) for part in (node.lower, node.upper))
    return isinstance(node, ast.Constant) and isinstance(node.value, int)


def _name(node: ast.expr) -> str:
    return node.id if isinstance(node, ast.Name) else getattr(node, "attr", "")


def _is_row(node: ast.expr) -> bool:
    """A name for one row (``row``, ``r``, ``probe_row``), or one row taken
    from a list of them (``rows[0]``, ``probed_rows[i]``)."""
    if isinstance(node, ast.Subscript):
        return _name(node.value).endswith("rows")
    name = _name(node)
    return name in ROW_NAMES or name.endswith("_row")


def positional_reads(tree: ast.AST) -> list[int]:
    """Lines like ``row[5]``, ``r[-3]``, ``row[:-3]`` or ``rows[0][-2:]``."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Subscript) and _is_position(node.slice) and _is_row(node.value)
    ]


def test_no_backend_module_grows_past_300_lines():
    """A backend module past ~300 lines has started doing two jobs again:
    split it along them (search/backends/postgres/ and elasticsearch/)."""
    lengths = {
        str(path.relative_to(SEARCH)): len(path.read_text().splitlines())
        for path in (SEARCH / "backends").rglob("*.py")
    }
    assert len(lengths) >= 10  # the packages are searched, not only the top level
    assert {name: n for name, n in lengths.items() if n > MAX_BACKEND_LINES} == {}


def test_only_search_sql_reads_cursor_rows():
    offenders = {
        str(path.relative_to(SEARCH)): lines
        for path in modules()
        if path.name != "sql.py" and (lines := cursor_reads(ast.parse(path.read_text())))
    }
    assert offenders == {}, "read raw rows with search.sql.fetch and a row type"


def test_no_row_is_read_by_position():
    offenders = {
        str(path.relative_to(SEARCH)): lines
        for path in modules()
        if (lines := positional_reads(ast.parse(path.read_text())))
    }
    assert offenders == {}


@pytest.mark.parametrize(
    "source",
    [
        "x = row[5]",
        "x = r[-3]",
        "x = [row[:-3] for row in rows]",
        "reach = probed_rows[0][-2:]",
        "page_id = candidate_row[0]",
        "n = cursor.fetchall()",
    ],
)
def test_the_checks_catch_reads_by_position(source):
    tree = ast.parse(source)
    assert positional_reads(tree) or cursor_reads(tree)


@pytest.mark.parametrize(
    "source", ["last = rows[-1].page_id", "x = row.score", "first = words[0]", "x = row['pk']"]
)
def test_the_checks_leave_reads_by_name_alone(source):
    tree = ast.parse(source)
    assert not positional_reads(tree) and not cursor_reads(tree)


class Pair(NamedTuple):
    word: str
    n: int


@dataclass
class PairRecord:
    word: str
    n: int


@pytest.mark.django_db
@pytest.mark.parametrize("row_type", [Pair, PairRecord])
def test_fetch_reads_rows_by_name(row_type):
    [row] = fetch("SELECT 'koffie' AS word, 2 AS n", [], row_type)
    assert (row.word, row.n) == ("koffie", 2)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 'koffie' AS word, 2 AS n, 3 AS added",  # a column added to the query only
        "SELECT 2 AS n, 'koffie' AS word",  # the same columns in another order
        "SELECT 'koffie' AS word",  # a column missing
    ],
)
def test_fetch_refuses_a_query_whose_columns_are_not_the_fields(sql):
    with pytest.raises(RowMismatch):
        fetch(sql, [], Pair)
