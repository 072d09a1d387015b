# psycopg2-cluster developer entry points.  See README.md.
#
#   make demo       set up (apt packages if missing, .venv, build) and run
#                   scripts/demo.py against a throwaway server
#   make check      set up, build with -Werror, run the whole test suite
#   make sanitize   ASan+UBSan build in build-asan/, run SANITIZE_TESTS
#   make build      (re)build and install the package into .venv
#   make doc        Sphinx HTML into doc/_build (not part of check)
#   make clean / distclean

PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
PIP := $(VPY) -m pip --disable-pip-version-check
PIP_INSTALL := $(PIP) install -q

# per-test timeout (pytest-timeout); `thread` also ends a test stuck in C
PYTEST_TIMEOUT ?= 120
PYTEST_TIMEOUT_METHOD ?= thread
# the whole run stops after this many seconds (CI has 90 min, we aim < 30)
PYTEST_SESSION_TIMEOUT ?= 1500
PYTEST_ARGS ?=
TESTS ?= tests

SAN_DIR ?= build-asan
SANITIZE_TESTS ?= tests
SANITIZE_ARGS ?= -m "not slow"
ASAN_LIB = $(shell gcc -print-file-name=libasan.so)

.PHONY: all bootstrap venv test-deps build demo check test sanitize doc clean distclean

all: build

bootstrap:
	PYTHON=$(PYTHON) bash scripts/bootstrap.sh

$(VENV)/.stamp-venv:
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip "setuptools>=61" wheel
	touch $@

venv: bootstrap $(VENV)/.stamp-venv

$(VENV)/.stamp-test-deps: $(VENV)/.stamp-venv tests/requirements-clients.txt
	$(PIP_INSTALL) "pytest>=7" "pytest-timeout>=2.3"
	$(PIP_INSTALL) -r tests/requirements-clients.txt
	# aiopg pins psycopg2-binary, which would replace this package: no deps
	$(PIP_INSTALL) --no-deps "aiopg>=1.4,<2"
	touch $@

test-deps: venv $(VENV)/.stamp-test-deps

# Non-editable install: tests import psycopg2 from .venv's site-packages,
# with the compiled extension, never from lib/.
build: venv
	PSYCOPG_WERROR=$(WERROR) $(PIP_INSTALL) --no-build-isolation --no-deps --force-reinstall .
	@cd / && $(abspath $(VPY)) -c 'import psycopg2, psycopg2._psycopg as m; print("built", m.__file__, psycopg2.__version__)' \
	    || { echo "make: the built psycopg2 does not import (see the error above)"; exit 1; }

demo: WERROR ?= 0
demo: build
	$(VPY) scripts/pgharness.py run -- $(VPY) scripts/demo.py
	$(VPY) scripts/demo_cluster.py

check: WERROR ?= 1
check: test-deps build test

# pytest exits 5 when it collected no test: that is a broken suite, not a pass.
test:
	@rc=0; $(VENV)/bin/pytest $(TESTS) \
	    --timeout=$(PYTEST_TIMEOUT) --timeout-method=$(PYTEST_TIMEOUT_METHOD) \
	    --session-timeout=$(PYTEST_SESSION_TIMEOUT) $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests (exit 5): failing"; exit 1; fi; \
	exit $$rc

# AddressSanitizer + UndefinedBehaviorSanitizer build of the extension,
# installed with --target into $(SAN_DIR)/site and put first on PYTHONPATH.
# libasan must be the first library loaded, hence LD_PRELOAD (the harness
# does not pass it on to postgres/psql).  detect_leaks=0: CPython keeps
# objects alive until exit on purpose, so LeakSanitizer reports only noise;
# leaks are checked by RSS in the tests (tests/plugins/leaks.py) instead.
# PYTHONMALLOC=malloc lets ASan see every Python object allocation.
sanitize: test-deps
	rm -rf $(SAN_DIR)/site
	PSYCOPG_SANITIZE=address,undefined PSYCOPG_BUILD_DIR=$(SAN_DIR) \
	    $(PIP_INSTALL) --no-build-isolation --no-deps --target $(SAN_DIR)/site .
	@rc=0; PYTHONPATH=$(abspath $(SAN_DIR)/site) LD_PRELOAD=$(ASAN_LIB) \
	    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 PYTHONMALLOC=malloc \
	    $(VENV)/bin/pytest $(SANITIZE_TESTS) $(SANITIZE_ARGS) \
	    --timeout=600 --timeout-method=thread -p no:cacheprovider || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: no tests selected"; exit 1; fi; exit $$rc

doc: venv
	$(PIP_INSTALL) sphinx
	$(VPY) -m sphinx -b html doc doc/_build/html

clean:
	rm -rf build $(SAN_DIR) dist *.egg-info lib/*.egg-info .pytest_cache doc/_build
	find . -name __pycache__ -prune -not -path './$(VENV)/*' -exec rm -rf {} +
	rm -f lib/*.so

distclean: clean
	rm -rf $(VENV)
