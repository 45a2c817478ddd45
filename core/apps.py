from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting helpers every app may import and that import no project
    app: forms (honeypot, moderation), rate limits, mail, pagination,
    spreadsheet escaping, PostgreSQL COPY, security headers."""

    name = "core"
    verbose_name = "Gemeenschappelijk"

    def ready(self):
        from . import checks, crypto, site_url, themes  # noqa: F401  (register their checks)
        from .spreadsheets import escape_wagtail_exports

        # Wagtail leaves formula escaping to the spreadsheet program; we do not
        # (docs/security.md): every admin CSV/XLSX export goes through this.
        escape_wagtail_exports()
