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
from trygnet_gateway.writes import commands, read_back

_wave_payload = read_back(SurveyWavePayload, survey_wave_by_id, "survey wave")

_wave_command = commands(SERVICE, _wave_payload)


@strawberry.type
class Commands:
    open_survey_wave = _wave_command(
        "POST /surveys", OpenSurveyWaveInput, "Open a relationship-survey wave."
    )
    close_survey_wave = _wave_command(
        "POST /surveys/{wave_id}/close",
        CloseSurveyWaveInput,
        "Close a wave: it takes no more answers.",
    )
    record_survey_response = _wave_command(
        "POST /surveys/{wave_id}/responses",
        RecordSurveyResponseInput,
        "Record one actor's answer in an open wave.",
    )
