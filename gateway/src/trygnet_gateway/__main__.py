"""``trygnet-gateway``: run the GraphQL gateway (``--port``, default 8000)."""

from __future__ import annotations

from trygnet_core.serving import serve_command
from trygnet_gateway.app import create_app


def main() -> None:
    serve_command("trygnet-gateway", __doc__, 8000, create_app)


if __name__ == "__main__":
    main()
