#!/usr/bin/env bash
# ./laas bench [--no-build]: starts a throw-away stack, measures it over real HTTP from a separate JVM against a
# pgbench baseline run on the same Postgres, prints the table of issue 8 and writes it to .laas/bench-results.txt.
# What each scenario does and the knobs (LAAS_BENCH_* variables): docs/benchmarks.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/lib.sh"

build_flag=()
[ "${LAAS_BENCH_NO_BUILD:-0}" = 1 ] && build_flag=(--no-build)
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build_flag=(--no-build) ;;
    *) die "unknown option $1 (usage: ./laas bench [--no-build])" ;;
  esac
  shift
done

WARMUP_S="${LAAS_BENCH_WARMUP_S:-4}"          # warm-up of every HTTP scenario, not counted
JIT_WARMUP_S="${LAAS_BENCH_JIT_WARMUP_S:-40}" # once, before (a): the services start cold and C2 needs ~30-40 s of load
MEASURE_S="${LAAS_BENCH_SECONDS:-12}"         # measured part of every HTTP scenario
PGBENCH_S="${LAAS_BENCH_PGBENCH_S:-15}"       # each of the two saturating pgbench runs
WORKER_COUNTS="${LAAS_BENCH_WORKERS:-64 128}" # closed-loop sizes tried for the uniform maximum
CLIENT="${LAAS_BENCH_CLIENT:-raw}"            # raw: one keep-alive socket per worker; jdk: java.net.http.HttpClient
FIXED_RATE="${LAAS_BENCH_PIPELINE_RATE:-1000}" # tx/s of the pipeline-latency scenario
PROFILE="${LAAS_BENCH_PROFILE:-0}"            # 1: JFR on the three services during the load, summarised at the end
ACCOUNTS=1000

BENCH_HOME="$(mktemp -d /tmp/laas-bench.XXXXXX)"
RESULTS="$BENCH_HOME/results.env"
BLOGS="$BENCH_HOME/logs"  # the stack's logs (./laas up writes there too) and the bench's own; kept after the run
OUT_DIR="$ROOT/.laas"
TABLE="$OUT_DIR/bench-results.txt"
LOGS_KEPT="$OUT_DIR/bench-logs"
mkdir -p "$OUT_DIR" "$BLOGS"
: > "$RESULTS"
bench_started=$SECONDS
started_pids=()

stop_started() {
  local pid waited
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 50 ]; do sleep 0.2; waited=$((waited + 1)); done
    kill -KILL "$pid" 2>/dev/null || true
  done
  started_pids=()
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_started
  if [ -d "$BENCH_HOME/run" ]; then
    bash "$ROOT/scripts/down.sh" --home "$BENCH_HOME" --quiet || true
  fi
  # The postmaster daemonises (its parent is init): make sure it went with the infra process.
  local pm="$BENCH_HOME/data/postgres/postmaster.pid" waited=0
  if [ -f "$pm" ]; then
    local pg_pid
    pg_pid="$(head -1 "$pm")"
    while kill -0 "$pg_pid" 2>/dev/null && [ "$waited" -lt 50 ]; do sleep 0.2; waited=$((waited + 1)); done
    if kill -0 "$pg_pid" 2>/dev/null; then
      log "PostgreSQL $pg_pid of the bench stack still runs; stopping it"
      kill -INT "$pg_pid" 2>/dev/null || true
      waited=0
      while kill -0 "$pg_pid" 2>/dev/null && [ "$waited" -lt 50 ]; do sleep 0.2; waited=$((waited + 1)); done
    fi
  fi
  rm -rf "$LOGS_KEPT"
  cp "$RESULTS" "$BLOGS/results.env" 2>/dev/null || true
  cp -r "$BLOGS" "$LOGS_KEPT" 2>/dev/null || true
  rm -rf "$BENCH_HOME"
  [ "$rc" = 0 ] || log "bench failed (exit $rc); logs of the stack in $LOGS_KEPT"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

put() { printf '%s=%s\n' "$1" "$2" >> "$RESULTS"; }
get() { local v; v="$(grep -E "^$1=" "$RESULTS" | tail -1 | cut -d= -f2-)"; printf '%s' "${v:-${2:-}}"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/'; }
calc() { awk "BEGIN { printf \"%.${2:-1}f\", $1 }"; }

# --- the stack's processes: everything under run/*.pid plus the daemonised postmaster, with descendants ---

descendants_of() {
  ps -e -o pid=,ppid= | awk -v roots="$*" '
    BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
    { parent[$1] = $2; order[NR] = $1 }
    END {
      changed = 1
      while (changed) {
        changed = 0
        for (i = 1; i <= NR; i++) { p = order[i]; if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; changed = 1 } }
      }
      for (p in keep) print p
    }'
}

