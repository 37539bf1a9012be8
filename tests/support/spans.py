"""Run a script with an in-memory tracer provider in a subprocess (a process can set
its global tracer provider only once), and read the JSON it prints last.

The script finds ``exporter`` (an ``InMemorySpanExporter``) already defined, and
``finished()``: the spans it holds, as dicts of name, kind, trace, id, parent and links.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PRELUDE = r"""
import asyncio, json, sys
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)

def finished():
    return [{"name": s.name, "kind": s.kind.name,
             "trace": format(s.context.trace_id, "032x"), "id": format(s.context.span_id, "016x"),
             "parent": format(s.parent.span_id, "016x") if s.parent else None,
             "links": [format(link.context.trace_id, "032x") for link in s.links]}
            for s in exporter.get_finished_spans()]
"""


def run_traced(script: str, *args: str, timeout: float = 180) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", PRELUDE + script, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
