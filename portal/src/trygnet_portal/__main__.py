"""``trygnet-portal``: the portal on its own (``--port``, default 8080), calling the
gateway at ``TRYGNET_PORTAL_GRAPHQL_URL``. ``make run`` serves it from the gateway's
process instead, on the gateway's origin (see ``docs/portal.md``)."""

from __future__ import annotations

import argparse
import os

import uvicorn

from trygnet_portal.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="trygnet-portal", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    args = parser.parse_args()
    uvicorn.run(create_app(), host=args.host, port=args.port, proxy_headers=True)


if __name__ == "__main__":
    main()