postmaster_pid() { head -1 "$BENCH_HOME/data/postgres/postmaster.pid" 2>/dev/null || true; }

component_roots() {
  case "$1" in
    postgres) postmaster_pid ;;
    kafka) cat "$BENCH_HOME/run/infra.pid" 2>/dev/null || true ;;
    *) cat "$BENCH_HOME/run/$1.pid" 2>/dev/null || true ;;
  esac
}

stack_pids() {
  local roots=() f
  for f in "$BENCH_HOME"/run/*.pid; do [ -f "$f" ] && roots+=("$(cat "$f")"); done
  roots+=("$(postmaster_pid)")
  descendants_of "${roots[@]}"
}

# Prints "rss_kb pss_kb" of the whole stack. RSS counts shared pages (Postgres shared_buffers) once per process;
# PSS splits them among the processes that share them.
stack_memory() {
  local pid rss=0 pss=0 r p
  for pid in $(stack_pids); do
    r="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)"
    p="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)"
    rss=$((rss + ${r:-0})); pss=$((pss + ${p:-0}))
  done
  echo "$rss $pss"
}

# CPU ticks (user + system) of a component and its live descendants.
component_ticks() {
  local roots pid total=0 stat
  roots="$(component_roots "$1")"
  [ -n "$roots" ] || { echo 0; return; }
  for pid in $(descendants_of $roots); do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    stat="${stat##*) }"
    # shellcheck disable=SC2086
    set -- $stat
    total=$((total + ${12} + ${13}))
  done
  echo "$total"
}

COMPONENTS="command-api postgres kafka projector webhook-dispatcher"
declare -A ticks_before
# "busy idle" ticks of the whole machine.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
# CPU seconds of this shell's finished children (the load generator, psql, ...), from the times builtin.
# Sets tools_s; must run in this shell, not in $(...), whose fork starts with no children.
tools_seconds() {
  times > "$BENCH_HOME/times"
  tools_s="$(tail -1 "$BENCH_HOME/times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] } printf "%.2f", t }')"
}
cpu_mark() {
  local c
  cpu_mark_at=$(date +%s%N)
  for c in $COMPONENTS; do ticks_before[$c]="$(component_ticks "$c")"; done
  read -r machine_busy_before machine_idle_before < <(machine_ticks)
  tools_seconds; tools_before="$tools_s"
}
# Stores and prints each component's CPU since cpu_mark as % of one core (200 % = the whole 2-core machine).
cpu_report() {
  local label="$1" c now hz elapsed pct line=""
  now=$(date +%s%N); hz="$(getconf CLK_TCK)"
  elapsed=$(( (now - cpu_mark_at) / 1000000 ))
  local stack_total=0 busy idle tools machine others
  for c in $COMPONENTS; do
    pct="$(calc "($(component_ticks "$c") - ${ticks_before[$c]}) * 100000 / $hz / $elapsed" 0)"
    put "$label.cpu.$c" "$pct"
    line="$line $c ${pct}%"
    stack_total=$((stack_total + pct))
  done
  read -r busy idle < <(machine_ticks)
  machine="$(calc "200 * ($busy - $machine_busy_before) / (($busy - $machine_busy_before) + ($idle - $machine_idle_before) + 0.001)" 0)"
  tools_seconds
  tools="$(calc "($tools_s - $tools_before) * 100000 / $elapsed" 0)"
  others="$(calc "$machine - $stack_total - $tools" 0)"
  line="$line = stack ${stack_total}%; bench tools ${tools}%; other processes ${others}%; machine busy ${machine}% of 200%"
  put "$label.cpu_line" "$line"
  put "$label.cpu.others" "$others"
  printf '  CPU (%% of one core, whole run incl. warm-up):%s\n' "$line"
}

# Highest stack RSS/PSS seen while the load runs, sampled every 2 s by a background loop.
rss_sampler_start() {
  (
    max_rss=0; max_pss=0
    while true; do
      read -r rss pss < <(stack_memory)
      [ "$rss" -gt "$max_rss" ] && max_rss=$rss
      [ "$pss" -gt "$max_pss" ] && max_pss=$pss
      echo "$max_rss $max_pss" > "$BENCH_HOME/rss-max"
      sleep 2
    done
  ) &
  rss_sampler_pid=$!
  started_pids+=("$rss_sampler_pid")
}

# --- tools ---

pg_bin() {
  local found
  found="$(command -v "$1" 2>/dev/null || true)"
  [ -n "$found" ] || found="$(ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$found" ] || die "$1 not found (apt-get install postgresql-client / postgresql-contrib)"
  echo "$found"
}
PSQL="$(pg_bin psql)"
PGBENCH="$(pg_bin pgbench)"

CLASSES="$BENCH_HOME/classes"
generator() { java -Xmx512m -cp "$CLASSES" LoadGenerator "$@" --client "$CLIENT" --out "$RESULTS"; }

# --- 1. the stack ---

load_at_start="$(loadavg)"
put machine.load_at_start "$load_at_start"
if awk -v l="${load_at_start%%/*}" 'BEGIN { exit !(l > 1.5) }'; then
  log "load average is $load_at_start before the bench starts: other work shares these 2 cores and lowers every figure"
fi
log "starting a throw-away stack in $BENCH_HOME (./laas up --detach ${build_flag[*]:-})"
up_started=$SECONDS
if ! "$ROOT/laas" up --detach --home "$BENCH_HOME" "${build_flag[@]}" > "$BLOGS/up.log" 2>&1 < /dev/null; then
  tail -40 "$BLOGS/up.log"
  die "the stack did not start"
fi
up_wall=$((SECONDS - up_started))
ready_services="$(sed -n 's/.*services ready \([0-9]*\)s after start.*/\1/p' "$BLOGS/up.log" | tail -1)"
build_s="$(sed -n 's/.*; build \([0-9]*\)s).*/\1/p' "$BLOGS/up.log" | tail -1)"
put stack.ready_services_s "${ready_services:-?}"
put stack.ready_total_s "$((up_wall - ${build_s:-0}))"
put stack.build_s "${build_s:-0}"
set -a; source "$BENCH_HOME/dev.env"; source "$BENCH_HOME/ports.env"; set +a
PG_PORT_NUM="$(sed -n 's#.*://[^:]*:\([0-9]*\)/.*#\1#p' <<< "$LAAS_DATABASE_URL")"
export PGPASSWORD=postgres PGOPTIONS="-c client_min_messages=warning"
sql() { "$PSQL" -h 127.0.0.1 -p "$PG_PORT_NUM" -U postgres -d "${SQL_DB:-laas}" -v ON_ERROR_STOP=1 -Atq "$@"; }
put pg.settings "$(sql -c "select 'PostgreSQL ' || current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', shared_buffers=' || current_setting('shared_buffers') || ', wal_level=' || current_setting('wal_level')")"
log "stack ready: services ${ready_services:-?} s after start, $((up_wall - ${build_s:-0})) s including Postgres and Kafka ($(get pg.settings))"

mkdir -p "$CLASSES"
javac -nowarn -d "$CLASSES" scripts/bench/LoadGenerator.java
sleep 3
read -r idle_rss idle_pss < <(stack_memory)
put stack.idle_rss_kb "$idle_rss"; put stack.idle_pss_kb "$idle_pss"

# --- 2. pgbench baseline on the same Postgres, database bench_baseline ---

log "baseline: $PGBENCH (client $("$PGBENCH" --version | awk '{print $3}')) against the stack's PostgreSQL, 32 clients"
sql -c "drop database if exists bench_baseline" -c "create database bench_baseline"
SQL_DB=bench_baseline sql -f scripts/bench/baseline-schema.sql 2>/dev/null
pgbench_run() {
  local label="$1" script="$2"; shift 2
  local out="$BLOGS/pgbench-$label.txt"
  (cd "$BENCH_HOME" && "$PGBENCH" -n -h 127.0.0.1 -p "$PG_PORT_NUM" -U postgres -c 32 -j 2 -M prepared \
     -f "$ROOT/scripts/bench/$script" "$@" bench_baseline > "$out" 2>&1) || { cat "$out"; die "pgbench $label failed"; }
  put "pgbench.$label.tps" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | awk '{printf "%.0f", $1}')"
  put "pgbench.$label.latency_avg_ms" "$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out")"
  put "pgbench.$label.failed" "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")"
  put "pgbench.$label.load_avg" "$(loadavg)"
}
pgbench_run uniform baseline-uniform.pgbench -T "$PGBENCH_S"
printf '  uniform: %s tx/s, latency avg %s ms (load average %s)\n' "$(get pgbench.uniform.tps)" \
  "$(get pgbench.uniform.latency_avg_ms)" "$(get pgbench.uniform.load_avg)"
