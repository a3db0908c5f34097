#!/usr/bin/env bash
# ./laas up [--detach] [--no-build] [--home DIR]
# Builds, starts PostgreSQL + Kafka (infra), command-api (with the CDC relay), projector and webhook-dispatcher,
# each supervised (restarted with backoff if it dies), seeds demo data, prints the dashboard URL and API key.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib.sh"

detach=false
build=true
HOME_DIR="${LAAS_HOME:-$ROOT/.laas}"
while [ $# -gt 0 ]; do
  case "$1" in
    --detach) detach=true ;;
    --no-build) build=false ;;
    --home) HOME_DIR="$2"; shift ;;
    *) die "unknown option $1" ;;
  esac
  shift
done
export LAAS_HOME="$HOME_DIR"
RUN="$LAAS_HOME/run"
LOGS="$LAAS_HOME/logs"
mkdir -p "$RUN" "$LOGS" "$LAAS_HOME/data"

if [ -n "$(ls "$RUN"/*.pid 2>/dev/null)" ]; then
  bash "$ROOT/scripts/down.sh" --home "$LAAS_HOME" --quiet || true
fi
rm -f "$RUN/stopping" "$LAAS_HOME/infra.env" "$LAAS_HOME/ledger-id"

ensure_build_tools
started_at=$SECONDS
if $build; then
  log "building (mvn install -DskipTests; the first run downloads dependencies)"
  mvn -B -q -DskipTests install > "$LOGS/build.log" 2>&1 || { tail -50 "$LOGS/build.log"; die "build failed (see $LOGS/build.log)"; }
fi
build_seconds=$((SECONDS - started_at))

# Secrets are made once per stack home and kept, so the printed key stays valid across restarts.
secrets="$LAAS_HOME/secrets.env"
if [ ! -f "$secrets" ]; then
  umask 077
  cat > "$secrets" <<SECRETS
LAAS_API_KEY_SECRET=$(random_token 48)
LAAS_JWT_SECRET=$(random_token 48)
LAAS_API_KEY=sk_live_$(random_token 32)
LAAS_DEMO_PASSWORD=$(random_token 12)
SECRETS
  umask 022
fi
set -a; source "$secrets"; set +a

# Ports: the usual ones when free, else the next free ones (so a second stack or a test run can coexist).
ports="$LAAS_HOME/ports.env"
if [ -f "$ports" ]; then source "$ports"; fi
PG_PORT="${PG_PORT:-$(free_port 15432)}"
KAFKA_PORT="${KAFKA_PORT:-$(free_port 19092)}"
API_PORT="${API_PORT:-$(free_port 8080)}"
PROJECTOR_PORT="${PROJECTOR_PORT:-$(free_port $((API_PORT + 1)))}"
DISPATCHER_PORT="${DISPATCHER_PORT:-$(free_port $((PROJECTOR_PORT + 1)))}"
for p in "$API_PORT" "$PROJECTOR_PORT" "$DISPATCHER_PORT"; do
  port_in_use "$p" && die "port $p is in use; delete $ports or free the port"
done
printf 'PG_PORT=%s\nKAFKA_PORT=%s\nAPI_PORT=%s\nPROJECTOR_PORT=%s\nDISPATCHER_PORT=%s\n' \
  "$PG_PORT" "$KAFKA_PORT" "$API_PORT" "$PROJECTOR_PORT" "$DISPATCHER_PORT" > "$ports"

stop_all() {
  bash "$ROOT/scripts/down.sh" --home "$LAAS_HOME" --quiet || true
}

# supervise NAME CMD...: runs CMD, restarts it with backoff when it exits, until the stack is stopped.
supervise() {
  local name="$1"; shift
  (
    trap '' INT
    backoff=1
    while [ ! -f "$RUN/stopping" ]; do
      start=$SECONDS
      "$@" >> "$LOGS/$name.log" 2>&1 &
      echo $! > "$RUN/$name.pid"
      wait $! || true
      [ -f "$RUN/stopping" ] && break
      if [ $((SECONDS - start)) -gt 30 ]; then backoff=1; fi
      echo "[laas] $name exited; restarting in ${backoff}s" >> "$LOGS/$name.log"
      sleep "$backoff"
      backoff=$((backoff * 2 > 30 ? 30 : backoff * 2))
    done
  ) < /dev/null > /dev/null 2>&1 &
  echo $! > "$RUN/$name.supervisor.pid"
}

