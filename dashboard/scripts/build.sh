#!/usr/bin/env bash
# Builds the dashboard into dist/ with the machine's Node and npm (Maven runs this at generate-resources and packages
# dist/ as static/). Checks formatting and types first, so a broken dashboard fails the build, not the browser.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-node-modules.sh
npm run --silent format:check
npm run --silent typecheck
npm run --silent build
