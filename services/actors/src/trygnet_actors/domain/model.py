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


def phone(value: str | None, *, field: str = "phone") -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    digits = sum(c.isdigit() for c in text)
    if not _PHONE.fullmatch(text) or not 6 <= digits <= 15:
        raise BadUserInput(
            f"{field} is not a phone number (digits, spaces, +, - and brackets)", field=field
        )
    return text


def email(value: str | None, *, field: str = "email") -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not _EMAIL.fullmatch(text) or len(text) > 254:
        raise BadUserInput(f"{field} is not an e-mail address", field=field)
    return text


def website(value: str | None, *, field: str = "website") -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not _WEBSITE.fullmatch(text) or len(text) > 500:
        raise BadUserInput(f"{field} must be an http(s) address", field=field)
    return text
