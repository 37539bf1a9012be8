"""The GraphQL request's ``Idempotency-Key``, handed on to the services with each write.

The services keep the keys (``trygnet_core.idempotency``); the gateway only says
which key each write of a mutation carries, so that a retried request sends the
same keys again:

- a request with one mutation: its write carries the key as given;
- a request with several mutations: each carries ``key:name``, ``name`` being the
  mutation's alias or, without one, its field name (``k1:first``, ``k1:second``);
- a mutation that writes more than once (``setEscalationRules``, a write per rule)
  sends the key with its first write and ``key:<16 hex digits>`` naming each further
  write (its method and path), so a retry's writes meet the same keys.

A query carries no key on (it writes nothing). A key that is not 1 to 255 printable
ASCII characters, or grows past that, is ``BAD_USER_INPUT`` naming ``Idempotency-Key``.
"""

from __future__ import annotations

import hashlib

from graphql import FieldNode, OperationType

from trygnet_core.idempotency import HEADER, well_formed_key
from trygnet_gateway.context import Info


def key_headers(info: Info, method: str, path: str) -> dict[str, str]:
    """The ``Idempotency-Key`` header this write sends, if the request has a key."""
    request = info.context.request
    given = request.headers.get(HEADER) if request is not None else None
    if given is None or info.operation.operation is not OperationType.MUTATION:
        return {}
    well_formed_key(given)
    name = str(info.path.key)
    key = given if _one_mutation(info) else f"{given}:{name}"
    info.context.writes_made[name] += 1
    if info.context.writes_made[name] > 1:
        key += ":" + hashlib.sha256(f"{method} {path}".encode()).hexdigest()[:16]
    return {HEADER: well_formed_key(key)}


def _one_mutation(info: Info) -> bool:
    selections = info.operation.selection_set.selections
    return len(selections) == 1 and isinstance(selections[0], FieldNode)
