"""The portal's pages on the demo data: server time per page (p50 and p95) for each
screen, and the bytes of JavaScript and CSS each page loads.

    uv run python -m bench.portal            # 60 requests a screen, results saved
    uv run python -m bench.portal --quick    # 15 a screen, results not saved

The platform is ``trygnet-run`` as ``make run`` starts it (the portal on the
gateway's origin, the demo data of three municipalities), in a process of its own,
started as the platform benchmark starts it (``bench.platform.start``).
Each screen is asked one request at a time by a signed-in person (a coordinator of
0101; the national overview by the national body), after a few requests to warm
up (the gateway's per-person budgets lifted for the run; a page showing any part
unavailable stops it); the time is from sending the request to the last byte of the
page over loopback, so it is the server's time plus a loopback round trip. A page's
JavaScript and CSS are the files its ``<script src>`` and stylesheet links name,
counted as the portal sends them (gzipped) and unpacked. Nothing here asserts a
time: the goals (p95 at most 150 ms on 2 cores, at most 300 KB of JavaScript a
page) are printed beside the figures."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import httpx

from bench.machine import machine_facts
from bench.markdown import table
from bench.platform import BENCH, start

GOAL_P95_MS: Final = 150.0
GOAL_JS_KB: Final = 300.0
WARM_UP: Final = 3


def _first(html: str, pattern: str) -> str:
    found = re.search(pattern, html)
    if not found:
        raise RuntimeError(f"no {pattern} on the page")
    return found.group(0)


async def screens(coordinator: httpx.AsyncClient) -> dict[str, str]:
    """Each screen's path on the demo data: the lists, and the first item of each."""
    overview = (await coordinator.get("/")).text
    activities = (await coordinator.get("/activities")).text
    incidents = (await coordinator.get("/incidents")).text
    walks = (await coordinator.get("/safety-walks")).text
    return {
        "area overview": "/",
        "actor page": _first(overview, r"/actors/actor-[0-9a-f]+"),
        "network": "/network",
        "coordination gaps": "/gaps",
        "activities": "/activities",
        "activity": _first(activities, r"/activities/activity-[0-9a-f]+"),
        "forum": _first(activities, r"/fora/forum-[0-9a-f]+"),
        "incident board": "/incidents",
        "incident": _first(incidents, r"/incidents/incident-[0-9a-f]+"),
        "safety walks": "/safety-walks",
        "safety walk": _first(walks, r"/safety-walks/walk-[0-9a-f]+"),
        "outcomes": "/outcomes",
    }


async def weight(client: httpx.AsyncClient, html: str) -> dict[str, int]:
    """Bytes of the JavaScript and CSS a page loads: the files' size, and what the
    portal sends of them to a browser that accepts gzip (as every browser does)."""
    scripts = re.findall(r'<script src="([^"]+)"', html)
    styles = re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', html)
    found = {"js": 0, "js_sent": 0, "css": 0, "css_sent": 0}
    for kind, paths in (("js", scripts), ("css", styles)):
        for path in paths:
            answer = await client.get(path, headers={"Accept-Encoding": "gzip"})
            found[kind] += len(answer.content)
            found[f"{kind}_sent"] += answer.num_bytes_downloaded
    return found


async def timed(client: httpx.AsyncClient, path: str, requests: int) -> dict[str, Any]:
    for _ in range(WARM_UP):
        (await client.get(path)).raise_for_status()
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        answer = await client.get(path)
        times.append((time.perf_counter() - began) * 1000)
        answer.raise_for_status()
        if 'role="alert"' in answer.text:  # a part unavailable: not the page to time
            raise RuntimeError(f"{path} showed an error state")
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "path": re.sub(r"-[0-9a-f]{32}$", "-…", path),
        "requests": requests,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(cuts[94], 1),
        "html_bytes": len(answer.content),
        **await weight(client, answer.text),
    }


async def measure(requests: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="trygnet-portal-") as where:
        platform = await start(Path(where) / ".trygnet", 3)
        try:
            base = platform.gateway  # the portal is on the gateway's origin
            async with (
                httpx.AsyncClient(base_url=base, timeout=30) as coordinator,
                httpx.AsyncClient(base_url=base, timeout=30) as national,
            ):
                await coordinator.get("/dev/sign-in?tenant=0101&role=coordinator")
                await national.get("/dev/sign-in?role=national")
                pages = {}
                for name, path in (await screens(coordinator)).items():
                    pages[name] = await timed(coordinator, path, requests)
                    print(f"{name}: {pages[name]}", flush=True)
                pages["national overview"] = await timed(national, "/national", requests)
        finally:
            await platform.stop()
    return {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(),
        "goal_p95_ms": GOAL_P95_MS,
        "goal_js_kb": GOAL_JS_KB,
        "pages": pages,
    }


def section(found: dict[str, Any] | None = None) -> str:
    """The portal's section of docs/benchmarks.md, from ``bench/portal.json``."""
    path = BENCH / "portal.json"
    if found is None:
        if not path.exists():
            return ""
        found = json.loads(path.read_text())
    machine = found["machine"]
    rows = [
        [
            f"{name} (`{page['path']}`)",
            f"{page['p50_ms']:.0f} ms",
            f"{page['p95_ms']:.0f} ms",
            f"{page['html_bytes'] / 1024:.0f} KB",
            f"{page['js_sent'] / 1024:.0f} KB ({page['js'] / 1024:.0f} KB unpacked)",
            f"{page['css_sent'] / 1024:.0f} KB",
        ]
        for name, page in found["pages"].items()
    ]
    slow = [name for name, page in found["pages"].items() if page["p95_ms"] > found["goal_p95_ms"]]
    heavy = [
        name
        for name, page in found["pages"].items()
        if page["js_sent"] / 1024 > found["goal_js_kb"]
    ]
    return (
        "## The portal's pages\n\n"
        f"Measured {found['generated_at']} by `uv run python -m bench.portal` on "
        f"{machine['cores']} cores ({machine['cpu']}, {machine['memory_gib']} GiB): the "
        "platform as `make run` starts it with its demo data, each screen asked "
        f"{next(iter(found['pages'].values()))['requests']} times one after another by a "
        "signed-in coordinator of 0101 (the national overview by the national body), "
        "timed to the page's last byte over loopback (the gateway's per-person budgets "
        "lifted for the run, and every page checked to show no part unavailable). Every "
        "page asks the gateway with the person's own token and caches nothing. "
        "JavaScript and CSS are the files the page loads, as sent (the portal gzips its "
        "static files) and unpacked; the browser caches them after the first page.\n\n"
        + table(["screen", "p50", "p95", "HTML", "JavaScript", "CSS"], rows)
        + f"\n\nGoals: p95 at most {found['goal_p95_ms']:.0f} ms; at most "
        f"{found['goal_js_kb']:.0f} KB of JavaScript a page. "
        + (
            f"Over the time goal: {', '.join(slow)}. "
            if slow
            else "Every screen meets the time goal. "
        )
        + (
            f"Over the JavaScript goal: {', '.join(heavy)}."
            if heavy
            else "Every page meets the JavaScript goal as sent (the portal gzips its static "
            "files, never its pages)."
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="15 requests a screen, not saved")
    args = parser.parse_args()
    results = asyncio.run(measure(15 if args.quick else 60))
    print(section(results))
    if not args.quick:
        from bench import report

        report.keep("portal", results)


if __name__ == "__main__":
    main()
