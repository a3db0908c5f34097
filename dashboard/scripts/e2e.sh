#!/usr/bin/env bash
# Browser tests of the dashboard against a running server: scripts/e2e.sh <base-url>
#   e.g. scripts/e2e.sh http://localhost:8080   (command-api serving the built dashboard and /api)
# Runs e2e/smoke.test.mjs always, and e2e/flows.test.mjs (sign-up to API key; needs the real /api) when E2E_FLOWS=1.
# Uses the system Chromium (installed by scripts/install-chromium.sh when missing) through playwright-core.
# Screenshots and HTML of failed tests go to test-results/.
set -euo pipefail
cd "$(dirname "$0")/.."
base_url="${1:-${E2E_BASE_URL:-}}"
if [ -z "$base_url" ]; then
  echo "usage: scripts/e2e.sh <base-url>   (optionally E2E_FLOWS=1 for the full flow test)" >&2
  exit 2
fi
bash scripts/ensure-node-modules.sh
bash scripts/install-chromium.sh
rm -rf test-results && mkdir -p test-results

# Fail fast, with a clear message, when nothing answers at the base URL.
if ! node -e '
  const url = process.argv[1];
  fetch(url, { signal: AbortSignal.timeout(10000) })
    .then((r) => { if (!r.ok) { console.error(`e2e: GET ${url} answered ${r.status}`); process.exit(1); } })
    .catch((e) => { console.error(`e2e: nothing answers at ${url}: ${e.cause?.code ?? e.message}`); process.exit(1); });
' "$base_url/"; then
  exit 1
fi

tests=(e2e/smoke.test.mjs)
if [ "${E2E_FLOWS:-0}" = "1" ]; then
  tests+=(e2e/flows.test.mjs)
fi
echo "e2e: ${tests[*]} against $base_url"
E2E_BASE_URL="$base_url" exec node --test --test-concurrency=1 --test-reporter=spec "${tests[@]}"
