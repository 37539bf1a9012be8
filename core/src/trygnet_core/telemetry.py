"""Logs, traces and metrics, so one request can be followed across processes.

The rule for every log line: **never log personal data** — no names, phone
numbers, e-mail addresses or free text that may name people, not even at debug
level. Log ids (tenant, stream, event, actor, correlation id) and counts; the
log pipeline is not covered by crypto-shredding, so a name logged once can never
be erased.

Every line is one JSON object on stderr and carries the tenant and correlation
id of the work in hand (from context variables, set per request by the app
factory and per event by the consumer) and the current trace and span id.

Tracing and metrics are exported only when the standard ``OTEL_*`` variables
ask for it. Even when nothing is exported, the W3C trace context of an incoming
request is made current (``TraceContextMiddleware``), so the event store can
write it into each event's metadata and the trace continues downstream.
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final

from opentelemetry import context as otel_context
from opentelemetry import metrics, propagate, trace
from opentelemetry.metrics import CallbackOptions, Meter, Observation
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from trygnet_core.components import Component

if TYPE_CHECKING:
    from fastapi import FastAPI
    from sqlalchemy.ext.asyncio import AsyncEngine
    from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)

_tenant: ContextVar[str | None] = ContextVar("trygnet_tenant", default=None)
_correlation_id: ContextVar[str | None] = ContextVar("trygnet_correlation_id", default=None)

_HANDLER_NAME: Final = "trygnet-json"
_QUIET_LOGGERS: Final = ("uvicorn.access", "httpx", "httpcore")
_TRACE_HEADERS: Final = ("traceparent", "tracestate")
_OTLP: Final = "opentelemetry.exporter.otlp.proto.http"
_EXPORTERS: Final = {
    ("traces", "otlp"): (f"{_OTLP}.trace_exporter", "OTLPSpanExporter"),
    ("traces", "console"): ("opentelemetry.sdk.trace.export", "ConsoleSpanExporter"),
    ("metrics", "otlp"): (f"{_OTLP}.metric_exporter", "OTLPMetricExporter"),
    ("metrics", "console"): ("opentelemetry.sdk.metrics.export", "ConsoleMetricExporter"),
}
_exported: set[str] = set()  # the signals this process has installed SDK providers for


def bind_tenant(tenant: str | None) -> Token[str | None]:
    """Mark the work in hand as the tenant's, so every log line names it."""
    return _tenant.set(tenant)


def current_tenant() -> str | None:
    return _tenant.get()


def current_correlation_id() -> str | None:
    return _correlation_id.get()


@contextmanager
def log_context(*, tenant: str | None, correlation_id: str | None) -> Iterator[None]:
    """Bind tenant and correlation id for a block (one consumed event, one relay batch)."""
    tenant_token = _tenant.set(tenant)
    correlation_token = _correlation_id.set(correlation_id)
    try:
        yield
    finally:
        _correlation_id.reset(correlation_token)
        _tenant.reset(tenant_token)


_RECORD_ATTRIBUTES: Final = frozenset(
    vars(logging.LogRecord("", 0, "", 0, None, None, None)).keys() | {"message", "asctime"}
)


class JsonFormatter(logging.Formatter):
    """One JSON object per record; extra fields given by the caller are kept."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        span_context = trace.get_current_span().get_span_context()
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
            "tenant": _tenant.get(),
            "correlation_id": _correlation_id.get(),
            "trace_id": None,
            "span_id": None,
        }
        if span_context.is_valid:
            line["trace_id"] = trace.format_trace_id(span_context.trace_id)
            line["span_id"] = trace.format_span_id(span_context.span_id)
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRIBUTES and key not in line:
                line[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            line["exception_type"] = record.exc_info[0].__name__
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, default=str, ensure_ascii=False)


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time, as ``logging.lastResort`` does.

    Holding on to the stream object of the moment breaks when it is swapped
    later (test capture, a reopened terminal); looking it up per line does not.
    """

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)


