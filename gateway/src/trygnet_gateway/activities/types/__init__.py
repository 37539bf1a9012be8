"""The activities domain's GraphQL types, one module per concept: ``partnerships``,
``fora``, ``activity``, ``safety_walks``, ``strategy`` and ``surveys`` (each with its
batched loader, ``<kind>_by_id``), and ``payloads``, what the mutations answer. What
they read from the service goes through ``trygnet_gateway.activities.reads``."""
