"""The activities domain's GraphQL types, one module per concept: ``partnerships``,
``fora``, ``activity``, ``safety_walks``, ``strategy`` and ``surveys`` (each with its
batched loader, ``<kind>_by_id``), and ``payloads``, what the mutations answer. What
they read from the service goes through ``trygnet_gateway.activities.reads``."""

from trygnet_gateway.activities.types.activity import Activity, activity_by_id

# The incidents' types read an incident's follow-up activities through this path.
__all__ = ["Activity", "activity_by_id"]
