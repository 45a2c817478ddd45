"""Apps import in one direction (docs/architecture.md, issue 13).

Every module of every project app is parsed (``ast``, so imports inside
functions and under ``TYPE_CHECKING`` count too) and each import of another
project app is checked against ``ALLOWED``. The table is the dependency
diagram: change it only together with docs/architecture.md.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Which project apps each app may import, bottom layer first. marketplace is
# the project (settings and urls): it sits on top and may name everything.
PEOPLE = {"core", "organisation", "accounts", "audit", "initiatives", "contactpoints"}
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    # Who runs the site (a Wagtail site setting): the demo data fills it in,
    # the privacy statement names the controller and the DPO from it.
    "organisation": {"core"},
    "accounts": {"core"},
    # Issue 19: the audit log of access to personal data. Low, so that every
    # app that shows personal data can record an access; it knows only ids.
    "audit": {"core", "accounts"},
    "initiatives": {"core", "organisation"},
    # Issue 17: people to talk to, professionals, referrals and signals. Each
    # sits on the places (initiatives); the pages that show them (help
    # requests, search, the inbox in volunteers) sit above.
    "contactpoints": {"core", "organisation", "accounts", "initiatives"},
    "professionals": {"core", "organisation", "accounts", "initiatives", "contactpoints"},
    # The signal form and the referral's note warn about medical words with
    # the help requests' list.
    "referrals": {*PEOPLE, "professionals", "helprequests"},
    "signalling": {*PEOPLE, "professionals", "helprequests"},
    # Help requests sit below volunteers: "Voor jou" ranks vacancies and help
    # requests in one list, and own data includes a person's help requests.
    # The help form offers the municipality's phone number as the other way.
    "helprequests": {"core", "organisation", "accounts", "audit", "initiatives", "contactpoints"},
    # Issue 18: taking a place on an activity's date. Own data (volunteers)
    # lists and erases a person's sign-ups.
    "signups": {"core", "organisation", "accounts", "audit", "initiatives"},
    "volunteers": {
        "audit",
        "signups",
        "core",
        "organisation",
        "accounts",
        "initiatives",
        "contactpoints",
        "professionals",
        "referrals",
        "signalling",
        "helprequests",
    },
    # No question left unanswered (issue 17): reads the first replies of
    # everything above the places, mails reminders, lists what waits.
    "followup": {
        "core",
        "organisation",
        "accounts",
        "initiatives",
        "contactpoints",
        "professionals",
        "referrals",
        "signalling",
        "helprequests",
        "volunteers",
    },
    "search": {"core", "initiatives", "contactpoints"},
    # The overview also shows search's unmet-demand counters, and the time
    # to a first reply (followup).
    # "Inzage in verwerkingen" (audit) is a page of the municipality's overview.
    "reports": {
        "core",
        "audit",
        "initiatives",
        "helprequests",
        "volunteers",
        "followup",
        "search",
    },
    "api": {"core", "initiatives", "search"},
    # Issue 19: the worker runs every app's commands by name (call_command,
    # no import); the health check reads the search outbox and the search
    # backend's circuit breaker.
    "operations": {"core", "search"},
    "marketplace": {
        "audit",
        "signups",
        "core",
        "organisation",
        "accounts",
        "initiatives",
        "contactpoints",
        "professionals",
        "referrals",
        "signalling",
        "helprequests",
        "volunteers",
        "followup",
        "search",
        "reports",
        "api",
        "operations",
    },
}

# Imports of another project app inside a function, each with the reason it
# cannot be at the top of the module. An import that is only there to dodge a
# circle means the boundary between the apps is wrong: fix that instead.
FUNCTION_LEVEL_ALLOWED: dict[tuple[str, str], str] = {}

# What the project package may hold (djangoproject.com's layout).
MARKETPLACE_ALLOWED = {"__init__.py", "settings", "urls.py", "wsgi.py", "asgi.py", "static"}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, as a path relative to the repository
    line: int
    target: str  # the imported module's dotted name
    in_function: bool

    @property
    def source_app(self) -> str:
        return self.module.split("/")[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".")[0]


def project_apps() -> set[str]:
    """Packages at the repository root (tests and scripts are not apps)."""
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "scripts"}
    }


def _imports(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(ROOT).as_posix()
    package = relative.removesuffix(".py").replace("/", ".").split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[Import] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(
                child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
            )
            if isinstance(child, ast.Import):
                found.extend(Import(relative, child.lineno, a.name, inner) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:  # relative: resolve against the package
                    base = package[: len(package) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                found.append(Import(relative, child.lineno, target, inner))
            visit(child, inner)

    visit(tree, False)
    return found


def all_imports() -> list[Import]:
    apps = project_apps()
    result = []
    for app in sorted(apps):
        for path in sorted((ROOT / app).rglob("*.py")):
            result.extend(i for i in _imports(path) if i.target_app in apps and i.target_app != app)
    return result


def test_every_app_has_a_place_in_the_diagram():
    assert project_apps() == set(ALLOWED)


def test_the_diagram_has_no_circle():
    try:
        order = list(TopologicalSorter(ALLOWED).static_order())
    except CycleError as exc:  # pragma: no cover - the message is the point
        pytest.fail(f"ALLOWED has a circle: {exc.args[1]}")
    assert order[0] == "core"


def test_apps_import_only_downwards():
    wrong = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in all_imports()
        if i.target_app not in ALLOWED[i.source_app]
    ]
    assert wrong == [], "imports against the direction in docs/architecture.md"


def test_no_function_level_import_between_apps_without_a_reason():
    hidden = [
        f"{i.module}:{i.line} imports {i.target} inside a function"
        for i in all_imports()
        if i.in_function and (i.module, i.target) not in FUNCTION_LEVEL_ALLOWED
    ]
    assert hidden == []


def test_the_project_package_holds_only_settings_urls_and_servers():
    held = {p.name for p in (ROOT / "marketplace").iterdir() if p.name != "__pycache__"}
    assert held <= MARKETPLACE_ALLOWED, held - MARKETPLACE_ALLOWED


def test_the_checker_sees_function_level_and_relative_imports(tmp_path, monkeypatch):
    """The checks above can fail: an import inside a function is found as
    one, and a relative import is resolved to its app."""
    module = tmp_path / "initiatives" / "sub" / "mod.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from . import sibling\n"
        "from ..models import Thing\n"
        "def f():\n"
        "    from volunteers.models import Response\n"
    )
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    found = _imports(module)
    assert [(i.target, i.in_function) for i in found] == [
        ("initiatives.sub", False),
        ("initiatives.models", False),
        ("volunteers.models", True),
    ]
    assert found[2].target_app not in ALLOWED[found[2].source_app]
