"""Which command of the incidents service a wanted status needs, by the status rule.

``changeIncidentStatus`` takes the status a user wants; the incidents service takes
one command per move (activate, stabilise, close, reopen). The move is read from the
incidents' status rule (``trygnet_vocabulary.incident_status``), never re-coded here: a
status no move leads to is refused, and where more than one leads to it (activate
and reopen both lead to active) the incident's status decides, read only then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from trygnet_core.errors import BadUserInput
from trygnet_vocabulary import incident_status
from trygnet_vocabulary.incidents import IncidentStatus


async def status_move(
    target: IncidentStatus, now: Callable[[], Awaitable[IncidentStatus]]
) -> incident_status.Move:
    """The move to ``target``; ``now`` reads the incident's status. Where no move starts
    from it, the rule's first move to ``target`` is sent and the service answers (an
    active incident activated again is left as it is; a closed one is a conflict)."""
    moves = incident_status.moves_to(target)
    if not moves:
        raise BadUserInput(f"an incident cannot go back to {target}", field="status")
    if len(moves) == 1:
        return moves[0]
    return incident_status.move_between(await now(), target) or moves[0]
