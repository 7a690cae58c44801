"""Soak: concurrent clients write and read through gunicorn while a worker is killed mid-run.

Starts its own PostgreSQL (as the ``postgres`` user when run as root) and gunicorn with
several workers on loopback, then for a bounded time runs client threads that create
quotes (retrying with the same ``Idempotency-Key`` when a connection drops), edit them
(``If-Match``; a 412 is a refused conflict, re-read and try again), and read lists and
details, while ``export_dataset`` runs and one worker is killed with SIGKILL. At the end
it checks that every acknowledged create is stored exactly once, every acknowledged edit
appears exactly once in the history, and no response was a 5xx; it prints the figures and
exits non-zero if any check fails.

    python bench/soak.py [--seconds 60] [--clients 6] [--workers 3]
    make soak            (60 s)      make soak SOAK_SECONDS=15   (the short mode CI runs)
"""

import argparse
import collections
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.pgserver import ThrowawayPostgres, _find_pg_bin  # noqa: E402

PYTHON = sys.executable


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


SETUP = """
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user = User.objects.create_user("soak", password="soak-password-not-used", is_staff=True)
user.groups.add(Group.objects.get(name="Reviewer"))
print(Token.objects.create(user=user).key)
"""

CHECK = """
import json, sys
from quotes.models import Quote
data = json.load(open(sys.argv[-1]))
created = {text: Quote.objects.filter(text=text).count() for text in data["created"]}
edits = {token: Quote.history.filter(context=token).count() for token in data["edits"]}
print(json.dumps({"created": created, "edits": edits}))
"""


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.created, self.edits, self.quote_ids = [], [], []
        self.server_errors = []

    def add(self, name, n=1):
        with self.lock:
            self.counts[name] += n


def client(base, token, tally, deadline, seed):
    rng = random.Random(seed)
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"

    def call(method, path, **kwargs):
        """One request; a dropped connection is retried (the same Idempotency-Key makes a create safe)."""
        for _attempt in range(20):
            try:
                response = session.request(method, base + path, timeout=30, **kwargs)
            except requests.RequestException:
                tally.add("connection_errors")
                time.sleep(0.2)
                continue
            tally.add("requests")
            if response.status_code >= 500:
                with tally.lock:
                    tally.server_errors.append(f"{method} {path} → {response.status_code}")
            return response
        return None

    while time.monotonic() < deadline:
        action = rng.random()
        if action < 0.35:
            text = f"Soak quote {uuid.uuid4().hex}"
            body = {"text": text, "speaker": "wang-yi", "language": "id", "type": "direct"}
            response = call(
                "POST", "/api/v1/quotes/", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
            )
            if response is not None and response.status_code == 201:
                with tally.lock:
                    tally.created.append(text)
                    tally.quote_ids.append(response.json()["id"])
                tally.add("creates_acknowledged")
        elif action < 0.65 and tally.quote_ids:
            quote_id = rng.choice(tally.quote_ids)
            read = call("GET", f"/api/v1/quotes/{quote_id}/")
            if read is None or read.status_code != 200:
                continue
            token = f"soak-edit-{uuid.uuid4().hex}"
            response = call(
                "PATCH",
                f"/api/v1/quotes/{quote_id}/",
                json={"context": token},
                headers={"If-Match": read.headers["ETag"]},
            )
            if response is None:
                continue
            if response.status_code == 200:
                with tally.lock:
                    tally.edits.append(token)
                tally.add("edits_acknowledged")
            elif response.status_code in (409, 412):
                tally.add("conflicts_refused")
        else:
            path = rng.choice(
                ["/api/v1/quotes/", "/api/v1/quotes/?speaker=wang-yi", "/api/v1/speakers/", "/"]
            )
            call("GET", path)
            tally.add("reads")


