"""The relationship surveys' mutations: open and close a wave, and record one actor's
answer in an open wave."""

from __future__ import annotations

import strawberry

from trygnet_gateway.activities.inputs.surveys import (
    CloseSurveyWaveInput,
    OpenSurveyWaveInput,
    RecordSurveyResponseInput,
)
from trygnet_gateway.activities.reads import SERVICE
from trygnet_gateway.activities.types.payloads import SurveyWavePayload
from trygnet_gateway.activities.types.surveys import survey_wave_by_id
from trygnet_gateway.actors import found
from trygnet_gateway.context import Info
from trygnet_gateway.writes import Written, command


async def _wave_payload(info: Info, written: Written) -> SurveyWavePayload:
    wave = found(await survey_wave_by_id(info, written.id, fresh=True), "survey wave")
    return SurveyWavePayload(survey_wave=wave, position=written.position)


@strawberry.type
class Commands:
    open_survey_wave: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys",
        OpenSurveyWaveInput,
        _wave_payload,
        description="Open a relationship-survey wave.",
    )

    close_survey_wave: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys/{wave_id}/close",
        CloseSurveyWaveInput,
        _wave_payload,
        description="Close a wave: it takes no more answers.",
    )

    record_survey_response: SurveyWavePayload = command(
        SERVICE,
        "POST",
        "/surveys/{wave_id}/responses",
        RecordSurveyResponseInput,
        _wave_payload,
        description="Record one actor's answer in an open wave.",
    )
