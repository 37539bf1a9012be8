"""Sharing an activity as a practice, on the activity's page: only a coordinator shares
and withdraws (the activities service's rule; the API decides either way), and only a
coordinator reads the practices, so only a coordinator is shown whether the activity
is shared. Whether it is: the municipality's own practice of that activity, asked of
the practices by its ``activityId`` (read at least at the position of the person's last
share or withdraw)."""

from __future__ import annotations

from trygnet_portal.client.shared_practices import SharedPracticesPracticesEdgesNode
from trygnet_portal.gateway import Failure, ask
from trygnet_portal.sessions import Identity
from trygnet_portal.web import Person


def shares(identity: Identity) -> bool:
    return "coordinator" in identity.roles


async def shared_as(
    person: Person, activity_id: str, at: str | None
) -> SharedPracticesPracticesEdgesNode | Failure | None:
    """The activity's practice as every municipality finds it, None if it is not shared."""
    call = person.gateway.shared_practices(activity_id=activity_id, at_least=[at] if at else None)
    found = await ask("part.practice", call)
    if isinstance(found, Failure):
        return found
    return found.practices.edges[0].node if found.practices.edges else None
