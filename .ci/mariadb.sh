#!/usr/bin/env bash
# Make sure a MariaDB server answers on 127.0.0.1:3306 (root, no password) for the matrix
# session on MariaDB: install it if missing (Debian/Ubuntu), start it if down, wait until ready.
set -euo pipefail

WAIT_SECONDS="${MARIADB_WAIT_SECONDS:-60}"
ping() { mysqladmin --host=127.0.0.1 --user=root ping >/dev/null 2>&1; }

if ! command -v mysqld >/dev/null 2>&1 && ! command -v mariadbd >/dev/null 2>&1; then
    echo "== mariadb: not installed, installing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
fi
if ! ping; then
    echo "== mariadb: starting"
    service mariadb start >/dev/null 2>&1 || service mysql start >/dev/null 2>&1 || true
fi
for _ in $(seq "$WAIT_SECONDS"); do
    if ping; then
        echo "== mariadb: ready on 127.0.0.1:3306"
        exit 0
    fi
    sleep 1
done
echo "== mariadb: not ready on 127.0.0.1:3306 after ${WAIT_SECONDS}s" >&2
exit 1
