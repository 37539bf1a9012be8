"""The portal's screens, one module each: a router, its handlers, the query it asks
(``queries/*.graphql``) and its template (``templates/``). A new screen is a new
module here, added to ``ROUTERS``."""

from __future__ import annotations

from fastapi import APIRouter

from trygnet_portal.pages import (
    about,
    activities,
    actor,
    contributions,
    fora,
    gaps,
    incident,
    incidents,
    national,
    network,
    outcomes,
    overview,
    practices,
    situation,
    walks,
)

ROUTERS: tuple[APIRouter, ...] = (
    overview.router,
    actor.router,
    network.router,
    gaps.router,
    activities.router,
    fora.router,
    incidents.router,
    incident.router,
    situation.router,
    walks.router,
    outcomes.router,
    contributions.router,
    practices.router,
    national.router,
    about.router,
)
