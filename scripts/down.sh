#!/usr/bin/env bash
# ./laas down [--home DIR]: stops, by PID, everything ./laas up started (services first, infra last).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"
HOME_DIR="${LAAS_HOME:-$ROOT/.laas}"
quiet=false
while [ $# -gt 0 ]; do
  case "$1" in
    --home) HOME_DIR="$2"; shift ;;
    --quiet) quiet=true ;;
  esac
  shift
done
RUN="$HOME_DIR/run"
[ -d "$RUN" ] || exit 0
touch "$RUN/stopping"

stop_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.2; waited=$((waited + 1))
    if [ "$waited" -gt 150 ]; then kill -KILL "$pid" 2>/dev/null || true; break; fi
  done
}

for name in webhook-dispatcher projector command-api infra; do
  for file in "$RUN/$name.supervisor.pid" "$RUN/$name.pid"; do
    if [ -f "$file" ]; then
      stop_pid "$(cat "$file")"
      rm -f "$file"
    fi
  done
done
$quiet || log "stopped"
