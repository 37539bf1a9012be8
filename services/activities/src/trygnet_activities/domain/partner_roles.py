"""A partnership member's role as one of the ``PartnerRole`` words, also when it was
written in the coordinator's own words.

Activities always took a ``PartnerRole``; partnerships first took any text ("politi",
"chair", "medlem"), and ``PartnershipMemberJoined`` events holding such text are on the
topic and in the store forever. They are read, never rewritten: the role's own word
(``partner``, ``PARTNER``), or a word known to mean it in English, Danish or Swedish,
is that role; any other text is ``OTHER``. The table only grows: a text once read as a
role is read so for good, or the same events would fold into another state.
"""

from __future__ import annotations

from typing import Final

from trygnet_vocabulary.activities import PartnerRole

SPELLINGS: Final[dict[str, PartnerRole]] = {
    **{role.value: role for role in PartnerRole},
    **dict.fromkeys(
        ("leader", "chair", "chairperson", "leder", "formand", "ledare", "ordförande"),
        PartnerRole.LEAD,
    ),
    **dict.fromkeys(
        ("member", "participant", "medlem", "deltager", "deltagare", "samarbejdspartner"),
        PartnerRole.PARTNER,
    ),
    **dict.fromkeys(
        ("sponsor", "financer", "finansierer", "bidragyder", "finansiär"), PartnerRole.FUNDER
    ),
    **dict.fromkeys(("frivillig", "frivillige"), PartnerRole.VOLUNTEER),
}
"""Texts (case, runs of spaces and ``-`` aside) read as a role."""


def read_role(written: object) -> PartnerRole:
    """The role a stored event's ``role`` names: a ``PartnerRole`` word as it is, an
    older text as ``SPELLINGS`` reads it, anything else ``OTHER``."""
    if isinstance(written, PartnerRole):
        return written
    key = "_".join(str(written).replace("-", " ").split()).casefold()
    return SPELLINGS.get(key, PartnerRole.OTHER)
