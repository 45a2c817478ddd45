"""The example deployment files under deploy/ (docs/deploy.md) are valid and
agree with the settings: gunicorn's config loads, nginx's braces balance and
it serves what STATIC_ROOT and MEDIA_ROOT hold, the systemd units parse and
start commands that exist, and the environment file names every variable the
settings read."""

from __future__ import annotations

import configparser
import re
import runpy
import shlex
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
APP_DIR = "/srv/meedoen"  # where docs/deploy.md puts the checkout
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def env_example() -> dict[str, str]:
    """The variables deploy/env.example sets (commented-out ones too)."""
    found = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        match = re.match(r"^(?:# )?([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def nginx_conf() -> str:
    return (DEPLOY / "nginx" / "meedoen.conf").read_text()


def nginx_blocks(text: str) -> str:
    """The configuration without comments and quoted strings."""
    text = re.sub(r"#[^\n]*", "", text)
    return re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)


# --- gunicorn ----------------------------------------------------------------


def test_gunicorn_config_loads_and_fits_two_cores():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "marketplace.wsgi:application"
    assert config["worker_class"] == "gthread"
    assert config["workers"] * config["threads"] == 12  # docs/scaling.md: 3 x 4
    assert config["bind"].startswith("127.0.0.1:")
    assert config["preload_app"] is False  # reload (HUP) loads new code


def test_gunicorn_gives_up_after_the_search_budget_and_before_nginx():
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    search_budget = settings.ELASTICSEARCH_CONNECT_TIMEOUT + settings.ELASTICSEARCH_TIMEOUT
    assert config["timeout"] > search_budget + settings.GEOCODER_TIMEOUT
    proxy = (DEPLOY / "nginx" / "meedoen-proxy.conf").read_text()
    read = int(re.search(r"proxy_read_timeout (\d+)s;", proxy).group(1))
    assert read > config["timeout"]


