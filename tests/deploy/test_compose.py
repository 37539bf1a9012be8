"""docker-compose.yml, as the real Compose v2 resolves it (``docker-compose config``):
valid on a fresh clone, every Trygnet process health-checked and started only after
what it needs is healthy, Kafka in KRaft mode with topics kept forever, and only the
gateway (and Jaeger's UI) on the host."""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.deploy.tools import (
    DEPLOY,
    PERSONAL_DATA,
    PORTS,
    ROOT,
    SERVICES,
    TOPICS,
    run,
    tool,
    variables_read,
)

TRYGNET = {f"trygnet-{name}" for name in PORTS}


def fresh_clone(folder: Path) -> Path:
    """docker-compose.yml and deploy/ as Git has them: no local ``*.env`` file."""
    shutil.copy(ROOT / "docker-compose.yml", folder / "docker-compose.yml")
    shutil.copytree(DEPLOY, folder / "deploy", ignore=shutil.ignore_patterns("*.env"))
    return folder


def resolved(folder: Path) -> dict[str, Any]:
    done = run(
        tool("docker-compose"), "-f", "docker-compose.yml", "config", "--format", "json", cwd=folder
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def compose(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return resolved(fresh_clone(tmp_path_factory.mktemp("clone")))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


def test_the_compose_file_is_valid_on_a_fresh_clone(tmp_path: Path) -> None:
    run(
        tool("docker-compose"),
        "-f",
        "docker-compose.yml",
        "config",
        "--quiet",
        cwd=fresh_clone(tmp_path),
    )


def test_a_local_env_file_overrides_the_example(tmp_path: Path) -> None:
    folder = fresh_clone(tmp_path)
    (folder / "deploy" / "compose" / "auth.env").write_text(
        "TRYGNET_DEV_MODE=0\nTRYGNET_DEV_JWT_SECRET=\n"
        "TRYGNET_JWKS_URL=https://login.example.org/jwks.json\n"
    )
    gateway = resolved(folder)["services"]["trygnet-gateway"]["environment"]
    assert gateway["TRYGNET_DEV_MODE"] == "0"
    assert gateway["TRYGNET_JWKS_URL"] == "https://login.example.org/jwks.json"
    assert gateway["TRYGNET_JWT_AUDIENCE"] == "trygnet"  # still from the example


def test_every_trygnet_process_is_there_and_health_checked(services: dict[str, Any]) -> None:
    assert set(services) >= TRYGNET
    for name, port in PORTS.items():
        service = services[f"trygnet-{name}"]
        check = service["healthcheck"]
        assert not check.get("disable")
        assert f"http://127.0.0.1:{port}/readyz" in " ".join(check["test"]), name
        assert service["build"]["args"] == {"SERVICE": name}
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"


def test_each_waits_for_what_it_needs_to_be_healthy(services: dict[str, Any]) -> None:
    for name in SERVICES:
        depends = services[f"trygnet-{name}"]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["kafka"]["condition"] == "service_healthy"
        assert depends["kafka-init"]["condition"] == "service_completed_successfully"
    gateway = services["trygnet-gateway"]["depends_on"]
    for name in SERVICES:
        assert gateway[f"trygnet-{name}"]["condition"] == "service_healthy"
    # And generally: whatever has a health check is waited for until it is healthy.
    for name in TRYGNET | {"kafka-init"}:
        for needed, how in services[name].get("depends_on", {}).items():
            if "healthcheck" in services[needed]:
                assert how["condition"] == "service_healthy", (name, needed)
    assert services["kafka-init"]["restart"] == "no"


def test_kafka_runs_in_kraft_mode(services: dict[str, Any]) -> None:
    kafka = services["kafka"]
    assert kafka["image"].startswith("apache/kafka:")
    env = kafka["environment"]
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{env['KAFKA_NODE_ID']}@kafka:9093"
    assert "CONTROLLER" in env["KAFKA_CONTROLLER_LISTENER_NAMES"]
    assert env["KAFKA_ADVERTISED_LISTENERS"] == "PLAINTEXT://kafka:9092"
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    everything = json.dumps(services).lower()
    assert "zookeeper" not in everything


def test_the_topic_init_keeps_the_three_topics_forever(services: dict[str, Any]) -> None:
    init = services["kafka-init"]
    script = " ".join(init["entrypoint"] + init["command"])
    body, calls = script.split("}", 1)
    assert "--create --if-not-exists" in body
    assert "--config retention.ms=-1" in body
    assert "--alter" in body and "--add-config retention.ms=-1" in body
    assert re.search(r"--partitions [2-9]", body)
    assert re.findall(r"^topic (\S+)$", calls, re.MULTILINE) == list(TOPICS)
    for name in SERVICES:
        env = services[f"trygnet-{name}"]["environment"]
        assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_only_the_gateway_and_jaegers_ui_are_published(services: dict[str, Any]) -> None:
    published = {
        name: sorted(int(p["target"]) for p in service.get("ports", []))
        for name, service in services.items()
        if service.get("ports")
    }
    assert published == {"trygnet-gateway": [8000], "jaeger": [16686]}


def test_every_variable_set_is_one_the_code_reads(services: dict[str, Any]) -> None:
    read = variables_read()
    for name in TRYGNET:
        unknown = set(services[name]["environment"]) - read
        assert not unknown, f"{name} sets variables nothing reads: {sorted(unknown)}"
    gateway = services["trygnet-gateway"]["environment"]
    for name, port in SERVICES.items():
        assert gateway[f"{name.upper()}_URL"] == f"http://trygnet-{name}:{port}"


def test_each_service_has_its_own_database_with_the_password_postgres_gave_it(
    services: dict[str, Any],
) -> None:
    postgres = services["postgres"]["environment"]
    init = (DEPLOY / "postgres" / "init-databases.sh").read_text()
    assert re.search(r"for service in actors activities incidents reporting; do", init)
    mounted = [v["target"] for v in services["postgres"]["volumes"]]
    assert any(t.startswith("/docker-entrypoint-initdb.d/") for t in mounted)
    for name in SERVICES:
        url = urlsplit(services[f"trygnet-{name}"]["environment"]["DATABASE_URL"])
        assert url.scheme == "postgresql" and url.hostname == "postgres"
        assert url.username == name and url.path == f"/{name}"
        assert url.password == postgres[f"TRYGNET_{name.upper()}_DB_PASSWORD"]


def test_the_master_key_goes_only_where_personal_data_is(services: dict[str, Any]) -> None:
    for name in PORTS:
        env = services[f"trygnet-{name}"]["environment"]
        if name in PERSONAL_DATA:
            assert len(base64.b64decode(env["TRYGNET_MASTER_KEY"], validate=True)) == 32
        else:
            assert "TRYGNET_MASTER_KEY" not in env
    assert "DATABASE_URL" not in services["trygnet-gateway"]["environment"]


def test_the_collector_sends_to_jaeger(services: dict[str, Any]) -> None:
    collector = services["otel-collector"]
    assert any(v["source"].endswith("deploy/otel-collector.yaml") for v in collector["volumes"])
    assert collector["environment"]["JAEGER_ENDPOINT"] == "jaeger:4317"
    for name in PORTS:
        env = services[f"trygnet-{name}"]["environment"]
        assert env["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://otel-collector:4318"
        assert env["OTEL_SERVICE_NAME"] == f"trygnet-{name}"