pgbench_run hot baseline-hot.pgbench -T "$PGBENCH_S"
printf '  hot account: %s tx/s, latency avg %s ms (load average %s)\n' "$(get pgbench.hot.tps)" \
  "$(get pgbench.hot.latency_avg_ms)" "$(get pgbench.hot.load_avg)"
half_pg=$(( $(get pgbench.uniform.tps 0) / 2 ))
mkdir -p "$BENCH_HOME/pglog"
pgbench_run half baseline-uniform.pgbench -T 8 -R "$half_pg" -l --log-prefix="$BENCH_HOME/pglog/tx"
read -r pg_p50 pg_p99 < <(cat "$BENCH_HOME"/pglog/tx.* | awk '{ print $3 }' | sort -n | awk '
  { v[NR] = $1 } END { i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999); printf "%.1f %.1f\n", v[i50] / 1000, v[i99] / 1000 }')
put pgbench.half.rate "$half_pg"; put pgbench.half.p50_ms "$pg_p50"; put pgbench.half.p99_ms "$pg_p99"
printf '  at %s tx/s (half its maximum): latency p50 %s ms, p99 %s ms (from the scheduled start)\n' "$half_pg" "$pg_p50" "$pg_p99"
sql -c "drop database bench_baseline"

# --- 3. load over HTTP ---

