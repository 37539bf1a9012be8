"""The kernel's settings read from the environment in one place each, with errors that
name the variable: how a service's consumers meet the broker and how its relay runs."""

from __future__ import annotations

import pytest

from trygnet_core.consumer_settings import ConsumerSettings
from trygnet_core.relay_settings import RelaySettings


def test_consumer_settings_default_to_a_cluster_and_take_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", raising=False)
    monkeypatch.delenv("TRYGNET_CONSUMER_FETCH_WAIT_MS", raising=False)
    monkeypatch.delenv("TRYGNET_CONSUMER_REST_AFTER_MS", raising=False)
    monkeypatch.delenv("TRYGNET_CONSUMER_REST_POLL_MS", raising=False)
    monkeypatch.delenv("TRYGNET_CONSUMER_GROUP", raising=False)
    assert ConsumerSettings.from_env() == ConsumerSettings(10_000, 50, 0, 1_000, False)
    monkeypatch.setenv("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", " 3000 ")
    monkeypatch.setenv("TRYGNET_CONSUMER_FETCH_WAIT_MS", "0")
    monkeypatch.setenv("TRYGNET_CONSUMER_REST_AFTER_MS", "10000")
    monkeypatch.setenv("TRYGNET_CONSUMER_REST_POLL_MS", "2000")
    monkeypatch.setenv("TRYGNET_CONSUMER_GROUP", " OFF ")
    assert ConsumerSettings.from_env().options() == {
        "session_timeout_ms": 3000,
        "fetch_max_wait_ms": 0,
        "rest_after_ms": 10_000,
        "rest_poll_ms": 2_000,
        "every_partition": True,
    }


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "3s", "whole number of milliseconds"),
        ("TRYGNET_CONSUMER_SESSION_TIMEOUT_MS", "200", "1000 or more"),
        ("TRYGNET_CONSUMER_FETCH_WAIT_MS", "-1", "0 or more"),
        ("TRYGNET_CONSUMER_REST_AFTER_MS", "-5", "0 or more"),
        ("TRYGNET_CONSUMER_REST_POLL_MS", "10", "100 or more"),
        ("TRYGNET_CONSUMER_GROUP", "sometimes", "on or off"),
    ],
)
def test_a_consumer_setting_out_of_range_names_its_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, says: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name) as raised:
        ConsumerSettings.from_env()
    assert says in str(raised.value)


@pytest.mark.parametrize(("value", "idempotence"), [("on", True), ("OFF", False), ("auto", None)])
def test_the_relay_idempotence_is_read_with_the_relay_settings(
    monkeypatch: pytest.MonkeyPatch, value: str, idempotence: bool | None
) -> None:
    monkeypatch.setenv("TRYGNET_RELAY_IDEMPOTENCE", value)
    assert RelaySettings.from_env().idempotence is idempotence


def test_an_unknown_relay_idempotence_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRYGNET_RELAY_IDEMPOTENCE", "sometimes")
    with pytest.raises(ValueError, match="TRYGNET_RELAY_IDEMPOTENCE='sometimes'"):
        RelaySettings.from_env()


def test_the_relay_linger_and_partitions_are_read_and_named_when_out_of_range(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("TRYGNET_RELAY_LINGER_MS", "TRYGNET_RELAY_PARTITIONS"):
        monkeypatch.delenv(variable, raising=False)
    default = RelaySettings.from_env()
    assert (default.linger_seconds, default.partitions) == (0.01, 4)
    assert default.options()["linger"] == 0.01 and default.options()["partitions"] == 4
    monkeypatch.setenv("TRYGNET_RELAY_LINGER_MS", " 0 ")
    monkeypatch.setenv("TRYGNET_RELAY_PARTITIONS", "1")
    chosen = RelaySettings.from_env()
    assert (chosen.linger_seconds, chosen.partitions) == (0.0, 1)
    for variable, wrongs in (
        ("TRYGNET_RELAY_LINGER_MS", ("5ms", "-1", "1001")),
        ("TRYGNET_RELAY_PARTITIONS", ("four", "0", "1001")),
    ):
        for wrong in wrongs:
            monkeypatch.setenv(variable, wrong)
            with pytest.raises(ValueError, match=variable):
                RelaySettings.from_env()
        monkeypatch.delenv(variable)


@pytest.mark.parametrize(
    ("variable", "attribute", "default", "wrongs"),
    [
        ("TRYGNET_RELAY_POLL_MS", "poll_seconds", 0.25, ("2s", "5", "20000", "-1")),
        ("TRYGNET_RELAY_LOSS_CHECK_MS", "loss_check_seconds", 2.0, ("2s", "50", "900000")),
    ],
)
def test_the_relay_intervals_are_read_in_milliseconds_and_named_when_out_of_range(
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    attribute: str,
    default: float,
    wrongs: tuple[str, ...],
) -> None:
    monkeypatch.delenv(variable, raising=False)
    assert getattr(RelaySettings.from_env(), attribute) == default
    monkeypatch.setenv(variable, " 2000 ")
    assert getattr(RelaySettings.from_env(), attribute) == 2.0
    for wrong in wrongs:
        monkeypatch.setenv(variable, wrong)
        with pytest.raises(ValueError, match=variable):
            RelaySettings.from_env()


def test_trygnet_relay_refuses_a_partition_count_out_of_range(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from trygnet_core.relay_command import _arguments

    given = ["--service", "actors", "--database-url", "sqlite:///x.db"]
    given += ["--bootstrap-servers", "127.0.0.1:9092"]
    assert _arguments([*given, "--partitions", "2"]).partitions == 2
    assert _arguments(given).partitions is None  # TRYGNET_RELAY_PARTITIONS then decides
    for wrong in ("0", "1001", "-3"):
        with pytest.raises(SystemExit) as refused:
            _arguments([*given, "--partitions", wrong])
        assert refused.value.code == 2
        assert "--partitions must be from 1 to 1000" in capsys.readouterr().err
