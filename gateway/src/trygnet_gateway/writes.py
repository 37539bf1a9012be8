"""Mutations: a GraphQL ``input`` sent to the owning service as its REST command.

Every mutation takes one ``input`` and answers a payload with the entity (read back
from the owning service, unless only ``position`` is asked for) and ``position``: the
consistency token ``service/streamId/version`` that reporting's ``atLeast`` accepts,
so a caller can ask for a report that already shows its own write.

    written = await write(info, "actors", "POST", "/actors", input)
    return ActorPayload(actor=await actor_by_id(info, written.id), position=written.position)

``command`` makes such a mutation from its route, its input and its ``Answer`` (the
payload type, ``payloads.payload``, and how it is made: ``read_back`` the entity).

Each write asks for the changed entity in the answer (``Prefer: return=representation``);
where the service gives it, the payload is built from it and nothing is read back.
An input's ``expectedVersion`` (where it has one) is sent as ``If-Match``: the write is
applied only if the entity is still at that version, else ``CONFLICT``. The request's
``Idempotency-Key`` goes with each write (``idempotency``): a retry is written once.
A refusal names the input's field as the caller sent it (``input_fields``).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Awaitable, Callable, Collection, Mapping
from datetime import date, datetime
from typing import Annotated, Any, Protocol, TypeVar

import strawberry
from strawberry.types.nodes import SelectedField
from strawberry.types.unset import UNSET

from trygnet_core.errors import BadUserInput, TrygnetError
from trygnet_gateway.answers import answered_as
from trygnet_gateway.clients import segment
from trygnet_gateway.context import Info, found
from trygnet_gateway.idempotency import key_headers
from trygnet_gateway.input_fields import as_sent, camel, of_the_file, refuse_nul_characters

EXPECTED_VERSION = "expected_version"

ABOUT_VERSION = (
    "Goes up by one with every change. Give it back as `expectedVersion` to change it "
    "only if nobody has changed it since (else CONFLICT)."
)
ABOUT_EXPECTED_VERSION = (
    "The `version` you last read: the change is made only if it is still at that "
    "version, else CONFLICT and nothing changes. Left out: whatever the version."
)
ABOUT_INPUT = (
    "What to write. Send an `Idempotency-Key` header with the request and a retry of it "
    "is written once."
)

In = TypeVar("In")
Input = Annotated[In, strawberry.argument(description=ABOUT_INPUT)]
"""A mutation's one argument: ``input: Input[RecordMeetingInput]``."""


def optional(description: str) -> Any:
    """An input field the caller may leave out: then it is not sent at all (the service
    keeps or chooses the value), while ``null`` is sent as ``null`` (which clears it)."""
    return strawberry.field(default=strawberry.UNSET, description=description)


def empty_unless_given(description: str) -> Any:
    """An input's list the caller may leave out: then it is the empty list."""
    return strawberry.field(default_factory=list, description=description)


def expected_version() -> Any:
    """The ``expectedVersion`` field of an input that changes an existing entity: sent as
    ``If-Match``, never in the body."""
    return optional(ABOUT_EXPECTED_VERSION)


def body(value: Any, leave_out: Collection[str] = ()) -> Any:
    """An input as the services' camelCase JSON: fields left unset are left out (a
    field given as ``null`` is sent as ``null``, which clears it), enums become their
    values and moments ISO 8601 text. ``leave_out`` names fields sent another way."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        skipped = {EXPECTED_VERSION, *leave_out}
        return {
            camel(f.name): body(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) is not UNSET and f.name not in skipped
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [body(item) for item in value]
    if isinstance(value, Mapping):
        return {key: body(item) for key, item in value.items()}
    return value


def token(service: str, stream_id: str, version: int) -> str:
    """A write's consistency token, ``service/streamId/version``: what ``atLeast`` takes."""
    return f"{service}/{stream_id}/{version}"


def import_positions(service: str) -> Any:
    """The field of an import's payload with its writes' consistency tokens, one per
    stream written, read from the service's ``versions`` (``{streamId: version}``)."""

    def tokens(versions: Mapping[str, int] | None) -> list[str]:
        return [
            token(service, stream_id, version) for stream_id, version in (versions or {}).items()
        ]

    return strawberry.field(
        description="The consistency tokens of the import's writes, one per stream it wrote "
        "(empty unless written): pass them as `atLeast` to a report to see the import there.",
        metadata=answered_as("versions", read=tokens),
    )