log "creating $ACCOUNTS asset accounts acc-0000..acc-$(printf %04d $((ACCOUNTS - 1)))"
generator accounts --count "$ACCOUNTS" --workers 32
ledger_sequence() { sql -c "select last_sequence from ledgers where id = '$LAAS_LEDGER_ID'"; }
posted_events() { sql -c "select count(*) from events where ledger_id = '$LAAS_LEDGER_ID' and event_type = 'transaction.posted'"; }
events_before="$(posted_events)"

# The services have just started: until the JIT has compiled the request path, command-api burns 2-3 x the CPU per
# request it uses later (measured with scripts/bench/cpu-per-request.sh: 765 -> 303 -> 243 us per 201 over three
# consecutive 20 s runs), and a 4 s warm-up per scenario measured that cold start, not the code. Its answers count
# in the correctness check like every other scenario's.
if [ "$JIT_WARMUP_S" -gt 0 ]; then
  log "JIT warm-up: ${JIT_WARMUP_S} s of uniform load at 64 workers, not measured"
  generator closed --label jit_warmup --workers 64 --pattern uniform --accounts "$ACCOUNTS" \
    --warmup 0 --seconds "$JIT_WARMUP_S" > /dev/null
fi

JFR_SERVICES="command-api projector webhook-dispatcher"
if [ "$PROFILE" = 1 ]; then
  mkdir -p "$BLOGS/jfr"
  for svc in $JFR_SERVICES; do
    jcmd "$(cat "$BENCH_HOME/run/$svc.pid")" JFR.start name=laas-bench settings=profile \
      filename="$BLOGS/jfr/$svc.jfr" > /dev/null
  done
  log "profiling (JFR, settings=profile) $JFR_SERVICES during the load"
fi

rss_sampler_start
log "(a) posting throughput, uniform pairs, closed loop (client: $CLIENT)"
best_tps=0; best_workers=64
for w in $WORKER_COUNTS; do
  cpu_mark
  generator closed --label "uniform_w$w" --workers "$w" --pattern uniform --accounts "$ACCOUNTS" \
    --warmup "$WARMUP_S" --seconds "$MEASURE_S"
  cpu_report "uniform_w$w"
  tps="$(get "uniform_w$w.tps" 0)"
  if awk "BEGIN { exit !($tps > $best_tps) }"; then best_tps="$tps"; best_workers="$w"; fi
done
put uniform.best_workers "$best_workers"

log "(b) hot account: every transaction debits acc-0000, $best_workers workers"
cpu_mark
generator closed --label hot --workers "$best_workers" --pattern hot --accounts "$ACCOUNTS" \
  --warmup "$WARMUP_S" --seconds "$MEASURE_S"
cpu_report hot

half_rate="$(calc "$best_tps / 2" 0)"
half_workers=$(( best_workers > 64 ? best_workers : 64 ))
log "(c) latency at half the maximum: open loop at $half_rate tx/s"
cpu_mark
generator open --label half --rate "$half_rate" --workers "$half_workers" --pattern uniform --accounts "$ACCOUNTS" \
  --warmup "$WARMUP_S" --seconds "$MEASURE_S"
cpu_report half

pipeline_rate="$FIXED_RATE"
if awk "BEGIN { exit !($best_tps < $FIXED_RATE * 1.2) }"; then
  # An open loop above the maximum only measures a growing queue: measure the pipeline at half the maximum instead.
  pipeline_rate="$half_rate"
  log "$FIXED_RATE tx/s is not below this stack's maximum ($best_tps tx/s): the pipeline is measured at $pipeline_rate tx/s"
