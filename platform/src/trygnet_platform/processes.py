"""The supervised processes of ``trygnet-run``.

Each service is its own process, forked from one fork server that imported the
platform's modules once (``multiprocessing``'s forkserver with a preload): five
interpreters each importing FastAPI, SQLAlchemy, aiokafka and Strawberry on two
cores took about twice as long to start as one import and five forks. A forked
service starts its own session (Ctrl-C reaches the runner alone, which stops the
children in order), is ended by Linux when the fork server goes (which goes with the
runner, however the runner dies), writes its output whole to its log file, which the
runner follows and shows one short line at a time with the service's name in front.

A child that crashes is restarted after a pause that doubles (0.5 s up to 8 s); one
that crashes ``max_restarts`` times within ``window`` seconds is given up on, and the
runner stops the platform saying which service and where its log is, rather than
hanging with a part of the platform missing.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import multiprocessing
import multiprocessing.process
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from multiprocessing import forkserver
from pathlib import Path
from typing import Any, Final, TextIO

from trygnet_core.broker import die_with_parent

LOOK = 0.1
"""Seconds between two looks at a child's log while it grows."""
QUIET_LOOK = 0.8
"""Seconds between two looks at a log that has stayed quiet."""

STOP_SECONDS: Final = 10.0
_QUIET_LOGGERS: Final = ("trygnet.access", "aiokafka")
"""Loggers whose INFO lines (a request each; every metadata refresh) the terminal shows
only with ``--verbose``; the log files keep them."""
_SHOWN_FIELDS: Final = ("tenant", "code", "error", "consumer", "topic", "components")
_COLOURS: Final = ("36", "32", "35", "33", "34", "31")


class Console:
    """The terminal the runner and its children write to, one whole line at a time."""

    def __init__(self, stream: TextIO | None = None, *, verbose: bool = False) -> None:
        self.stream = stream or sys.stdout
        self.verbose = verbose
        self.colour = self.stream.isatty() and not os.environ.get("NO_COLOR")
        self._width = len("activities")
        self._colours: dict[str, str] = {}
        self.gone = False
        """The terminal went away (``make run | tee log`` and Ctrl-C ends the ``tee``):
        the platform goes on, and stops, the same, saying nothing more."""

    def line(self, name: str, text: str) -> None:
        label = name.ljust(self._width)
        if self.colour:
            code = self._colours.setdefault(name, _COLOURS[len(self._colours) % len(_COLOURS)])
            label = f"\033[{code}m{label}\033[0m"
        if self.gone:
            return
        try:
            self.stream.write(f"{label} | {text}\n")
            self.stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            self.gone = True

    def say(self, text: str) -> None:
        self.line("trygnet", text)

    def child_line(self, name: str, raw: str) -> None:
        shown = render(raw, verbose=self.verbose)
        if shown is not None:
            self.line(name, shown)


def render(raw: str, *, verbose: bool = False) -> str | None:
    """A service's JSON log line as a short one (``None`` for an access line unless
    ``verbose``); any other output as it is."""
    try:
        record: Any = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(record, dict) or "message" not in record:
        return raw
    quiet = str(record.get("logger", "")).startswith(_QUIET_LOGGERS)
    if quiet and record.get("level") in ("DEBUG", "INFO") and not verbose:
        return None
    details = " ".join(
        f"{key}={record[key]}" for key in _SHOWN_FIELDS if record.get(key) not in (None, "", [])
    )
    text = f"{record.get('level', 'INFO'):<7} {record['message']}"
    return f"{text}  {details}" if details else text


def start_fork_server(preload: Sequence[str]) -> None:
    """Start the fork server, which imports ``preload`` before its first fork."""
    multiprocessing.set_forkserver_preload(list(preload))
    forkserver.ensure_running()


def _serve(module: str, env: Mapping[str, str], log_path: str) -> None:
    """In the forked child: become the service ``module`` (its ``__main__.main``)."""
    os.setsid()
    # The fork server stops once every holder of its "alive" pipe is gone; a child
    # holding it too would keep it (and so itself) alive after the runner died.
    os.close(forkserver._forkserver._forkserver_alive_fd)  # type: ignore[attr-defined]
    die_with_parent()  # the fork server is the parent: it goes when the runner goes
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    os.environ.clear()
    os.environ.update(env)
    sys.argv = [module]
    importlib.import_module(f"{module}.__main__").main()


