#!/usr/bin/env bash
# Start-up to the first 200, timed again and again (docs/performance.md#start-up).
#
#   bench/startup.sh [--runs N] [--size N] [--sas on|off] [--java-opts "..."]
#
# Makes an H2 database with a first start (and a class-data sharing archive), optionally seeds --size clients
# and API keys, then restarts the server jar N times (default 7) on that database, plainly and with the CDS
# archive in turn, timing each from the launch to the first 200 from GET /health. As yardsticks for the
# machine's speed at that moment, it times in the same turns `java -jar gatehouse.jar --version` (a JVM
# start that loads the jar and exits) and, with --sas on (the default), Spring Authorization Server's start
# to its first 200 (bench/sas-baseline, JVM defaults). Prints the median, min and max, and median ratios.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bootstrap/target/gatehouse.jar
BENCH_JAR=$ROOT/bench/target/benchmarks.jar
RUNS=7
SIZE=0
SAS=on
SAS_JAR=$ROOT/bench/sas-baseline/target/sas-baseline.jar
JAVA_OPTS=${GATEHOUSE_BENCH_JAVA_OPTS:-"-XX:+UseSerialGC -Xms64m -Xmx192m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k"}

die() { echo "startup.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --sas) SAS=$2; shift 2 ;;
    --java-opts) JAVA_OPTS=$2; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1" ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"
[[ $SIZE =~ ^[0-9]+$ ]] || die "--size must be a number"
[[ $SAS == on || $SAS == off ]] || die "--sas must be on or off"
for tool in java curl python3; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ -f $JAR ]] || (cd "$ROOT" && mvn -B -ntp -q package -DskipTests)
if [[ $SIZE -gt 0 && ! -f $BENCH_JAR ]]; then
  (cd "$ROOT" && mvn -B -ntp -q -P bench -pl bench -am package -DskipTests)
fi
if [[ $SAS == on && ! -f $SAS_JAR ]]; then
  (cd "$ROOT/bench/sas-baseline" && mvn -B -ntp -q package -DskipTests) || die "the Spring Authorization Server baseline did not build"
fi

WORK=$(mktemp -d /tmp/gatehouse-startup.XXXXXX)
PID=
cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DB="jdbc:h2:file:$WORK/db/gatehouse;WRITE_DELAY=0"
now_ms() { date +%s%3N; }

# until_200 NAME URL LOG COMMAND...: launches COMMAND, waits for the first 200 from URL, prints the milliseconds
# from the launch, stops it
until_200() {
  local name=$1 url=$2 log=$3 t0; shift 3
  t0=$(now_ms)
  "$@" >>"$WORK/$log" 2>&1 &
  PID=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]]; do
    kill -0 "$PID" 2>/dev/null || die "$name exited at start (see $WORK/$log)"
    sleep 0.005
  done
  echo $(( $(now_ms) - t0 ))
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}
# start [extra JVM flags...]: a Gatehouse start on the database
start() {
  # shellcheck disable=SC2086
  until_200 "the server" "http://127.0.0.1:$PORT/health" server.log java $JAVA_OPTS "$@" -jar "$JAR" serve --port "$PORT" \
    --issuer "http://127.0.0.1:$PORT" --db-url "$DB" --bootstrap-file "$WORK/boot.json"
}
sas() {
  until_200 "Spring Authorization Server" "http://127.0.0.1:$PORT/oauth2/jwks" sas.log java -jar "$SAS_JAR" --server.port="$PORT"
}
version() {
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" --version >/dev/null
  echo $(( $(now_ms) - t0 ))
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "JVM flags: $JAVA_OPTS"
first=$(start -XX:ArchiveClassesAtExit="$WORK/gatehouse.jsa")
if [[ $SIZE -gt 0 ]]; then
  java -cp "$BENCH_JAR" dev.gatehouse.bench.Seed "$DB" "$SIZE" 4 >/dev/null
fi
start >/dev/null # the first restart after seeding is not counted
plain=(); cds=(); ver=(); spring=()
for _ in $(seq 1 "$RUNS"); do
  ver+=("$(version)")
  [[ $SAS == on ]] && spring+=("$(sas)")
  plain+=("$(start)")
  cds+=("$(start -XX:SharedArchiveFile="$WORK/gatehouse.jsa" -Xshare:auto)")
done
stats() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { printf "median %d ms (min %d, max %d)", a[int((NR + 1) / 2)], a[1], a[NR] }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "first start (empty database, writes the CDS archive): $first ms"
echo "size: $SIZE clients and $SIZE API keys seeded; $RUNS runs of each, in turn"
echo "java -jar gatehouse.jar --version: $(stats "${ver[@]}")"
echo "restart to first 200:             $(stats "${plain[@]}")"
echo "restart with the CDS archive:     $(stats "${cds[@]}")"
awk -v p="$(median "${plain[@]}")" -v c="$(median "${cds[@]}")" -v v="$(median "${ver[@]}")" \
  'BEGIN { printf "restart / --version: %.2f, with the CDS archive %.2f\n", p / v, c / v }'
if [[ $SAS == on ]]; then
  echo "Spring Authorization Server start:  $(stats "${spring[@]}")"
  awk -v p="$(median "${plain[@]}")" -v c="$(median "${cds[@]}")" -v s="$(median "${spring[@]}")" \
    'BEGIN { printf "Gatehouse restart / SAS start: %.2f, with the CDS archive %.2f\n", p / s, c / s }'
fi
