"""Shared fixtures: a SQLite store in a temp dir, a throw-away PostgreSQL server on loopback, and a ``store``
fixture that runs a test on both backends."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitroom.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_USER = "sitroom-test"  # postgres refuses to run as root: the server runs as this system user instead


@pytest.fixture(autouse=True)
def _no_sitroom_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings from the developer's environment must not leak into tests."""
    for name in list(os.environ):
        if name.startswith("SITROOM_"):
            monkeypatch.delenv(name)


@pytest.fixture
def tmp_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store in ``tmp_path``."""
    store = open_store(tmp_path / "store.sqlite")
    yield store
    store.close()


def _pg_bindir() -> str | None:
    """The newest PostgreSQL server bin directory holding initdb and pg_ctl, if any."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name)
                        if Path(d).parent.name.isdigit() else 0, reverse=True)
    for d in candidates:
        if os.access(f"{d}/initdb", os.X_OK) and os.access(f"{d}/pg_ctl", os.X_OK):
            return d
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    return str(Path(initdb).parent) if initdb and pg_ctl else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ensure_server_user() -> None:
    def missing() -> bool:
        return subprocess.run(["id", "-u", PG_USER], capture_output=True).returncode != 0

    if missing():  # a parallel test session may create it at the same moment: check again, not useradd's code
        done = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
                              capture_output=True, text=True)
        if missing():
            pytest.fail(f"cannot create the PostgreSQL test user {PG_USER}: {done.stderr.strip()}")


def _as_server_user(cmd: list[str]) -> list[str]:
    """``cmd`` run as the unprivileged server user when we are root, else as is."""
    return ["runuser", "-u", PG_USER, "--", *cmd] if os.geteuid() == 0 else cmd


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a database on a PostgreSQL server started for this test session on 127.0.0.1 (stopped at the end)."""
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's postgresql package "
                    "(scripts/ensure-postgres.sh does so when run as root)")
    import psycopg

    root = Path(tempfile.mkdtemp(prefix="sitroom-pg-"))
    data, log = root / "data", root / "server.log"
    try:
        if os.geteuid() == 0:
            _ensure_server_user()
            shutil.chown(root, PG_USER)

        def run(*cmd: str) -> subprocess.CompletedProcess[str]:
            done = subprocess.run(_as_server_user([f"{bindir}/{cmd[0]}", *cmd[1:]]), cwd=root, capture_output=True,
                                  text=True, timeout=120)
            if done.returncode and cmd[-1] != "start":
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                pytest.fail(f"{cmd[0]} failed ({done.returncode}): {done.stderr[-2000:]}\n{tail}")
            return done

        run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
        for _ in range(3):  # another process may take the free port before the server binds it
            port = _free_port()
            options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c full_page_writes=off"
            if not run("pg_ctl", "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start").returncode:
                break
        else:
            pytest.fail(f"PostgreSQL did not start: {log.read_text(errors='replace')[-2000:]}")
        admin = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE sitroom_test")
        yield f"postgresql://postgres@127.0.0.1:{port}/sitroom_test"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(_as_server_user([f"{bindir}/pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"]),
                           cwd=root, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def fresh_pg_url(pg_url: str) -> str:
    """URL of an empty schema of its own in the session's PostgreSQL database (much faster than a database)."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{pg_url}?options=-csearch_path%3D{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty store, once per backend."""
    if request.param == "postgresql":
        return request.getfixturevalue("fresh_pg_url")
    return str(tmp_path / "store.sqlite")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    """A fresh store, once on SQLite and once on PostgreSQL."""
    s = open_store(store_url)
    yield s
    s.close()
