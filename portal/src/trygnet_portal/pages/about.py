"""The accessibility statement (``/accessibility``), open to everyone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from trygnet_portal.web import PortalDep

router = APIRouter()


@router.get("/accessibility")
async def accessibility(request: Request, portal: PortalDep) -> Response:
    return portal.render(request, "accessibility.html")
