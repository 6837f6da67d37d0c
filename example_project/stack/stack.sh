#!/usr/bin/env bash
# The example portal as a portal runs it, on one machine (make stack / make stack-stop):
#   nginx         http://127.0.0.1:$STACK_PORT/ — the static export, the live site behind it
#   gunicorn      $STACK_WORKERS web processes on 127.0.0.1:$STACK_APP_PORT (DJANGO_DEBUG=0)
#   db_worker     the task worker: publishing updates the export (django-tasks-db)
#   scheduler     every $STACK_PERIOD s: publish_scheduled (scheduled and expired pages),
#                 flush_news_views (view counts from the cache into the database)
#   PostgreSQL    127.0.0.1:5432, database $STACK_DB (the server is started if it is down)
#   Redis         127.0.0.1:6379, the cache (started if it is down, and then stopped again)
# Everything it writes (export, media, logs, pids, nginx files) is in $STACK_DIR.
#   stack.sh up | down | status | manage <command> (manage.py with the stack's settings)
# docs/how-to/deploying.md describes the same stack with systemd units on a real server.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
BIN="$(dirname "$PYTHON")"
STACK_DIR="${STACK_DIR:-$REPO/example_project/.stack}"
STACK_PORT="${STACK_PORT:-8080}"
STACK_APP_PORT="${STACK_APP_PORT:-8001}"
STACK_WORKERS="${STACK_WORKERS:-3}"
STACK_DB="${STACK_DB:-govnews_stack}"
STACK_PERIOD="${STACK_PERIOD:-60}"
STACK_REDIS_DB="${STACK_REDIS_DB:-3}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
RUN="$STACK_DIR/run"

say() { echo "== stack: $*"; }

stack_env() {
    [ -f "$STACK_DIR/secret" ] || "$PYTHON" -c "import secrets; print(secrets.token_urlsafe(50))" >"$STACK_DIR/secret"
    export DJANGO_SETTINGS_MODULE=example_project.settings
    export PYTHONPATH="$REPO/example_project${PYTHONPATH:+:$PYTHONPATH}"
    export DJANGO_DEBUG=0 DJANGO_SECRET_KEY="$(cat "$STACK_DIR/secret")"
    export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$STACK_DB"
    export REDIS_URL="redis://127.0.0.1:6379/$STACK_REDIS_DB"
    export DJANGO_TASKS_BACKEND=database
    export GOVNEWS_EXPORT_DIR="$STACK_DIR/export" DJANGO_MEDIA_ROOT="$STACK_DIR/media"
    export DJANGO_STATIC_ROOT="$STACK_DIR/static" DJANGO_SERVE_MEDIA=1
    export WAGTAILADMIN_BASE_URL="http://127.0.0.1:$STACK_PORT"
}

manage() { "$PYTHON" "$REPO/example_project/manage.py" "$@"; }
# One-off commands: their system-check warnings (a loopback site) go to the log.
setup() { manage "$@" >>"$STACK_DIR/logs/setup.log" 2>&1 || { tail -20 "$STACK_DIR/logs/setup.log" >&2; return 1; }; }

# Start a long-running command in its own process group; its pid goes to $RUN/<name>.pid.
start() {
    local name="$1"
    shift
    setsid "$@" >>"$STACK_DIR/logs/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN/$name.pid"
}

