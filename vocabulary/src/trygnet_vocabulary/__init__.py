"""The words of Trygnet's services, as they stand in their events, their APIs, the
reports and the public GraphQL schema: one module per service that owns them
(``actors``, ``activities``, ``incidents``), and the incident rules other services read
as data (``incident_status``: the status rule; ``incident_redaction``: who reads what).

Each word says what it means (its class docstring, and each value's ``meaning``): the
public schema's descriptions are taken from here, so they are written once. A service
owns its module and changes it as it changes its events (additions only, as for the
schema); the kernel (``trygnet_core``) holds none of these words. The reporting service
and the gateway read them from here rather than from the owning service's package, so
that each deployable holds only its own code and this published language.
"""
