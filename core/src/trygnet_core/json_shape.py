"""How deep a JSON text nests, found without parsing it, and the shape of a GraphQL
request's variables.

A parser recurses once per level: a body nested tens of thousands of levels deep made
the services' and the gateway's parsers fail with a 500. So the depth is counted on the
bytes first, in time proportional to the body and with no recursion: the strings are
cut out (a bracket inside a text is a letter, not a level), everything but brackets is
dropped (both in C), and the brackets left are counted until the limit is passed.
"""

from __future__ import annotations

import re
from typing import Any, Final

_STRINGS: Final = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.S)
"""A JSON text in quotes, or one never closed, which runs to the end (no parser reads a
level inside it). Without that end, a text never closed made the search start again
at every quote after it, each time to the end: a megabyte of ``\\"`` took hours."""
_NOT_BRACKETS: Final = bytes(set(range(256)) - set(b"[]{}"))
_OPENING: Final = frozenset(b"[{")


def nests_deeper_than(text: bytes, limit: int) -> bool:
    """True when ``text`` (JSON, or not quite) opens more than ``limit`` levels at once."""
    if text.count(b"[") + text.count(b"{") <= limit:
        return False
    brackets = _STRINGS.sub(b"", text).translate(None, _NOT_BRACKETS)
    depth = 0
    for bracket in brackets:
        if bracket in _OPENING:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def depth_of(value: Any, limit: int) -> int:
    """How deep a parsed value nests, counted up to ``limit + 1`` at most (a scalar is
    0, ``[1]`` is 1, ``{"a": [1]}`` is 2)."""
    deepest = 0
    level: list[Any] = [value]
    while level and deepest <= limit:
        inner: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                inner.extend(item.values())
            elif isinstance(item, list):
                inner.extend(item)
        if not any(isinstance(item, dict | list) for item in level):
            break
        deepest += 1
        level = inner
    return deepest


def variables_of(request: Any) -> list[Any]:
    """The ``variables`` of a GraphQL request body (one request, or a batch of them)."""
    requests = request if isinstance(request, list) else [request]
    return [one.get("variables") for one in requests if isinstance(one, dict)]
