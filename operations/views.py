"""Health checks, metrics and the "Achtergrondtaken" admin page
(docs/operations.md). The probes are plain functions without a session,
CSRF cookie or page cache: a load balancer calls them every few seconds."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from core.i18n import in_chosen_language

from .health import readiness
from .jobs import job_statuses
from .metrics import CONTENT_TYPE, Access, metrics_access, render_metrics
from .models import WorkerHeartbeat

VIEW_JOBS = "operations.view_jobstate"


def can_view_jobs(user) -> bool:
    """Superusers and moderators (the permission, through the Moderatoren group)."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(VIEW_JOBS))
    )


@in_chosen_language
def jobs_report(request):
    # A real 403 (Wagtail would turn PermissionDenied into a redirect).
    if not can_view_jobs(request.user):
        return render(request, "operations/jobs_forbidden.html", status=403)
    now = timezone.now()
    statuses = job_statuses(now)
    workers = list(WorkerHeartbeat.objects.order_by("-beat_at")[:20])
    silent_after = timedelta(seconds=settings.HEALTH_HEARTBEAT_MAX_AGE)
    alive = [w for w in workers if now - w.beat_at <= silent_after]
    overdue = [s for s in statuses if s.overdue]
    failing = [s for s in statuses if s.failing]
    return render(
        request,
        "operations/jobs.html",
        {
            "statuses": statuses,
            "overdue": overdue,
            "failing": failing,
            # Job names are identifiers (settings.PERIODIC_JOBS), the same in every language.
            "overdue_names": ", ".join(s.job.name for s in overdue),
            "failing_names": ", ".join(s.job.name for s in failing),
            "workers": workers,
            "alive": alive,
            "now": now,
            "show_hosts": request.user.is_superuser,
        },
    )


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def health_live(request):
    """The process answers. Touches nothing else: no database, no cache."""
    return _no_store(JsonResponse({"status": "ok"}))


@require_GET
def health_ready(request):
    """Database, cache, search, outbox, worker, mail: 200 when this process
    can serve, 503 when not (``?strict=1``: also on a warning)."""
    report = readiness()
    strict = request.GET.get("strict") in {"1", "true", "ja"}
    return _no_store(JsonResponse(report.as_json(), status=report.http_status(strict=strict)))


@require_GET
def metrics(request):
    access = metrics_access(request)
    if access == Access.HIDDEN:
        raise Http404
    if access == Access.UNAUTHORISED:
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return _no_store(response)
    return _no_store(HttpResponse(render_metrics(), content_type=CONTENT_TYPE))
