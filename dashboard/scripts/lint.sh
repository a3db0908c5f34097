#!/usr/bin/env bash
# ESLint over the app, its tests, the e2e scripts and the configs (eslint.config.js); any warning fails. Maven runs
# this in the test phase next to the unit tests; -DskipTests or -Ddashboard.skip=true skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
npm run --silent lint
