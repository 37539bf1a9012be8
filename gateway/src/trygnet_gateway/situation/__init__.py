"""The weekly situation picture: observations filed by trained reporters and the decisions
of an area's week, written to the incidents service (which owns both); the picture
itself is read from reporting, which keeps no personal data."""

from __future__ import annotations

from trygnet_gateway.situation.roots import Mutation, Query

__all__ = ["Mutation", "Query"]
