"""The Kubernetes manifests, as ``kubectl kustomize`` builds them: valid under the
strict schemas of kubernetes-validate, probes, resources and non-root everywhere, a
disruption budget per Deployment, autoscalers only where scaling is safe, secrets only
referenced, and a production overlay that changes what it says it changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.deploy.tools import (
    BASE,
    DEPLOY,
    PERSONAL_DATA,
    PORTS,
    PRODUCTION,
    SERVICES,
    run,
    tool,
    variables_read,
)

Manifests = list[dict[str, Any]]
WRITERS = ("actors", "activities", "incidents")
"""The services with an outbox relay: two replicas each, one relay publishing under the
relay lease."""


def build(folder: Path) -> str:
    return run(tool("kubectl"), "kustomize", folder).stdout


@pytest.fixture(scope="module")
def base_text() -> str:
    return build(BASE)


@pytest.fixture(scope="module")
def production_text() -> str:
    return build(PRODUCTION)


@pytest.fixture(scope="module")
def base(base_text: str) -> Manifests:
    return [doc for doc in yaml.safe_load_all(base_text) if doc]


@pytest.fixture(scope="module")
def production(production_text: str) -> Manifests:
    return [doc for doc in yaml.safe_load_all(production_text) if doc]


def of_kind(manifests: Manifests, kind: str) -> dict[str, dict[str, Any]]:
    return {m["metadata"]["name"]: m for m in manifests if m["kind"] == kind}


def config_map(manifests: Manifests, prefix: str) -> dict[str, Any]:
    """A generated ConfigMap by its name without kustomize's hash suffix."""
    [found] = [
        m
        for m in manifests
        if m["kind"] == "ConfigMap" and m["metadata"]["name"].rsplit("-", 1)[0] == prefix
    ]
    return found


def container(deployment: dict[str, Any]) -> dict[str, Any]:
    [only] = deployment["spec"]["template"]["spec"]["containers"]
    return only


def trygnet(manifests: Manifests) -> dict[str, dict[str, Any]]:
    """The Trygnet Deployments, by member name (actors ... gateway)."""
    deployments = of_kind(manifests, "Deployment")
    found = {name: deployments.get(f"trygnet-{name}") for name in PORTS}
    assert all(found.values()), f"missing: {[n for n, d in found.items() if d is None]}"
    return found  # type: ignore[return-value]


