"""Gunicorn for Meedoen (docs/deploy.md, "Gunicorn").

Read by ``gunicorn --config deploy/gunicorn.conf.py`` (meedoen-web.service).
Every value can be changed through the environment without editing this file.
"""

import os

# nginx talks to gunicorn on loopback; nothing else should.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
wsgi_app = "marketplace.wsgi:application"

# For 2 cores (docs/scaling.md, "What one node serves"): 3 processes of 4
# threads. A page is CPU work (~40 ms) plus waits on PostgreSQL and Redis; the
# threads fill those waits, the third process covers a slow request. Each
# thread keeps one database connection (CONN_MAX_AGE), so servers x workers x
# threads must stay under PostgreSQL's max_connections (100 by default).
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A request that takes longer than this is killed. A search waits at most
# ELASTICSEARCH_CONNECT_TIMEOUT + ELASTICSEARCH_TIMEOUT (0.5 + 1 s) before
# PostgreSQL answers (docs/search.md, "Failing fast"), PDOK at most
# GEOCODER_TIMEOUT (3 s); the slowest ordinary requests are admin uploads and
# exports. 30 s leaves room for those and ends a hung one. nginx waits a little
# longer (proxy_read_timeout 35s), so gunicorn's answer wins over a 504.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On stop and on reload (HUP), requests under way get this long to finish.
graceful_timeout = 30
# nginx keeps connections to gunicorn briefly; a little longer than nginx's.
keepalive = 5
# A process is replaced after this many requests (plus jitter, so they do not
# all restart at once): bounds any slow growth of memory.
max_requests = 2000
max_requests_jitter = 200

# Code is loaded in each worker, not in the master: `systemctl reload
# meedoen-web` (HUP) then starts workers on the new code while the master keeps
# the socket, so an upgrade drops no connection.
preload_app = False

# X-Forwarded-* only from nginx on this machine. Django itself reads
# X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) and the client address
# (TRUSTED_PROXY_COUNT); nginx sets both.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# No access log here: nginx writes one, and the application writes one JSON
# line per request with a request id (LOG_FORMAT=json, docs/logging.md).
# Errors to stderr, which systemd sends to the journal.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# /tmp may be a small tmpfs; worker heartbeats are tiny files, /dev/shm is memory.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
proc_name = "meedoen"
# Gunicorn 27 opens a control socket in the user's home by default; systemd
# (stop, reload with HUP) is the control here, and the home is read-only.
control_socket_disable = True


def post_worker_init(worker):
    """Import the URL configuration (and with it every view) and build the
    reverse lookup before the worker takes its first request: otherwise the
    first visitor of each new worker (after a start, a reload or max_requests)
    waits for them, seconds on a busy machine."""
    from django.urls import get_resolver, reverse

    get_resolver().url_patterns  # noqa: B018 - the import is the point
    reverse("account_login")


def child_exit(server, worker):
    """A process that ends takes its live gauges with it (prometheus-client's
    multiprocess mode, docs/operations.md); its counters stay counted."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
