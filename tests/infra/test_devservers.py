"""``stop_leftovers`` stops only our own servers: after a reboot the PID in a state file or in
``postmaster.pid`` may belong to any process, which must survive; only the stale file goes."""

import os
import shutil
import socket
import subprocess
import sys
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