@pytest.mark.parametrize("which", ["base", "production"])
def test_the_manifests_are_valid_kubernetes(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    manifests = tmp_path / f"{which}.yaml"
    manifests.write_text(request.getfixturevalue(f"{which}_text"))
    done = run(tool("kubernetes-validate"), "--strict", manifests)
    assert done.stdout.count(" passed for resource ") == len(request.getfixturevalue(which)), (
        done.stdout
    )


@pytest.mark.parametrize("which", ["base", "production"])
def test_every_deployment_is_probed_bounded_and_not_root(
    which: str, request: pytest.FixtureRequest
) -> None:
    manifests: Manifests = request.getfixturevalue(which)
    for name, deployment in of_kind(manifests, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["securityContext"]["runAsUser"] != 0, name
        assert pod["automountServiceAccountToken"] is False, name
        box = container(deployment)
        assert box["securityContext"]["allowPrivilegeEscalation"] is False, name
        assert box["securityContext"]["readOnlyRootFilesystem"] is True, name
        assert box["securityContext"]["capabilities"]["drop"] == ["ALL"], name
        for bound in ("requests", "limits"):
            assert set(box["resources"][bound]) == {"cpu", "memory"}, (name, bound)
        assert box["livenessProbe"] and box["readinessProbe"], name
    for name, deployment in trygnet(manifests).items():
        box = container(deployment)
        assert box["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
        assert box["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
        assert box["startupProbe"]["httpGet"]["path"] == "/healthz"
        assert box["ports"] == [{"name": "http", "containerPort": PORTS[name]}]


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    return all(labels.get(k) == v for k, v in selector["matchLabels"].items())


def test_a_disruption_budget_covers_every_deployment(base: Manifests) -> None:
    budgets = of_kind(base, "PodDisruptionBudget").values()
    for name, deployment in of_kind(base, "Deployment").items():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        covering = [b for b in budgets if _selects(b["spec"]["selector"], labels)]
        assert len(covering) == 1, name
        [budget] = covering
        replicas = deployment["spec"].get("replicas")
        if replicas == 1:
            # One replica: a budget of minAvailable 1 would block every node drain.
            assert budget["spec"].get("maxUnavailable") == 1, name
        if name.removeprefix("trygnet-") in (*WRITERS, "reporting"):
            # Replicated: one always up while a drain moves the other (the lease follows).
            assert budget["spec"] == {**budget["spec"], "minAvailable": 1}, name
            assert "maxUnavailable" not in budget["spec"], name


def test_autoscalers_only_where_scaling_is_safe(base: Manifests) -> None:
    autoscalers = of_kind(base, "HorizontalPodAutoscaler")
    assert set(autoscalers) == {"trygnet-gateway", "trygnet-reporting"}
    deployments = of_kind(base, "Deployment")
    for name, hpa in autoscalers.items():
        assert hpa["apiVersion"] == "autoscaling/v2"
        assert hpa["spec"]["scaleTargetRef"] == {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "name": name,
        }
        # The autoscaler owns the count: a replicas field would reset it on every apply.
        assert "replicas" not in deployments[name]["spec"]
    assert autoscalers["trygnet-gateway"]["spec"]["minReplicas"] >= 2
    # Reporting: replicas of one consumer group on one database, at most one member per
    # partition of a topic (four), rolled one new pod before an old one goes.
    reporting = autoscalers["trygnet-reporting"]["spec"]
    assert 2 <= reporting["minReplicas"] <= reporting["maxReplicas"] <= 4
    assert _rolls_without_a_gap(deployments["trygnet-reporting"])
    # Writing services: two replicas, the relay lease keeping one relay publishing, so a
    # rollout may overlap; each replica is named in the lease by its pod.
    for name in WRITERS:
        deployment = deployments[f"trygnet-{name}"]
        assert deployment["spec"]["replicas"] == 2
        assert _rolls_without_a_gap(deployment)
        [holder] = [e for e in container(deployment)["env"] if e["name"] == "TRYGNET_RELAY_HOLDER"]
        assert holder["valueFrom"] == {"fieldRef": {"fieldPath": "metadata.name"}}


def _rolls_without_a_gap(deployment: dict[str, Any]) -> bool:
    strategy = deployment["spec"]["strategy"]
    return strategy["type"] == "RollingUpdate" and strategy["rollingUpdate"] == {
        "maxSurge": 1,
        "maxUnavailable": 0,
    }


def _env_names(deployment: dict[str, Any], manifests: Manifests) -> set[str]:
    box = container(deployment)
    names = {e["name"] for e in box.get("env", [])}
    config_maps = of_kind(manifests, "ConfigMap")
    for source in box.get("envFrom", []):
        names |= set(config_maps[source["configMapRef"]["name"]]["data"])
    return names


def test_every_variable_set_is_one_the_code_reads(base: Manifests) -> None:
    read = variables_read()
    for name, deployment in trygnet(base).items():
        unknown = _env_names(deployment, base) - read
        assert not unknown, f"trygnet-{name} sets variables nothing reads: {sorted(unknown)}"


def test_only_the_gateway_may_call_the_services(base: Manifests) -> None:
    [policy] = of_kind(base, "NetworkPolicy").values()
    pods = {
        name: d["spec"]["template"]["metadata"]["labels"]
        for name, d in of_kind(base, "Deployment").items()
    }
    guarded = {
        name for name, labels in pods.items() if _selects(policy["spec"]["podSelector"], labels)
    }
    assert guarded == {f"trygnet-{name}" for name in SERVICES}
    [rule] = policy["spec"]["ingress"]
    [source] = rule["from"]
    callers = {name for name, labels in pods.items() if _selects(source["podSelector"], labels)}
    assert callers == {"trygnet-gateway"}
    assert rule["ports"] == [{"protocol": "TCP", "port": "http"}]


def test_secrets_are_referenced_never_committed(base: Manifests, production: Manifests) -> None:
    assert not of_kind(base, "Secret") and not of_kind(production, "Secret")
    for name, deployment in trygnet(base).items():
        refs = {
            e["name"]: e["valueFrom"]["secretKeyRef"]
            for e in container(deployment).get("env", [])
            if "secretKeyRef" in e.get("valueFrom", {})
        }
        expected = {}
        if name in SERVICES:
            expected["DATABASE_URL"] = {"name": f"trygnet-{name}-database", "key": "DATABASE_URL"}
            # one key signs every service's page cursors (trygnet_core.paging)
            expected["TRYGNET_CURSOR_KEY"] = {
                "name": "trygnet-cursors",
                "key": "TRYGNET_CURSOR_KEY",
            }
        if name in PERSONAL_DATA:
            expected["TRYGNET_MASTER_KEY"] = {
                "name": "trygnet-personal-data",
                "key": "TRYGNET_MASTER_KEY",
            }
        assert refs == expected, name


def test_addresses_in_the_config_name_services_that_exist(base: Manifests) -> None:
    ports = {
        name: {p["port"] for p in service["spec"]["ports"]}
        for name, service in of_kind(base, "Service").items()
    }
    gateway = config_map(base, "trygnet-gateway-config")["data"]
    addresses = [gateway[f"{name.upper()}_URL"] for name in SERVICES]
    addresses.append(config_map(base, "trygnet-config")["data"]["OTEL_EXPORTER_OTLP_ENDPOINT"])
    for address in addresses:
        url = urlsplit(address)
        assert url.hostname in ports and url.port in ports[url.hostname], address


def test_the_collector_config_is_deploys_file(base: Manifests) -> None:
    shipped = config_map(base, "otel-collector")["data"]["config.yaml"]
    assert shipped == (DEPLOY / "otel-collector.yaml").read_text(), (
        "copy deploy/otel-collector.yaml to deploy/kubernetes/base/otel-collector.yaml"
    )
    config = yaml.safe_load(shipped)
    traces = config["service"]["pipelines"]["traces"]
    assert traces["receivers"] == ["otlp"]
    assert {"otlp_grpc/jaeger", "debug"} <= set(traces["exporters"])
    assert config["receivers"]["otlp"]["protocols"]["http"]["endpoint"].endswith(":4318")
    assert config["exporters"]["otlp_grpc/jaeger"]["endpoint"] == "${env:JAEGER_ENDPOINT}"


def test_production_changes_what_it_says(base: Manifests, production: Manifests) -> None:
    for manifest in production:
        if manifest["kind"] != "Namespace":
            assert manifest["metadata"].get("namespace") == "trygnet", manifest["metadata"]
    [namespace] = of_kind(production, "Namespace").values()
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"

    before, after = trygnet(base), trygnet(production)
    tags = set()
    for name in PORTS:
        image = container(after[name])["image"]
        repository, tag = image.rsplit(":", 1)
        assert repository.endswith(f"/trygnet/{name}") and "." in repository.split("/")[0]
        assert tag != "latest"
        tags.add(tag)
        old, new = container(before[name])["resources"], container(after[name])["resources"]
        assert new != old, f"{name}: production gives it its own resources"
    assert len(tags) == 1, "all five images of one release"

    hpa_before = of_kind(base, "HorizontalPodAutoscaler")["trygnet-gateway"]["spec"]
    hpa_after = of_kind(production, "HorizontalPodAutoscaler")["trygnet-gateway"]["spec"]
    assert hpa_after["minReplicas"] > hpa_before["minReplicas"]
    assert hpa_after["maxReplicas"] > hpa_before["maxReplicas"]
    budget = of_kind(production, "PodDisruptionBudget")["trygnet-gateway"]["spec"]
    assert 1 < budget["minAvailable"] < hpa_after["minReplicas"]
    reporting = of_kind(production, "HorizontalPodAutoscaler")["trygnet-reporting"]["spec"]
    assert reporting["minReplicas"] >= 2

    config_before = config_map(base, "trygnet-config")["data"]
    config_after = config_map(production, "trygnet-config")["data"]
    for key in ("KAFKA_BOOTSTRAP_SERVERS", "TRYGNET_JWT_ISSUER", "TRYGNET_JWKS_URL"):
        assert config_after[key] != config_before[key], key
    assert set(config_after) == set(config_before)
    # The Deployments use the overlay's ConfigMap (its hashed name), not the base's.
    name = config_map(production, "trygnet-config")["metadata"]["name"]
    for deployment in after.values():
        sources = [s["configMapRef"]["name"] for s in container(deployment)["envFrom"]]
        assert name in sources
