# Data Academy. Run `make` to see the targets. Set-up is part of `make lab` and `make test`;
# each install step is skipped when its inputs have not changed (stamp files).
SHELL := bash
.DEFAULT_GOAL := help
PYTHON ?= python3
NPM_STAMP := node_modules/.academy-installed
VENV_STAMP := .venv/.academy-installed
# Test-only Python packages (nbgrader) live in their own prefix inside .venv, see requirements-test.txt.
TEST_PY_PREFIX := .venv/nbgrader
TEST_PY_STAMP := $(TEST_PY_PREFIX)/.academy-installed
# Jupyter Kernel Gateway (test-only) in a prefix of its own, see requirements-gateway.txt.
GATEWAY_PREFIX := .venv/gateway
GATEWAY_STAMP := $(GATEWAY_PREFIX)/.academy-installed
# Jupyter Enterprise Gateway (test-only) pins jupyter_server < 2: a venv of its own, see requirements-enterprise-gateway.txt.
EG_VENV := .venv/enterprise-gateway
EG_STAMP := $(EG_VENV)/.academy-installed
TS_SOURCES := $(shell find src lake-generator grader -name '*.ts' -not -path '*/dist/*' -not -path '*/node_modules/*' 2>/dev/null)
BUILD_STAMP := grader/dist/.academy-built
# JupyterLab opens clean: no "get notified about official Jupyter news?" prompt, no update checks.
LAB_OVERRIDES := .venv/share/jupyter/lab/settings/overrides.json
# The kernel's heap cap in MiB, for the kernelspec and its snapshot (scripts/install-kernelspec.sh reads it too).
export KERNEL_MEMORY_MB ?= 2048

.PHONY: help install build snapshot kernelspec lab test typecheck lint format jest gateways hostile notebooks validate browser bench data-check release-check clean

help: ## Show the targets, one line each
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(NPM_STAMP) $(VENV_STAMP) $(LAB_OVERRIDES) build snapshot kernelspec ## Install Node and Python packages, build, register the kernel (idempotent)

$(NPM_STAMP): package.json package-lock.json src/package.json lake-generator/package.json grader/package.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENV_STAMP): requirements.txt
	@test -x .venv/bin/python || $(PYTHON) -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

build: $(BUILD_STAMP) ## Compile the course library (src/) and the grader (grader/) to dist/

$(BUILD_STAMP): $(NPM_STAMP) $(TS_SOURCES) tsconfig.base.json src/tsconfig.json lake-generator/tsconfig.json grader/tsconfig.json
	npx tsc -b grader/tsconfig.json
	@touch $@

$(LAB_OVERRIDES): scripts/jupyterlab-overrides.json $(VENV_STAMP)
	@mkdir -p $(dir $@)
	cp scripts/jupyterlab-overrides.json $@

$(TEST_PY_STAMP): requirements-test.txt $(VENV_STAMP)
	.venv/bin/pip install --quiet --disable-pip-version-check --prefix $(TEST_PY_PREFIX) -r requirements-test.txt
	@touch $@

$(GATEWAY_STAMP): requirements-gateway.txt $(VENV_STAMP)
	.venv/bin/pip install --quiet --disable-pip-version-check --prefix $(GATEWAY_PREFIX) -r requirements-gateway.txt
	@touch $@