@dataclass(eq=False)
class Supervised:
    """A service process kept running until ``stop``."""

    name: str
    module: str
    _: KW_ONLY
    env: Mapping[str, str]
    """Copied: the process is given the environment as it was when it was made."""
    log_path: Path
    console: Console
    on_given_up: Callable[[Supervised], None]
    on_restarted: Callable[[Supervised], None] = lambda _process: None
    max_restarts: int = 5
    window: float = 60.0
    restarts: int = field(default=0, init=False)
    process: multiprocessing.process.BaseProcess | None = field(default=None, init=False)
    _crashes: deque[float] = field(default_factory=deque, init=False)
    _stopping: bool = field(default=False, init=False)
    _watcher: asyncio.Task[None] | None = field(default=None, init=False)
    _follower: asyncio.Task[None] | None = field(default=None, init=False)
    _exited: asyncio.Event = field(default_factory=asyncio.Event, init=False)
    """Only the watcher joins the process: two threads reading its end at once could
    both wake and one block for ever. Everyone else waits for this."""

    def __post_init__(self) -> None:
        self.env = dict(self.env)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def running(self) -> bool:
        return self.process is not None and not self._exited.is_set()

    async def start(self) -> None:
        await self._spawn()
        self._watcher = asyncio.create_task(self._watch(), name=f"supervise-{self.name}")

    async def _spawn(self) -> None:
        self.log_path.touch()
        offset = self.log_path.stat().st_size
        process = multiprocessing.get_context("forkserver").Process(
            target=_serve,
            args=(self.module, self.env, str(self.log_path)),
            name=self.name,
            daemon=False,
        )
        await asyncio.to_thread(process.start)  # waits while the fork server imports
        self.process = process
        self._exited = asyncio.Event()
        self._follower = asyncio.create_task(self._follow(offset, self._exited))

    async def _follow(self, offset: int, exited: asyncio.Event) -> None:
        """Show what the process writes to its log, line by line, until it has exited.

        The log is looked at every 0.1 s while it grows, and less often the longer it
        stays quiet (at most every ``QUIET_LOOK``): six processes' logs looked at ten
        times a second each woke ``trygnet-run`` sixty times a second at rest."""
        pending = b""
        pause = LOOK
        with self.log_path.open("rb") as log:
            log.seek(offset)
            while True:
                chunk = log.read()
                if chunk:
                    pause = LOOK
                    *lines, pending = (pending + chunk).split(b"\n")
                    for line in lines:
                        self.console.child_line(self.name, line.decode(errors="replace"))
                elif exited.is_set():
                    return
                else:
                    await asyncio.sleep(pause)
                    pause = min(pause * 2, QUIET_LOOK)

    async def _watch(self) -> None:
        backoff = 0.5
        while True:
            process = self.process
            assert process is not None
            await asyncio.to_thread(process.join)
            self._exited.set()
            if self._follower is not None:
                await self._follower
            code = process.exitcode
            if self._stopping:
                return
            now = time.monotonic()
            self._crashes.append(now)
            while self._crashes and now - self._crashes[0] > self.window:
                self._crashes.popleft()
            if len(self._crashes) > self.max_restarts:
                self.console.say(
                    f"{self.name} crashed {len(self._crashes)} times within {self.window:.0f} s"
                    f" (last exit code {code}); giving up: see {self.log_path}"
                )
                self.on_given_up(self)
                return
            self.console.say(
                f"{self.name} exited with code {code}; starting it again in {backoff:.1f} s"
            )
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 8.0)
            if self._stopping:
                return
            self.restarts += 1
            await self._spawn()
            self.console.say(f"{self.name} started again (pid {self.pid})")
            self.on_restarted(self)

    async def stop(self, timeout: float = STOP_SECONDS) -> int | None:
        """SIGTERM, then SIGKILL after ``timeout``; answers the exit code."""
        self._stopping = True
        process = self.process
        if process is not None and self.running:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()
            try:
                await asyncio.wait_for(self._exited.wait(), timeout)
            except TimeoutError:
                self.console.say(f"{self.name} did not stop within {timeout:.0f} s; killing it")
                self.kill()
        if self._watcher is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        return process.exitcode if process else None

    def kill(self) -> None:
        if self.process is not None and self.running:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
