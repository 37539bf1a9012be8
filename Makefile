# Trygnet: `make run` starts the platform with demo data, `make test` runs every test.
# Needs only Python 3.11+ and make: uv is installed through pip when it is missing.

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
UV := $(PYTHON) -m uv
endif

.PHONY: run test faults bench lint format install tools docs schema-check deploy-check vendor graphiql-vendor \
	portal-client portal-client-check kafka test-kafka rehearse rehearse-faults client client-check

tools:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 || \
		$(PYTHON) -m pip install --user --quiet uv || \
		$(PYTHON) -m pip install --user --quiet --break-system-packages uv

.venv/.installed: tools pyproject.toml uv.lock $(wildcard */pyproject.toml services/*/pyproject.toml clients/*/pyproject.toml)
	$(UV) sync --frozen --compile-bytecode
	@# Bytecode made once here: where PYTHONDONTWRITEBYTECODE is set, every process
	@# would otherwise compile what it imports, each time it starts.
	$(UV) run --frozen python -m compileall -q core/src vocabulary/src services gateway/src platform/src portal/src
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

# Apache Kafka's broker (deploy/kafka/pom.xml names it: kafka_2.13 4.1 and a log4j2 binding)
# copied from Maven Central into .trygnet/kafka/lib, once: again only when the pom changes.
# Copied into a folder of its own first, so an interrupted fetch leaves no half a broker.
# The Kafka tests run on it (tests/kafka in `make test`; TRYGNET_TEST_KAFKA=cluster runs the
# relay, consumer and fault suites on a three-node cluster, docs/operations.md).
KAFKA_LIB := .trygnet/kafka/lib
kafka: $(KAFKA_LIB)/.fetched

$(KAFKA_LIB)/.fetched: deploy/kafka/pom.xml
	@command -v java >/dev/null 2>&1 || { echo "make kafka needs Java 17 or newer"; exit 1; }
	@command -v mvn >/dev/null 2>&1 || { echo "make kafka needs Maven (mvn)"; exit 1; }
	rm -rf $(KAFKA_LIB).partial
	mvn -B -q -f deploy/kafka/pom.xml dependency:copy-dependencies -DoutputDirectory=$(CURDIR)/$(KAFKA_LIB).partial
	rm -rf $(KAFKA_LIB) && mv $(KAFKA_LIB).partial $(KAFKA_LIB) && touch $@

# What depends on the broker, on Apache Kafka's three-node cluster (TRYGNET_TEST_KAFKA=cluster,
# one cluster for the session): the kernel's relay, relay lease and consumer suites, the
# Kafka tests, the platform's fault scenarios that exercise the broker (the two that do not,
# every message delivered twice and fifty clients on one incident, run in `make test` on the
# embedded broker), and the production shape's scenarios (tests/topology). On PostgreSQL
# too when TEST_POSTGRES_URL is set. Within 20 minutes on two cores (docs/operations.md).
# CI runs it after `make test` (.ci/run); there a missing Java fails it, never skips it.
KAFKA_TESTS := tests/integration/test_relay.py tests/integration/test_relay_lease.py \
	tests/integration/test_consumer.py tests/integration/test_consumer_tracking.py \
	tests/integration/test_consumer_replicas.py \
	tests/kafka tests/faults/test_platform_faults.py $(wildcard tests/topology)
KAFKA_SKIP := not delivered_twice and not fifty_clients
test-kafka: install kafka
	TRYGNET_TEST_KAFKA=cluster $(UV) run --frozen pytest $(KAFKA_TESTS) -k "$(KAFKA_SKIP)" $(PYTEST_ARGS)

# The local rehearsal of the Kubernetes deployment (docs/operations.md): three Kafka nodes, a
# PostgreSQL server of its own, two replicas of every service and two gateways behind
# round-robin proxies, until Ctrl-C. rehearse-faults runs its six fault scenarios and keeps
# their figures (bench/topology_faults.json, docs/reliability.md).
REHEARSE_FOLDER ?= .trygnet/rehearsal
rehearse: install kafka
	$(UV) run --frozen python -m tests.support.topology $(REHEARSE_FOLDER)

rehearse-faults: install kafka
	TRYGNET_TEST_KAFKA=cluster TRYGNET_TOPOLOGY_RESULTS=bench/topology_faults.json \
		$(UV) run --frozen pytest tests/topology $(PYTEST_ARGS)
	$(UV) run --frozen python -m bench.reliability

bench: install
	$(UV) run --frozen python -m bench.kernel $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.actors_import 2>/dev/null
	$(UV) run --frozen python -m bench.reporting 2>/dev/null
	$(UV) run --frozen python -m bench.startup $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.idle $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.platform $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.write_read $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.hostile $(BENCH_ARGS)
	$(UV) run --frozen python -m bench.portal $(BENCH_ARGS)

