"""``python -m trygnet_platform.front``: the gateway with the portal (``--port``), served
as the gateway alone is (``trygnet_core.serving``: its header limits, timeouts, and each
answer in one write)."""

from __future__ import annotations

import argparse
import os

from trygnet_core.serving import serve
from trygnet_platform.front import create_app


def main() -> None:
    parser = argparse.ArgumentParser(prog="trygnet-front", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    serve(create_app(), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