@dataclasses.dataclass(frozen=True)
class Written:
    """What a service answered to a command: ``{"id", "version", "position", ...}``."""

    service: str
    answer: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.answer["id"])

    @property
    def version(self) -> int:
        return int(self.answer["version"])

    @property
    def position(self) -> str:
        """The consistency token for ``atLeast``."""
        return token(self.service, self.id, self.version)

    @property
    def representation(self) -> dict[str, Any] | None:
        """The changed entity as the caller reads it, where the service answered it
        (``Prefer: return=representation``): what a read-back would have answered."""
        shown = self.answer.get("representation")
        return shown if isinstance(shown, dict) else None

    def made(self, name: str) -> str:
        """The id of what the command made inside the stream (``taskId``, ``findingId``)."""
        return str(self.answer[name])


async def write(
    info: Info,
    service: str,
    method: str,
    path: str,
    input: Any = None,
    *,
    extra: Mapping[str, Any] | None = None,
    leave_out: Collection[str] = (),
) -> Written:
    """Send the command. ``path`` may name input fields (``/activities/{activity_id}``):
    those ids go into the path, quoted so that an id never reaches another route, and
    not into the body. ``extra`` adds fields the input does not hold; ``leave_out``
    names input fields the gateway used to choose the command (the service refuses a
    field its command does not have)."""
    in_path = re.findall(r"{(\w+)}", path)
    refuse_nul_characters(input)
    if in_path:
        ids = {n: str(getattr(input, n) or "").strip() for n in in_path}
        for name, given in ids.items():
            if not given:
                raise BadUserInput(f"{camel(name)} must name one", field=camel(name))
        path = path.format_map({n: segment(given, field=camel(n)) for n, given in ids.items()})
    sent = body(input, [*in_path, *leave_out]) if input is not None else {}
    if extra:
        sent = {**sent, **body(dict(extra))}
    expected = getattr(input, EXPECTED_VERSION, None)
    headers = key_headers(info, method, path)
    if not asks_only_position(info):  # the payload then needs no read-back
        headers["Prefer"] = "return=representation"
    if isinstance(expected, int):
        headers["If-Match"] = f'"{expected}"'
    try:
        answer = await info.context.call(service, method, path, json=sent, headers=headers)
    except TrygnetError as error:
        raise as_sent(error, input, in_path) from None
    written = Written(service, answer)
    if (shown := written.representation) is not None:
        info.context.represented[written.id] = shown
    return written


@dataclasses.dataclass(frozen=True)
class Answer:
    """What a mutation answers to a write: its ``payload`` type, and how it is ``made``
    from the write (reading the changed entity back where the service did not give it)."""

    payload: Any
    made: Callable[[Info, Written], Awaitable[Any]]

    async def __call__(self, info: Info, written: Written) -> Any:
        return await self.made(info, written)


def answers(payload: Any) -> Callable[[Callable[[Info, Written], Awaitable[Any]]], Answer]:
    """Marks the function that makes ``payload`` from a write as a mutation's answer."""
    return lambda made: Answer(payload, made)


def read_back(payload: Any, load: Callable[..., Awaitable[Any]], what: str) -> Answer:
    """The answer of a write to one entity: ``payload`` with its one object, the entity
    the write changed as ``load(info, id, fresh=True)`` reads it now (NOT_FOUND naming
    ``what`` if the caller may no longer see it)."""
    (field,) = (f.name for f in dataclasses.fields(payload) if f.name != "position")

    async def made(info: Info, written: Written) -> Any:
        entity = found(await load(info, written.id, fresh=True), what)
        return payload(**{field: entity}, position=written.position)

    return Answer(payload, made)


