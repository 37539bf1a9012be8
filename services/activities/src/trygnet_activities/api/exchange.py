"""The routes of the exchange between municipalities (``trygnet_activities.exchange``).

``POST /activities/{activityId}/practice`` shares the activity as a practice (body
``{namePartners, contactActorId}``, both optional) and ``DELETE`` on the same path
withdraws it; both answer the practice's stream (``practice-<activityId>``).
``POST /support-offers`` publishes a national body's support offer.
"""

from __future__ import annotations

from trygnet_activities.domain.exchange_commands import (
    PublishSupportOffer,
    SharePractice,
    WithdrawPractice,
)
from trygnet_core.command_routes import CommandRoute, command_router

TABLE = (
    CommandRoute("POST", "/activities/{activity_id}/practice", SharePractice),
    CommandRoute("DELETE", "/activities/{activity_id}/practice", WithdrawPractice),
    CommandRoute("POST", "/support-offers", PublishSupportOffer, ("offer_id", "offer")),
)

router = command_router(TABLE, handled_by="exchange")
