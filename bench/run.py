"""Run the benchmark: gunicorn (DEBUG off, bench settings) + Locust at 1 and 16 users.

    python -m bench.run [--samples 50] [--users 1 16] [--denktijd 1] [--label voor] [--size city]
                        [--dedicated]

Every phase issues the same fixed, weighted schedule over every GET route and role (at least
``--samples`` samples per endpoint); afterwards the raad report, the planner (twice), a
caseload transfer and ``demo_data`` are timed. Every result records the commit, the size,
the load, the worker count and the CPU count.
Reports per endpoint median, p95, p99, errors, queries and DB time, the ratio to the floor,
worker RSS and the machine's load, as Markdown and JSON in ``bench/results/``, followed by
``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest statements. Exits 1 when a target is missed.
Loopback only; every phase is bounded by ``--max-duration``.
"""

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from .report import analyse, commit, explain_slowest, load, markdown

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Sizes too small for the ratio target (3× floor is a city-size target, issue 19/33).
SMALL_SIZES = ("tiny", "small")


def _probe(port: int, fx: dict) -> list[dict]:
    """Warm-up and check in one: every candidate URL once, as its role; an endpoint keeps the
    URLs that answered below 400. Endpoints left without one are skipped (reported)."""
    import requests

    base = f"http://127.0.0.1:{port}"
    overgeslagen = []
    houden = []
    for e in fx["endpoints"]:
        auth = fx["rollen"][e["auth"]]
        if "token" in auth:
            headers = {"Authorization": f"Token {auth['token']}"}
        else:
            headers = {"Cookie": f"sessionid={auth['sessies'][0]}"}
        if "post" in e:
            houden.append(e)
            continue
        goed, statussen = [], []
        for url in e["urls"]:
            status = requests.get(
                base + url, headers=headers, allow_redirects=False, timeout=120
            ).status_code
            statussen.append(status)
            if status < 400:
                goed.append(url)
        if goed:
            houden.append({**e, "urls": goed})
        else:
            reden = f"HTTP {sorted(set(statussen))}" if statussen else "geen object in de data"
            overgeslagen.append({"endpoint": e["naam"], "reden": reden})
    fx["endpoints"] = houden
    return overgeslagen


