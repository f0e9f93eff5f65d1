"""The embedded services of `make run` survive what a laptop does: signals, a killed `make`,
a SIGKILL, and a second command while `make run` is up. Real PostgreSQL and Redis processes in
a temporary DW_DATA_DIR; afterwards no process of that data dir may be left."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def data_dir():
    # Not pytest's tmp_path: as root, PostgreSQL runs as another user, who must reach the dir.
    path = Path(tempfile.mkdtemp(prefix="dwdata-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    for pid in _processes_of(path):  # never leave anything behind, even when a test failed
        os.kill(pid, signal.SIGKILL)
    shutil.rmtree(path, ignore_errors=True)


def _env(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DW_DATA_DIR"] = str(data_dir)
    return env


def _processes_of(data_dir: Path) -> list[int]:
    """Every live process started with this DW_DATA_DIR (they inherit the environment)."""
    marker = f"DW_DATA_DIR={data_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def _start_run(data_dir: Path, port: int, wrapper: bool = False) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "deventer_werk.devservices", "run"]
    cmd += ["--addr", f"127.0.0.1:{port}", "--zonder-demodata"]
    if wrapper:  # a stand-in for `make`: a parent that we can kill
        cmd = ["bash", "-c", " ".join(cmd) + "; true"]
    return subprocess.Popen(  # noqa: S603
        cmd, cwd=BASE_DIR, env=_env(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 420) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        assert proc.poll() is None, proc.stderr.read().decode()[-3000:]
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:  # noqa: S310
                if r.status == 200:
                    return time.monotonic() - started
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError("niet gezond binnen de tijd")


def _wait_gone(data_dir: Path, timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := _processes_of(data_dir)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_a_signal_stops_everything_and_the_next_start_is_healthy(data_dir, sig):
    port = _free_port()
    proc = _start_run(data_dir, port)
    _wait_healthy(port, proc)
    assert len(_processes_of(data_dir)) >= 5  # devservices, postgres, redis, web, worker, beat
    proc.send_signal(sig)
    assert proc.wait(timeout=90) is not None
    assert _wait_gone(data_dir) == []
    err = proc.stderr.read().decode()
    assert "Redis en PostgreSQL gestopt." in err


def test_a_killed_make_stops_everything(data_dir):
    port = _free_port()
    wrapper = _start_run(data_dir, port, wrapper=True)
    _wait_healthy(port, wrapper)
    wrapper.kill()  # SIGKILL of the parent, as when `make` is killed
    wrapper.wait()
    assert _wait_gone(data_dir) == []


def test_leftovers_of_a_sigkill_are_found_and_stopped(data_dir):
    port = _free_port()
    proc = _start_run(data_dir, port)
    _wait_healthy(port, proc)
    proc.kill()  # devservices itself: no cleanup at all
    proc.wait()
    time.sleep(3)
    left = _processes_of(data_dir)
    assert left, "PostgreSQL and Redis are expected to outlive a SIGKILL"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "deventer_werk.devservices", "exec", "--", "true"],
        cwd=BASE_DIR,
        env=_env(data_dir),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    assert "Achtergebleven PostgreSQL" in result.stderr
    assert _wait_gone(data_dir) == []


def test_a_command_during_run_uses_its_servers_and_leaves_them_running(data_dir):
    port = _free_port()
    proc = _start_run(data_dir, port)
    try:
        _wait_healthy(port, proc)
        probe = "import os; print(os.environ['REDIS_URL'])"
        result = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "deventer_werk.devservices",
                "exec",
                "--",
                sys.executable,
                "-c",
                probe,
            ],  # fmt: skip
            cwd=BASE_DIR,
            env=_env(data_dir),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "Gebruikt de draaiende PostgreSQL en Redis" in result.stderr
        assert (data_dir / "devservices.json").read_text().count(result.stdout.strip()) == 1
        # `make run` is still healthy: its Redis was not stopped by the command.
        _wait_healthy(port, proc, timeout=10)
        second = _start_run(data_dir, _free_port())
        assert second.wait(timeout=60) == 1
        assert "make run draait al" in second.stderr.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=90)
    assert _wait_gone(data_dir) == []
