"""JSON as the kernel reads it off the store and the broker, and writes it to the broker.

Every event's data and metadata are read from the store by the relay and by the read
models, and every message's value by each consumer: ``loads`` reads with orjson, several
times faster than ``json``, where it gives the same answer, and with ``json`` where it
would not:

- an integer past 64 bits: orjson reads it as a float. A text with a run of 19 digits or
  more that may be a number goes to ``json`` at once (found by a plain search over the
  text with its digits mapped to one byte, five times faster than a regular expression;
  a run after a letter is inside a string, such as a hexadecimal id, and no number);
- what orjson does not read at all (``NaN``, ``Infinity``, UTF-16).

So ``loads`` accepts what ``json.loads`` accepts and returns the same value.

An event's data read for publishing (``EventStore.read_unpublished``) stays the text the
store holds (``StoredJson``): ``to_kafka`` sends those bytes as the message value
(``encoded``) instead of decoding them and encoding them again, and decodes only if a key
is read (the relay itself reads the stored bytes: ``store/relay_rows.py``). ``dumps``
stays with the standard library (orjson writes ``NaN`` as ``null``), through one encoder
made once (``json.dumps`` with its own separators builds a new one per call) that skips
the check for circular references: data that holds itself fails all the same, as a
``RecursionError``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final

import orjson

_DIGITS: Final = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
"""Every ASCII digit as ``0`` and every other byte as a space."""
_LONG_NUMBER: Final = b"0" * 19
_BEFORE_NUMBER: Final = frozenset(b"[:,.eE+- \t\n\r")
_TO_BROKER: Final = json.JSONEncoder(
    separators=(",", ":"), ensure_ascii=False, check_circular=False
)


def loads(value: str | bytes) -> Any:
    """The value of a JSON text; ``ValueError`` (or ``UnicodeDecodeError``) if it is
    not JSON, or nested too deep for the standard library to read (orjson refuses past
    1,024 levels, and ``json`` would exhaust the stack)."""
    if not _long_number(value):
        try:
            return orjson.loads(value)
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(value)
    except RecursionError:
        raise ValueError("JSON nested too deep") from None


def dumps(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON (no spaces, non-ASCII characters as they are),
    as ``json.dumps(value, separators=(",", ":"), ensure_ascii=False)`` writes it."""
    return _TO_BROKER.encode(value).encode()


def encoded(value: Mapping[str, Any]) -> bytes:
    """``value`` as a message value: the stored text as it is, or ``dumps``."""
    return value.text if isinstance(value, StoredJson) else dumps(value)


class StoredJson(Mapping[str, Any]):
    """A JSON object as a store holds it: ``text`` (UTF-8), decoded when first read."""

    __slots__ = ("_value", "text")

    def __init__(self, text: str | bytes) -> None:
        self.text = text if isinstance(text, bytes) else text.encode()
        self._value: Mapping[str, Any] | None = None

    def _decoded(self) -> Mapping[str, Any]:
        if self._value is None:
            self._value = loads(self.text)
        return self._value

    def __getitem__(self, key: str) -> Any:
        return self._decoded()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decoded())

    def __len__(self) -> int:
        return len(self._decoded())

    def __repr__(self) -> str:
        return f"StoredJson({self.text!r})"


def _long_number(value: str | bytes) -> bool:
    """Whether a run of 19 digits or more may be (part of) a number: one that starts
    the text or follows what may come before a number or inside one (``[:,.eE+-`` or
    white space). A run inside a string after a letter (a hexadecimal id, in nearly
    every document of the reports) is no number."""
    raw = value if isinstance(value, bytes) else value.encode()
    digits = raw.translate(_DIGITS)
    at = digits.find(_LONG_NUMBER)
    while at >= 0:
        if at == 0 or raw[at - 1] in _BEFORE_NUMBER:
            return True
        end = digits.find(b" ", at)  # the run's end: a run is looked at once
        if end < 0:
            return False
        at = digits.find(_LONG_NUMBER, end)
    return False
