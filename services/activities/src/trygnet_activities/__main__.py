"""``trygnet-activities``: run the activities service (``--port``, default 8102)."""

from __future__ import annotations

from trygnet_activities.bootstrap import create_app
from trygnet_core.serving import serve_command


def main() -> None:
    serve_command("trygnet-activities", __doc__, 8102, create_app)


if __name__ == "__main__":
    main()