# C1 only for the launcher (little work, fast start); the services get the full JIT, they do the work.
JAVA_OPTS_SMALL="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
JAVA_OPTS_SERVICE="-XX:+UseSerialGC -Xss512k"
infra_cp="$ROOT/infra/target/infra-0.1.0-SNAPSHOT.jar:$ROOT/infra/target/lib/*"
log "starting PostgreSQL (:$PG_PORT) and Kafka (:$KAFKA_PORT)"
supervise infra java -Xmx256m $JAVA_OPTS_SMALL -cp "$infra_cp" io.laas.infra.InfraMain \
  --data-dir "$LAAS_HOME/data" --pg-port "$PG_PORT" --kafka-port "$KAFKA_PORT" --env-file "$LAAS_HOME/infra.env"
trap 'stop_all; exit 130' INT TERM
deadline=$((SECONDS + 120))
until [ -f "$LAAS_HOME/infra.env" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { tail -40 "$LOGS/infra.log"; stop_all; die "infra did not start"; }
  sleep 0.2
done
set -a; source "$LAAS_HOME/infra.env"; set +a

export LAAS_DEV_SEED=true LAAS_DEMO_EMAIL=demo@laas.dev LAAS_LEDGER_ID_FILE="$LAAS_HOME/ledger-id"
export LAAS_PORT="$API_PORT" LAAS_PROJECTOR_PORT="$PROJECTOR_PORT" LAAS_DISPATCHER_PORT="$DISPATCHER_PORT"
# The dev profile of the dispatcher may call http://localhost receivers; production refuses both.
export LAAS_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true LAAS_WEBHOOKS_ALLOW_HTTP=true

log "starting command-api (:$API_PORT), projector (:$PROJECTOR_PORT), webhook-dispatcher (:$DISPATCHER_PORT)"
supervise command-api java -Xmx512m -XX:+UseSerialGC -jar "$ROOT/command-api/target/command-api-0.1.0-SNAPSHOT-exec.jar"
supervise projector java -Xmx256m $JAVA_OPTS_SERVICE -jar "$ROOT/projector/target/projector-0.1.0-SNAPSHOT-exec.jar"
supervise webhook-dispatcher java -Xmx256m $JAVA_OPTS_SERVICE -jar "$ROOT/webhook-dispatcher/target/webhook-dispatcher-0.1.0-SNAPSHOT-exec.jar"

boot_started=$SECONDS
for svc in "command-api:$API_PORT" "projector:$PROJECTOR_PORT" "webhook-dispatcher:$DISPATCHER_PORT"; do
  name="${svc%%:*}"; port="${svc##*:}"
  await_health "http://127.0.0.1:$port/actuator/health" 120 || { tail -60 "$LOGS/$name.log"; stop_all; die "$name did not become healthy"; }
done
deadline=$((SECONDS + 60))
until [ -s "$LAAS_HOME/ledger-id" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { stop_all; die "demo data was not seeded (see $LOGS/command-api.log)"; }
  sleep 0.2
done
ready_seconds=$((SECONDS - boot_started))

cat > "$LAAS_HOME/dev.env" <<ENV
LAAS_URL=http://127.0.0.1:$API_PORT
LAAS_API_KEY=$LAAS_API_KEY
LAAS_DEMO_EMAIL=$LAAS_DEMO_EMAIL
LAAS_DEMO_PASSWORD=$LAAS_DEMO_PASSWORD
LAAS_KAFKA_BOOTSTRAP=$LAAS_KAFKA_BOOTSTRAP
LAAS_DATABASE_URL=$LAAS_DATABASE_URL
LAAS_DATABASE_APP_USERNAME=${LAAS_DATABASE_APP_USERNAME:-laas_app}
LAAS_LEDGER_ID=$(cat "$LAAS_HOME/ledger-id")
LAAS_EVENTS_TOPIC=laas.ledger-events.v1
ENV

cat <<MSG

  LaaS is running (services ready ${ready_seconds}s after start; build ${build_seconds}s).
  Dashboard   http://127.0.0.1:$API_PORT/
  Demo login  $LAAS_DEMO_EMAIL / $LAAS_DEMO_PASSWORD
  API key     $LAAS_API_KEY
  Kafka       $LAAS_KAFKA_BOOTSTRAP  topic laas.ledger-events.v1
  Postgres    $LAAS_DATABASE_URL (owner postgres; requests as ${LAAS_DATABASE_APP_USERNAME:-laas_app}, under row-level security)
  All of it is in $LAAS_HOME/dev.env; logs in $LOGS.

  Try:  source $LAAS_HOME/dev.env && curl -s -H "Authorization: Bearer \$LAAS_API_KEY" \$LAAS_URL/v1/accounts/cash

MSG

if $detach; then
  trap - INT TERM
  exit 0
fi
log "Ctrl-C (or ./laas down) stops everything."
while [ ! -f "$RUN/stopping" ]; do sleep 1; done