$(EG_STAMP): requirements-enterprise-gateway.txt $(VENV_STAMP)
	@test -x $(EG_VENV)/bin/python || $(PYTHON) -m venv $(EG_VENV)
	$(EG_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-enterprise-gateway.txt
	@touch $@

# The snapshot kernel for the kernelspec's heap size (the grader builds others when asked for them):
# a few seconds when Node, tslab or the kernel's files changed, a stat of its inputs otherwise.
snapshot: build ## Build the snapshot kernel (tslab warmed up, a V8 start-up snapshot) when it is missing or out of date
	@grader/kernel/launch.sh --node "$$(command -v node)" --memory-mb $(KERNEL_MEMORY_MB) --check >/dev/null || \
	  node grader/bin/academy.js snapshot --memory-mb $(KERNEL_MEMORY_MB)

kernelspec: $(VENV_STAMP) $(NPM_STAMP) ## Register the tslab kernel ("TypeScript") inside .venv
	@scripts/install-kernelspec.sh

lab: install ## Install, then start JupyterLab on notebooks/release/ (prints the URL)
	@scripts/lab.sh

typecheck: build ## tsc --noEmit over src/, grader/, tests/, bench/ (strict)
	npx tsc -p tsconfig.json --noEmit

lint: $(NPM_STAMP) ## Prettier (format) and typescript-eslint (no floating promises, import order, function length) over the tree
	npx prettier --check --log-level warn .
	npx eslint .

format: $(NPM_STAMP) ## Rewrite the tree in the house format (Prettier, then eslint's fixable rules)
	npx prettier --write --log-level warn .
	npx eslint --fix .

# Jest reports go to test-artifacts/jest/<target>.json; scripts/ci-summary.js counts them.
# --forceExit: a handle left open by a suite must not hang CI after every test has finished.
JEST_REPORT = --json --outputFile=test-artifacts/jest/$@.json --forceExit

jest: install $(TEST_PY_STAMP) ## Run the unit and kernel jest suites (all but notebooks/, hostile/, browser/ and the gateway suite)
	@mkdir -p test-artifacts/jest
	npx jest $(JEST_REPORT) --testPathIgnorePatterns /node_modules/ /tests/notebooks/ /tests/browser/ /tests/hostile/ /tests/grade/gateway.test.ts

gateways: install $(GATEWAY_STAMP) $(EG_STAMP) ## Grade a cohort through a real Kernel Gateway and Enterprise Gateway, in a step of its own (their kernels would crowd the timing tests beside them)
	@mkdir -p test-artifacts/jest
	npx jest tests/grade/gateway.test.ts --runInBand $(JEST_REPORT)

hostile: install ## Hostile and broken submissions against the grader's sandbox, one suite at a time (fork bombs starve whatever runs beside them)
	@mkdir -p test-artifacts/jest
	npx jest tests/hostile --runInBand $(JEST_REPORT)

notebooks: install ## Every source notebook end to end in a real kernel, each exercise right and wrong
	@mkdir -p test-artifacts/jest
	npx jest tests/notebooks $(JEST_REPORT)

validate: install ## `academy validate`: the grader on every source (full marks) and release (zero) notebook
	npx academy validate

browser: install ## JupyterLab in Debian's chromium: every release notebook, the feedback page, the cohort report (needs /usr/bin/chromium)
	@test -x /usr/bin/chromium || { echo "No /usr/bin/chromium: apt-get install chromium (bash .ci/run does it)."; exit 1; }
	@mkdir -p test-artifacts/jest
	npx jest tests/browser $(JEST_REPORT)

data-check: build ## Check datasets/ is byte-identical to a fresh build from the seed
	npx academy data check

release-check: build ## Check notebooks/release/ and notebooks/exercises/ match a fresh `academy release`
	npx academy release --check

test: install ## Install, then run every check and test, in order, each counted (scripts/ci-steps.sh)
	@scripts/ci-steps.sh typecheck lint data-check release-check jest gateways hostile notebooks validate browser

bench: install ## Run the benchmarks; results go to bench/results/
	npx tsc -p bench/tsconfig.json
	node bench/dist/bench/library.bench.js
	node bench/dist/bench/execute.bench.js
	node bench/dist/bench/kernel.bench.js
	node bench/dist/bench/run.bench.js
	node bench/dist/bench/grade.bench.js
	node bench/dist/bench/gateway.bench.js

clean: ## Remove build output and test artefacts (keeps node_modules and .venv)
	rm -rf src/dist lake-generator/dist grader/dist test-artifacts *.tsbuildinfo src/*.tsbuildinfo grader/*.tsbuildinfo
