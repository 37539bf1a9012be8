"""Denmark's 98 municipalities by kommunekode (public facts, Danmarks Statistik), for
the synthetic demo municipalities: each tenant id is a real municipality code."""

from __future__ import annotations

from typing import Final

from trygnet_reporting import municipalities

DANISH: Final = municipalities.DANISH
"""Every Danish municipality, by region; the codes as Danmarks Statistik gives them."""

NAMED: Final = ("0101", "0851", "0126")
"""Copenhagen, Aalborg and Huddinge (a Swedish kommunkod): the worlds written by hand."""

SYNTHETIC: Final = tuple(sorted((c, n) for c, n in DANISH if c not in NAMED))
"""The other 96, in code order: the synthetic municipalities, as many as asked for."""
