"""Run the benchmark: gunicorn (DEBUG off, bench settings) + Locust at 1 and 16 users.

    python -m bench.run [--duration 60] [--users 1 16] [--label voor] [--dedicated]

Reports per endpoint median, p95, p99, errors, queries and DB time, the ratio to the floor,
worker RSS and the machine's load, as Markdown and JSON in ``bench/results/``, followed by
``EXPLAIN (ANALYZE, BUFFERS)`` of the slowest statements. Exits 1 when a target is missed.
Loopback only; every phase is bounded by ``--duration``.
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

from .report import analyse, explain_slowest, markdown

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
ROLLEN = ["inkomensconsulent", "werkcoach", "handhaver", "beleidsmedewerker"]


def _fixture(max_users: int) -> dict:
    """Sessions per role (made directly, no password hashing during the run), sample ids."""
    import random

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from clients.models import Client
    from clients.trajecten.models import Vacature
    from deventer_werk.accounts.models import User
    from deventer_werk.api.models import ApiToken
    from deventer_werk.api.services import api_token_maak
    from monitoring.periods import kwartaal_van

    rng = random.Random(19)  # noqa: S311
    rollen = []
    for naam in ROLLEN:
        user = User.objects.get(username=naam)
        sessies = []
        for _ in range(max_users):
            s = SessionStore()
            s[SESSION_KEY] = str(user.pk)
            s[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
            s[HASH_SESSION_KEY] = user.get_session_auth_hash()
            s.create()
            sessies.append(s.session_key)
        zichtbaar = Client.objects.visible_to(user).actief().order_by("?")
        ids = [str(pk) for pk in zichtbaar.values_list("pk", flat=True)[:300]]
        namen = sorted(
            {a[:4].lower() for a in zichtbaar.values_list("achternaam", flat=True)[:100]}
        )
        rollen.append({"rol": naam, "sessies": sessies, "clients": ids, "namen": namen})
    ApiToken.objects.filter(naam="benchmark").delete()
    User.objects.filter(username="api-benchmark").delete()
    _, sleutel = api_token_maak(naam="benchmark", rol="inkomensconsulent")
    api_clients = [str(pk) for pk in Client.objects.actief().values_list("pk", flat=True)[:300]]
    rng.shuffle(api_clients)
    return {
        "rollen": rollen,
        "api": {"token": sleutel, "clients": api_clients},
        "vacatures": list(Vacature.objects.filter(open=True).values_list("pk", flat=True)[:50]),
        "periode": kwartaal_van(timezone.localdate()).vorige().code,
    }


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
        import psutil

        master = psutil.Process(self.master_pid)
        while not self.stop.is_set():
            for child in master.children():
                try:
                    self.max_mb = max(self.max_mb, child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass
            self.stop.wait(1)


def _phase(users: int, duration: int, port: int, fixture_path: str, master_pid: int) -> dict:
    out = tempfile.mktemp(suffix=".json")  # noqa: S306 - written by our own child process
    sampler = _RssSampler(master_pid)
    sampler.start()
    load_before = os.getloadavg()
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
    env = {**os.environ, "BENCH_FIXTURE": fixture_path, "BENCH_OUT": out}
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
        "duration_s": round(wall, 1),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "worker_rss_max_mb": round(sampler.max_mb, 1),
        "cpu_count": os.cpu_count(),
        "runner_cpu_s": round(sum(os.times()[:4]) - sum(cpu_before[:4]), 1),
        "samples": samples,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Deventer Werk benchmark")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/dw_bench")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8150)))
    parser.add_argument("--users", type=int, nargs="+", default=[1, 16])
    parser.add_argument("--duration", type=int, default=60, help="seconds per phase")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--label", default="run")
    parser.add_argument(
        "--dedicated",
        action="store_true",
        help="also enforce the absolute targets (p95 ≤ 150 ms): only on an idle machine",
    )
    parser.add_argument("--explain", type=int, default=5, help="slowest statements to EXPLAIN")
    parser.add_argument("--out-dir", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    fixture = _fixture(max(args.users))
    fixture_path = tempfile.mktemp(suffix=".json")  # noqa: S306
    Path(fixture_path).write_text(json.dumps(fixture))
    slow_log = tempfile.mktemp(suffix=".jsonl")  # noqa: S306
    proc = _gunicorn(args.port, args.workers, slow_log)
    try:
        # Warm-up: every endpoint a few times, not measured.
        _phase(2, 10, args.port, fixture_path, proc.pid)
        Path(slow_log).unlink(missing_ok=True)
        phases = [_phase(u, args.duration, args.port, fixture_path, proc.pid) for u in args.users]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    result = analyse(phases, dedicated=args.dedicated)
    result["label"] = args.label
    result["database_url"] = args.database_url.rsplit("@", 1)[-1]
    result["explain"] = explain_slowest(slow_log, args.explain)
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


if __name__ == "__main__":
    sys.exit(main())
