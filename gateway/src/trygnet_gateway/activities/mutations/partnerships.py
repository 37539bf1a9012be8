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
from trygnet_gateway.writes import commands, read_back

_partnership_payload = read_back(PartnershipPayload, partnership_by_id, "partnership")

_partnership_command = commands(SERVICE, _partnership_payload)


@strawberry.type
class Commands:
    create_partnership = _partnership_command(
        "POST /partnerships", CreatePartnershipInput, "Establish a partnership (coordinators)."
    )
    join_partnership = _partnership_command(
        "POST /partnerships/{partnership_id}/members",
        JoinPartnershipInput,
        "An actor joins a partnership, or changes its role there.",
    )
    leave_partnership = _partnership_command(
        "DELETE /partnerships/{partnership_id}/members/{actor_id}",
        LeavePartnershipInput,
        "An actor leaves a partnership.",
    )