def _gunicorn(port: int, workers: int, slow_log: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "false",
        "BENCH_SLOW_LOG": slow_log,
    }
    cmd = [
        str(VENV_BIN / "gunicorn"),
        "deventer_werk.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)  # noqa: S603
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return proc
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("gunicorn kwam niet op")


class _RssSampler(threading.Thread):
    """Max RSS of gunicorn's workers, sampled every second."""

    def __init__(self, master_pid: int):
        super().__init__(daemon=True)
        self.master_pid = master_pid
        self.max_mb = 0.0
        self.stop = threading.Event()

    def run(self):
        import psutil  # type: ignore[import-untyped]

        master = psutil.Process(self.master_pid)
        while not self.stop.is_set():
            for child in master.children():
                try:
                    self.max_mb = max(self.max_mb, child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
            self.stop.wait(1)


def _phase(
    users: int, duration: int, port: int, fixture_path: str, master_pid: int, denktijd: float = 0
) -> dict:
    """One phase: Locust issues the fixture's rounds (``duration`` only bounds it); each
    simulated user waits ``denktijd`` seconds on average (0.5–1.5×) between its requests."""
    out = tempfile.mktemp(suffix=".json")  # noqa: S306 - written by our own child process
    sampler = _RssSampler(master_pid)
    sampler.start()
    load_before = load()
    cpu_before = os.times()
    cmd = [
        str(VENV_BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{duration}s",
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "10",
    ]
    env = {
        **os.environ,
        "BENCH_FIXTURE": fixture_path,
        "BENCH_OUT": out,
        "BENCH_DENKTIJD": str(denktijd),
    }
    started = time.monotonic()
    subprocess.run(  # noqa: S603
        cmd, cwd=ROOT, env=env, timeout=duration + 120, check=False, capture_output=True
    )
    wall = time.monotonic() - started
    sampler.stop.set()
    sampler.join()
    samples = json.loads(Path(out).read_text()) if Path(out).exists() else []
    return {
        "users": users,
        "denktijd_s": denktijd,
        "duration_s": round(wall, 1),
        "load_before": load_before,
        "load_after": load(),
        "worker_rss_max_mb": round(sampler.max_mb, 1),
        "cpu_count": os.cpu_count(),
        "runner_cpu_s": round(sum(os.times()[:4]) - sum(cpu_before[:4]), 1),
        "samples": samples,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Deventer Werk benchmark")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/dw_bench")
    parser.add_argument("--size", default="onbekend", help="the generator's size, for the record")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8150)))
    parser.add_argument("--users", type=int, nargs="+", default=[1, 16])
    parser.add_argument(
        "--samples", type=int, default=50, help="at least this many samples per endpoint per phase"
    )
    parser.add_argument(
        "--max-duration", type=int, default=3600, help="safety bound per phase (seconds)"
    )
    parser.add_argument(
        "--denktijd",
        type=float,
        default=1.0,
        help="mean think time (s) of each user in phases with more than one user; 0: none "
        "(a saturation test: every request queues, the floor too)",
    )
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--label", default="run")
    parser.add_argument(
        "--dedicated",
        action="store_true",
        help="also enforce the absolute targets (p95 ≤ 150 ms): only on an idle machine",
    )
    parser.add_argument("--explain", type=int, default=5, help="slowest statements to EXPLAIN")
    parser.add_argument(
        "--overdracht", type=int, default=5000, help="clients in the timed caseload transfer"
    )
    parser.add_argument("--skip-timings", action="store_true", help="no background-work timings")
    parser.add_argument("--out-dir", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args(argv)

    meta = {
        "commit": commit(),
        "size": args.size,
        "workers": args.workers,
        "cpu_count": os.cpu_count(),
        "load_before": load(),
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from . import fixture, routes, timings

    fx = fixture.maak(max(args.users))
    slow_log = tempfile.mktemp(suffix=".jsonl")  # noqa: S306
    proc = _gunicorn(args.port, args.workers, slow_log)
    try:
        probe_started = time.monotonic()
        overgeslagen = _probe(args.port, fx)
        probe_s = time.monotonic() - probe_started
        fx["schedule"] = routes.schedule(fx["endpoints"])
        fx["rounds"] = routes.rounds_for(fx["endpoints"], args.samples)
        fixture_path = tempfile.mktemp(suffix=".json")  # noqa: S306
        Path(fixture_path).write_text(json.dumps(fx))
        Path(slow_log).unlink(missing_ok=True)
        phases = [
            _phase(
                u,
                args.max_duration,
                args.port,
                fixture_path,
                proc.pid,
                denktijd=args.denktijd if u > 1 else 0,
            )
            for u in args.users
        ]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    verwacht = {e["naam"]: e["weight"] * fx["rounds"] for e in fx["endpoints"]}
    result: dict[str, Any] = {"meta": meta}
    ratio = args.size not in SMALL_SIZES
    result.update(analyse(phases, dedicated=args.dedicated, verwacht=verwacht, ratio=ratio))
    result["label"] = args.label
    result["database_url"] = args.database_url.rsplit("@", 1)[-1]
    result["schedule"] = {
        "endpoints": len(fx["endpoints"]),
        "round": len(fx["schedule"]),
        "rounds": fx["rounds"],
        "requests_per_phase": len(fx["schedule"]) * fx["rounds"],
        "samples_min": args.samples,
        "warmup_s": round(probe_s, 1),
        "toegevoegd": fx["toegevoegd"],
        "overgeslagen": overgeslagen,
    }
    result["explain"] = explain_slowest(slow_log, args.explain)
    if not args.skip_timings:
        result["timings"] = _timings(timings, args)
    meta["load_after"] = load()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%MZ")
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = out_dir / f"{stamp}-{args.label}"
    base.with_suffix(".json").write_text(json.dumps(result, indent=2))
    text = markdown(result)
    base.with_suffix(".md").write_text(text)
    print(text)
    print(f"\nResultaten: {base}.md / .json")
    return 0 if result["targets_met"] else 1


def _timings(timings, args) -> dict:
    from django.db import connection

    from clients.models import Client

    out: dict = {"load_before": load()}
    out["raadsrapportage"] = timings.raadsrapportage()
    out["planner"] = timings.planner()
    out["overdracht"] = timings.overdracht(args.overdracht)
    aantal = Client.objects.actief().count()
    connection.close()
    out["demo_data"] = timings.demo_data(args.database_url, aantal)
    out["load_after"] = load()
    return out


if __name__ == "__main__":
    sys.exit(main())
