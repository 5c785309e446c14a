#!/usr/bin/env bash
# Make sure the browser and the PostgreSQL server the tests need are there. Prints the
# PostgreSQL URL to use on its last line, or nothing if no server could be had.
set -uo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
have_apt() { command -v apt-get >/dev/null && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; }
apt_install() {
    have_apt || return 1
    if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
        as_root apt-get update -qq >/dev/null 2>&1
    fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null 2>&1 \
        || { as_root apt-get update -qq >/dev/null 2>&1 \
             && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests…" >&2
    apt_install chromium || echo "Could not install chromium: the browser tests will be skipped." >&2
fi

pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if ! pg_up; then
    if ! command -v pg_ctlcluster >/dev/null; then
        echo "Installing Debian's postgresql for the PostgreSQL suite…" >&2
        apt_install postgresql || true
    fi
    if command -v pg_ctlcluster >/dev/null; then
        for version in $(ls /etc/postgresql 2>/dev/null); do
            as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
        done
        for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
    fi
fi

if [ -n "${HAVEN_TEST_DATABASE_URL:-}" ]; then
    echo "$HAVEN_TEST_DATABASE_URL"
elif pg_up; then
    # A role of our own with a password, so the suite works with trust and password auth alike.
    if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
        runuser -u postgres -- psql -q -tAc \
            "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'haven') THEN
               CREATE ROLE haven LOGIN CREATEDB PASSWORD 'haven'; END IF; END \$\$;" >/dev/null 2>&1 || true
    fi
    echo "postgres://haven:haven@127.0.0.1:5432/haven"
fi
