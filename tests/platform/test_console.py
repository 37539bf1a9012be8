"""What ``make run`` shows of a service's JSON log lines."""

from __future__ import annotations

import json

from trygnet_platform.processes import render


def line(**fields: object) -> str:
    return json.dumps({"level": "INFO", "logger": "trygnet_core.app", **fields})


def test_a_log_line_is_shown_short_with_the_fields_that_say_what_happened() -> None:
    shown = render(line(message="consumer failed; reconnecting", level="WARNING", error="gone"))
    assert shown == "WARNING consumer failed; reconnecting  error=gone"


def test_request_and_broker_chatter_is_left_to_the_log_file_unless_verbose() -> None:
    access = line(logger="trygnet.access", message="request", path="/actors")
    chatter = line(logger="aiokafka.consumer.subscription_state", message="Updating topics")
    trouble = line(logger="aiokafka.conn", message="Unable to connect", level="ERROR")
    assert render(access) is None and render(chatter) is None
    assert render(access, verbose=True) == "INFO    request"
    assert render(trouble) == "ERROR   Unable to connect"


def test_output_that_is_not_a_log_record_is_shown_as_it_is() -> None:
    assert render("Traceback (most recent call last):") == "Traceback (most recent call last):"
    assert render("[1, 2]") == "[1, 2]"
