#!/usr/bin/env bash
# Static checks: ruff (lint and format), mypy, migrations in step with models, catalogues fresh.
set -uo pipefail
VENV=$1
status=0
step() { echo "== $1 =="; shift; "$@" || { echo "FAILED: $*" >&2; status=1; }; }

step "ruff check" "$VENV/bin/ruff" check src tests bench scripts
step "ruff format" "$VENV/bin/ruff" format --check src tests bench scripts
step "mypy" "$VENV/bin/mypy"
step "migrations" env HAVEN_HOME="$(mktemp -d)" "$VENV/bin/haven" manage makemigrations --check --dry-run
step "translation catalogues" "$VENV/bin/python" scripts/check_catalogues.py
exit $status
