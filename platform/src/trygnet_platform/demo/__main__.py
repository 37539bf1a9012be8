"""``trygnet-demo-data``: load the demo municipalities into a running platform (those not
there yet), e.g. ``--tenants 98`` for benchmarks."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx

from trygnet_platform.demo import LoadFailed, load_demo
from trygnet_platform.demo.worlds import MOST
from trygnet_platform.tokens import DemoTokens, dev_secret


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="trygnet-demo-data", description=__doc__)
    parser.add_argument("--gateway", default="http://127.0.0.1:8000", help="the gateway's URL")
    parser.add_argument(
        "--folder",
        type=Path,
        default=Path(".trygnet"),
        help="the run's folder, whose dev-secret signs the tokens",
    )
    parser.add_argument(
        "--tenants", type=int, default=8, help=f"municipalities in all (0 to {MOST})"
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic ones")
    args = parser.parse_args(argv)
    if not 0 <= args.tenants <= MOST:
        parser.error(f"--tenants is from 0 to {MOST}")
    if not (args.folder / "dev-secret").exists():
        parser.error(f"no dev-secret in {args.folder}: is the platform running from there?")
    tokens = DemoTokens(dev_secret(args.folder))
    began = time.monotonic()
    try:
        asyncio.run(_load(args.gateway, tokens, args.tenants, args.seed))
    except (httpx.HTTPError, LoadFailed) as failure:
        print(f"cannot load the demo data: {failure}", file=sys.stderr)
        raise SystemExit(1) from None
    print(f"{args.tenants} municipalities in {time.monotonic() - began:.1f} s")


async def _load(gateway: str, tokens: DemoTokens, tenants: int, seed: int) -> None:
    async with httpx.AsyncClient(base_url=gateway, timeout=60.0) as http:
        await load_demo(http, tokens, tenants=tenants, seed=seed, say=print)


if __name__ == "__main__":
    main()
