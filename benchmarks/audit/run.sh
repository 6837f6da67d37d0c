#!/usr/bin/env bash
# Audit the demo portal and the reference frontend as outsiders do (make audit):
#   1. the example project with the demo content (temp SQLite, free port, runserver)
#   2. the reference frontend built statically against it and served as plain files
#   3. Lighthouse (mobile + desktop) and the Nu HTML Checker on home, section and a featured
#      article in Vietnamese and English, on both (audit.mjs; figures in docs/reference/audits.md)
# Needs Node.js 20+, Java 11+ and Chromium (CHROME_PATH, default /usr/bin/chromium).
# Extra arguments go to audit.mjs, e.g. --strict or --json /tmp/audit.json.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
WORK="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { "$PYTHON" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
wait_for() {
    for _ in $(seq 120); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
    echo "$1 did not answer" >&2; return 1
}

(cd "$HERE" && { [ node_modules/.package-lock.json -nt package-lock.json ] \
    || npm ci --no-audit --no-fund --loglevel=error; })

SITE_PORT="$(free_port)"
FRONT_PORT="$(free_port)"
SITE="http://127.0.0.1:$SITE_PORT"
FRONT="http://127.0.0.1:$FRONT_PORT"
export DATABASE_URL="sqlite:///$WORK/db.sqlite3" DJANGO_MEDIA_ROOT="$WORK/media"
export WAGTAILADMIN_BASE_URL="$SITE" CORS_ALLOWED_ORIGINS="$FRONT"
manage() { (cd "$REPO/example_project" && "$PYTHON" manage.py "$@"); }
echo "== demo site on $SITE"
manage migrate --noinput >/dev/null
manage load_demo_content --hostname 127.0.0.1 --port "$SITE_PORT" >/dev/null
setsid "$PYTHON" "$REPO/example_project/manage.py" runserver "127.0.0.1:$SITE_PORT" --noreload \
    >"$WORK/site.log" 2>&1 &
pids+=($!)
wait_for "$SITE/vi/"

echo "== reference frontend on $FRONT"
GOVNEWS_API_URL="$SITE" PUBLIC_SITE_URL="$FRONT" "$REPO/example_project/frontend/scripts/run.sh" \
    build --outDir "$WORK/dist" >/dev/null
setsid "$PYTHON" -m http.server "$FRONT_PORT" --bind 127.0.0.1 --directory "$WORK/dist" \
    >"$WORK/front.log" 2>&1 &
pids+=($!)
wait_for "$FRONT/vi/"

# Home, section and the featured (newest) article of each language.
paths() { "$PYTHON" - "$SITE" <<'PY'
import json, sys, urllib.request
site = sys.argv[1]
for language in ("vi", "en"):
    items = json.load(urllib.request.urlopen(f"{site}/api/govnews/news/?locale={language}&limit=1"))["items"]
    path = items[0]["path"]
    print(f"/{language}/", path, path.rstrip("/").rsplit("/", 1)[0] + "/", sep="\n")
PY
}
mapfile -t PATHS < <(paths)
urls=()
for path in "${PATHS[@]}"; do urls+=("$SITE$path"); done
# The frontend's home and articles (its section lists are the home pages themselves).
for index in "${!PATHS[@]}"; do
    (( index % 3 == 2 )) || urls+=("$FRONT${PATHS[$index]}")
done
echo "== audits: ${#urls[@]} pages, mobile and desktop"
(cd "$HERE" && node audit.mjs "${urls[@]}" "$@")
