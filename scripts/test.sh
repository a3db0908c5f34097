#!/usr/bin/env bash
# ./laas test: installs what a fresh machine lacks, runs every module's tests (mvn install), then brings up a
# throw-away stack with ./laas up and runs the README's curl walkthrough, the browser tests and the short fault suite
# (./laas chaos --short, docs/reliability.md) against it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib.sh"

ensure_build_tools
command -v curl >/dev/null || apt_install curl
if [ -f "$ROOT/dashboard/scripts/install-chromium.sh" ]; then
  bash "$ROOT/dashboard/scripts/install-chromium.sh"
fi

started=$SECONDS
log "mvn install: unit, integration and end-to-end tests on real PostgreSQL and Kafka"
mvn -B -ntp install
log "maven build and tests: $((SECONDS - started)) s"

stack_home="$(mktemp -d -t laas-test-stack-XXXXXX)"
cleanup() {
  bash "$ROOT/scripts/down.sh" --home "$stack_home" --quiet || true
  rm -rf "$stack_home"
}
trap cleanup EXIT
log "starting a throw-away stack with ./laas up (home $stack_home)"
./laas up --detach --no-build --home "$stack_home"
bash "$ROOT/scripts/smoke.sh" "$stack_home/dev.env"
if [ -f "$ROOT/dashboard/scripts/e2e.sh" ]; then
  source "$stack_home/dev.env"
  E2E_FLOWS=1 E2E_EMAIL="$LAAS_DEMO_EMAIL" E2E_PASSWORD="$LAAS_DEMO_PASSWORD" \
    bash "$ROOT/dashboard/scripts/e2e.sh" "$LAAS_URL"
fi
# Last, because it kill -9s the stack's services and restarts its PostgreSQL and broker: the short fault suite on
# the same stack (saves starting another one). A failure prints the seed to replay with ./laas chaos --seed N.
bash "$ROOT/scripts/chaos.sh" --short --reuse-stack "$stack_home"
log "all tests passed in $((SECONDS - started)) s"
