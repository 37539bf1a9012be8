"""Incidents, their joint response and the escalation matrix: read from and written to
the incidents service, and followed live through ``incidentEvents``.

The incidents service decides what each caller may read of an incident (restricted
text only for coordinators and police); the gateway only ever passes on what the
service answered to the caller's own token, in queries, payloads and subscriptions."""

from __future__ import annotations

from trygnet_gateway.incidents.roots import Mutation, Query, Subscription

__all__ = ["Mutation", "Query", "Subscription"]
