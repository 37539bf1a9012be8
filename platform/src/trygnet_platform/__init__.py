"""Trygnet on one machine: ``trygnet-run`` starts the broker, the four services and the
gateway as separate processes and loads the demo data through the GraphQL API."""
