"""The service app factory: lifecycle, probes, errors, correlation, logs and trace context."""

from __future__ import annotations

import gc
import json
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace as otel_trace
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from trygnet_core import errors
from trygnet_core.app import YOUNG_COLLECTION_EVERY, create_service_app
from trygnet_core.auth import AuthSettings, CurrentPrincipal, TokenVerifier, issue_dev_token
from trygnet_core.components import Health
from trygnet_core.telemetry import (
    configure_logging,
    context_from_traceparent,
    register_component_gauges,
    trace_context,
)

SECRET = "integration-secret-that-is-long-enough-1234"
PERSONAL = "Jens Jensen +45 12345678"
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN_ID = "00f067aa0ba902b7"


class RecordingComponent:
    """A component that writes what happens to it into a shared journal."""

    def __init__(
        self, name: str, journal: list[str], *, healthy: bool = True, fails_to: str = ""
    ) -> None:
        self.name = name
        self.journal = journal
        self.healthy = healthy
        self.fails_to = fails_to

    async def start(self) -> None:
        if self.fails_to == "start":
            raise RuntimeError("cannot start")
        self.journal.append(f"start {self.name}")

    async def stop(self) -> None:
        self.journal.append(f"stop {self.name}")
        if self.fails_to == "stop":
            raise RuntimeError("cannot stop")

    def health(self) -> Health:
        return Health(ok=self.healthy, detail={"backlog": 0 if self.healthy else 120})

    def metrics(self) -> dict[str, float]:
        return {"outbox_backlog": 7.0, "consumer_lag": 3.0}


class Contact(BaseModel):
    name: str = Field(max_length=10)
    age: int


class Address(BaseModel):
    postcode: int


class Visit(BaseModel):
    address: Address


class Note(BaseModel):
    text: str


class Finding(BaseModel):
    area: str

    @field_validator("area")
    @classmethod
    def known_area(cls, area: str) -> str:
        # A careless validator that repeats the value it refuses.
        raise ValueError(f"{area} is not a known area")


ERRORS = {
    "bad-input": errors.BadUserInput("postcode must have four digits", field="postcode"),
    "unauthenticated": errors.Unauthenticated("missing bearer token"),
    "forbidden": errors.Forbidden("requires the coordinator role"),
    "not-found": errors.NotFound("no such incident"),
    "conflict": errors.Conflict("stream moved on"),
    "unavailable": errors.Unavailable("broker unavailable"),
    "timeout": errors.Timeout("projection did not catch up"),
}


def service_app(**options: Any) -> FastAPI:
    verifier = TokenVerifier(AuthSettings(dev_mode=True, dev_secret=SECRET))
    app = create_service_app(service="test-service", token_verifier=verifier, **options)
    notes = logging.getLogger("trygnet.test.notes")

    @app.get("/errors/{kind}")
    async def fail(kind: str) -> None:
        raise ERRORS[kind]

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError(f"database password=hunter2 for {PERSONAL}")

    @app.post("/contacts")
    async def add_contact(contact: Contact) -> dict[str, str]:
        return {"name": contact.name}

    @app.post("/visits")
    async def add_visit(visit: Visit) -> dict[str, int]:
        return {"postcode": visit.address.postcode}

    @app.post("/findings")
    async def add_finding(finding: Finding) -> dict[str, str]:
        return {"area": finding.area}

    @app.post("/notes/{note_id}")
    async def add_note(note_id: str, note: Note, principal: CurrentPrincipal) -> dict[str, str]:
        notes.info("note added", extra={"note_id": note_id})
        return {"note_id": note_id}

    @app.get("/trace")
    async def current_trace() -> dict[str, str]:
        return trace_context()

    return app


@asynccontextmanager
async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The app after its lifespan has started, with a client speaking ASGI to it."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            yield client


def sqlite_engine(path: Path) -> AsyncEngine:
    return create_async_engine(f"sqlite+aiosqlite:///{path}")


