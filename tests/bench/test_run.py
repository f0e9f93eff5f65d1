"""End to end: the generator at the tiny size and one short Locust phase against a live
gunicorn (``bench.run``, as ``make bench`` runs it), in a database of its own. Every endpoint
of the schedule answers without an error and gets its samples; the result records the commit,
size, load, workers and CPUs, and the timed background work."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg2
import pytest
from psycopg2 import sql

ROOT = Path(__file__).resolve().parents[2]
PORTS = range(8300, 8400)

pytestmark = pytest.mark.integration


def _vrije_poort() -> int:
    for poort in PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", poort))
            except OSError:
                continue
            return poort
    pytest.skip("geen vrije poort in 8300–8399")


@pytest.fixture
def bench_database():
    """A database next to the test database (``<name>_benchtest``), dropped afterwards. Made
    as the owner role where there are two (``DATABASE_OWNER_URL``: the application role may
    not create databases, as in production)."""
    from django.conf import settings

    delen = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dw"))
    eigenaar = getattr(settings, "DATABASE_OWNER", None)  # read before conftest drops the env
    if eigenaar:
        inlog = quote(eigenaar["USER"], safe="")
        if eigenaar.get("PASSWORD"):
            inlog += ":" + quote(eigenaar["PASSWORD"], safe="")
        delen = delen._replace(netloc=f"{inlog}@{delen.netloc.rpartition('@')[2]}")
    naam = delen.path.lstrip("/") + "_benchtest"
    beheer = urlunsplit(delen._replace(path="/postgres"))

    def drop():
        conn = psycopg2.connect(beheer)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
            )
        conn.close()

    drop()
    yield urlunsplit(delen._replace(path=f"/{naam}"))
    drop()


def _python(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # the bench runs on the one database URL it is given (the owner's), not the suite's roles
    env.pop("DATABASE_OWNER_URL", None)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_generator_and_one_short_phase_end_to_end(bench_database, tmp_path):
    gen = _python(
        "bench.generate",
        "--size",
        "tiny",
        "--database-url",
        bench_database,
        "--out",
        str(tmp_path / "generate.json"),
        tmp_path=tmp_path,
    )
    assert gen.returncode == 0, gen.stderr[-3000:]
    generated = json.loads((tmp_path / "generate.json").read_text())
    assert generated["rows"]["actief"] == 60
    assert {"commit", "cpu_count", "load_before", "load_after"} <= set(generated)

    run = _python(
        "bench.run",
        "--database-url",
        bench_database,
        "--size",
        "tiny",
        "--users",
        "2",
        "--denktijd",
        "0.05",
        "--samples",
        "1",
        "--workers",
        "2",
        "--explain",
        "1",
        "--overdracht",
        "20",
        "--max-duration",
        "300",
        "--port",
        str(_vrije_poort()),
        "--label",
        "test",
        "--out-dir",
        str(tmp_path),
        tmp_path=tmp_path,
    )
    # No ratio target at the tiny size: exit 1 would mean an error or a missing sample.
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    [result_file] = tmp_path.glob("*-test.json")
    result = json.loads(result_file.read_text())
    assert result_file.with_suffix(".md").exists()

    meta = result["meta"]
    assert meta["size"] == "tiny"
    assert meta["workers"] == 2
    assert meta["cpu_count"] == os.cpu_count()
    assert len(meta["commit"].split("+")[0]) == 40
    assert len(meta["load_before"]) == len(meta["load_after"]) == 3

    plan = result["schedule"]
    assert plan["overgeslagen"] == []
    assert plan["endpoints"] > 250  # every GET route per role, name search, API token, floor
    [phase] = result["phases"]
    assert phase["users"] == 2
    endpoints = phase["endpoints"]
    assert len(endpoints) == plan["endpoints"]
    assert sum(e["requests"] for e in endpoints.values()) == plan["requests_per_phase"]
    assert all(e["errors"] == 0 for e in endpoints.values())
    assert all(e["queries"] is not None and e["queries"] > 0 for e in endpoints.values())
    assert result["missed"] == []

    timings = result["timings"]
    assert timings["raadsrapportage"]["pdf_kb"] > 0
    planner = timings["planner"]
    assert planner["tweede_resultaat"]["voortgang"] == 0  # the second run is idempotent
    assert timings["overdracht"]["klanten"] >= 20
    assert timings["demo_data"]["klanten"] > 0 and timings["demo_data"]["seconden"] > 0
    text = result_file.with_suffix(".md").read_text()
    assert meta["commit"] in text and "demo_data" in text
