#!/usr/bin/env bash
# Builds the dashboard into dist/ with the machine's Node and npm. Installs node_modules only when the lock file
# changed since the last install, so repeated Maven builds stay fast.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.laas-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
npm run build --silent
