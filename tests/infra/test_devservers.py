"""``stop_leftovers`` stops only our own servers: after a reboot the PID in a state file or in
``postmaster.pid`` may belong to any process, which must survive; only the stale file goes."""

import shutil
import subprocess
from pathlib import Path

import pytest

from deventer_werk import devservers


@pytest.fixture
def processes():
    started: list[subprocess.Popen] = []

    def start(cmd: list[str], cwd: Path) -> subprocess.Popen:
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
