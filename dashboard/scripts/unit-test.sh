#!/usr/bin/env bash
# Unit tests of the dashboard (vitest: money, problem parsing, schemas, layout rules). Maven runs this in the test
# phase; -DskipTests or -Ddashboard.skip=true skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
npm test --silent