fi
put pipeline.rate_used "$pipeline_rate"
log "(d, e) pipeline at $pipeline_rate tx/s: commit -> Kafka, -> projected read model, -> webhook; then a webhook burst"
kafka_cp="$(ls infra/target/lib/kafka-clients-*.jar infra/target/lib/slf4j-api-*.jar infra/target/lib/lz4-java-*.jar \
  infra/target/lib/snappy-java-*.jar infra/target/lib/zstd-jni-*.jar | tr '\n' ':')"
rm -f "$BENCH_HOME/kafka.ready" "$BENCH_HOME/kafka.window"
java -Xmx256m -cp "$kafka_cp" scripts/bench/KafkaLatency.java --bootstrap "$LAAS_KAFKA_BOOTSTRAP" \
  --topic "$LAAS_EVENTS_TOPIC" --ready-file "$BENCH_HOME/kafka.ready" --window-file "$BENCH_HOME/kafka.window" \
  --out "$RESULTS" --label kafka --timeout-s 240 > "$BLOGS/kafka-latency.log" 2>&1 &
kafka_pid=$!
started_pids+=("$kafka_pid")
for _ in $(seq 150); do [ -f "$BENCH_HOME/kafka.ready" ] || ! kill -0 "$kafka_pid" 2>/dev/null && break; sleep 0.2; done
[ -f "$BENCH_HOME/kafka.ready" ] || { cat "$BLOGS/kafka-latency.log"; die "the Kafka latency consumer did not start"; }
cpu_mark
generator open --label pipeline --rate "$pipeline_rate" --workers 64 --pattern uniform --accounts "$ACCOUNTS" \
  --warmup "$WARMUP_S" --seconds "$MEASURE_S" --track-every 25 --webhook --burst-seconds 5 \
  --burst-workers "$best_workers" --window-file "$BENCH_HOME/kafka.window"
cpu_report pipeline
for _ in $(seq 300); do kill -0 "$kafka_pid" 2>/dev/null || break; sleep 0.2; done
grep -v '^SLF4J' "$BLOGS/kafka-latency.log" || true
stop_started
read -r peak_rss peak_pss < "$BENCH_HOME/rss-max"
put stack.peak_rss_kb "$peak_rss"; put stack.peak_pss_kb "$peak_pss"
memory_line=""
for c in $COMPONENTS; do
  roots="$(component_roots "$c")"
  [ -n "$roots" ] || continue
  read -r n r p < <(for pid in $(descendants_of $roots); do
      printf '%s %s\n' "$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)" \
        "$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
    done | awk '{ n++; r += $1; p += $2 } END { printf "%d %d %d\n", n, r, p }')
  memory_line="$memory_line $c ($n processes) RSS $((r / 1024)) MB PSS $((p / 1024)) MB;"
done
put stack.memory_line "$memory_line"
put stack.pg_connections "$(sql -c "select count(*) from pg_stat_activity where backend_type = 'client backend'")"

if [ "$PROFILE" = 1 ]; then
  for svc in $JFR_SERVICES; do
    jcmd "$(cat "$BENCH_HOME/run/$svc.pid")" JFR.stop name=laas-bench > /dev/null || true
  done
fi

# --- correctness after the load: every 201 is one event, the read model equals the write side ---

caught_up() {
  local want
  want="$(ledger_sequence)"
  for _ in $(seq 300); do
    [ "$(sql -c "select coalesce(max(last_sequence), 0) from read_model.ledger_progress where ledger_id = '$LAAS_LEDGER_ID'" 2>/dev/null)" = "$want" ] && return 0
    sleep 0.2
  done
  return 1
}
drift() {
  sql -c "select count(*) from accounts w full join read_model.accounts r on r.ledger_id = w.ledger_id and r.code = w.code
          where (w.ledger_id = '$LAAS_LEDGER_ID' or r.ledger_id = '$LAAS_LEDGER_ID') and (w.code is null or r.code is null
          or w.debits_posted <> r.debits_posted or w.credits_posted <> r.credits_posted
          or w.debits_pending <> r.debits_pending or w.credits_pending <> r.credits_pending)"
}
accepted=0
for key in $(grep -E '\.accepted_total=' "$RESULTS" | cut -d= -f1); do accepted=$((accepted + $(get "$key" 0))); done
events_after="$(posted_events)"
put check.accepted "$accepted"; put check.events "$((events_after - events_before))"
# The service's own drift check (GET /v1/health/ledger: per currency, write side = read model = sum of projected
# postings, debits = credits) and the per-account comparison of the dashboard, in SQL.
health() {
  curl -s -H "Authorization: Bearer $LAAS_API_KEY" "$LAAS_URL/v1/health/ledger" \
    | sed -n 's/.*"status" *: *"\([a-z_]*\)".*/\1/p' | head -1
}
if caught_up; then
  put check.drift "$(drift)"
  put check.health "$(health)"
