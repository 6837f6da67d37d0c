#!/usr/bin/env bash
# All tests of the reference frontend (make frontend-test; .ci/run):
#   1. npm ci (exact versions of package-lock.json)
#   2. the generated API client matches docs/reference/openapi.json
#   3. type check and Vitest unit tests of the data mapping
#   4. end to end: demo site + static builds + Chromium (e2e/; its own temp DB and free ports,
#      every process it starts is stopped, also on failure)
# PYTHON: the project's Python with the test extra (default: .venv/bin/python of the repo).
set -euo pipefail
cd "$(dirname "$0")/.."
export ASTRO_TELEMETRY_DISABLED=1  # no usage reports from builds and tests
REPO="$(cd ../.. && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"

echo "== frontend: npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "== frontend: generated API client is up to date"
npm run --silent check:api
echo "== frontend: type check and unit tests"
npm run --silent typecheck
npm test --silent
echo "== frontend: end to end (example site, static build, Chromium)"
cd "$REPO"
"$PYTHON" -m pytest -p no:django -W ignore::pytest.PytestConfigWarning -q example_project/frontend/e2e "$@"
