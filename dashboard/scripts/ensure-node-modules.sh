#!/usr/bin/env bash
# Installs node_modules with `npm ci` only when package-lock.json changed since the last install (or node_modules
# is missing), so repeated Maven builds and test runs stay fast. Uses the machine's Node and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "dashboard: Node 20 or newer is required (found $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
stamp=node_modules/.laas-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "dashboard: npm ci (package-lock.json changed or node_modules missing)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