def worker_pids(master_pid):
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True
    ).stdout
    return [int(pid) for pid in out.split()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("SOAK_SECONDS", "60")))
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()

    bin_dir = _find_pg_bin()
    if bin_dir is None:
        sys.exit("soak: PostgreSQL server binaries are needed (apt-get install postgresql)")
    server = ThrowawayPostgres(bin_dir)
    gunicorn = None
    try:
        print(f"==> PostgreSQL {server.version()}: starting a throwaway server", flush=True)
        env = {
            **os.environ,
            # The cluster's own database: this server lives only for the soak.
            "DATABASE_URL": server.start().rsplit("/", 1)[0] + "/postgres",
            "DEBUG": "0",
            "SECRET_KEY": uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "API_ANON_RATE": "1000000/minute",
            "API_USER_RATE": "1000000/minute",
            "PAGES_RATE": "1000000/minute",
            "CONN_MAX_AGE": "0",
            "STATIC_ROOT": str(Path(server.root) / "static"),
            # Plain HTTP on loopback: no TLS terminator in front of gunicorn here.
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
        }
        print("==> Migrating, loading the demo, creating a reviewer with a token", flush=True)
        manage(env, "migrate", "--no-input", stdout=subprocess.DEVNULL)
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--no-input", stdout=subprocess.DEVNULL)
        manage(env, "load_demo", stdout=subprocess.DEVNULL)
        token = (
            manage(env, "shell", "-c", SETUP, capture_output=True, text=True).stdout.strip().splitlines()[-1]
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = open(Path(tempfile.gettempdir()) / "soak-gunicorn.log", "w")  # noqa: SIM115
        print(f"    gunicorn's request log: {server_log.name}", flush=True)
        gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers),
             "--timeout", "30", "--graceful-timeout", "5", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=server_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        for _ in range(100):
            try:
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            sys.exit("soak: gunicorn did not answer /healthz")

        print(f"==> Soaking for {args.seconds} s: {args.clients} clients, {args.workers} workers", flush=True)
        tally = Tally()
        deadline = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(base, token, tally, deadline, seed), daemon=True)
            for seed in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 3)
        with tempfile.TemporaryDirectory() as folder:
            export = subprocess.Popen(
                [PYTHON, "manage.py", "export_dataset", folder], cwd=ROOT, env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            time.sleep(args.seconds / 6)
            victims = worker_pids(gunicorn.pid)
            killed = victims[0] if victims else None
            if killed:
                os.kill(killed, signal.SIGKILL)
                print(f"    killed worker {killed} with SIGKILL", flush=True)
            export_status = export.wait()
        for thread in threads:
            thread.join()

        print("==> Checking every acknowledged write", flush=True)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump({"created": tally.created, "edits": tally.edits}, handle)
        found = json.loads(
            manage(
                env,
                "shell",
                "-c",
                CHECK.replace("sys.argv[-1]", repr(handle.name)),
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        os.unlink(handle.name)
        lost = sum(1 for n in found["created"].values() if n == 0) + sum(
            1 for n in found["edits"].values() if n == 0
        )
        duplicated = sum(1 for n in found["created"].values() if n > 1) + sum(
            1 for n in found["edits"].values() if n > 1
        )
        counts = tally.counts
        figures = {
            "seconds": args.seconds,
            "requests": counts["requests"],
            "reads": counts["reads"],
            "creates_acknowledged": counts["creates_acknowledged"],
            "edits_acknowledged": counts["edits_acknowledged"],
            "conflicts_refused": counts["conflicts_refused"],
            "connection_errors_retried": counts["connection_errors"],
            "server_errors": len(tally.server_errors),
            "worker_killed": bool(killed),
            "export_exit_status": export_status,
            "lost": lost,
            "duplicated": duplicated,
        }
        for name, value in figures.items():
            print(f"    {name:<28} {value}")
        for line in tally.server_errors[:10]:
            print(f"    5xx: {line}")
        ok = (
            lost == 0
            and duplicated == 0
            and not tally.server_errors
            and export_status == 0
            and killed
            and counts["creates_acknowledged"] > 0
            and counts["edits_acknowledged"] > 0
        )
        print("==> soak " + ("passed" if ok else "FAILED"), flush=True)
        return 0 if ok else 1
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=10)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
