"""``python -m trygnet_platform.front``: the gateway with the portal (``--port``), served
as the gateway alone is (``trygnet_core.serving``: its header limits, timeouts, and each
answer in one write)."""

from __future__ import annotations

from trygnet_core.serving import serve_command
from trygnet_platform.front import create_app


def main() -> None:
    serve_command("trygnet-front", __doc__, 8000, create_app)


if __name__ == "__main__":
    main()
