"""Writes from the portal's forms: a form's values read into the API's input (each
field named as the API names it, so the API's errors land next to the right field),
and a mutation's refusal turned into what the form shows.

The API decides what is valid; the portal only reads what a browser sends (text,
whole numbers, days, local times) and says so next to the field when a value cannot
even be read. A form is shown again with what the person typed and the errors, and
nothing is written: a mutation either happened or it did not."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, TypeVar
from zoneinfo import ZoneInfo

import httpx
from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData

from trygnet_portal.client.exceptions import (
    GraphQLClientError,
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
)
from trygnet_portal.gateway import SignedOut

log = logging.getLogger(__name__)
T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)
TEXT_LIMIT: Final = 4000


@dataclass
class Refused:
    """Why a write did not happen: per field (the API's name → its words), and for the
    form as a whole (a message key)."""

    fields: dict[str, str] = field(default_factory=dict)
    reason: str | None = None

    def __bool__(self) -> bool:
        return bool(self.fields or self.reason)


_WHOLE_FORM: Final = {
    "FORBIDDEN": "form.forbidden",
    "CONFLICT": "form.conflict",
    "NOT_FOUND": "form.not_found",
    "UNAVAILABLE": "form.unavailable",
    "TIMEOUT": "form.unavailable",
    "RATE_LIMITED": "form.unavailable",
}


def _field(name: object) -> str:
    text = str(name or "")
    return text.removeprefix("input.")


async def write(call: Awaitable[T]) -> T | Refused:
    """The mutation's answer, or why it was refused. ``BAD_USER_INPUT`` naming a field
    goes next to that field, with the API's own words (which never repeat the value)."""
    try:
        return await call
    except GraphQLClientGraphQLMultiError as failure:
        refused = Refused()
        for error in failure.errors:
            extensions = error.extensions or {}
            code = str(extensions.get("code", "INTERNAL"))
            if code == "UNAUTHENTICATED":
                raise SignedOut from None
            if code == "BAD_USER_INPUT" and extensions.get("field"):
                refused.fields[_field(extensions["field"])] = error.message
            else:
                refused.reason = _WHOLE_FORM.get(code, "form.failed")
        log.info("the gateway refused a write", extra={"fields": sorted(refused.fields)})
        return refused
    except GraphQLClientHttpError as failure:
        if failure.status_code == 401:
            raise SignedOut from None
        return Refused(reason="form.unavailable")
    except (httpx.TransportError, GraphQLClientError):
        return Refused(reason="form.unavailable")


class Reader:
    """Reads a form's values one field at a time; what cannot be read is noted in
    ``refused`` under the field's name, in the person's words (a message key)."""

    def __init__(self, form: FormData, zone: ZoneInfo) -> None:
        self.form = form
        self.zone = zone
        self.refused = Refused()

    def text(self, name: str, *, required: bool = False, limit: int = TEXT_LIMIT) -> str | None:
        raw = self.form.get(name)
        value = raw.strip() if isinstance(raw, str) else ""
        if len(value) > limit:
            self.refused.fields[name] = "form.too_long"
            return None
        if not value:
            if required:
                self.refused.fields[name] = "form.required"
            return None
        return value

    def texts(self, name: str) -> list[str]:
        return [v.strip() for v in self.form.getlist(name) if isinstance(v, str) and v.strip()]

    def moment(self, name: str, *, required: bool = False) -> datetime | None:
        """A ``datetime-local`` value: the wall clock of the portal's zone, as UTC."""
        value = self.text(name, required=required, limit=20)
        if value is None:
            return None
        try:
            local = datetime.fromisoformat(value)
        except ValueError:
            self.refused.fields[name] = "form.moment"
            return None
        return local.replace(tzinfo=self.zone) if local.tzinfo is None else local

    def values(self) -> dict[str, Any]:
        """What was sent, to show the form again as the person filled it in."""
        return {key: self.form.getlist(key) for key in self.form if key != "csrf"}


def built(model: type[M], data: dict[str, Any], refused: Refused) -> M | None:
    """The API's input made of ``data`` (named as the API names its fields), or None
    with each value the input's type refuses noted next to its field. None too when a
    value could not even be read (``refused`` already names it): the reader leaves
    such a value out, and an input without it would write the field as empty."""
    try:
        made = model.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as failure:
        for error in failure.errors():
            refused.fields.setdefault(str(error["loc"][0]) if error["loc"] else "", "form.invalid")
        return None
    return None if refused else made


async def submitted(
    reader: Reader, model: type[M], data: dict[str, Any], mutation: Callable[[M], Awaitable[T]]
) -> T | Refused:
    """A form's write: the API's input built of ``data`` (``built``) and sent by
    ``mutation``; the answer, or why it was refused (what the form itself could not read
    first, then what the API refused, ``write``)."""
    made = built(model, data, reader.refused)
    return await write(mutation(made)) if made else reader.refused
