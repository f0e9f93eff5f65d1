"""The foundation: production settings, health, a real Celery worker, the compose file."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "x7#kQ2!vP9$zL4@mN8^rT1&wY6*bH3(cJ5)fG0-dS2+aE7=uI9~oK4",
    "DJANGO_ALLOWED_HOSTS": "werk.deventer.example",
    "DW_BSN_SLEUTELS": "8uy1wFoJoYrRQ3WlD824w3Q8riH88tOYrNqcxfMoivI=",
    "DW_BSN_HASH_SLEUTEL": "test-only-bsn-hash-key-0123456789-abcdefghijklmnop",
}


def _manage(*args, env_extra=None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_values_has_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_missing_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env_extra={**env, "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize("zonder", ["DW_BSN_SLEUTELS", "DW_BSN_HASH_SLEUTEL"])
def test_production_refuses_to_start_without_the_bsn_keys(zonder):
    """No silent fallback to a generated key file: the BSN would be unreadable elsewhere."""
    result = _manage("check", env_extra={**PRODUCTION_ENV, zonder: ""})
    assert result.returncode != 0
    assert "DW_BSN_SLEUTELS" in result.stderr


def test_sqlite_is_refused():
    result = _manage("check", env_extra={"DATABASE_URL": "sqlite:///tmp/x.db"})
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_an_owner_url_for_another_database_is_refused():
    result = _manage(
        "check",
        env_extra={
            "DATABASE_URL": "postgres://deventer_app@127.0.0.1:5432/deventer_werk",
            "DATABASE_OWNER_URL": "postgres://postgres@127.0.0.1:5432/een_andere_database",
        },
    )
    assert result.returncode != 0
    assert "DATABASE_OWNER_URL moet naar dezelfde database wijzen" in result.stderr


@pytest.mark.django_db
def test_healthz_reports_database_and_redis(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_is_503_when_redis_is_down(client, settings, db):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["redis"] == "fout"


@pytest.mark.integration
def test_a_real_celery_worker_completes_a_task(celery_worker):
    """Start `celery worker` as its own process against Redis and see a task round-trip."""
    from deventer_werk.celery import app

    queue = f"infra-test-{uuid.uuid4().hex[:8]}"
    celery_worker(queue=queue)
    nonce = uuid.uuid4().hex
    result = app.send_task("deventer_werk.ping", args=[nonce], queue=queue)
    assert result.get(timeout=60) == f"pong:{nonce}"
    assert result.successful()


def _compose_command() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=30)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_file_is_valid():
    """`docker compose config` (or Debian's docker-compose) accepts the file when present;
    the structure is checked in any case."""
    import yaml

    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    expected = ["beat", "migrate", "postgres", "proxy", "redis", "web", "worker"]
    assert sorted(services) == expected
    assert services["web"]["deploy"]["replicas"] == 2
    assert services["worker"]["deploy"]["replicas"] == 2
    assert "--appendonly" in services["redis"]["command"]
    for name in ("postgres", "redis", "web", "worker"):
        assert "healthcheck" in services[name], name
    assert "gunicorn" in services["web"]["command"]
    assert (BASE_DIR / "Dockerfile").exists()

    cmd = _compose_command()
    if cmd is None:
        assert not os.environ.get("DW_REQUIRE_BROWSER"), "CI installeert docker-compose"
        return
    result = subprocess.run(
        [*cmd, "config", "--services"], cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.split()) == expected
