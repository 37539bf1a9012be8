"""The incidents service's vocabulary, what the handler knows, and the shared checks.

Events keep moments as ISO text in UTC (``2026-03-14T21:40:00+00:00``), so they sort
as text, dates as ISO text (``2026-03-14``), and nested records as plain dicts, because
only those read back from JSON unchanged.
"""

from __future__ import annotations

import enum
from typing import Final, TypeVar

from trygnet_core.checks import References
from trygnet_core.checks import camel as camel
from trygnet_core.checks import coordinates as coordinates
from trygnet_core.checks import day as day
from trygnet_core.checks import in_order as in_order
from trygnet_core.checks import moment as moment
from trygnet_core.checks import number as number
from trygnet_core.checks import one_of as one_of
from trygnet_core.checks import optional_text as optional_text
from trygnet_core.checks import record as record
from trygnet_core.checks import required_text as required_text
from trygnet_core.checks import unique as unique
from trygnet_core.checks import whole_number as whole_number
from trygnet_vocabulary.activities import FollowUpStatus as FollowUpStatus
from trygnet_vocabulary.incidents import IncidentKind as IncidentKind
from trygnet_vocabulary.incidents import IncidentStatus as IncidentStatus
from trygnet_vocabulary.incidents import LinkKind as LinkKind
from trygnet_vocabulary.incidents import ObservationCategory as ObservationCategory
from trygnet_vocabulary.incidents import ResponseRole as ResponseRole
from trygnet_vocabulary.incidents import Sensitivity as Sensitivity
from trygnet_vocabulary.incidents import TaskPriority as TaskPriority
from trygnet_vocabulary.incidents import TaskStatus as TaskStatus
from trygnet_vocabulary.incidents import TimelineKind as TimelineKind

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

ANY: Final = "any"
"""An escalation rule's kind or area that matches every incident."""


Known = References
"""What the handler looked up in its replica of the actors service for one command."""


NOTHING_KNOWN: Final = Known()
"""What ``decide`` knows when the handler looked nothing up: every reference is unknown."""


def severity(value: object, *, field: str = "severity") -> int:
    """How grave an incident is, from 1 (minor) to 4 (most severe)."""
    return whole_number(value, field=field, low=1, high=4)
