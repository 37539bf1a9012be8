"""The actors service's vocabulary: areas, actors (organisations) and contacts."""

from __future__ import annotations

import re
from typing import Final

from trygnet_core.checks import optional_text as optional_text
from trygnet_core.checks import required_text as required_text
from trygnet_core.errors import BadUserInput
from trygnet_vocabulary.actors import ActorStatus as ActorStatus
from trygnet_vocabulary.actors import AreaKind as AreaKind
from trygnet_vocabulary.actors import LegalBasis as LegalBasis
from trygnet_vocabulary.actors import Level as Level
from trygnet_vocabulary.actors import Sector as Sector
from trygnet_vocabulary.actors import Theme as Theme

_PHONE: Final = re.compile(r"^\+?[0-9][0-9 ()-]{5,22}[0-9]$")
_EMAIL: Final = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$")
_WEBSITE: Final = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


_NOT_A_PHONE: Final = "is not a phone number (digits, spaces, +, - and brackets)"


def phone(value: str | None, *, field: str = "phone") -> str | None:
    text = _address(value, field=field, pattern=_PHONE, longest=25, says=_NOT_A_PHONE)
    if text is not None and not 6 <= sum(c.isdigit() for c in text) <= 15:
        raise BadUserInput(f"{field} {_NOT_A_PHONE}", field=field)
    return text


def email(value: str | None, *, field: str = "email") -> str | None:
    return _address(
        value, field=field, pattern=_EMAIL, longest=254, says="is not an e-mail address"
    )


def website(value: str | None, *, field: str = "website") -> str | None:
    return _address(
        value, field=field, pattern=_WEBSITE, longest=500, says="must be an http(s) address"
    )


def _address(
    value: str | None, *, field: str, pattern: re.Pattern[str], longest: int, says: str
) -> str | None:
    """Where to reach an actor or a contact, optional: ``None`` when blank, else the
    trimmed text when it has the address's form and length, else ``BadUserInput``."""
    text = (value or "").strip()
    if not text:
        return None
    if not pattern.fullmatch(text) or len(text) > longest:
        raise BadUserInput(f"{field} {says}", field=field)
    return text