else
  put check.drift "projection did not catch up within 60 s"
fi

# --- (f) rebuild of the read model from the topic ---

projector_jar="$ROOT/projector/target/projector-0.1.0-SNAPSHOT-exec.jar"
if ! unzip -l "$projector_jar" 'BOOT-INF/classes/io/laas/projector/rebuild/Rebuild.class' > /dev/null 2>&1; then
  put rebuild.note "not measured: this projector build has no rebuild (io.laas.projector.rebuild.Rebuild)"
else
  log "(f) rebuild: stopping the projector, starting it with --rebuild, timing until it caught up"
  total_events="$(sql -c "select count(*) from events")"
  target_sum="$(sql -c "select coalesce(sum(last_sequence), 0) from ledgers")"
  for f in "$BENCH_HOME/run/projector.supervisor.pid" "$BENCH_HOME/run/projector.pid"; do
    pid="$(cat "$f" 2>/dev/null || true)"
    [ -n "$pid" ] || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f "$f"
  done
  set -a; source "$BENCH_HOME/infra.env"; set +a
  rebuild_log="$BLOGS/projector-rebuild.log"
  LAAS_PROJECTOR_PORT="$PROJECTOR_PORT" java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k \
    -jar "$projector_jar" --rebuild > "$rebuild_log" 2>&1 &
  rebuild_pid=$!
  started_pids+=("$rebuild_pid")
  echo "$rebuild_pid" > "$BENCH_HOME/run/projector.pid"
  rebuild_start_ns=""; first_applied_ns=""; done_ns=""; seen_low=""; first_progress=0
  deadline=$((SECONDS + 150))
  while [ "$SECONDS" -lt "$deadline" ] && kill -0 "$rebuild_pid" 2>/dev/null; do
    if [ -z "$rebuild_start_ns" ]; then
      grep -q 'Rebuild: emptying' "$rebuild_log" && rebuild_start_ns=$(date +%s%N)
      sleep 0.05; continue
    fi
    progress="$(sql -c "select coalesce(sum(last_sequence), 0) from read_model.ledger_progress" 2>/dev/null || echo 0)"
    now_ns=$(date +%s%N)
    # Seen below the target once: the tables were emptied (the log line comes just before the truncate).
    if [ "${progress:-0}" -lt "$target_sum" ]; then seen_low=1; fi
    if [ -z "$first_applied_ns" ] && [ -n "$seen_low" ] && [ "${progress:-0}" -gt 0 ]; then
      first_applied_ns=$now_ns; first_progress=$progress
    fi
    if [ -n "$seen_low" ] && [ "${progress:-0}" -ge "$target_sum" ]; then done_ns=$now_ns; break; fi
    sleep 0.1
  done
  if [ -n "$done_ns" ]; then
    put rebuild.events "$total_events"
    put rebuild.total_s "$(calc "($done_ns - $rebuild_start_ns) / 1e9" 2)"
    put rebuild.events_per_s "$(calc "$total_events / (($done_ns - $rebuild_start_ns) / 1e9)" 0)"
    applied_s="$(calc "($done_ns - $first_applied_ns) / 1e9" 2)"
    put rebuild.applying_s "$applied_s"
    put rebuild.applying_events_per_s "$(calc "($target_sum - $first_progress) / ($applied_s > 0 ? $applied_s : 0.1)" 0)"
    put rebuild.drift "$(drift)"
    put rebuild.health "$(health)"
    put rebuild.load_avg "$(loadavg)"
  else
    tail -30 "$rebuild_log"
    put rebuild.note "not measured: the rebuilt projection did not reach sequence sum $target_sum within 150 s (see bench-logs/projector-rebuild.log)"
  fi
  stop_started
fi

# --- the table ---

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "") printf "%.2f x", a / b; else printf "-" }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "" || v == "?") { print "?"; exit }
  ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print ok ? "met" : "MISSED" }'; }
gb() { calc "$1 / 1048576" 2; }

