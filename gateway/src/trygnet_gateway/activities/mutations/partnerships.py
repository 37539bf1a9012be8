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
from trygnet_gateway.writes import command, read_back

_partnership_payload = read_back(PartnershipPayload, partnership_by_id, "partnership")


@strawberry.type
class Commands:
    create_partnership = command(
        SERVICE,
        "POST",
        "/partnerships",
        CreatePartnershipInput,
        _partnership_payload,
        description="Establish a partnership (coordinators).",
    )

    join_partnership = command(
        SERVICE,
        "POST",
        "/partnerships/{partnership_id}/members",
        JoinPartnershipInput,
        _partnership_payload,
        description="An actor joins a partnership, or changes its role there.",
    )

    leave_partnership = command(
        SERVICE,
        "DELETE",
        "/partnerships/{partnership_id}/members/{actor_id}",
        LeavePartnershipInput,
        _partnership_payload,
        description="An actor leaves a partnership.",
    )
