#!/usr/bin/env bash
# scripts/bench/cpu-per-request.sh HOME [WORKERS] [SECONDS] [PATTERN]
# command-api's CPU per accepted POST /v1/transactions on a running stack (./laas up --detach --home HOME, accounts
# acc-0000..acc-0999 opened with `LoadGenerator accounts --count 1000`). Runs a 5 s closed-loop warm-up, then a
# closed loop of SECONDS (default 20) with WORKERS (default 64), and divides the CPU time command-api used meanwhile
# (utime+stime of /proc/<pid>/task/*/stat) by the number of 201 answers of that run. The total is split by thread
# name: Tomcat request threads (http-nio-*), ledger lanes (ledger-lane-*), the rest (relay, Kafka, GC, JIT...).
# Also PostgreSQL's CPU over the same run (the postmaster of HOME/data/postgres and its server processes).
# Prints one line: us_per_201 total / tomcat / lanes / other, PostgreSQL, and tx/s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="$1"; WORKERS="${2:-64}"; SECONDS_RUN="${3:-20}"; PATTERN="${4:-uniform}"
CLASSES="${CLASSES:-$HOME_DIR/bench-classes}"
mkdir -p "$CLASSES"
[ -f "$CLASSES/LoadGenerator.class" ] || javac -nowarn -d "$CLASSES" "$ROOT/scripts/bench/LoadGenerator.java"
set -a; source "$HOME_DIR/dev.env"; set +a
pid="$(cat "$HOME_DIR/run/command-api.pid")"

# ticks per thread group: "tomcat lanes other"
ticks() {
  local t=0 l=0 o=0 f name rest u s
  for f in /proc/"$pid"/task/*/stat; do
    read -r line < "$f" 2>/dev/null || continue
    name="${line#*(}"; name="${name%%)*}"
    rest="${line##*) }"
    # fields after the name: state(3) ... utime is field 14, stime 15 -> index 11, 12 of rest (0-based)
    set -- $rest
    u="${12}"; s="${13}"
    case "$name" in
      http-nio-*) t=$((t + u + s)) ;;
      ledger-lane-*) l=$((l + u + s)) ;;
      *) o=$((o + u + s)) ;;
    esac
  done
  # threads that ended since the last sample are lost from the split; the process total keeps them
  set -- $(cat /proc/"$pid"/stat | sed 's/.*) //')
  echo "$t $l $o $((${12} + ${13}))"
}

postmaster="$(head -1 "$HOME_DIR/data/postgres/postmaster.pid" 2>/dev/null || echo 0)"
# CPU ticks of the postmaster and its children (backends that ended during the run are lost; pooled ones stay)
pg_ticks() {
  local sum=0 f line rest
  for f in /proc/[0-9]*/stat; do
    read -r line < "$f" 2>/dev/null || continue
    rest="${line##*) }"
    set -- $rest
    if [ "$2" = "$postmaster" ] || [ "${f//[^0-9]/}" = "$postmaster" ]; then sum=$((sum + ${12} + ${13})); fi
  done
  echo "$sum"
}

gen() { java -Xmx256m -XX:+UseSerialGC -cp "$CLASSES" LoadGenerator closed --workers "$WORKERS" --pattern "$PATTERN" \
  --accounts 1000 --client raw --label cpu "$@"; }
gen --warmup 0 --seconds 5 --out /dev/null > /dev/null
out="$(mktemp)"
read -r t0 l0 o0 p0 < <(ticks); g0="$(pg_ticks)"
gen --warmup 0 --seconds "$SECONDS_RUN" --out "$out" > /dev/null
read -r t1 l1 o1 p1 < <(ticks); g1="$(pg_ticks)"
hz="$(getconf CLK_TCK)"
accepted="$(sed -n 's/^cpu\.accepted_total=//p' "$out")"
tps="$(sed -n 's/^cpu\.tps=//p' "$out")"
unexpected="$(sed -n 's/^cpu\.unexpected=//p' "$out")"
rm -f "$out"
awk -v a="$accepted" -v hz="$hz" -v t=$((t1 - t0)) -v l=$((l1 - l0)) -v o=$((o1 - o0)) -v p=$((p1 - p0)) -v g=$((g1 - g0)) \
  -v tps="$tps" -v u="$unexpected" -v w="$WORKERS" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  f = 1e6 / hz / a
  printf "us_per_201 total %.0f | tomcat %.0f | lanes %.0f | other %.0f | postgres %.0f | %s tx/s | %d accepted, %s unexpected, %d workers | load %s\n",
    p * f, t * f, l * f, (p - t - l) * f, g * f, tps, a, u, w, load
}'
