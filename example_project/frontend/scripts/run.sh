#!/usr/bin/env bash
# Run the reference frontend against a running example site (make frontend).
#   scripts/run.sh dev     — dev server on http://127.0.0.1:3000/, reads the API on each request
#   scripts/run.sh build   — static site in dist/ (every published article)
#   scripts/run.sh serve   — serve dist/ on http://127.0.0.1:3000/ like a CDN would
# GOVNEWS_API_URL (default http://127.0.0.1:8000), PUBLIC_SITE_URL, FRONTEND_QR_TARGET:
# see docs/how-to/headless/frontend.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASTRO_TELEMETRY_DISABLED=1  # no usage reports from builds and tests
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
    || npm ci --no-audit --no-fund --loglevel=error
mode="${1:-dev}"
shift || true  # further arguments go to astro, e.g. --port 3001
case "$mode" in
    dev) exec npx astro dev "$@" ;;
    build) exec npx astro build "$@" ;;
    serve) exec npx astro preview "$@" ;;
    *) echo "usage: $0 dev|build|serve" >&2; exit 2 ;;
esac
