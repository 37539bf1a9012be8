"""Trusted documents: the operations a production portal may run, registered by hash.

A portal's operations are known when it is built. Registered in a manifest (configured
by ``TRYGNET_GATEWAY_TRUSTED_DOCUMENTS``), they are the only ones the gateway runs for
the callers ``TRYGNET_GATEWAY_TRUSTED_ONLY`` names (``people``: every caller without the
``integration`` role; ``all``: every caller; ``none``, the default: nobody), so a stolen
session cannot send the gateway a query of its own making.

A client names a registered operation as Apollo's persisted queries do:
``{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "<hex>"}}}``, with or
without its ``query`` (when both are sent they must agree). A hash the manifest does not
hold answers ``PERSISTED_QUERY_NOT_FOUND``; a query text outside the manifest, sent by a
caller held to it, answers ``FORBIDDEN``.

The manifest is Apollo's persisted-query manifest
(``{"format": "apollo-persisted-query-manifest", "version": 1, "operations":
[{"id": "<sha256 of body>", "name": …, "type": …, "body": "<the document>"}]}``) or a
plain ``{"<sha256>": "<document>"}`` object (Relay's). Every hash is checked against its
document when the gateway starts.

Introspection is a separate switch (``TRYGNET_GATEWAY_INTROSPECTION``): on in
development, off by default in production, where ``__schema`` and ``__type`` answer
``FORBIDDEN`` (``__typename`` stays: clients need it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from graphql import FieldNode, GraphQLError, ValidationRule

HELD: Final = ("none", "people", "all")
"""Who runs only registered operations: nobody, every caller without the ``integration``
role (and callers without a valid token), or everybody."""


def sha256(document: str) -> str:
    return hashlib.sha256(document.encode()).hexdigest()


class TrustedDocuments:
    """Registered documents by the SHA-256 (hex) of their text."""

    def __init__(self, by_hash: Mapping[str, str]) -> None:
        for key, body in by_hash.items():
            if sha256(body) != key:
                raise ValueError(f"trusted documents: {key} is not the SHA-256 of its document")
        self.by_hash = dict(by_hash)

    @classmethod
    def load(cls, path: Path) -> TrustedDocuments:
        found: Any = json.loads(path.read_text())
        if isinstance(found, dict) and isinstance(found.get("operations"), list):
            return cls({str(o["id"]).lower(): str(o["body"]) for o in found["operations"]})
        if isinstance(found, dict) and all(isinstance(v, str) for v in found.values()):
            return cls({str(k).lower(): v for k, v in found.items()})
        raise ValueError(f"trusted documents: {path} is neither an Apollo manifest nor a map")

    def find(self, key: str) -> str | None:
        return self.by_hash.get(key.lower())

    def holds(self, document: str) -> bool:
        return sha256(document) in self.by_hash


def persisted_hash(extensions: Mapping[str, Any] | None) -> str | None:
    """The ``sha256Hash`` of ``extensions.persistedQuery``, if the request names one."""
    persisted = (extensions or {}).get("persistedQuery")
    if isinstance(persisted, dict):
        value = persisted.get("sha256Hash")
        if isinstance(value, str) and value:
            return value
    return None


class NoIntrospection(ValidationRule):
    """``__schema`` and ``__type`` refused (``FORBIDDEN``) when introspection is off."""

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        if node.name.value in ("__schema", "__type"):
            self.report_error(
                GraphQLError(
                    "introspection is turned off on this gateway",
                    node,
                    extensions={"code": "FORBIDDEN"},
                )
            )
