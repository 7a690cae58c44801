"""pytest plugin: run the suite on a throwaway PostgreSQL server when PostgreSQL is installed.

``TEST_DATABASE`` chooses: ``auto`` (default: PostgreSQL when its server binaries are
found, else SQLite), ``postgres`` (fail if PostgreSQL cannot be started) or ``sqlite``.
An explicit ``DATABASE_URL`` is used as it is. The server lives in a temporary
directory for the duration of the run; as root it runs as the ``postgres`` user,
because ``initdb`` and ``pg_ctl`` refuse to run as root.
"""

import collections
import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile

import pytest

_state = {"label": "", "server": None}


def _find_pg_bin():
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl:
        candidates.append(os.path.dirname(os.path.realpath(pg_ctl)))
    for directory in candidates:
        if directory and all(os.access(os.path.join(directory, b), os.X_OK) for b in ("initdb", "pg_ctl")):
            return directory
    return None


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    def __init__(self, bin_dir, settings=""):
        self.bin_dir = bin_dir
        self.settings = settings  # extra "-c name=value" server options (the benchmarks size memory)
        self.port = _free_port()
        self.root = tempfile.mkdtemp(prefix="quotes-test-pg-")
        self.data = os.path.join(self.root, "data")
        self.log = os.path.join(self.root, "server.log")
        self.as_postgres = os.geteuid() == 0

    def _run(self, *command):
        if self.as_postgres:
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, text=True)

    def start(self):
        if self.as_postgres:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
        os.chmod(self.root, 0o700)
        self._run(
            os.path.join(self.bin_dir, "initdb"),
            "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off " + self.settings
        )
        self._run(
            os.path.join(self.bin_dir, "pg_ctl"),
            "-D",
            self.data,
            "-l",
            self.log,
            "-o",
            options,
            "-w",
            "start",
        )
        return f"postgres://postgres@127.0.0.1:{self.port}/quotes"

    def version(self):
        out = subprocess.run(
            [os.path.join(self.bin_dir, "postgres"), "--version"], capture_output=True, text=True
        ).stdout
        match = re.search(r"\d+(\.\d+)+", out)
        return match.group(0) if match else out.strip()

    def stop(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run(os.path.join(self.bin_dir, "pg_ctl"), "-D", self.data, "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    # A wrapper runs before pytest-django reads the settings, so DATABASE_URL is in place in time.
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _state["label"] = os.environ.get("QUOTES_TEST_DB_LABEL", "")
        return (yield)
    choice = os.environ.get("TEST_DATABASE", "auto").lower()
    if choice == "sqlite":
        os.environ.pop("DATABASE_URL", None)
        _state["label"] = "SQLite (TEST_DATABASE=sqlite)"
    elif os.environ.get("DATABASE_URL"):
        _state["label"] = "the database at DATABASE_URL"
    else:
        bin_dir = _find_pg_bin()
        if bin_dir is None:
            if choice == "postgres":
                raise pytest.UsageError(
                    "TEST_DATABASE=postgres, but no PostgreSQL server binaries were found."
                )
            _state["label"] = "SQLite (no PostgreSQL server binaries found)"
        else:
            server = ThrowawayPostgres(bin_dir)
            try:
                os.environ["DATABASE_URL"] = server.start()
            except (subprocess.CalledProcessError, OSError) as error:
                detail = getattr(error, "stderr", "") or str(error)
                server.stop()
                raise pytest.UsageError(f"Could not start a throwaway PostgreSQL server: {detail}") from None
            _state["server"] = server
            _state["label"] = f"PostgreSQL {server.version()} (throwaway server on port {server.port})"
    os.environ["QUOTES_TEST_DB_LABEL"] = _state["label"]
    return (yield)


def pytest_unconfigure(config):
    server = _state.pop("server", None)
    if server is not None:
        server.stop()


def is_sqlite_run():
    return not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgis"))


def pytest_report_header(config):
    return f"database: {_state['label']}"


def pytest_collection_modifyitems(config, items):
    if not is_sqlite_run():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL; this run uses SQLite")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return
    terminalreporter.write_sep("=", f"tests ran on {_state['label']}", bold=True)
    reasons = collections.Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        if "PostgreSQL" in reason:
            reason += ". Install PostgreSQL (.ci/run does so in CI) to run them"
        elif "redis-server" in reason:
            reason += ": install it (`make system-packages` does, as root) to run them against Redis"
        terminalreporter.write_line(f"NOTE: {count} test(s) SKIPPED: {reason}.", yellow=True, bold=True)
