"""``trygnet-incidents``: run the incidents service (``--port``, default 8103)."""

from __future__ import annotations

from trygnet_core.serving import serve_command
from trygnet_incidents.bootstrap import create_app


def main() -> None:
    serve_command("trygnet-incidents", __doc__, 8103, create_app)


if __name__ == "__main__":
    main()
