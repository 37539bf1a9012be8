"""The base of every word: a value and what it means, in the users' words."""

from __future__ import annotations

import enum
from typing import Self


class Word(enum.StrEnum):
    """A value of the vocabulary and what it means, in the users' words:
    ``STRATEGIC = "strategic", "The municipality, the police and ..."``."""

    meaning: str

    def __new__(cls, value: str, meaning: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        return member
