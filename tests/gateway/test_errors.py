"""A variable the schema refuses is BAD_USER_INPUT naming the field, and the value given
(which may be personal data) is never repeated."""

from __future__ import annotations

import pytest
from graphql import GraphQLError

from trygnet_gateway.errors import coded

CASES = [
    (
        "Variable '$input' has invalid value at .sector: "
        "Value 'Ahmed Hansen' does not exist in 'Sector' enum. Did you mean the enum value 'SSP'?",
        "sector",
    ),
    (
        "Variable '$first' got invalid value 'Ahmed Hansen'; "
        "Int cannot represent non-integer value: 'Ahmed Hansen'",
        "first",
    ),
    (
        "Variable '$input' got invalid value {'name': 'Ahmed Hansen'}; "
        "Field 'sector' of required type 'Sector!' was not provided.",
        "sector",
    ),
    (
        "Variable '$input' has invalid value: Expected value of type 'RegisterActorInput' "
        "to include required field 'sector', found: {'name': 'Ahmed Hansen'}.",
        "sector",
    ),
    (
        "Variable '$input' has invalid value at .results[1].feelingSafe: "
        "Float cannot represent non numeric value: 'Ahmed Hansen'",
        "results[1].feelingSafe",
    ),
]


@pytest.mark.parametrize(("message", "field"), CASES)
def test_a_refused_variable_names_its_field_and_not_its_value(message: str, field: str) -> None:
    answered = coded(GraphQLError(message))
    assert answered.extensions == {"code": "BAD_USER_INPUT", "field": field}
    assert answered.message.startswith(f"{field}: ")
    assert "Ahmed" not in answered.message


def test_a_fault_in_the_gateway_is_internal_with_no_detail() -> None:
    try:
        raise KeyError("actorId of Ahmed Hansen")
    except KeyError as error:
        answered = coded(GraphQLError("x", original_error=error))
    assert answered.extensions == {"code": "INTERNAL"} and answered.message == "internal error"