lint: install
	$(UV) run --frozen ruff check core vocabulary services gateway platform portal tests bench
	$(UV) run --frozen ruff format --check core vocabulary services gateway platform portal
	$(UV) run --frozen mypy core/src vocabulary/src services/actors/src services/activities/src services/incidents/src services/reporting/src gateway/src platform/src portal/src clients/python/src

format: install
	$(UV) run --frozen ruff format core vocabulary services gateway platform portal tests bench
	$(UV) run --frozen ruff check --fix core vocabulary services gateway platform portal tests bench

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

# The portal's JavaScript and font, from the npm registry as portal/package-lock.json pins
# them: `npm ci` in a temporary folder, then only the minified files are copied into
# portal/src/trygnet_portal/static/vendor/ (committed: `make run` needs no npm).
VENDOR := portal/src/trygnet_portal/static/vendor
vendor:
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	cp portal/package.json portal/package-lock.json "$$work/"; \
	(cd "$$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error); \
	m="$$work/node_modules"; rm -rf $(VENDOR); mkdir -p $(VENDOR)/fonts; \
	cp "$$m/htmx.org/dist/htmx.min.js" "$$m/cytoscape/dist/cytoscape.min.js" \
		"$$m/d3/dist/d3.min.js" "$$m/@observablehq/plot/dist/plot.umd.min.js" $(VENDOR)/; \
	for weight in 400 600; do \
		cp "$$m/@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-$$weight-normal.woff2" $(VENDOR)/fonts/; \
	done; \
	cp "$$m/@fontsource/ibm-plex-sans/LICENSE" $(VENDOR)/fonts/OFL.txt; \
	for package in htmx.org cytoscape d3 @observablehq/plot; do \
		node -p "const p = require('$$m/' + '$$package' + '/package.json'); p.name + ' ' + p.version + ' (' + p.license + ')'"; \
	done > $(VENDOR)/VERSIONS.txt; \
	cat $(VENDOR)/VERSIONS.txt

# GraphiQL's files, from the npm registry at the versions Strawberry's GraphiQL page names
# (gateway/package.json, package-lock.json), into the gateway's package (committed:
# `make run` needs no npm and no CDN). tests/gateway/test_graphiql.py checks the page
# loads only these and that each is the file the page's integrity hash names.
GRAPHIQL := gateway/src/trygnet_gateway/static/graphiql
graphiql-vendor:
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	cp gateway/package.json gateway/package-lock.json "$$work/"; \
	(cd "$$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error); \
	m="$$work/node_modules"; rm -rf $(GRAPHIQL); \
	for file in react/umd/react.production.min.js react-dom/umd/react-dom.production.min.js \
		js-cookie/dist/js.cookie.min.js graphiql/graphiql.min.js graphiql/graphiql.min.css \
		@graphiql/plugin-explorer/dist/index.umd.js @graphiql/plugin-explorer/dist/style.css; do \
		mkdir -p "$(GRAPHIQL)/$$(dirname $$file)"; cp "$$m/$$file" "$(GRAPHIQL)/$$file"; \
	done; \
	for package in react react-dom js-cookie graphiql @graphiql/plugin-explorer; do \
		node -p "const p = require('$$m/' + '$$package' + '/package.json'); p.name + ' ' + p.version + ' (' + p.license + ')'"; \
	done > $(GRAPHIQL)/VERSIONS.txt; \
	cat $(GRAPHIQL)/VERSIONS.txt

# The portal's typed GraphQL client, generated from gateway/schema.graphql and the
# queries in portal/src/trygnet_portal/queries/ (ariadne-codegen, run in uv's own tool
# environment: its pins would otherwise hold back the gateway's GraphQL library).
# portal-client-check regenerates it in a copy and fails on any difference, so a schema
# change that breaks a page's query fails the build (it runs tests/portal/test_client.py,
# which `make test` runs too; tests/support/codegen.py pins the generator's version).
ARIADNE := $(UV) tool run --quiet --from ariadne-codegen==0.19.0 ariadne-codegen
portal-client: tools
	rm -rf portal/src/trygnet_portal/client
	cd portal && $(ARIADNE) client >/dev/null

portal-client-check: install
	$(UV) run --frozen pytest tests/portal/test_client.py -q -p no:cacheprovider

# The typed Python client integrators install (clients/python, package trygnet_client):
# generated wholly from gateway/schema.graphql and the operations in
# clients/python/operations/, like the portal's. client-check regenerates it in a copy
# and fails on any difference, so a schema change that breaks an operation fails the
# build (it runs tests/client/test_generated.py, which `make test` runs too).
CLIENT := clients/python
client: tools
	rm -rf $(CLIENT)/src/trygnet_client && mkdir -p $(CLIENT)/src
	cd $(CLIENT) && $(ARIADNE) client >/dev/null

client-check: install
	$(UV) run --frozen pytest tests/client/test_generated.py -q -p no:cacheprovider
