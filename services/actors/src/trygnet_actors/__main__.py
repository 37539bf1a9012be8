"""``trygnet-actors``: run the actors service (``--port``, default 8101)."""

from __future__ import annotations

from trygnet_actors.bootstrap import create_app
from trygnet_core.serving import serve_command


def main() -> None:
    serve_command("trygnet-actors", __doc__, 8101, create_app)


if __name__ == "__main__":
    main()
