#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the CI test run on PostgreSQL:
# install it if missing (Debian/Ubuntu), start the cluster if it is down, wait until ready.
set -euo pipefail

WAIT_SECONDS="${POSTGRES_WAIT_SECONDS:-60}"

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "== postgres: not installed, installing"
    for attempt in 1 2 3; do # package mirrors fail now and then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
            && break
        [ "$attempt" = 3 ] && exit 1
        echo "== postgres: install attempt $attempt failed, retrying" >&2
        sleep 5
    done
    # The tests connect as "postgres" over TCP without a password, as on the CI machine.
    for hba in /etc/postgresql/*/main/pg_hba.conf; do
        sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    done
    for version in $(ls /etc/postgresql); do
        pg_ctlcluster --skip-systemctl-redirect "$version" main reload 2>/dev/null || true
    done
fi

if ! pg_isready -q -h 127.0.0.1; then
    for version in $(ls /etc/postgresql); do
        if ! pg_ctlcluster "$version" main status >/dev/null 2>&1; then
            echo "== postgres: starting cluster $version/main"
            pg_ctlcluster --skip-systemctl-redirect "$version" main start
        fi
    done
fi

for _ in $(seq "$WAIT_SECONDS"); do
    if pg_isready -q -h 127.0.0.1; then
        echo "== postgres: ready on 127.0.0.1:5432"
        exit 0
    fi
    sleep 1
done
echo "== postgres: not ready on 127.0.0.1:5432 after ${WAIT_SECONDS}s" >&2
pg_isready -h 127.0.0.1 >&2 || true
exit 1