def configure_logging(service: str, level: str | int = "INFO") -> None:
    """Send every log record to stderr as JSON; calling it again only updates service and level."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if h.get_name() == _HANDLER_NAME), None)
    if handler is None:
        handler = _StderrHandler()
        handler.set_name(_HANDLER_NAME)
        root.addHandler(handler)
    handler.setFormatter(JsonFormatter(service))
    root.setLevel(level)
    # Their lines would print raw URLs, query strings included, which may hold personal
    # data; the app factory writes its own access line with the route template instead.
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in ("uvicorn", "uvicorn.error"):  # one format for every line on stderr
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True


def trace_context() -> dict[str, str]:
    """The active W3C ``traceparent`` (and ``tracestate``), to store with an event or send on."""
    if not trace.get_current_span().get_span_context().is_valid:
        return {}
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return {key: value for key, value in carrier.items() if key in _TRACE_HEADERS}


def context_from_traceparent(
    traceparent: str | None, tracestate: str | None = None
) -> otel_context.Context:
    """The context to start a relay or consumer span in, as a child of the stored one."""
    carrier = {"traceparent": traceparent or ""}
    if tracestate:
        carrier["tracestate"] = tracestate
    return TraceContextTextMapPropagator().extract(carrier)


def trace_batch(span: trace.Span, topic: str, metadata: Sequence[Mapping[str, Any]]) -> None:
    """Describe a relay or consumer batch span, linked to every trace stored with its events.

    Call it only when ``span.is_recording()``: parsing each event's context costs time.
    """
    span.set_attribute("messaging.system", "kafka")
    span.set_attribute("messaging.destination.name", topic)
    span.set_attribute("messaging.batch.message_count", len(metadata))
    for meta in metadata:
        if meta.get("traceparent"):
            context = context_from_traceparent(meta["traceparent"], meta.get("tracestate"))
            span_context = trace.get_current_span(context).get_span_context()
            if span_context.is_valid:
                span.add_link(span_context)


def trace_messages(
    tracer: trace.Tracer,
    batch: trace.Span,
    name: str,
    kind: trace.SpanKind,
    metadata: Sequence[Mapping[str, Any]],
) -> None:
    """After a relay or consumer batch span ended: one span per trace stored with its
    events, a *child* of the stored span (so the request that wrote the event, and the
    gateway that called it, are its ancestors), linked to the batch and covering its time.

    Does nothing unless the batch span was recorded (only a recorded span has an end).
    """
    end = getattr(batch, "end_time", None)
    if end is None:
        return
    start = getattr(batch, "start_time", None)
    seen: set[str] = set()
    for meta in metadata:
        parent = meta.get("traceparent")
        if not parent or parent in seen:
            continue
        seen.add(parent)
        context = context_from_traceparent(parent, meta.get("tracestate"))
        if not trace.get_current_span(context).get_span_context().is_valid:
            continue
        span = tracer.start_span(
            name,
            context=context,
            kind=kind,
            links=[trace.Link(batch.get_span_context())],
            start_time=start,
        )
        span.end(end_time=end)


class TraceContextMiddleware:
    """Make the caller's trace context current even when no tracer provider is set.

    Without an SDK there is no server span, so nothing would read the
    ``traceparent`` header and the trace would end here. When the FastAPI
    instrumentation has already started a server span, this does nothing.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or (
            trace.get_current_span().get_span_context().is_valid
        ):
            await self.app(scope, receive, send)
            return
        fields = propagate.get_global_textmap().fields
        headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope.get("headers", ())
        }
        if fields.isdisjoint(headers):  # no context sent: nothing to make current
            await self.app(scope, receive, send)
            return
        token = otel_context.attach(propagate.extract(headers))
        try:
            await self.app(scope, receive, send)
        finally:
            otel_context.detach(token)


def _asked_for(signal: str) -> bool:
    """Whether the standard variables ask to export ``signal`` ("traces" or "metrics")."""
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporter = os.environ.get(f"OTEL_{signal.upper()}_EXPORTER", "").strip().lower()
    if exporter:
        return exporter != "none"
    return bool(
        os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or os.environ.get(f"OTEL_EXPORTER_OTLP_{signal.upper()}_ENDPOINT")
    )


