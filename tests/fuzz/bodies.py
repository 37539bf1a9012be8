"""The request bodies of the command routes, for the fuzzer.

The kernel's command routes (``trygnet_core.command_routes``) read their body by hand, so
FastAPI's OpenAPI has no ``requestBody`` for them and schemathesis would send none: every
call would stop at "missing field". Here each such operation gets the JSON schema of its
command, camelCased as the routes read it, without the fields the path, the server's id
or the route's fixed values supply, and with the server's moments optional.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter

from trygnet_core.command_routes import CommandRoute

_PREFIX = "Command"
_FIELDS_IN_PATH = re.compile(r"{([a-z_]+)}")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _formatted(node: dict[str, Any]) -> dict[str, Any]:
    """``datetime | str`` is a moment that may come as text: generate it as a moment."""
    choices = node.get("anyOf")
    if isinstance(choices, list):
        formatted = [c for c in choices if isinstance(c, dict) and "format" in c]
        plain = [c for c in choices if c == {"type": "string"}]
        if formatted and plain:
            return {**node, "anyOf": [c for c in choices if c not in plain]}
    return node


def _camel_schema(node: Any) -> Any:
    """Property names and ``required`` in camelCase, everywhere in the schema."""
    if isinstance(node, list):
        return [_camel_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = _formatted(node)
    camel: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            camel[key] = {_camel(name): _camel_schema(sub) for name, sub in value.items()}
        elif key == "required" and isinstance(value, list):
            camel[key] = [_camel(name) for name in value]
        else:
            camel[key] = _camel_schema(value)
    return camel


def _body_schema(route: CommandRoute, components: dict[str, Any]) -> dict[str, Any]:
    schema = TypeAdapter(route.command).json_schema(
        ref_template=f"#/components/schemas/{_PREFIX}{{model}}"
    )
    for name, definition in schema.pop("$defs", {}).items():
        components[_PREFIX + name] = _camel_schema(definition)
    supplied = set(_FIELDS_IN_PATH.findall(route.path)) | set(route.fixed)
    if route.new_id:
        supplied.add(route.new_id[0])
    if route.nest:
        nested = schema["properties"][route.nest]
        return _camel_schema(nested)
    for name in supplied:
        schema.get("properties", {}).pop(name, None)
    optional = supplied | set(route.now)
    schema["required"] = [name for name in schema.get("required", []) if name not in optional]
    return _camel_schema(schema)


def describe_command_bodies(openapi: dict[str, Any], table: tuple[CommandRoute, ...]) -> int:
    """Add each command route's body to ``openapi`` (in place); the number described."""
    components = openapi.setdefault("components", {}).setdefault("schemas", {})
    described = 0
    for route in table:
        operation = openapi["paths"].get(route.path, {}).get(route.method.lower())
        if operation is None or "requestBody" in operation:
            continue
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _body_schema(route, components)}},
        }
        described += 1
    return described


_ONE = {
    "areaId": "area",
    "incidentId": "incident",
    "linkedIncidentId": "incident",
    "partnershipId": "partnership",
    "activityId": "activity",
    "mergedId": "actor",
}
_MANY = {"areas": "area", "areaIds": "area", "actorIds": "actor"}


def _kind_named(name: str) -> tuple[str, bool] | None:
    """The kind of id a body field names, and whether it is a list of them."""
    if name in _ONE:
        return _ONE[name], False
    if name == "actorId" or name.endswith("ActorId"):
        return "actor", False
    if name in _MANY:
        return _MANY[name], True
    return None


def _name_the_world(node: Any, ids: dict[str, list[str]]) -> None:
    if isinstance(node, list):
        for item in node:
            _name_the_world(item, ids)
        return
    if not isinstance(node, dict):
        return
    for name in list(node.get("properties") or {}):
        named = _kind_named(name)
        if named and ids.get(named[0]):
            one = {"type": "string", "enum": list(ids[named[0]])}
            node["properties"][name] = (
                {"type": "array", "items": one, "maxItems": 2} if named[1] else one
            )
    for value in node.values():
        _name_the_world(value, ids)


def name_the_world(openapi: dict[str, Any], ids: dict[str, list[str]]) -> None:
    """Fields of request bodies that name an area, an actor or a stream name ones that
    exist in the fuzzer's municipality (``ids`` by kind), in place."""
    _name_the_world(openapi.get("components", {}).get("schemas", {}), ids)
    for operations in openapi["paths"].values():
        for operation in operations.values():
            if isinstance(operation, dict) and "requestBody" in operation:
                _name_the_world(operation["requestBody"], ids)


_COLLECTIONS = {
    "partnerships": "partnership",
    "fora": "forum",
    "activities": "activity",
    "safety-walks": "walk",
    "surveys": "wave",
    "incidents": "incident",
}


def kind_in_path(path: str, parameter: str) -> str:
    """The kind of id a path parameter takes: ``incident_id`` an incident, ``item_id``
    whatever the collection holds."""
    if parameter == "item_id":
        return _COLLECTIONS.get(path.strip("/").split("/")[0], "item")
    return parameter.removesuffix("_id").replace("_", "-")