alive() { [ -f "$RUN/$1.pid" ] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

wait_for() {
    for _ in $(seq 120); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.5
    done
    echo "$1 did not answer; logs: $STACK_DIR/logs/" >&2
    return 1
}

services() {
    bash "$REPO/.ci/postgres.sh" >/dev/null
    if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
        say "starting Redis (stopped again by 'down')"
        redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
            --pidfile "$RUN/redis.pid" --logfile "$STACK_DIR/logs/redis.log"
        for _ in $(seq 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    # The cache may hold renditions and pages of an earlier database: start it empty.
    redis-cli -h 127.0.0.1 -n "$STACK_REDIS_DB" flushdb >/dev/null
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$STACK_DB'" \
        | grep -q 1 || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $STACK_DB"
}

nginx_conf() {
    setup govnews_serverconf nginx "$STACK_DIR/export" --origin "http://127.0.0.1:$STACK_APP_PORT" \
        --listen "127.0.0.1:$STACK_PORT" --output "$STACK_DIR/nginx/govnews.conf"
    local temp="" kind user=""
    for kind in client_body proxy fastcgi uwsgi scgi; do temp+="${kind}_temp_path $STACK_DIR/nginx/$kind; "; done
    [ "$(id -u)" = 0 ] && user="user root;"  # the workers read files in $STACK_DIR
    cat >"$STACK_DIR/nginx/nginx.conf" <<EOF
$user
worker_processes 2;
pid $RUN/nginx.pid;
error_log $STACK_DIR/logs/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $STACK_DIR/logs/nginx-access.log;
    sendfile on;
    $temp
    include $STACK_DIR/nginx/govnews.conf;
}
EOF
    "$NGINX" -t -q -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf"
}

up() {
    command -v "$NGINX" >/dev/null || { echo "nginx not found: apt-get install nginx-light" >&2; exit 1; }
    mkdir -p "$RUN" "$STACK_DIR/logs" "$STACK_DIR/nginx" "$STACK_DIR/export"
    if alive gunicorn; then say "already up on http://127.0.0.1:$STACK_PORT/"; return; fi
    stack_env
    services
    say "database $STACK_DB: migrate, demo content, static files"
    setup migrate --noinput
    # Not one export task per demo article: the full export below covers them all at once.
    GOVNEWS_EXPORT_DIR="" DJANGO_TASKS_BACKEND="" \
        setup load_demo_content --hostname 127.0.0.1 --port "$STACK_PORT"
    setup collectstatic --noinput
    say "static export into $STACK_DIR/export"
    setup govnews_export "$STACK_DIR/export"
    tail -1 "$STACK_DIR/logs/setup.log"
    nginx_conf
    start gunicorn "$BIN/gunicorn" example_project.wsgi --chdir "$REPO/example_project" \
        --workers "$STACK_WORKERS" --bind "127.0.0.1:$STACK_APP_PORT" --access-logfile -
    start worker "$PYTHON" "$REPO/example_project/manage.py" db_worker --interval 0.5
    start scheduler bash -c "while sleep $STACK_PERIOD; do
        '$PYTHON' '$REPO/example_project/manage.py' publish_scheduled
        '$PYTHON' '$REPO/example_project/manage.py' flush_news_views; done"
    "$NGINX" -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf"
    wait_for "http://127.0.0.1:$STACK_APP_PORT/vi/"
    wait_for "http://127.0.0.1:$STACK_PORT/vi/"
    say "up: http://127.0.0.1:$STACK_PORT/ (admin: /admin/, admin/admin); 'make stack-stop' stops it"
}

stop_group() {
    local name="$1" pid
    [ -f "$RUN/$name.pid" ] || return 0
    pid="$(cat "$RUN/$name.pid")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/$name.pid"
}

down() {
    [ -d "$RUN" ] || { say "not running"; return; }
    if [ -f "$RUN/nginx.pid" ]; then
        "$NGINX" -p "$STACK_DIR/nginx" -c "$STACK_DIR/nginx/nginx.conf" -s quit 2>/dev/null || true
        for _ in $(seq 100); do [ -f "$RUN/nginx.pid" ] || break; sleep 0.1; done
    fi
    stop_group scheduler
    stop_group worker
    stop_group gunicorn
    if [ -f "$RUN/redis.pid" ]; then
        redis-cli -h 127.0.0.1 shutdown nosave >/dev/null 2>&1 || true
        rm -f "$RUN/redis.pid"
    fi
    say "stopped"
}

status() {
    local name
    for name in nginx gunicorn worker scheduler redis; do
        if alive "$name"; then echo "$name: running (pid $(cat "$RUN/$name.pid"))"; else echo "$name: stopped"; fi
    done
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    manage) shift; stack_env; manage "$@" ;;
    *) echo "usage: $0 up|down|status|manage <command>" >&2; exit 2 ;;
esac
