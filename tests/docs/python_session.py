"""A page's Python examples run as a reader runs them: in order, in one interpreter, so
a later example may use what an earlier one of the page defined (and nothing else).

Started by the docs test in a folder holding `.trygnet/` (its tokens), with the
snippets as JSON on stdin: ``[{"where", "code", "alongside"}]``. A snippet marked
``alongside`` runs in a thread from the moment it prints its first line until the
snippets after it are done (a subscription waiting for the changes they make).
Writes ``[{"where", "output", "error"}]`` as JSON to the file named by argv[1]."""

from __future__ import annotations

import builtins
import json
import sys
import threading
import time
import traceback
from typing import Any

WAIT = 60.0
"""Seconds an alongside snippet may take to start (print), or to finish after the rest."""


def main() -> None:
    snippets: list[dict[str, Any]] = json.load(sys.stdin)
    outputs: dict[str, list[str]] = {s["where"]: [] for s in snippets}
    errors: dict[str, str | None] = {s["where"]: None for s in snippets}
    current = threading.local()
    lock = threading.Lock()

    def shown(*values: object, sep: str | None = " ", end: str | None = "\n", **_: Any) -> None:
        text = (sep if sep is not None else " ").join(map(str, values))
        text += end if end is not None else "\n"
        with lock:
            outputs[current.where].append(text)
            sys.stdout.write(text)
            sys.stdout.flush()

    namespace: dict[str, Any] = {"__name__": "__main__", "print": shown}

    def run(snippet: dict[str, Any]) -> None:
        current.where = snippet["where"]
        try:
            exec(compile(snippet["code"], snippet["where"], "exec"), namespace)
        except BaseException:  # the reader would see it: so does the test
            errors[snippet["where"]] = traceback.format_exc()

    waiting: list[tuple[threading.Thread, str]] = []
    for snippet in snippets:
        if snippet.get("alongside"):
            thread = threading.Thread(target=run, args=(snippet,), daemon=True)
            thread.start()
            deadline = time.monotonic() + WAIT
            while not outputs[snippet["where"]] and thread.is_alive():
                if time.monotonic() > deadline:
                    errors[snippet["where"]] = "printed nothing: it did not start"
                    break
                time.sleep(0.05)
            waiting.append((thread, snippet["where"]))
            continue
        run(snippet)
        for thread, where in waiting:
            thread.join(WAIT)
            if thread.is_alive() and errors[where] is None:
                errors[where] = "did not finish: it never received what it waits for"
        waiting.clear()
    result = [
        {"where": s["where"], "output": "".join(outputs[s["where"]]), "error": errors[s["where"]]}
        for s in snippets
    ]
    with open(sys.argv[1], "w") as out:
        json.dump(result, out)
    builtins.print("done", file=sys.stderr)


if __name__ == "__main__":
    main()
