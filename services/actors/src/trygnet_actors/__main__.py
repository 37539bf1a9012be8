"""``trygnet-actors``: run the actors service (``--port``, default 8101)."""

from __future__ import annotations

import argparse
import os

from trygnet_actors.bootstrap import create_app
from trygnet_core.serving import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="trygnet-actors", description=__doc__)
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8101")))
    args = parser.parse_args()
    serve(create_app(), host=args.host, port=args.port)


if __name__ == "__main__":
    main()
