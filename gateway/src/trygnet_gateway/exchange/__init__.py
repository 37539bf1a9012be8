"""The exchange between municipalities: practices a municipality's coordinator shares with
every other municipality, and the support offers national bodies publish.

Written to the activities service (``sharePractice``, ``withdrawPractice``,
``publishSupportOffer``) and read from the reporting service: ``practices`` is the one
list that reads across municipalities, on purpose (only what was shared, with the
sharing municipality's name; coordinators and national bodies only; every read audited),
and ``supportOffers`` shows each municipality the offers matching its focus areas."""

from __future__ import annotations

from trygnet_gateway.exchange.roots import Mutation, Query

__all__ = ["Mutation", "Query"]
