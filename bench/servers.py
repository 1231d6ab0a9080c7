"""gunicorn servers for measuring: started from the repository's own configuration on a free
loopback port, stopped whatever happens (a ``with`` block, ``atexit``, and a lifetime after
which a watchdog stops the server by itself)."""

import atexit
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "seminar" / "gunicorn.conf.py"
LOG_DIR = ROOT / "var" / "bench"
HOST = "127.0.0.1"
# The first port tried; the next free one above it is taken (BENCH_PORT moves the range).
FIRST_PORT = int(os.environ.get("BENCH_PORT", "8140"))
PORTS_TRIED = 20


def free_port(after=None):
    """The first loopback port from FIRST_PORT (or above ``after``) that nothing listens on."""
    start = FIRST_PORT if after is None else after + 1
    for port in range(start, FIRST_PORT + PORTS_TRIED):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {FIRST_PORT}–{FIRST_PORT + PORTS_TRIED - 1}")


def _wait_until_listening(port, process, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not answer within {timeout} s")


def exit_on_termination():
    """Turn SIGTERM into SystemExit, so that ``with gunicorn(...)`` blocks stop their servers
    when the benchmark itself is stopped."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


class Server:
    """A running gunicorn: its address, its master process and its workers."""

    def __init__(self, port, process, log_path):
        self.port = port
        self.process = process
        self.log_path = log_path

    @property
    def base_url(self):
        return f"http://{HOST}:{self.port}"

    def workers(self):
        return psutil.Process(self.process.pid).children()

    def stop(self):
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@contextmanager
def gunicorn(environment, *, port=None, workers=2, lifetime=900, name="bench"):
    """Serve the registry with gunicorn (``seminar/gunicorn.conf.py``, ``workers`` worker
    processes) on ``port`` (a free one by default) for the ``with`` block, at most
    ``lifetime`` seconds. Its log goes to ``var/bench/<name>-<port>.log``."""
    port = port or free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"{name}-{port}.log"
    env = {
        **os.environ,
        **environment,
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(workers),
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port, process, log_path)
    atexit.register(server.stop)
    watchdog = threading.Timer(lifetime, server.stop)
    watchdog.daemon = True
    watchdog.start()
    try:
        _wait_until_listening(port, process, timeout=30)
        yield server
    finally:
        watchdog.cancel()
        server.stop()
        atexit.unregister(server.stop)
