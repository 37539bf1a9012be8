"""The kernel's JSON reads what the standard library reads, as it reads it, and writes
what it writes."""

from __future__ import annotations

import json
import math

import pytest

from trygnet_core import json_text

SAME = [
    '{"name":"Mjølnerparken","count":3,"share":0.25,"tags":["a","b"],"none":null}',
    '{"big":123456789012345678901234567890}',  # past 64 bits: orjson would read a float
    '{"edge":9223372036854775807,"below":-9223372036854775808}',
    "[1.5e300, -0.0, 1e-7]",
    '"\\u00e6\\u00f8\\u00e5"',
]


@pytest.mark.parametrize("text", SAME)
def test_loads_gives_what_the_standard_library_gives(text: str) -> None:
    for given in (text, text.encode()):
        value = json_text.loads(given)
        assert value == json.loads(text)
        assert json.dumps(value) == json.dumps(json.loads(text))  # same types, ints stay ints


def test_a_long_integer_stays_an_integer() -> None:
    value = json_text.loads(b'{"id":12345678901234567890123}')
    assert value == {"id": 12345678901234567890123}
    assert isinstance(value["id"], int)


def test_what_orjson_refuses_is_read_by_the_standard_library() -> None:
    value = json_text.loads('{"x":NaN,"y":Infinity}')
    assert math.isnan(value["x"]) and value["y"] == math.inf
    assert json_text.loads("[1]".encode("utf-16")) == [1]


def test_what_is_not_json_is_refused() -> None:
    with pytest.raises(ValueError):
        json_text.loads('{"x": ')


def test_json_nested_past_the_stack_is_refused_as_not_json() -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(ValueError, match="nested too deep"):
        json_text.loads(deep)


@pytest.mark.parametrize(
    "value",
    [{"name": "Mjølnerparken", "n": 12345678901234567890123, "f": 0.1}, [math.nan], {1: "a"}],
)
def test_dumps_writes_compact_utf8_as_the_standard_library_does(value: object) -> None:
    expected = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    assert json_text.dumps(value) == expected


def test_stored_json_is_the_object_its_text_holds_and_encodes_to_that_very_text() -> None:
    text = '{"name":"Mj\\u00f8lnerparken","n":12345678901234567890123,"tags":["a"]}'
    stored = json_text.StoredJson(text)
    assert json_text.encoded(stored) == text.encode()  # sent as stored, not re-encoded
    assert stored == {"name": "Mjølnerparken", "n": 12345678901234567890123, "tags": ["a"]}
    assert stored["n"] == 12345678901234567890123 and len(stored) == 3
    assert json_text.encoded({"name": "Mjølnerparken"}) == '{"name":"Mjølnerparken"}'.encode()


def test_stored_json_is_decoded_only_when_read() -> None:
    stored = json_text.StoredJson(b'{"x": ')  # the relay never reads it
    assert json_text.encoded(stored) == b'{"x": '
    with pytest.raises(ValueError):
        stored["x"]


@pytest.mark.parametrize(
    "text",
    [
        '{"id":"area-591e66e5689f45c7890123456789012345fd462"}',
        '{"ids":["f1234567890123456789012","a1234567890123456789012"],"n":1}',
    ],
)
def test_a_long_run_of_digits_inside_an_id_is_read_by_orjson(text: str) -> None:
    assert not json_text._long_number(text)
    assert json_text.loads(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        "12345678901234567890123",
        "[12345678901234567890123]",
        '{"n": -12345678901234567890123}',
        '{"n":\n12345678901234567890123}',
        '{"x":"f1234567890123456789012","n":12345678901234567890123}',
        "[0.12345678901234567890123]",
        "[1e12345678901234567890123]",
    ],
)
def test_a_long_run_of_digits_that_may_be_a_number_goes_to_the_standard_library(
    text: str,
) -> None:
    assert json_text._long_number(text)
    assert json.dumps(json_text.loads(text)) == json.dumps(json.loads(text))
