"""A PostgreSQL server of one's own: ``initdb`` into a temporary folder, ``pg_ctl`` on a
free port. The topology rehearsal restarts it on purpose; the server other tests share
(``TEST_POSTGRES_URL``) is never touched.

As root (the test machines), the server runs as the ``postgres`` user, which owns its
folder: PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from trygnet_core.broker import free_port

MAX_CONNECTIONS = 400
"""Ten service replicas with their pools, the checks and a rebuild."""


def binaries() -> Path | None:
    """The newest installed PostgreSQL's ``bin`` folder (Debian's layout), or the PATH's."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


def _major(path: str) -> int:
    return int(Path(path).parts[4]) if Path(path).parts[4].isdigit() else 0


def missing() -> str | None:
    if binaries() is None:
        return "no PostgreSQL server programs (initdb, pg_ctl): apt-get install postgresql"
    return None


class OwnPostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="trygnet-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.bin = binaries()

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """``initdb`` (once), then start and wait until it accepts connections."""
        if not self.data.exists():
            if os.geteuid() == 0:
                shutil.chown(self.folder, "postgres", "postgres")
            self._as_owner("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres")
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
            f" -c max_connections={MAX_CONNECTIONS} -c shared_buffers=64MB"
        )
        self._as_owner("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w")

    def restart(self, mode: str = "fast") -> None:
        """Stop (``fast``: sessions ended, transactions rolled back) and start again."""
        self._as_owner(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", mode, "-w", "restart"
        )

    def stop_server(self, mode: str = "fast") -> None:
        """Stop the server, keeping its data: ``start`` starts it again."""
        self._as_owner("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._as_owner("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> str:
        self._as_owner("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return self.url(name)

    def _as_owner(self, program: str, *arguments: str) -> None:
        assert self.bin is not None, missing()
        command = [str(self.bin / program), *arguments]
        if program == "pg_ctl" and "restart" not in arguments and "stop" not in arguments:
            command.append("start")
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        # Into a file, not a pipe: the server pg_ctl starts would hold a pipe open, and
        # the wait for its end would last as long as the server.
        with open(self.folder / "pg_ctl.log", "ab") as out:
            subprocess.run(
                command, check=True, stdout=out, stderr=out, timeout=120, cwd=self.folder
            )
