#!/usr/bin/env bash
# The whole test suite: once on SQLite (with the browser tests), once on PostgreSQL.
# With CI=true any skipped test is a failure (see tests/conftest.py).
set -uo pipefail
VENV=$1; shift
results=var/test-results
rm -rf "$results"; mkdir -p "$results"

pg_url=$(bash scripts/test-services.sh | tail -n 1)

status=0
echo "== SQLite suite, with browser tests =="
DATABASE_URL= "$VENV/bin/pytest" -m "not postgres" --junitxml="$results/sqlite.xml" "$@" || status=1

echo "== PostgreSQL suite =="
if [ -n "$pg_url" ]; then
    DATABASE_URL=$pg_url "$VENV/bin/pytest" -m "not e2e" --junitxml="$results/postgres.xml" "$@" || status=1
elif [ "${CI:-}" = true ]; then
    echo "No PostgreSQL server could be reached or started: CI requires the PostgreSQL suite." >&2
    status=1
else
    echo "No PostgreSQL server on 127.0.0.1:5432: the PostgreSQL suite did not run." >&2
fi

"$VENV/bin/python" scripts/summarise_tests.py "$results"/*.xml || status=1
exit $status
