"""The portal's GraphQL operations, as a gateway that runs only trusted documents
registers them: ``python -m trygnet_portal.operations > portal-operations.json``
writes Apollo's persisted-query manifest of the exact texts the generated client
sends (``client/gateway.py``), each under the SHA-256 of its text."""

from __future__ import annotations

import ast
import hashlib
import json
import re
from importlib import resources
from typing import Any


def operations() -> dict[str, str]:
    """Each operation's name → the exact document the portal sends for it."""
    source = resources.files("trygnet_portal").joinpath("client/gateway.py").read_text()
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "gql"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            document = node.args[0].value
            named = re.search(r"\b(?:query|mutation|subscription)\s+(\w+)", document)
            if named:
                found[named.group(1)] = document
    return found


def manifest() -> dict[str, Any]:
    return {
        "format": "apollo-persisted-query-manifest",
        "version": 1,
        "operations": [
            {
                "id": hashlib.sha256(body.encode()).hexdigest(),
                "name": name,
                "type": body.split(None, 1)[0],
                "body": body,
            }
            for name, body in sorted(operations().items())
        ],
    }


if __name__ == "__main__":
    print(json.dumps(manifest(), indent=2))