def token(tenant: str = "0101") -> str:
    return issue_dev_token(secret=SECRET, subject="user-1", tenant=tenant, roles=["partner"])


def problem_of(response: httpx.Response) -> dict[str, Any]:
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == response.status_code
    assert body["correlation_id"] == response.headers["x-correlation-id"]
    assert body["type"] == "https://trygnet.dk/problems/" + body["code"].lower().replace("_", "-")
    return body


@pytest.fixture(autouse=True)
def no_telemetry_export(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests prove what happens when nothing is exported, as by default."""
    for name in (
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_TRACES_EXPORTER",
        "OTEL_METRICS_EXPORTER",
    ):
        monkeypatch.delenv(name, raising=False)


async def test_healthz_says_alive() -> None:
    async with running(service_app()) as client:
        response = await client.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "alive"})


async def test_readyz_is_ok_when_the_database_answers_and_components_are_healthy(
    tmp_path: Path,
) -> None:
    app = service_app(
        engine=sqlite_engine(tmp_path / "svc.db"),
        components=[RecordingComponent("relay", [])],
    )
    async with running(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": [
            {"name": "database", "ok": True, "detail": {}},
            {"name": "relay", "ok": True, "detail": {"backlog": 0}},
        ],
    }


async def test_readyz_is_503_when_a_component_is_unhealthy(tmp_path: Path) -> None:
    components = [
        RecordingComponent("relay", []),
        RecordingComponent("consumer", [], healthy=False),
    ]
    app = service_app(engine=sqlite_engine(tmp_path / "svc.db"), components=components)
    async with running(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    checks = {check["name"]: check for check in response.json()["checks"]}
    assert checks["consumer"] == {"name": "consumer", "ok": False, "detail": {"backlog": 120}}
    assert checks["relay"]["ok"] and checks["database"]["ok"]


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    app = service_app(engine=sqlite_engine(tmp_path / "no-such-directory" / "svc.db"))
    async with running(app) as client:
        response = await client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    [database] = response.json()["checks"]
    assert database["name"] == "database" and database["ok"] is False
    assert database["detail"]["error"] == "OperationalError"


async def test_components_start_in_order_and_stop_in_reverse_even_if_one_fails_to_stop() -> None:
    journal: list[str] = []
    components = [
        RecordingComponent("relay", journal),
        RecordingComponent("consumer", journal, fails_to="stop"),
        RecordingComponent("projector", journal),
    ]
    async with running(service_app(components=components)) as client:
        assert journal == ["start relay", "start consumer", "start projector"]
        await client.get("/healthz")

    assert journal[3:] == ["stop projector", "stop consumer", "stop relay"]


async def test_a_component_that_fails_to_start_stops_those_started_before_it() -> None:
    journal: list[str] = []
    components = [
        RecordingComponent("relay", journal),
        RecordingComponent("consumer", journal, fails_to="start"),
        RecordingComponent("projector", journal),
    ]
    with pytest.raises(RuntimeError, match="cannot start"):
        async with running(service_app(components=components)):
            pass

    assert journal == ["start relay", "stop relay"]


@pytest.mark.parametrize(
    ("kind", "status", "code"),
    [
        ("bad-input", 422, "BAD_USER_INPUT"),
        ("unauthenticated", 401, "UNAUTHENTICATED"),
        ("forbidden", 403, "FORBIDDEN"),
        ("not-found", 404, "NOT_FOUND"),
        ("conflict", 409, "CONFLICT"),
        ("unavailable", 503, "UNAVAILABLE"),
        ("timeout", 504, "TIMEOUT"),
    ],
)
async def test_each_error_becomes_a_problem_with_its_status_and_code(
    kind: str, status: int, code: str
) -> None:
    async with running(service_app()) as client:
        response = await client.get(f"/errors/{kind}")

    assert response.status_code == status
    body = problem_of(response)
    assert body["code"] == code
    assert body["detail"] == ERRORS[kind].detail
    assert body["title"] == type(ERRORS[kind]).title
    assert body.get("field") == ERRORS[kind].field


async def test_starlette_http_errors_become_problems() -> None:
    async with running(service_app()) as client:
        missing = await client.get("/no/such/route")
        wrong_method = await client.delete("/healthz")

    assert missing.status_code == 404
    assert problem_of(missing)["code"] == "NOT_FOUND"
    assert wrong_method.status_code == 405
    assert problem_of(wrong_method)["code"] == "METHOD_NOT_ALLOWED"
    assert wrong_method.headers["allow"] == "GET"


async def test_a_validation_error_names_the_field_and_never_echoes_the_input() -> None:
    async with running(service_app()) as client:
        response = await client.post("/contacts", json={"name": PERSONAL, "age": "old"})

    assert response.status_code == 422
    body = problem_of(response)
    assert body["code"] == "BAD_USER_INPUT"
    assert body["field"] == "name"
    assert sorted(error["field"] for error in body["errors"]) == ["age", "name"]
    assert all(set(error) == {"field", "problem"} for error in body["errors"])
    assert PERSONAL not in response.text
    assert "Jensen" not in response.text and "12345678" not in response.text
    assert '"old"' not in response.text


async def test_a_validator_message_that_repeats_the_input_is_not_returned() -> None:
    async with running(service_app()) as client:
        response = await client.post("/findings", json={"area": PERSONAL})

    assert problem_of(response)["errors"] == [{"field": "area", "problem": "invalid value"}]
    assert "Jensen" not in response.text


async def test_a_nested_field_is_named_by_its_dotted_path() -> None:
    async with running(service_app()) as client:
        response = await client.post("/visits", json={"address": {"postcode": "unknown"}})

    assert problem_of(response)["field"] == "address.postcode"


async def test_an_unexpected_error_is_a_500_without_internals_but_is_logged(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with running(service_app()) as client:
        capsys.readouterr()
        response = await client.get("/boom", headers={"X-Correlation-ID": "req-500"})

    assert response.status_code == 500
    body = problem_of(response)
    assert (body["code"], body["detail"], body["correlation_id"]) == (
        "INTERNAL",
        "internal error",
        "req-500",
    )
    for leak in ("Traceback", "RuntimeError", "hunter2", "Jensen", "boom"):
        assert leak not in response.text
    [logged] = [line for line in log_lines(capsys) if line["message"] == "unhandled error"]
    assert logged["correlation_id"] == "req-500"
    assert logged["exception_type"] == "RuntimeError"
    assert "Traceback" in logged["traceback"]


async def test_a_sane_correlation_id_is_echoed_and_any_other_is_replaced() -> None:
    async with running(service_app()) as client:
        given = await client.get("/healthz", headers={"X-Correlation-ID": "gw:abc-123.4_5"})
        absent = await client.get("/healthz")
        insane = await client.get("/healthz", headers={"X-Correlation-ID": "a b<script>"})
        too_long = await client.get("/healthz", headers={"X-Correlation-ID": "x" * 129})
        on_error = await client.get("/errors/conflict", headers={"X-Correlation-ID": "c-409"})

    assert given.headers["x-correlation-id"] == "gw:abc-123.4_5"
    for response in (absent, insane, too_long):
        assert uuid.UUID(response.headers["x-correlation-id"]).version == 4
    assert absent.headers["x-correlation-id"] != insane.headers["x-correlation-id"]
    assert on_error.headers["x-correlation-id"] == "c-409"
    assert problem_of(on_error)["correlation_id"] == "c-409"


def log_lines(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    """The JSON lines the service wrote to stderr."""
    err = capsys.readouterr().err
    return [json.loads(line) for line in err.splitlines() if line.startswith("{")]


async def test_log_lines_carry_tenant_and_correlation_id_but_no_personal_data(
    capsys: pytest.CaptureFixture[str],
) -> None:
    async with running(service_app()) as client:
        capsys.readouterr()
        response = await client.post(
            "/notes/n-7?search=Jensen",
            json={"text": PERSONAL},
            headers={"Authorization": f"Bearer {token('0147')}", "X-Correlation-ID": "corr-1"},
        )
        lines = log_lines(capsys)

    assert response.status_code == 200
    [note] = [line for line in lines if line["message"] == "note added"]
    assert (note["tenant"], note["correlation_id"], note["note_id"]) == ("0147", "corr-1", "n-7")
    assert (note["service"], note["level"], note["logger"]) == (
        "test-service",
        "INFO",
        "trygnet.test.notes",
    )
    [access] = [line for line in lines if line["logger"] == "trygnet.access"]
    assert access["method"] == "POST"
    assert access["path"] == "/notes/{note_id}"
    assert access["status"] == 200
    assert access["tenant"] == "0147" and access["correlation_id"] == "corr-1"
    assert access["duration_ms"] >= 0
    assert access["time"].endswith("+00:00")
    everything = json.dumps(lines)
    assert "Jensen" not in everything and "12345678" not in everything


async def test_logging_is_configured_once_however_often_it_is_asked() -> None:
    configure_logging("one")
    configure_logging("two", level="WARNING")

    root = logging.getLogger()
    assert [h.get_name() for h in root.handlers].count("trygnet-json") == 1
    assert root.level == logging.WARNING
    configure_logging("test-service")


async def test_a_missing_token_on_a_protected_route_is_401_with_a_challenge() -> None:
    async with running(service_app()) as client:
        response = await client.post("/notes/n-1", json={"text": "x"})

    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert problem_of(response)["detail"] == "missing bearer token"


async def test_the_callers_trace_context_is_current_in_the_handler(
    capsys: pytest.CaptureFixture[str],
) -> None:
    traceparent = f"00-{TRACE_ID}-{PARENT_SPAN_ID}-01"
    async with running(service_app()) as client:
        capsys.readouterr()
        traced = await client.get("/trace", headers={"traceparent": traceparent})
        untraced = await client.get("/trace")
        broken = await client.get("/trace", headers={"traceparent": "00-zz-yy-01"})
        lines = log_lines(capsys)

    version, trace_id, span_id, flags = traced.json()["traceparent"].split("-")
    assert (version, trace_id, flags) == ("00", TRACE_ID, "01")
    assert len(span_id) == 16 and int(span_id, 16) != 0
    assert untraced.json() == {} and broken.json() == {}
    access = [line for line in lines if line["logger"] == "trygnet.access"]
    assert access[0]["trace_id"] == TRACE_ID and access[1]["trace_id"] is None


async def test_the_trace_context_is_carried_without_the_lifespan_too() -> None:
    """The middleware alone carries it: no telemetry setup, no instrumentation."""
    transport = httpx.ASGITransport(app=service_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        response = await client.get(
            "/trace",
            headers={"traceparent": f"00-{TRACE_ID}-{PARENT_SPAN_ID}-01", "tracestate": "k=v"},
        )

    assert response.json()["traceparent"].split("-")[1] == TRACE_ID
    assert response.json()["tracestate"] == "k=v"


def test_a_stored_traceparent_becomes_the_parent_of_a_consumer_span() -> None:
    stored = f"00-{TRACE_ID}-{PARENT_SPAN_ID}-01"
    parent = context_from_traceparent(stored, "k=v")
    tracer = TracerProvider().get_tracer("consumer")  # a local provider: the global stays unset

    with tracer.start_as_current_span("apply", context=parent) as span:
        carried = trace_context()

    assert span.parent is not None and format(span.parent.span_id, "016x") == PARENT_SPAN_ID
    assert format(span.get_span_context().trace_id, "032x") == TRACE_ID
    assert carried["traceparent"].split("-")[1] == TRACE_ID
    assert carried["traceparent"].split("-")[2] != PARENT_SPAN_ID
    assert carried["tracestate"] == "k=v"
    assert trace_context() == {}
    assert (
        not otel_trace.get_current_span(context_from_traceparent("garbage"))
        .get_span_context()
        .is_valid
    )


def test_component_figures_become_gauges_with_a_component_attribute() -> None:
    reader = InMemoryMetricReader()
    meter = MeterProvider(metric_readers=[reader]).get_meter("test")
    components = [RecordingComponent("relay", []), RecordingComponent("consumer", [])]

    register_component_gauges(components, meter=meter)

    data = reader.get_metrics_data()
    assert data is not None
    points = {
        (metric.name, point.attributes["component"]): point.value
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
        for point in metric.data.data_points
    }
    assert points == {
        ("trygnet.outbox.backlog", "relay"): 7.0,
        ("trygnet.outbox.backlog", "consumer"): 7.0,
        ("trygnet.consumer.lag", "relay"): 3.0,
        ("trygnet.consumer.lag", "consumer"): 3.0,
    }


EXPORTING_SERVICE = f"""
import asyncio, httpx
from opentelemetry import trace
from sqlalchemy.ext.asyncio import create_async_engine
from trygnet_core.app import YOUNG_COLLECTION_EVERY, create_service_app
from trygnet_core.telemetry import trace_context

app = create_service_app(
    service="incidents", engine=create_async_engine("sqlite+aiosqlite:///:memory:")
)

@app.get("/trace")
async def current_trace() -> dict[str, str]:
    return trace_context()

async def main() -> None:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            traceparent = "00-{TRACE_ID}-{PARENT_SPAN_ID}-01"
            response = await client.get("/trace", headers={{"traceparent": traceparent}})
            await client.get("/readyz")
    print("HANDLER", response.json()["traceparent"], flush=True)
    trace.get_tracer_provider().force_flush()

asyncio.run(main())
"""


def test_spans_are_exported_when_the_environment_asks_for_it(tmp_path: Path) -> None:
    """In a child process: setting a global tracer provider cannot be undone."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("OTEL_") and not key.startswith("TRYGNET_")
    }
    env.update(OTEL_TRACES_EXPORTER="console", OTEL_RESOURCE_ATTRIBUTES="deployment.env=test")
    result = subprocess.run(
        [sys.executable, "-c", EXPORTING_SERVICE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    handler_traceparent = next(
        line.split()[1] for line in result.stdout.splitlines() if line.startswith("HANDLER")
    )
    _, trace_id, span_id, _ = handler_traceparent.split("-")
    assert trace_id == TRACE_ID and span_id != PARENT_SPAN_ID  # a server span, child of caller's
    spans = console_spans(result.stdout)
    server = next(span for span in spans if span["context"]["span_id"] == f"0x{span_id}")
    assert server["parent_id"] == f"0x{PARENT_SPAN_ID}"
    assert server["resource"]["attributes"]["service.name"] == "incidents"
    assert server["resource"]["attributes"]["deployment.env"] == "test"
    assert any(span["name"].startswith("SELECT") for span in spans), "no SQLAlchemy span"


def console_spans(stdout: str) -> list[dict[str, Any]]:
    """The console exporter prints indented JSON objects one after another."""
    text = "\n".join(line for line in stdout.splitlines() if not line.startswith("HANDLER"))
    decoder, spans, index = json.JSONDecoder(), [], 0
    while (index := text.find("{", index)) != -1:
        span, index = decoder.raw_decode(text, index)
        spans.append(span)
    return spans


async def test_a_started_service_collects_its_young_objects_less_often() -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])  # Python's default
    try:
        async with running(service_app()):
            assert gc.get_threshold() == (YOUNG_COLLECTION_EVERY, *before[1:])
    finally:
        gc.set_threshold(*before)
