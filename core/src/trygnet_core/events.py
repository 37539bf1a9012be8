"""Domain events as typed records, with their personal data sealed on the way in.

A service declares each event as a frozen dataclass subclassing ``DomainEvent``.
Fields holding personal data are declared with ``personal()``; the class names
the field that identifies the data subject (``subject_field``, e.g. the contact
id). Then one ``EventCatalogue`` per service:

- turns events into ``NewEvent``s for the store, sealing every personal field
  under its subject's key (``seal``), and stored events back into typed events
  with the personal fields opened, or ``Erased`` after erasure (``reveal``);
- writes the service's event catalogue (``docs/events.md``) from the same
  declarations, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, TypeVar, get_type_hints

from sqlalchemy.ext.asyncio import AsyncConnection

from trygnet_core.envelope import NewEvent, RecordedEvent
from trygnet_core.personal_data import PersonalData, is_sealed
from trygnet_core.tenancy import TenantId

E = TypeVar("E", bound="DomainEvent")
T = TypeVar("T")


def personal(default: Any = dataclasses.MISSING) -> Any:
    """A field that holds personal data: sealed in the store and on Kafka."""
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata={"personal": True})
    return dataclasses.field(default=default, metadata={"personal": True})


@dataclasses.dataclass(frozen=True)
class DomainEvent:
    """Base of a service's events; the class name is the event type, its docstring
    the description in the catalogue."""

    version: ClassVar[int] = 1
    subject_field: ClassVar[str | None] = None

    @classmethod
    def event_type(cls) -> str:
        return cls.__name__

    @classmethod
    def personal_fields(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("personal"))

    def to_data(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_data(cls: type[E], data: Mapping[str, Any]) -> E:
        return _record(cls, data)

    def subject(self) -> str | None:
        return getattr(self, self.subject_field) if self.subject_field else None


class EventCatalogue:
    """The events of one service: encoding, sealing, revealing, documenting."""

    def __init__(self, service: str, events: Iterable[type[DomainEvent]]) -> None:
        self.service = service
        self._by_type = {event.event_type(): event for event in events}

    def __iter__(self) -> typing.Iterator[type[DomainEvent]]:
        return iter(self._by_type.values())

    async def seal(
        self,
        conn: AsyncConnection,
        personal_data: PersonalData,
        *,
        tenant: TenantId,
        events: Sequence[DomainEvent],
    ) -> list[NewEvent]:
        """``NewEvent``s for the store, each personal field sealed under its subject.

        All subjects' keys are read (or made) in one round trip.
        """
        datas: list[dict[str, Any]] = []
        to_seal: list[tuple[int, str, dict[str, Any]]] = []
        for event in events:
            if type(event).event_type() not in self._by_type:
                raise KeyError(f"{type(event).__name__} is not an event of {self.service}")
            data = event.to_data()
            names = [n for n in event.personal_fields() if data.get(n) is not None]
            if names:
                subject = event.subject()
                if not subject:
                    raise ValueError(f"{type(event).__name__} has personal data but no subject")
                to_seal.append((len(datas), subject, {n: data[n] for n in names}))
            datas.append(data)
        sealed = await personal_data.seal_many(
            conn, tenant=tenant, items=[(subject, values) for _, subject, values in to_seal]
        )
        for (index, _, _), values in zip(to_seal, sealed, strict=True):
            datas[index].update(values)
        return [
            NewEvent(type=event.event_type(), data=data, schema_version=event.version)
            for event, data in zip(events, datas, strict=True)
        ]

    async def reveal(
        self,
        conn: AsyncConnection,
        personal_data: PersonalData,
        *,
        tenant: TenantId,
        recorded: Sequence[RecordedEvent],
    ) -> list[DomainEvent]:
        """Typed events with personal fields opened (``Erased`` once erased); one key lookup."""
        opened = await personal_data.reveal(
            conn, tenant=tenant, documents=[r.data for r in recorded]
        )
        return [self.decode(r.type, data) for r, data in zip(recorded, opened, strict=True)]

    def decode(self, event_type: str, data: Mapping[str, Any]) -> DomainEvent:
        try:
            cls = self._by_type[event_type]
        except KeyError:
            raise KeyError(f"unknown {self.service} event type {event_type}") from None
        return cls.from_data(data)

    def markdown(self, *, level: int = 1) -> str:
        """The catalogue as Markdown: every event, its version, fields and personal data.

        ``level`` is the depth of the title's heading (2 inside a page of several services).
        """
        lines = [
            f"{'#' * level} Events of the {self.service} service",
            "",
            f"Generated from `EventCatalogue` in the code; do not edit by hand. Each event is "
            f"published on `trygnet.{self.service}` as a CloudEvent of type "
            f"`trygnet.{self.service}.<Event>.v<version>`. Fields marked *personal* are sealed "
            "with the data subject's key (AES-GCM) and read as erased once the subject is erased.",
            "",
        ]
        for cls in self:
            hints = _hints(cls)
            lines += [f"{'#' * (level + 1)} {cls.event_type()} (v{cls.version})", ""]
            doc = cls.__dict__.get("__doc__") or ""
            if doc and not doc.startswith(f"{cls.__name__}("):  # not dataclass's own
                lines += [" ".join(doc.split()), ""]
            if cls.subject_field:
                lines += [f"Data subject: `{cls.subject_field}`.", ""]
            lines += ["| field | type | personal data |", "| --- | --- | --- |"]
            for f in dataclasses.fields(cls):
                mark = "personal" if f.metadata.get("personal") else ""
                lines.append(f"| `{f.name}` | {_type_name(hints[f.name])} | {mark} |")
            lines.append("")
        return "\n".join(lines)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list | frozenset | set):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, frozenset | set) else items
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """A class's resolved field types, once: resolving the annotations (strings, under
    ``from __future__ import annotations``) compiles each of them, on every event
    decoded from every stream read."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = get_type_hints(cls)
    return found