def _exporters(signal: str) -> list[Any]:
    """The exporters ``OTEL_<SIGNAL>_EXPORTER`` names (OTLP over HTTP when only an endpoint is)."""
    chosen = []
    for name in os.environ.get(f"OTEL_{signal.upper()}_EXPORTER", "otlp").lower().split(","):
        if (where := _EXPORTERS.get((signal, name.strip()))) is None:
            log.warning("unsupported exporter", extra={"signal": signal, "exporter": name})
            continue
        chosen.append(getattr(importlib.import_module(where[0]), where[1])())
    return chosen


def _configure_providers(service: str) -> None:
    """Install SDK tracer and meter providers once per process, as the environment asks."""
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
    from opentelemetry.sdk.resources import SERVICE_NAME, OTELResourceDetector, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the name given in code.
    resource = Resource.create({SERVICE_NAME: service}).merge(OTELResourceDetector().detect())
    if _asked_for("traces") and "traces" not in _exported:
        tracer_provider = TracerProvider(resource=resource)
        for exporter in _exporters("traces"):
            tracer_provider.add_span_processor(BatchSpanProcessor(exporter))
        trace.set_tracer_provider(tracer_provider)
        _exported.add("traces")
    if _asked_for("metrics") and "metrics" not in _exported:
        readers = [PeriodicExportingMetricReader(exporter) for exporter in _exporters("metrics")]
        metrics.set_meter_provider(MeterProvider(resource=resource, metric_readers=readers))
        _exported.add("metrics")


def gauge_name(key: str) -> str:
    """``outbox_backlog`` → ``trygnet.outbox.backlog``; dotted keys keep their dots."""
    name = key if "." in key else key.replace("_", ".")
    return name if name.startswith("trygnet.") else f"trygnet.{name}"


def register_component_gauges(components: Sequence[Component], *, meter: Meter) -> None:
    """One observable gauge per figure the components report, with a ``component`` attribute.

    A component's ``metrics()`` is asked once here for the names of its figures
    (it must report the same names for its whole life) and then on every collection.
    """
    keys: dict[str, list[Component]] = {}
    for component in components:
        for key in component.metrics():
            keys.setdefault(key, []).append(component)

    def observe(
        key: str, reporters: list[Component]
    ) -> Callable[[CallbackOptions], Iterable[Observation]]:
        def callback(_options: CallbackOptions) -> Iterable[Observation]:
            for component in reporters:
                value = component.metrics().get(key)
                if value is not None:
                    yield Observation(value, {"component": component.name})

        return callback

    for key, reporters in keys.items():
        meter.create_observable_gauge(gauge_name(key), callbacks=[observe(key, reporters)])


def _instrument_engine(engine: AsyncEngine) -> None:
    """Trace this engine's SQL statements.

    ``SQLAlchemyInstrumentor().instrument(engine=...)`` works once per process
    and patches ``create_engine`` globally; the tracer it installs per engine
    is used directly instead, so each app's engine is traced exactly once.
    """
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.instrumentation.sqlalchemy.version import __version__

    sync_engine = engine.sync_engine
    if getattr(sync_engine, "_trygnet_traced", False):
        return
    name = "opentelemetry.instrumentation.sqlalchemy"
    usage = metrics.get_meter(name, __version__).create_up_down_counter(
        "db.client.connections.usage", unit="connections"
    )
    EngineTracer(trace.get_tracer(name, __version__), sync_engine, usage)  # type: ignore[no-untyped-call]
    sync_engine._trygnet_traced = True  # type: ignore[attr-defined]


def setup_telemetry(
    service: str,
    *,
    app: FastAPI | None = None,
    engine: AsyncEngine | None = None,
    components: Sequence[Component] = (),
) -> None:
    """Configure export as the ``OTEL_*`` variables ask, and instrument what is given.

    Instrumentation is installed only when traces are exported: without a
    provider its spans go nowhere, and the trace context is carried anyway.
    """
    _configure_providers(service)
    if "traces" in _exported:
        if app is not None:
            from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

            if not getattr(app, "_is_instrumented_by_opentelemetry", False):
                FastAPIInstrumentor.instrument_app(app)
                if app.middleware_stack is not None:  # already serving: take effect now
                    app.middleware_stack = app.build_middleware_stack()
        if engine is not None:
            _instrument_engine(engine)
    if "metrics" in _exported and components:
        register_component_gauges(components, meter=metrics.get_meter("trygnet"))
