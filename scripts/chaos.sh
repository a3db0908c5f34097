#!/usr/bin/env bash
# ./laas chaos [--seed N] [--kills N] [--transactions N] [--home DIR] [--short] [--no-build] [--keep]
# Starts a throw-away stack (./laas up --detach --no-build), runs a seeded workload over HTTP while it kill -9s
# command-api (CDC relay inside), the projector and the webhook-dispatcher, freezes the Kafka broker while the relay
# waits for acknowledgements, crashes a PostgreSQL backend, kill -9s and restarts the whole PostgreSQL server and the
# broker; then checks that nothing accepted was lost or doubled (docs/reliability.md). Prints the figures, stops the
# stack by PID, exits 1 on any violation.
#   --short        the CI size: 2,000 transactions, 3 kills of each service, 1 freeze, 1 PostgreSQL backend crash,
#                  1 full PostgreSQL restart, 1 Kafka restart (options given too, e.g. --postgres-restarts 3, win)
#   --home DIR     the stack's directory (default: a new temporary one, deleted afterwards unless --keep)
#   --no-build     use the jars already in */target (otherwise: mvn -o -q package -DskipTests)
#   --reuse-stack DIR  run against a stack already started with ./laas up --home DIR (./laas test does this after its
#                  browser tests); it is neither started nor stopped here, but is left with its broker stopped
# Any other --name value pair goes to the Java harness (io.laas.infra.chaos.ChaosMain), e.g. --workers 6.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib.sh"

seed="${LAAS_CHAOS_SEED:-$(( (RANDOM << 15) | RANDOM ))}"
kills=20
transactions=5000
home=""
reuse=false
keep=false
build=true
extra=()
short_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="$2"; shift ;;
    --kills) kills="$2"; shift ;;
    --transactions) transactions="$2"; shift ;;
    --home) home="$2"; keep=true; shift ;;
    --reuse-stack) home="$2"; reuse=true; keep=true; build=false; shift ;;
    --short) kills=3; transactions=2000
      short_extra=(--freezes 1 --postgres-crashes 1 --postgres-restarts 1 --kafka-restarts 1) ;;
    --no-build) build=false ;;
    --keep) keep=true ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --*) [ $# -ge 2 ] || die "option $1 needs a value"; extra+=("$1" "$2"); shift ;;
    *) die "unknown argument $1 (see ./laas chaos --help)" ;;
  esac
  shift
done

if $build; then
  log "building (mvn -o -q package -DskipTests)"
  mvn -o -q -DskipTests package > /tmp/laas-chaos-build.$$.log 2>&1 \
    || { tail -40 /tmp/laas-chaos-build.$$.log; die "build failed"; }
  rm -f /tmp/laas-chaos-build.$$.log
fi

[ -n "$home" ] || home="$(mktemp -d -t laas-chaos-XXXXXX)"
mkdir -p "$home"
home="$(cd "$home" && pwd)"
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if $reuse; then
    [ "$rc" = 0 ] || log "chaos failed; logs in $home/logs, client log $home/chaos-client-log.jsonl"
    exit "$rc"
  fi
  bash "$ROOT/scripts/down.sh" --home "$home" --quiet || true
  # The postmaster daemonises (pg_ctl restarts it too): make sure it went with the infra process.
  local pm="$home/data/postgres/postmaster.pid" waited=0 pg_pid
  if [ -f "$pm" ]; then
    pg_pid="$(head -1 "$pm")"
    while kill -0 "$pg_pid" 2>/dev/null && [ "$waited" -lt 50 ]; do sleep 0.2; waited=$((waited + 1)); done
    if kill -0 "$pg_pid" 2>/dev/null; then
      log "PostgreSQL $pg_pid of the chaos stack still runs; stopping it"
      kill -INT "$pg_pid" 2>/dev/null || true
    fi
  fi
  if $keep || [ "$rc" != 0 ]; then
    log "stack home kept: $home (logs in $home/logs, client log $home/chaos-client-log.jsonl)"
  else
    rm -rf "$home"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! $reuse; then
  # A second try when the first start times out: on a loaded machine the services may take longer than up.sh waits.
  for attempt in 1 2; do
    log "starting a throw-away stack (home $home, attempt $attempt)"
    if bash "$ROOT/scripts/up.sh" --detach --no-build --home "$home" > "$home/up.out" 2>&1; then
      break
    fi
    [ "$attempt" = 1 ] || { tail -20 "$home/up.out"; die "the stack did not start"; }
  done
fi

infra_cp="$ROOT/infra/target/infra-0.1.0-SNAPSHOT.jar:$ROOT/infra/target/lib/*"
log "chaos: seed $seed, $transactions transactions, $kills kills of each service"
java -Xmx384m -XX:+UseSerialGC -cp "$infra_cp" io.laas.infra.chaos.ChaosMain --home "$home" --seed "$seed" \
  --kills "$kills" --transactions "$transactions" "${short_extra[@]}" "${extra[@]}"
