#!/usr/bin/env bash
# Install the system packages that building and testing need -- only those
# that are missing, so it is quick and harmless on a set-up machine.
#   libpq-dev          pg_config and libpq-fe.h (to build psycopg2._psycopg)
#   postgresql         server binaries (initdb, postgres) for the test harness
#   gcc                the C compiler
#   python3-dev        Python.h for $PYTHON
#   python3-venv       venv/ensurepip for $PYTHON
# Debian/Ubuntu (apt-get); non-interactive; uses sudo when not root.
set -euo pipefail

PYTHON=${PYTHON:-python3}
export DEBIAN_FRONTEND=noninteractive
missing=()

have_libpq_headers() {
    local pgc inc
    pgc=${PG_CONFIG:-$(command -v pg_config || true)}
    [ -n "$pgc" ] || return 1
    inc=$("$pgc" --includedir 2>/dev/null) || return 1
    [ -f "$inc/libpq-fe.h" ]
}
have_server() {
    [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ] && return 0
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null && return 0
    command -v initdb >/dev/null
}
have_python_headers() {
    "$PYTHON" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' 2>/dev/null
}
have_venv() {
    "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null
}

command -v "$PYTHON" >/dev/null || missing+=(python3)
have_libpq_headers || missing+=(libpq-dev)
have_server || missing+=(postgresql)
command -v gcc >/dev/null || command -v cc >/dev/null || missing+=(gcc)
if command -v "$PYTHON" >/dev/null; then
    have_python_headers || missing+=(python3-dev)
    have_venv || missing+=(python3-venv)
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: system packages present"
    exit 0
fi

echo "bootstrap: installing ${missing[*]}"
if ! command -v apt-get >/dev/null; then
    echo "bootstrap: no apt-get; please install: ${missing[*]}" >&2
    exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then SUDO="sudo -E"; else
        echo "bootstrap: not root and no sudo; please install: ${missing[*]}" >&2
        exit 1
    fi
fi

# Keep the package scripts from starting a system PostgreSQL service: the
# tests start their own servers (policy-rc.d exit 101 = "do not start").
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
    made_policy=1
fi
cleanup() { if [ "$made_policy" = 1 ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null

# a Debian python3 may need the versioned venv package too (python3.X-venv)
if command -v "$PYTHON" >/dev/null && ! have_venv; then
    ver=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    $SUDO apt-get install -y -q --no-install-recommends "python${ver}-venv" </dev/null
fi
echo "bootstrap: done"
