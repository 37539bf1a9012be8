"""Sharing an activity as a practice, on the activity's page: only a coordinator shares
and withdraws (the activities service's rule; the API decides either way), and only a
coordinator reads the practices, so only a coordinator is shown whether the activity
is shared. Whether it is: the municipality's own practice names its activity
(``activityId``; every other municipality reads null), found by reading the practices
page by page (read at least at the position of the person's last share or withdraw)."""

from __future__ import annotations

from typing import Final

from trygnet_portal.client.shared_practices import SharedPracticesPracticesEdgesNode
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.sessions import Identity
from trygnet_portal.web import Person

PAGES: Final = 20
"""At most this many pages of 100 practices are read to find the activity's."""


def shares(identity: Identity) -> bool:
    return "coordinator" in identity.roles


async def shared_as(
    person: Person, activity_id: str, at: str | None
) -> SharedPracticesPracticesEdgesNode | Failure | None:
    """The activity's practice as every municipality finds it, None if it is not shared."""
    after: str | None = None
    for _ in range(PAGES):
        call = person.gateway.shared_practices(after=after, at_least=[at] if at else None)
        found = await ask("part.practice", call)
        if isinstance(found, Failure):
            return found
        for edge in found.practices.edges:
            if edge.node.activity_id == activity_id:
                return edge.node
        if not found.practices.page_info.has_next_page:
            return None
        after = found.practices.page_info.end_cursor
    return None
