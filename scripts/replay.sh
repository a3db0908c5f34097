#!/usr/bin/env bash
# ./laas replay [--home DIR] [--drop-old] [--no-build] [--laas.replay.*=VALUE ...]
# Rebuilds every read model of the running stack (./laas up) from the events topic into fresh tables
# (schema read_model_next) and swaps them in atomically; the stack keeps serving and projecting meanwhile.
# Prints progress lines and a summary. The replaced read model stays as schema read_model_old_<time> until the
# next replay, or is dropped at once with --drop-old. What it does: docs/operations.md, "Replay".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib.sh"

HOME_DIR="${LAAS_HOME:-$ROOT/.laas}"
build=true
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --home) HOME_DIR="$2"; shift ;;
    --drop-old) args+=(--drop-old) ;;
    --no-build) build=false ;;
    --laas.replay.*=*) args+=("$1") ;;
    *) die "unknown option $1 (usage: ./laas replay [--home DIR] [--drop-old] [--no-build] [--laas.replay.NAME=VALUE])" ;;
  esac
  shift
done

[ -f "$HOME_DIR/dev.env" ] || die "no stack in $HOME_DIR (no dev.env): start one with ./laas up"
# The stack's database and broker (dev.env); infra.env adds the database user and password.
set -a
source "$HOME_DIR/dev.env"
[ -f "$HOME_DIR/infra.env" ] && source "$HOME_DIR/infra.env"
set +a
port_of() { local hostport="${1#*//}"; hostport="${hostport%%/*}"; echo "${hostport##*:}"; }
port_in_use "$(port_of "$LAAS_DATABASE_URL")" || die "PostgreSQL of the stack ($LAAS_DATABASE_URL) does not answer: is ./laas up running?"
port_in_use "${LAAS_KAFKA_BOOTSTRAP##*:}" || die "Kafka of the stack ($LAAS_KAFKA_BOOTSTRAP) does not answer: is ./laas up running?"

JAR="$ROOT/projector/target/projector-0.1.0-SNAPSHOT-exec.jar"
if $build || [ ! -f "$JAR" ]; then
  log "building the projector jar"
  mkdir -p "$HOME_DIR/logs"
  mvn -B -q -o -pl projector -am package -DskipTests -Ddashboard.skip=true > "$HOME_DIR/logs/replay-build.log" 2>&1 \
    || { tail -30 "$HOME_DIR/logs/replay-build.log"; die "build failed (see $HOME_DIR/logs/replay-build.log)"; }
fi

log "replaying ${LAAS_EVENTS_TOPIC:-laas.ledger-events.v1} into fresh tables of $LAAS_DATABASE_URL (the stack keeps running)"
# The replay's own process: no web server, no live feed. The stack's projector keeps projecting; it only waits
# for the moment of the swap (a PostgreSQL advisory lock both take). Spring's log lines go to the log file.
exec java -Xmx384m -XX:+UseSerialGC -jar "$JAR" replay \
  --laas.events.topic="${LAAS_EVENTS_TOPIC:-laas.ledger-events.v1}" \
  --logging.file.name="$HOME_DIR/logs/replay.log" --logging.pattern.console= --spring.main.banner-mode=off \
  ${args[@]+"${args[@]}"}