def test_gunicorn_accepts_the_config():
    gunicorn = Path(settings.BASE_DIR) / ".venv" / "bin" / "gunicorn"
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed in .venv")
    result = subprocess.run(
        [str(gunicorn), "--config", str(DEPLOY / "gunicorn.conf.py"), "--check-config"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"DJANGO_SETTINGS_MODULE": "marketplace.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- nginx ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["meedoen.conf", "meedoen-proxy.conf"])
def test_nginx_braces_balance(name):
    depth = 0
    for char in nginx_blocks((DEPLOY / "nginx" / name).read_text()):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def test_nginx_serves_static_and_media_from_the_settings_folders():
    text = nginx_conf()
    static_root = f"{APP_DIR}/{Path(settings.STATIC_ROOT).name}/"
    assert re.search(rf"location {settings.STATIC_URL} {{\s*alias {static_root};", text)
    media_root = env_example()["MEDIA_ROOT"]
    assert re.search(rf"location {settings.MEDIA_URL} {{\s*alias {media_root}/;", text)
    # Documents only through Django, which checks their collection's privacy.
    assert "location /media/documents/ {\n        return 404;" in text


def test_nginx_allows_the_largest_upload():
    size = re.search(r"client_max_body_size (\d+)m;", nginx_conf()).group(1)
    largest = max(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    assert int(size) * 1024 * 1024 > largest


def test_nginx_tells_django_the_scheme_and_hides_health_and_metrics():
    proxy = (DEPLOY / "nginx" / "meedoen-proxy.conf").read_text()
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in proxy
    text = nginx_conf()
    health = text[text.index("location ~ ^/health/") :]
    assert "access_log off;" in health[: health.index("}")]
    metrics = text[text.index("location = /metrics") :]
    assert "deny all;" in metrics[: metrics.index("}")]
    assert "include /etc/nginx/snippets/meedoen-proxy.conf;" in text
    # The query string (what people searched, tokens in links) is not logged.
    assert "$request_uri" not in re.search(r"log_format meedoen[^;]*;", text).group(0)


def test_nginx_accepts_the_config_when_installed(tmp_path):
    """`nginx -t` on the site (with a throw-away certificate for certbot's)."""
    import shutil

    if not (shutil.which("nginx") and shutil.which("openssl")):
        pytest.skip("nginx (or openssl) is not installed here")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=meedoen.gemeente.nl", "-keyout", str(tmp_path / "privkey.pem"),
         "-out", str(tmp_path / "fullchain.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    text = (
        nginx_conf()
        .replace("/etc/nginx/snippets/meedoen-proxy.conf", str(DEPLOY / "nginx/meedoen-proxy.conf"))
        .replace("/etc/letsencrypt/live/meedoen.gemeente.nl", str(tmp_path))
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    (tmp_path / "site.conf").write_text(text)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\ninclude {tmp_path / 'site.conf'};\n}}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


# --- systemd --------------------------------------------------------------------


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read_string(path.read_text())
    return parser


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_unit_parses_and_runs_as_the_service_user(path):
    parsed = unit(path)
    service = parsed["Service"]
    assert service["User"] == "meedoen"
    assert service["WorkingDirectory"] == APP_DIR
    assert service["EnvironmentFile"] == "/etc/meedoen/meedoen.env"
    assert parsed["Unit"]["Description"]


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_unit_starts_something_that_exists(path):
    command = shlex.split(unit(path)["Service"]["ExecStart"])
    program = command[0].replace(f"{APP_DIR}/.venv/bin/", "")
    assert program in {"python", "gunicorn"}
    if program == "gunicorn":
        config = command[command.index("--config") + 1]
        assert (ROOT / config.removeprefix(f"{APP_DIR}/")).is_file()
        return
    assert command[1] == "manage.py"
    name = command[2]
    if name == "worker" and name not in get_commands():
        pytest.skip("manage.py worker comes with the operations app (issue 19, branch ops)")
    assert name in get_commands(), f"{path.name}: manage.py {name} does not exist"


def test_backup_timer_starts_the_backup_service():
    timer = unit(DEPLOY / "systemd" / "meedoen-backup.timer")
    assert timer["Timer"]["Unit"] == "meedoen-backup.service"
    assert timer["Timer"]["OnCalendar"]
    assert timer["Install"]["WantedBy"] == "timers.target"
    backup = unit(DEPLOY / "systemd" / "meedoen-backup.service")
    assert env_example()["BACKUP_DIR"] in backup["Service"]["ReadWritePaths"]


# --- the environment -------------------------------------------------------------


def settings_variables() -> set[str]:
    names = set()
    for module in ("base.py", "production.py"):
        source = (ROOT / "marketplace" / "settings" / module).read_text()
        names |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]*)"', source))
    return names


def test_env_example_names_every_variable_the_settings_read():
    missing = settings_variables() - set(env_example()) - {"DEBUG"}
    assert not missing, f"add to deploy/env.example: {sorted(missing)}"


def test_env_example_sets_what_production_requires():
    values = env_example()
    for name in (
        "DJANGO_SETTINGS_MODULE",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "WAGTAILADMIN_BASE_URL",
        "DATABASE_URL",
        "CACHE_URL",
        "EMAIL_URL",
        "FIELD_ENCRYPTION_KEYS",
        "BACKUP_ENCRYPTION_KEY",
        "MEDIA_ROOT",
    ):
        assert values.get(name), name
    assert values["DJANGO_SETTINGS_MODULE"] == "marketplace.settings.production"


def test_env_example_reads_the_same_in_systemd_and_sh():
    """No comment after a value (systemd would keep it), and sh sources it."""
    for line in (DEPLOY / "env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*=('[^']*'|[^\s'#]*)", line), line
    result = subprocess.run(
        ["sh", "-c", f'set -a; . {DEPLOY / "env.example"}; echo "$DEFAULT_FROM_EMAIL"'],
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert result.stdout.strip() == "Meedoen <noreply@meedoen.gemeente.nl>"
