"""A page's forms declared as a table: each form's path, its name (the page section it
stands in), the fields it sends (each named as the API's input names it, so the API's
errors land next to the right field), the input it builds and the gateway's mutation
that writes it. ``post_forms`` makes one POST handler a form; the page says, once for
all its forms, where a write goes on to and how a refused form is shown again (its
``act``; a record's page takes ``RecordForms.act``, and ``get_record`` serves the page)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import Response

from trygnet_portal.client.gateway import Gateway
from trygnet_portal.forms import TEXT_LIMIT, Reader
from trygnet_portal.web import Person, Portal, PortalDep, SignedIn, posted


class Field(Protocol):
    """One value of a form's input, under the name the API gives it."""

    @property
    def name(self) -> str: ...

    def read(self, reader: Reader, path: Mapping[str, str]) -> Any: ...


@dataclass(frozen=True)
class Text:
    """A text the person types or chooses (``Reader.text``); ``default`` when left empty."""

    name: str
    required: bool = False
    limit: int = TEXT_LIMIT
    default: str | None = None

    def read(self, reader: Reader, path: Mapping[str, str]) -> str | None:
        return reader.text(self.name, required=self.required, limit=self.limit) or self.default


@dataclass(frozen=True)
class Flag:
    """A checkbox: true when it was ticked (sent as ``true``)."""

    name: str

    def read(self, reader: Reader, path: Mapping[str, str]) -> bool:
        return reader.text(self.name, limit=5) == "true"


@dataclass(frozen=True)
class FromPath:
    """An id the form's path names (``/tasks/{task_id}/complete``)."""

    name: str
    parameter: str

    def read(self, reader: Reader, path: Mapping[str, str]) -> str:
        return path[self.parameter]


@dataclass(frozen=True)
class PageForm:
    """One form of a page, posted to ``path``. ``done`` is what the page says after the
    write (pages that say so)."""

    path: str
    name: str
    model: type[BaseModel]
    mutation: Callable[[Gateway, Any], Awaitable[Any]]
    fields: tuple[Field, ...] = ()
    done: str = ""

    async def post(
        self,
        request: Request,
        portal: Portal,
        person: Person,
        *,
        first: Callable[[Reader], Mapping[str, Any]],
        again: Callable[..., Awaitable[Response]],
        then: Callable[[Any], str],
    ) -> Response:
        """The form written (``web.posted``): its input is what ``first`` reads (the
        record it is for, the same for every form of the page), then its fields."""
        path = request.path_params

        def read(reader: Reader) -> dict[str, Any]:
            return {**first(reader), **{f.name: f.read(reader, path) for f in self.fields}}

        return await posted(
            request,
            portal,
            person,
            self.model,
            read,
            partial(self.mutation, person.gateway),
            again=again,
            then=then,
        )


Act = Callable[[Request, Portal, Person, PageForm], Awaitable[Response]]


def post_forms(router: APIRouter, forms: tuple[PageForm, ...], act: Act) -> None:
    """A POST handler on ``router`` for each of ``forms``, handing it to ``act``."""
    for form in forms:
        router.add_api_route(form.path, _handler(form, act), methods=["POST"])


def get_record(
    router: APIRouter, path: str, parameter: str, view: Callable[..., Awaitable[Response]]
) -> None:
    """A GET handler on ``router`` for a record's page at ``path``: ``view`` of the record
    its path names (``parameter``)."""

    async def page(request: Request, portal: PortalDep, person: SignedIn) -> Response:
        return await view(request, portal, person, request.path_params[parameter])

    router.add_api_route(path, page, methods=["GET"])


def _handler(form: PageForm, act: Act) -> Callable[..., Awaitable[Response]]:
    async def handle(request: Request, portal: PortalDep, person: SignedIn) -> Response:
        return await act(request, portal, person, form)

    return handle


@dataclass(frozen=True)
class RecordForms:
    """The forms of one record's page (an incident, an activity, a forum): each is
    written for the record its path names (``parameter``), sent as the input's
    ``field``; refused, the page (``view``) is shown again with the form's errors;
    written, the person goes on to ``then(record id, form, answer)``."""

    parameter: str
    field: str
    view: Callable[..., Awaitable[Response]]
    then: Callable[[str, PageForm, Any], str]

    async def act(
        self, request: Request, portal: Portal, person: Person, form: PageForm
    ) -> Response:
        record = request.path_params[self.parameter]
        return await form.post(
            request,
            portal,
            person,
            first=lambda _reader: {self.field: record},
            again=partial(self.view, request, portal, person, record, refused_form=form.name),
            then=partial(self.then, record, form),
        )


def written_at(answer: BaseModel) -> str:
    """The position a mutation's answer gives: every answer holds its one payload, and
    every payload the position of the write."""
    (payload,) = dict(answer).values()
    position: str = payload.position
    return position
