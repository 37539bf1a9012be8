# Trygnet: `make run` starts the platform with demo data, `make test` runs every test.
# Needs only Python 3.11+ and make: uv is installed through pip when it is missing.

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(PYTHON) -m uv
endif

.PHONY: run test faults bench lint format install tools docs schema-check deploy-check

tools:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --user --quiet uv || \
		$(PYTHON) -m pip install --user --quiet --break-system-packages uv

.venv/.installed: tools pyproject.toml uv.lock $(wildcard */pyproject.toml services/*/pyproject.toml)
	$(UV) sync --frozen --compile-bytecode
	@# Bytecode made once here: where PYTHONDONTWRITEBYTECODE is set, every process
	@# would otherwise compile what it imports, each time it starts.
	$(UV) run --frozen python -m compileall -q core/src services gateway/src platform/src
	@touch $@

install: .venv/.installed

# RUN_ARGS: e.g. --port 8080, --tenants 98, --no-demo (see `uv run trygnet-run --help`)
run: install
	$(UV) run --frozen trygnet-run $(RUN_ARGS)

test: install
	$(UV) run --frozen pytest $(PYTEST_ARGS)

# The fault scenarios under load on the whole platform (also part of `make test`), with
# their figures kept in bench/faults.json and docs/reliability.md. PostgreSQL too when
# TEST_POSTGRES_URL is set.
faults: install
	TRYGNET_FAULTS_RESULTS=bench/faults.json $(UV) run --frozen pytest tests/faults $(PYTEST_ARGS)
	$(UV) run --frozen python -m bench.reliability

bench: install
	$(UV) run --frozen python -m bench.kernel $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.actors_import 2>/dev/null
	$(UV) run --frozen python -m bench.reporting 2>/dev/null
	$(UV) run --frozen python -m bench.startup $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.platform $(BENCH_ARGS)

lint: install
	$(UV) run --frozen ruff check core services gateway platform tests bench
	$(UV) run --frozen ruff format --check core services gateway platform
	$(UV) run --frozen mypy core/src services/actors/src services/activities/src services/incidents/src services/reporting/src gateway/src platform/src

format: install
	$(UV) run --frozen ruff format core services gateway platform tests bench
	$(UV) run --frozen ruff check --fix core services gateway platform tests bench

docs: install
	$(UV) run --frozen python -m trygnet_core.event_docs > docs/events.md
	$(UV) run --frozen python -m trygnet_gateway.schema > gateway/schema.graphql

# Breaking changes of the public GraphQL schema against the previous committed SDL
# (CI reports them; add STRICT=--strict to fail on one).
schema-check: install
	$(UV) run --frozen python -m trygnet_gateway.compat $(STRICT)

# The deployment, checked without a Docker engine or a cluster: docker-compose.yml
# resolves (with the example environment files it falls back on), and the kustomize
# output of the base and of the production overlay is valid Kubernetes under the
# strict schemas. A failing step fails the target (no pipes: a pipe would hide it).
deploy-check: install
	$(UV) run --frozen docker-compose -f docker-compose.yml config --quiet
	@set -e; out=$$(mktemp -d); trap 'rm -rf "$$out"' EXIT; \
	for dir in deploy/kubernetes/base deploy/kubernetes/overlays/production; do \
		echo "kubectl kustomize $$dir, then kubernetes-validate --strict"; \
		$(UV) run --frozen kubectl kustomize "$$dir" -o "$$out/manifests.yaml"; \
		$(UV) run --frozen kubernetes-validate --strict --quiet "$$out/manifests.yaml"; \
		echo "  $$(grep -c '^kind:' "$$out/manifests.yaml") resources valid"; \
	done
	cmp deploy/otel-collector.yaml deploy/kubernetes/base/otel-collector.yaml
