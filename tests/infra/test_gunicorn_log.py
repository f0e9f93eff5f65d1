"""Production gunicorn (the Dockerfile's CMD, compose's web) logs every request as one JSON
line with the path only: a query string (a search term, a BSN) never reaches the access log."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CONFIG = "python:deventer_werk.gunicorn_conf"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_production_commands_use_the_gunicorn_config():
    import yaml

    assert f'"--config", "{CONFIG}"' in (BASE_DIR / "Dockerfile").read_text()
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    assert f"--config {CONFIG}" in compose["services"]["web"]["command"]
    assert "--access-logfile" not in compose["services"]["web"]["command"]


@pytest.mark.integration
def test_a_request_with_a_query_string_is_logged_as_json_with_the_path_only():
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "deventer_werk.wsgi", "--config", CONFIG,
         "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)  # noqa: S310
                break
            except urllib.error.HTTPError:
                break  # 503 is an answer too
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                time.sleep(0.5)
        url = f"http://127.0.0.1:{port}/inloggen/?bsn=123456782&q=Jansen"
        try:
            urllib.request.urlopen(url, timeout=10)  # noqa: S310
        except urllib.error.HTTPError:
            pass
        time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    access = [json.loads(line) for line in out.splitlines() if '"gunicorn.access"' in line]
    assert len(access) >= 2, (out, err[-2000:])
    last = access[-1]
    assert last["path"] == "/inloggen/" and last["method"] == "GET"
    assert last["status"] == 200 and last["request_id"]
    assert "123456782" not in out + err and "Jansen" not in out + err
    assert "bsn=" not in out + err
