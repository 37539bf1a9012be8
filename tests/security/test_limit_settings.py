"""The limits' settings and the nesting count, without a server."""

from __future__ import annotations

import json

import pytest

from trygnet_core.json_shape import depth_of, nests_deeper_than
from trygnet_core.request_limits import VARIABLES, RequestLimits
from trygnet_gateway.settings import Settings as GatewaySettings


def test_each_limit_is_read_from_its_variable() -> None:
    environ = {variable: "7" for variable in VARIABLES.values()}
    limits = RequestLimits.from_env(environ)
    assert all(getattr(limits, name) == 7 for name in VARIABLES)


def test_the_gateway_takes_a_larger_body_and_bounds_graphql_variables() -> None:
    gateway = GatewaySettings.from_env({}).requests
    assert gateway.max_body_bytes > RequestLimits().max_body_bytes
    assert gateway.max_variables == 50 and RequestLimits().max_variables is None
    changed = GatewaySettings.from_env({"TRYGNET_MAX_VARIABLES": "5"}).requests
    assert changed.max_variables == 5 and changed.max_body_bytes == gateway.max_body_bytes


@pytest.mark.parametrize("given", ["0", "-1", "many"])
def test_a_limit_that_is_no_positive_number_stops_the_process(given: str) -> None:
    with pytest.raises(ValueError, match="TRYGNET_MAX_BODY_BYTES"):
        RequestLimits.from_env({"TRYGNET_MAX_BODY_BYTES": given})


def test_nesting_is_counted_on_the_bytes_and_strings_are_not_nesting() -> None:
    assert nests_deeper_than(b"[" * 33 + b"]" * 33, 32)
    assert not nests_deeper_than(b"[" * 32 + b"]" * 32, 32)
    assert not nests_deeper_than(json.dumps({"a": "[{" * 1000, "b": '"[['}).encode(), 2)
    assert nests_deeper_than(b'{"a": {"b": "\\"", "c": [[1]]}}', 3)
    assert nests_deeper_than(b"[" * 100_000, 32)  # not JSON, still not parsed


def test_depth_of_a_parsed_value() -> None:
    assert depth_of(1, 10) == 0
    assert depth_of({"a": [1]}, 10) == 2
    assert depth_of([[[[[[1]]]]]], 3) == 4  # counted to one past the limit only