def read_back_part(
    payload: Any,
    load: Callable[..., Awaitable[Any]],
    what: str,
    *,
    among: str,
    made: str,
    part: str | None = None,
) -> Answer:
    """The answer of a write that makes a part of an entity (``payloads.of_part``): the
    entity as ``read_back`` reads it, and its part (among its ``among``) whose id the
    write answered as ``made``; NOT_FOUND naming ``part`` if the caller cannot see that
    part, or null where ``part`` is not given (a part that may be withheld)."""
    whole_field, part_field = (f.name for f in dataclasses.fields(payload) if f.name != "position")

    async def answer(info: Info, written: Written) -> Any:
        whole = found(await load(info, written.id, fresh=True), what)
        shown = part_of(whole, among, written.made(made))
        if part is not None:
            shown = found(shown, part)
        return payload(**{whole_field: whole, part_field: shown}, position=written.position)

    return Answer(payload, answer)


def part_of(whole: Any, among: str, part_id: str) -> Any:
    """The part of ``whole``, among its ``among``, whose id is ``part_id`` (``None`` if none)."""
    return next((one for one in getattr(whole, among) if one.id == part_id), None)


def command(
    service: str,
    route: str,
    input_type: type,
    answer: Answer,
    description: str,
    *,
    extra: Mapping[str, Any] | None = None,
) -> Any:
    """A mutation that sends its ``input`` as one command to ``route`` (``"POST
    /incidents/{incident_id}/links"``: ``write``, with ``extra``) and answers what
    ``answer`` makes of the write: most mutations are a line in their module's table
    (``commands``)."""
    method, path = route.split(" ", 1)
    returns = answer.payload

    async def resolve(info: Info, input: Any) -> Any:
        written = await write(info, service, method, path, input, extra=extra)
        if asks_only_position(info):
            return position_only(info, returns, written)
        return await answer(info, written)

    resolve.__annotations__ = {
        "info": Info,
        "input": Annotated[input_type, strawberry.argument(description=ABOUT_INPUT)],
        "return": returns,
    }
    return strawberry.mutation(resolver=resolve, description=description)


def commands(service: str, answer: Answer) -> Callable[..., Any]:
    """The rows of a table of mutations that write to one service and answer alike:

    _incident_command = commands(SERVICE, _incident_payload)
    link_incidents = _incident_command(
        "POST /incidents/{incident_id}/links", LinkIncidentsInput, "Link …"
    )
    """

    def row(route: str, input_type: type, description: str, **options: Any) -> Any:
        return command(service, route, input_type, answer, description, **options)

    return row


def mutation(payload: Any, description: str) -> Any:
    """A mutation written out by hand (it does more than one command, or its answer
    needs the input) that answers ``payload``, a type ``payloads.payload`` built."""
    return strawberry.mutation(description=description, graphql_type=payload)


def asks_only_position(info: Info) -> bool:
    """True when the mutation's selection is ``position`` (and ``__typename``) alone:
    then the entity is not read back from the service, a call saved per command."""
    (field,) = info.selected_fields
    return all(
        isinstance(selection, SelectedField) and selection.name in _POSITION_ONLY
        for selection in field.selections
    )


_POSITION_ONLY = frozenset({"position", "__typename"})


def position_only(info: Info, payload: type[Any], written: Written) -> Any:
    """A payload holding the position and no entity (nothing asked for it). What this
    request's loaders hold may predate the write, so they are emptied."""
    info.context.forget_everything()
    unread = {f.name: None for f in dataclasses.fields(payload) if f.name != "position"}
    return payload(**unread, position=written.position)


class CsvFile(Protocol):
    """An import's input: the file, and whether only to check it."""

    csv: str
    dry_run: bool


async def import_file(info: Info, service: str, path: str, input: CsvFile) -> Any:
    """A CSV import: the file (``csv``, the input's field that holds it) sent as the body
    with the request's ``Idempotency-Key``, ``dryRun`` as asked; the service's report,
    bad rows (422) included. A refusal of the whole file names ``csv``."""
    refuse_nul_characters(input)
    try:
        return await info.context.call(
            service,
            "POST",
            path,
            params={"dryRun": "true" if input.dry_run else "false"},
            headers={"Content-Type": "text/csv; charset=utf-8", **key_headers(info, "POST", path)},
            content=input.csv.encode(),
            answers=(422,),
        )
    except TrygnetError as error:
        raise of_the_file(error, "csv") from None