uniform_tps="$(get "uniform_w$best_workers.tps")"
hot_tps="$(get hot.tps)"
hot_share="$(calc "100 * ${hot_tps:-0} / (${uniform_tps:-0} > 0 ? ${uniform_tps:-1} : 1)" 0)"
deliveries="$(get pipeline.deliveries_per_s)"
rebuild_rate="$(get rebuild.applying_events_per_s)"
{
  echo "LaaS benchmark, $(date -u +%Y-%m-%dT%H:%MZ) on $(hostname), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "Everything on this box: PostgreSQL, Kafka, command-api, projector, webhook-dispatcher and the load generator. Load average before the start: $(get machine.load_at_start)."
  echo "$(get pg.settings). Client: $CLIENT, $WARMUP_S s warm-up + $MEASURE_S s measured per HTTP scenario."
  echo "Baseline: $PGBENCH, naive per-request SQL (lock 2 rows FOR UPDATE, insert event, update 2 balances, commit), 32 clients, -M prepared, database bench_baseline on the same server."
  echo
  printf '%-52s | %-44s | %-16s | %-22s | %-7s | %s\n' "figure" "conditions" "measured" "target" "" "vs pgbench"
  printf '%s\n' "-----------------------------------------------------+----------------------------------------------+------------------+------------------------+---------+-----------"
  row() { printf '%-52s | %-44s | %-16s | %-22s | %-7s | %s\n' "$@"; }
  row "HTTP posting throughput, uniform" "1,000 accounts, closed loop, $best_workers workers" "${uniform_tps:-?} tx/s" ">= 10,000 tx/s" \
    "$(verdict "$uniform_tps" ">=" 10000)" "$(ratio "$uniform_tps" "$(get pgbench.uniform.tps)") ($(get pgbench.uniform.tps) tx/s)"
  row "HTTP posting throughput, hot account" "every tx debits acc-0000, $best_workers workers" "${hot_tps:-?} tx/s" ">= 50 % of uniform" \
    "$(verdict "$hot_share" ">=" 50)" "$(ratio "$hot_tps" "$(get pgbench.hot.tps)") ($(get pgbench.hot.tps) tx/s)"
  row "  hot / uniform" "" "$hot_share %" "" "" ""
  row "POST latency p99 at half the maximum" "open loop at $(get half.rate) tx/s, from due time" "$(get half.p99_ms) ms" "<= 25 ms" \
    "$(verdict "$(get half.p99_ms)" "<=" 25)" "$(ratio "$(get half.p99_ms)" "$pg_p99") (pgbench p99 $pg_p99 ms at $half_pg tx/s)"
  row "  p50 / answered" "" "$(get half.p50_ms) ms / $(get half.tps) tx/s" "" "" "pgbench p50 $pg_p50 ms"
  row "commit -> event on Kafka, p50" "open loop $pipeline_rate tx/s$( [ "$pipeline_rate" != "$FIXED_RATE" ] && echo " (1,000 > max)"), recorded_at -> consumer" "$(get kafka.p50_ms) ms" "<= 20 ms" \
    "$(verdict "$(get kafka.p50_ms)" "<=" 20)" "-"
  row "  p99 / samples" "" "$(get kafka.p99_ms) ms / $(get kafka.samples)" "" "" ""
  row "commit -> projected (GET 200), p99" "same run, 1 in 25 transactions polled" "$(get pipeline.projected_p99_ms) ms" "<= 200 ms" \
    "$(verdict "$(get pipeline.projected_p99_ms)" "<=" 200)" "-"
  row "  p50 / samples / missing" "" "$(get pipeline.projected_p50_ms) ms / $(get pipeline.projected_samples) / $(get pipeline.projected_missing)" "" "" ""
  webhook_p99="$(get pipeline.webhook_p99_ms) ms"
  webhook_verdict="$(verdict "$(get pipeline.webhook_p99_ms)" "<=" 500)"
  if [ "$(get pipeline.webhook_missing 0)" != 0 ]; then webhook_p99="> $webhook_p99"; webhook_verdict=MISSED; fi
  row "commit -> webhook received, p99" "same run, local receiver, recorded_at -> receipt" "$webhook_p99" "<= 500 ms" \
    "$webhook_verdict" "-"
  row "  p50 / delivered / missing" "" "$(get pipeline.webhook_p50_ms) ms / $(get pipeline.webhook_samples) / $(get pipeline.webhook_missing)" "" "" ""
  row "webhook deliveries/s" "5 s burst ($(get pipeline.burst_post_tps) tx/s), first->last delivery" "${deliveries:-?} /s" ">= 1,000 /s" \
    "$(verdict "$deliveries" ">=" 1000)" "-"
  if [ -n "$rebuild_rate" ]; then
    row "rebuild of all read models from the topic" "$(get rebuild.events) events, first applied -> caught up" "$rebuild_rate events/s" ">= 50,000 events/s" \
      "$(verdict "$rebuild_rate" ">=" 50000)" "-"
    row "  incl. truncate + group join" "" "$(get rebuild.events_per_s) events/s in $(get rebuild.total_s) s" "" "" ""
  else
    row "rebuild of all read models from the topic" "" "$(get rebuild.note)" ">= 50,000 events/s" "?" "-"
  fi
  row "stack ready after start" "./laas up: Postgres + Kafka + 3 services" "$(get stack.ready_total_s) s" "<= 30 s" \
    "$(verdict "$(get stack.ready_total_s)" "<=" 30)" "-"
  row "  services alone (up.sh's figure)" "" "$(get stack.ready_services_s) s" "" "" ""
  row "total RSS of the stack" "peak under load, sum of VmRSS" "$(gb "$peak_rss") GB" "<= 1.5 GB" \
    "$(verdict "$(gb "$peak_rss")" "<=" 1.5)" "-"
  row "  the same as PSS (shared pages split)" "peak under load, sum of Pss" "$(gb "$peak_pss") GB" "<= 1.5 GB" \
    "$(verdict "$(gb "$peak_pss")" "<=" 1.5)" "-"
  row "  idle, right after start: RSS / PSS" "" "$(gb "$idle_rss") / $(gb "$idle_pss") GB" "" "" ""
  echo
  echo "Correctness after the load: $(get check.accepted) transactions answered 201, $(get check.events) transaction.posted events written" \
    "($( [ "$(get check.accepted)" = "$(get check.events)" ] && echo equal || echo MISMATCH)); GET /v1/health/ledger: $(get check.health '?')," \
    "$(get check.drift) mismatched accounts$( [ -n "$rebuild_rate" ] && echo "; after the rebuild: $(get rebuild.health '?'), $(get rebuild.drift) mismatched accounts")"
  echo "Memory after the load:$(get stack.memory_line) $(get stack.pg_connections) client connections to PostgreSQL."
  echo "Unexpected answers (non-201 or errors): $(grep -E '\.unexpected=' "$RESULTS" | awk -F= '{ s += $2 } END { print s + 0 }') (details in the log above)"
  echo
  echo "Scenario details (generator CPU in % of one core over the window; CPU per component over the whole run incl. warm-up, % of one core, the machine has 200 %; load average 1/5/15 min at the end, which counts the stack's own runnable threads):"
  for label in $(for w in $WORKER_COUNTS; do echo "uniform_w$w"; done) hot half pipeline; do
    printf '  %-12s %8s tx/s  p50 %6s ms  p99 %7s ms  max %7s ms  generator %5s %%  load %s\n' "$label" "$(get "$label.tps")" \
      "$(get "$label.p50_ms")" "$(get "$label.p99_ms")" "$(get "$label.max_ms")" "$(get "$label.generator_cpu_pct")" "$(get "$label.load_avg")"
    printf '  %-12s CPU:%s\n' "" "$(get "$label.cpu_line")"
  done
  echo "  pgbench      uniform $(get pgbench.uniform.tps) tx/s (avg $(get pgbench.uniform.latency_avg_ms) ms, load $(get pgbench.uniform.load_avg)); hot $(get pgbench.hot.tps) tx/s (avg $(get pgbench.hot.latency_avg_ms) ms, load $(get pgbench.hot.load_avg))"
  echo "Whole bench: $((SECONDS - bench_started)) s."
} > "$BENCH_HOME/table.txt"
if [ "$PROFILE" = 1 ]; then
  {
    echo
    echo "Profiles (JFR during scenarios a-e; the .jfr files are kept in .laas/bench-logs/jfr/):"
    for svc in $JFR_SERVICES; do
      [ -f "$BLOGS/jfr/$svc.jfr" ] && java scripts/bench/JfrSummary.java "$BLOGS/jfr/$svc.jfr" 12
    done
  } >> "$BENCH_HOME/table.txt" 2>&1
fi
echo
cat "$BENCH_HOME/table.txt"
cp "$BENCH_HOME/table.txt" "$TABLE"
log "table written to $TABLE; raw figures in $LOGS_KEPT/results.env"

# Performance targets are goals; correctness is not: a lost or extra event, or drift, fails the bench.
if [ "$(get check.accepted)" != "$(get check.events)" ] || [ "$(get check.drift)" != 0 ] || [ "$(get check.health)" != ok ] \
   || { [ -n "$rebuild_rate" ] && { [ "$(get rebuild.drift)" != 0 ] || [ "$(get rebuild.health)" != ok ]; }; }; then
  die "correctness check failed: $(get check.accepted) answered 201, $(get check.events) events, health $(get check.health '?'), drift $(get check.drift), after the rebuild $(get rebuild.health -) / $(get rebuild.drift -)"
fi
