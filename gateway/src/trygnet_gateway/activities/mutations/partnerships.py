"""The partnerships' mutations: establish one, an actor joins it (or takes another role
there) or leaves it; each answers the partnership as the service has it after the write."""

from __future__ import annotations

import strawberry

from trygnet_gateway.activities.inputs.partnerships import (
    CreatePartnershipInput,
    JoinPartnershipInput,
    LeavePartnershipInput,
)
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.partnerships import partnership_by_id
from trygnet_gateway.activities.types.payloads import PartnershipPayload
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import Written, command


async def _partnership_payload(info: Info, written: Written) -> PartnershipPayload:
    partnership = found(await partnership_by_id(info, written.id, fresh=True), "partnership")
    return PartnershipPayload(partnership=partnership, position=written.position)


@strawberry.type
class Commands:
    create_partnership: PartnershipPayload = command(
        SERVICE,
        "POST",
        "/partnerships",
        CreatePartnershipInput,
        _partnership_payload,
        description="Establish a partnership (coordinators).",
    )

    join_partnership: PartnershipPayload = command(
        SERVICE,
        "POST",
        "/partnerships/{partnership_id}/members",
        JoinPartnershipInput,
        _partnership_payload,
        description="An actor joins a partnership, or changes its role there.",
    )

    leave_partnership: PartnershipPayload = command(
        SERVICE,
        "DELETE",
        "/partnerships/{partnership_id}/members/{actor_id}",
        LeavePartnershipInput,
        _partnership_payload,
        description="An actor leaves a partnership.",
    )
