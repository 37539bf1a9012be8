"""The reports' GraphQL types, one module per report: ``directory``, ``network``,
``gaps``, ``incident_response``, ``safety_walks``, ``outcomes`` and ``national``. Each
type maps the reporting service's answer onto the schema (``of``) and resolves the
objects behind the ids it hands out through ``reporting.objects``."""
