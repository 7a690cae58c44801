"""A throwaway Redis server for the tests that check the shared cache against the real thing.

``redis-server`` listens on a free loopback port with persistence off, in a temporary directory,
for one test session (per xdist worker). Without the binary the tests that need it are skipped,
and the summary says why (tests/pgserver.py's terminal summary).
"""

import shutil
import subprocess
import tempfile
import time

import redis

from .pgserver import _free_port

MISSING = "needs redis-server, which is not installed"


class ThrowawayRedis:
    def __init__(self, binary):
        self.binary = binary
        self.port = _free_port()
        self.root = tempfile.mkdtemp(prefix="quotes-test-redis-")
        self.process = None

    def start(self) -> str:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.root,
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)
        client.close()
        return f"redis://127.0.0.1:{self.port}/0"

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)


def find_redis_server():
    return shutil.which("redis-server")