def revive(hint: Any, value: Any) -> Any:
    """A value of type ``hint`` from its JSON form: dataclasses (events through their
    own ``from_data``), enums, tuples, frozensets and mappings of them are rebuilt,
    nested too; a sealed personal value stays sealed; other values stay as they are.
    The inverse of writing a state as JSON (a read model's stored document)."""
    return _typed(hint, value)


def _record(cls: type[T], data: Mapping[str, Any]) -> T:
    hints = _hints(cls)
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    values = {f.name: _typed(hints[f.name], data[f.name]) for f in fields if f.name in data}
    return cls(**values)


def _typed(hint: Any, value: Any) -> Any:
    """Rebuild enums, tuples, frozensets, mappings and dataclasses from their JSON forms;
    others stay."""
    if value is None or is_sealed(value):
        return value
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, Mapping):
        return hint.from_data(value) if issubclass(hint, DomainEvent) else _record(hint, value)
    if origin in (dict, Mapping) and isinstance(value, Mapping):
        key, inner = args or (Any, Any)
        return {_typed(key, k): _typed(inner, v) for k, v in value.items()}
    if origin in (typing.Union, types.UnionType):
        concrete = [a for a in args if a is not type(None)]
        return _typed(concrete[0], value) if len(concrete) == 1 else value
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(value)
        except ValueError:
            return value
    if origin in (tuple, frozenset) and isinstance(value, list):
        inner = args[0] if args else Any
        items = [_typed(inner, v) for v in value]
        return tuple(items) if origin is tuple else frozenset(items)
    return value


def _type_name(hint: Any) -> str:
    """A field's type in words (no ``|``: it would break the Markdown table)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        concrete = [a for a in args if a is not type(None)]
        named = " or ".join(_type_name(a) for a in concrete)
        return f"{named} (optional)" if type(None) in args else named
    if origin in (tuple, list, frozenset, set):
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict or hint is dict:
        return "object"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in hint)
    if hint is str:
        return "text"
    if hint is int:
        return "integer"
    return getattr(hint, "__name__", str(hint))
