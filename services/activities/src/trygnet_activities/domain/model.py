"""The activities service's vocabulary and what the handler knows for a command.

The checks every service shares (``required_text``, ``day``, ``percentage`` ...) live in
``trygnet_core.checks`` and are re-exported here, so the domain says ``model.day``.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final, TypeVar

from trygnet_core.checks import References
from trygnet_core.checks import camel as camel
from trygnet_core.checks import day as day
from trygnet_core.checks import in_order as in_order
from trygnet_core.checks import members as members
from trygnet_core.checks import number as number
from trygnet_core.checks import one_of as one_of
from trygnet_core.checks import optional_day as optional_day
from trygnet_core.checks import optional_text as optional_text
from trygnet_core.checks import optional_whole_number as optional_whole_number
from trygnet_core.checks import percentage as percentage
from trygnet_core.checks import period as period
from trygnet_core.checks import record as record
from trygnet_core.checks import required_text as required_text
from trygnet_core.checks import unique as unique
from trygnet_core.checks import web_link as web_link
from trygnet_core.checks import whole_number as whole_number
from trygnet_core.errors import BadUserInput, NotFound
from trygnet_vocabulary.activities import ActionStatus as ActionStatus
from trygnet_vocabulary.activities import ActivityStatus as ActivityStatus
from trygnet_vocabulary.activities import Cadence as Cadence
from trygnet_vocabulary.activities import Direction as Direction
from trygnet_vocabulary.activities import FindingKind as FindingKind
from trygnet_vocabulary.activities import FollowUpStatus as FollowUpStatus
from trygnet_vocabulary.activities import Intensity as Intensity
from trygnet_vocabulary.activities import PartnerRole as PartnerRole
from trygnet_vocabulary.actors import Level as Level
from trygnet_vocabulary.actors import Theme as Theme

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True)
class Known(References):
    """What the handler looked up for one command: the replica's areas and actors, and this
    service's own partnerships and the strategy's focus areas."""

    partnerships: frozenset[str] = frozenset()
    focus_areas: frozenset[str] = frozenset()

    def focus_area_ids(self, ids: Iterable[str], *, field: str = "focusAreas") -> tuple[str, ...]:
        chosen = unique(ids)
        for focus_area_id in chosen:
            if focus_area_id not in self.focus_areas:
                raise BadUserInput("no focus area with that id in the strategy", field=field)
        return chosen

    def partnership(self, partnership_id: str, *, field: str = "partnershipId") -> str:
        if partnership_id not in self.partnerships:
            raise BadUserInput("no partnership with that id", field=field)
        return partnership_id

    def leaving(self, members: Collection[str], actor_id: str, *, being: str) -> str:
        """The id under which the actor leaving is among ``members`` (as given or as its
        survivor's); an actor not among them is not found (``being``: "a member")."""
        member = self.member(members, actor_id)
        if member is None:
            raise NotFound(f"that actor is not {being}", field="actorId")
        return member


NOTHING_KNOWN: Final = Known()
"""What ``decide`` knows when the handler looked nothing up: every reference is unknown."""
