"""The portal's screens, one module each: a router, its handlers, the query it asks
(``queries/*.graphql``) and its template (``templates/``). A new screen is a new
module here, added to ``ROUTERS``."""

from __future__ import annotations

from fastapi import APIRouter

from trygnet_portal.pages import about, actor, gaps, network, overview

ROUTERS: tuple[APIRouter, ...] = (
    overview.router,
    actor.router,
    network.router,
    gaps.router,
    about.router,
)
