"""The exchange between municipalities, read (``trygnet_reporting.practice_reads``).

``GET /practices?theme=&targetAge=&search=&first=&after=`` is every municipality's
shared practices, for coordinators and national bodies (audited: see that module;
``activityId`` finds the caller's own municipality's practice of that activity);
``GET /support-offers?theme=`` the national support offers that match the caller's
municipality, deadlines ahead first. Both take ``consistentWith`` like every report.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from trygnet_core.auth import CurrentPrincipal
from trygnet_core.checks import one_of
from trygnet_core.database import read_only
from trygnet_reporting import practice_reads
from trygnet_reporting.api.routes import AsOf, Tokens, Wait, consistent
from trygnet_vocabulary.actors import Theme

router = APIRouter()


def _theme(theme: str | None) -> str | None:
    return None if theme is None else one_of(Theme, theme, field="theme").value


@router.get("/practices")
async def practices(
    request: Request,
    principal: CurrentPrincipal,
    theme: str | None = None,
    target_age: Annotated[int | None, Query(alias="targetAge")] = None,
    search: Annotated[str | None, Query(max_length=practice_reads.MAX_SEARCH)] = None,
    first: int = 50,
    after: Annotated[str | None, Query(max_length=2048)] = None,
    activity_id: Annotated[str | None, Query(alias="activityId", max_length=300)] = None,
    tokens: Tokens = None,
    wait: Wait = 5.0,
) -> dict[str, Any]:
    practice_reads.may_search(principal)
    await consistent(request, principal.tenant, tokens, wait)
    async with read_only(request.app.state.engine) as conn:
        return await practice_reads.practices(
            conn,
            principal,
            cursors=request.app.state.cursors,
            theme=_theme(theme),
            target_age=target_age,
            search=search,
            first=first,
            after=after,
            activity_id=activity_id,
        )


@router.get("/support-offers")
async def support_offers(
    request: Request,
    principal: CurrentPrincipal,
    theme: str | None = None,
    as_of: AsOf = None,
    tokens: Tokens = None,
    wait: Wait = 5.0,
) -> dict[str, Any]:
    await consistent(request, principal.tenant, tokens, wait)
    async with read_only(request.app.state.engine) as conn:
        return await practice_reads.support_offers(
            conn, principal, theme=_theme(theme), today=as_of or datetime.now(UTC).date()
        )
