#!/usr/bin/env bash
# The load benchmark of docs/performance.md: the real server jar on loopback, driven by wrk, in one run.
#
#   bench/load.sh [--size 10|10000|100000] [--duration S] [--warmup S] [--rounds N] [--connections N] [--sas on|off]
#                 [--reuse on|off] [--sse N] [--audit-sse N] [--signature-provider auto|conscrypt|jdk]
#                 [--rebuild] [--java-opts "..."]
#
# It measures, with the same connections and warm-up for each:
#   GET /health (the baseline), GET /v1/workspaces/{org} with an OAuth token and with an API key, and GET /health
#   carrying the OAuth GET's Authorization line, which /health ignores (these four in --rounds interleaved rounds
#   that share --duration),
#   POST /v1/oauth/token (form body, Basic) with --token-reuse off and on, and the same grant on a minimal
#   Spring Authorization Server (bench/sas-baseline); start-up to the first 200 on H2; server RSS and CPU
#   per token (from /proc); the in-process RS256 signing ceiling (JMH, both cores), with the server's provider
#   of signatures and with the JDK's (Spring Authorization Server signs with the JDK's). --sse N and --audit-sse N
#   add N concurrent streams on one source, and on the workspace's audit stream (bench/sse_streams.py).
# It needs java, maven, curl, jq, python3 and wrk (wrk is installed with apt-get when missing and run as root).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bootstrap/target/gatehouse.jar
BENCH_JAR=$ROOT/bench/target/benchmarks.jar
SAS_DIR=$ROOT/bench/sas-baseline
SAS_JAR=$SAS_DIR/target/sas-baseline.jar

SIZE=10
DURATION=20
ROUNDS=4
WARMUP=30
CONNECTIONS=16
THREADS=2
SAS=on
REUSE=on
SSE=0
AUDIT_SSE=0
REBUILD=0
SIGNATURE_PROVIDER=auto
# The flags of the measured server (docs/performance.md#jvm-flags): a small serial-GC heap for a 2-core box.
JAVA_OPTS=${GATEHOUSE_BENCH_JAVA_OPTS:-"-XX:+UseSerialGC -Xms64m -Xmx192m -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=64m -Xss512k"}

die() { echo "load.sh: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --size) SIZE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --sas) SAS=$2; shift 2 ;;
    --reuse) REUSE=$2; shift 2 ;;
    --sse) SSE=$2; shift 2 ;;
    --audit-sse) AUDIT_SSE=$2; shift 2 ;;
    --signature-provider) SIGNATURE_PROVIDER=$2; shift 2 ;;
    --rebuild) REBUILD=1; shift ;;
    --java-opts) JAVA_OPTS=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "unknown option $1" >&2; usage 2 ;;
  esac
done
[[ $SIZE =~ ^[0-9]+$ ]] || die "--size must be a number (10, 10000 or 100000)"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive number"
[[ $SAS == on || $SAS == off ]] || die "--sas must be on or off"
[[ $REUSE == on || $REUSE == off ]] || die "--reuse must be on or off"
[[ $SIGNATURE_PROVIDER =~ ^(auto|conscrypt|jdk)$ ]] || die "--signature-provider must be auto, conscrypt or jdk"

# ---- tools
need() { command -v "$1" >/dev/null || die "$1 is required"; }
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing wrk (apt-get install -y wrk)"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  fi
fi
for tool in wrk java mvn curl jq python3; do need "$tool"; done

# ---- builds (only what is missing, or everything with --rebuild)
cd "$ROOT"
if [[ $REBUILD == 1 || ! -f $JAR ]]; then
  echo "building the server jar"; mvn -B -ntp -q package -DskipTests
fi
if [[ $REBUILD == 1 || ! -f $BENCH_JAR ]]; then
  echo "building the benchmarks"; mvn -B -ntp -q -P bench -pl bench -am package -DskipTests
fi
if [[ $SAS == on && ( $REBUILD == 1 || ! -f $SAS_JAR ) ]]; then
  echo "building Spring Authorization Server (bench/sas-baseline)"
  (cd "$SAS_DIR" && mvn -B -ntp -q package -DskipTests) || die "the Spring Authorization Server baseline did not build"
fi

WORK=$(mktemp -d /tmp/gatehouse-load.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

CLK_TCK=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# wait_200 URL PID: polls every 10 ms until URL answers 200; prints the milliseconds waited.
wait_200() {
  local url=$1 pid=$2 start; start=$(now_ms)
  for _ in $(seq 1 6000); do
    kill -0 "$pid" 2>/dev/null || die "the server exited at start (see $WORK)"
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$url" || true) == 200 ]] && { echo $(( $(now_ms) - start )); return 0; }
    sleep 0.01
  done
  die "no 200 from $url within 60 s"
}

GH_PORT=$(free_port)
GH_BASE=http://127.0.0.1:$GH_PORT
GH_DB="jdbc:h2:file:$WORK/db/gatehouse;WRITE_DELAY=0"
GH_PID=
CDS_OPTS=
# start_gatehouse LOG [serve flags...]: starts the jar with JAVA_OPTS (and CDS_OPTS); sets GH_PID and STARTUP_MS.
# The per-client and per-IP request limits are raised: one client on one address asks for tokens as fast as
# wrk can send, which is the load being measured, not abuse (failure limits stay at their defaults).
start_gatehouse() {
  local log=$1; shift
  local t0; t0=$(now_ms)
  # shellcheck disable=SC2086
  java $JAVA_OPTS $CDS_OPTS -jar "$JAR" serve --port "$GH_PORT" --issuer "$GH_BASE" --db-url "$GH_DB" \
    --bootstrap-file "$WORK/boot.json" --signature-provider "$SIGNATURE_PROVIDER" --rate-limit-token-requests 1000000 --rate-limit-oauth-requests-per-ip 1000000 \
    "$@" >"$WORK/$log" 2>&1 &
  GH_PID=$!
  PIDS+=("$GH_PID")
  wait_200 "$GH_BASE/health" "$GH_PID" >/dev/null
  STARTUP_MS=$(( $(now_ms) - t0 ))
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ---- results
declare -a R_NAME R_RPS R_P50 R_P99 R_ERR R_CPU R_RSS
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# Every wrk run goes through wrk_once, which adds what it measured to its endpoint's running totals; finish
# then turns an endpoint's totals into one row of the table. An endpoint measured in several rounds reports
# its requests over its seconds (req/s), the server CPU of all its rounds over its requests, the median of
# its rounds' p50s, the highest of their p99s, and the highest RSS sampled in any of them.
declare -A A_REQ A_SECS A_TICKS A_ERR A_P50 A_P99 A_RSS A_RPS
# wrk_once NAME PID SECONDS URL [wrk args...]: one measured wrk run, with CPU and RSS sampled from /proc.
wrk_once() {
  local name=$1 pid=$2 secs=$3 url=$4; shift 4
  local cpu0 cpu1 peak out sampler
  cpu0=$(cpu_ticks "$pid")
  ( while kill -0 "$pid" 2>/dev/null; do rss_mb "$pid"; echo; sleep 0.5; done ) >"$WORK/rss-$name" 2>/dev/null &
  sampler=$!
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --latency "$@" "$url")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
  cpu1=$(cpu_ticks "$pid")
  peak=$(sort -n "$WORK/rss-$name" | tail -1)
  local total took p50 p99 errors
  total=$(awk '/requests in/ { print $1 }' <<<"$out")
  took=$(awk '/requests in/ { sub(/s,$/, "", $4); print $4 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
  # which kind of error, kept in the output: wrk counts answers that are not 2xx and socket errors together
  (( errors == 0 )) || echo "  $name: $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | paste -sd ';' -)" >&2
  A_REQ[$name]=$(( ${A_REQ[$name]:-0} + total ))
  A_SECS[$name]=$(awk -v a="${A_SECS[$name]:-0}" -v b="$took" 'BEGIN { print a + b }')
  A_TICKS[$name]=$(( ${A_TICKS[$name]:-0} + cpu1 - cpu0 ))
  A_ERR[$name]=$(( ${A_ERR[$name]:-0} + errors ))
  A_P50[$name]="${A_P50[$name]:-} $p50"
  A_P99[$name]=$(awk -v a="${A_P99[$name]:-0}" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
  A_RSS[$name]=$(( ${A_RSS[$name]:-0} > peak ? ${A_RSS[$name]:-0} : peak ))
  A_RPS[$name]="${A_RPS[$name]:-} $(awk -v n="$total" -v t="$took" 'BEGIN { printf "%.0f", t ? n / t : 0 }')"
}
finish() { # finish NAME: the endpoint's row of the table, from its totals
  local name=$1
  R_NAME+=("$name")
  R_RPS+=("$(awk -v n="${A_REQ[$name]}" -v t="${A_SECS[$name]}" 'BEGIN { printf "%.0f", t ? n / t : 0 }')")
  R_P50+=("$(tr ' ' '\n' <<<"${A_P50[$name]}" | awk 'NF' | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')")
  R_P99+=("$(awk -v v="${A_P99[$name]}" 'BEGIN { printf "%.2f", v }')")
  R_ERR+=("${A_ERR[$name]}")
  R_CPU+=("$(awk -v d="${A_TICKS[$name]}" -v t="$CLK_TCK" -v n="${A_REQ[$name]}" 'BEGIN { printf "%.3f", n ? d * 1000 / t / n : 0 }')")
  R_RSS+=("${A_RSS[$name]}")
}

warm_up() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$@" >/dev/null; } # warm_up [wrk args...] URL

# measure NAME PID URL [wrk args...]: a warm-up, then one measured run of DURATION seconds.
measure() {
  local name=$1 pid=$2 url=$3; shift 3
  echo "  $name: warm-up ${WARMUP}s, then ${DURATION}s" >&2
  warm_up "$@" "$url"
  wrk_once "$name" "$pid" "$DURATION" "$url" "$@"
  finish "$name"
}

# measure_gets PID: /health, /health with the token's line, the OAuth GET and the API key GET, each warmed up
# for WARMUP seconds, then measured in ROUNDS interleaved rounds of DURATION / ROUNDS seconds (the order
# reversed every other round), so that a change in the host's speed during the run falls on all four alike and
# not on one of them. /health with the token's line costs what carrying the token costs (Jetty parses the
# 930-character line) without the bearer check; the OAuth GET over it is the check's own cost.
GETS="health health-token oauth-get apikey-get"
get_args() { # get_args NAME: sets GET_URL and GET_OPTS, the URL and the wrk options of one of the GETs
  case $1 in
    health) GET_URL=$GH_BASE/health; GET_OPTS=() ;;
    health-token) GET_URL=$GH_BASE/health; GET_OPTS=(-H "Authorization: Bearer $TOKEN") ;;
    oauth-get) GET_URL=$GH_BASE/v1/workspaces/$ORG; GET_OPTS=(-H "Authorization: Bearer $TOKEN") ;;
    apikey-get) GET_URL=$GH_BASE/v1/workspaces/$ORG; GET_OPTS=(-H "Authorization: Bearer $KEY") ;;
  esac
}
measure_gets() {
  local pid=$1 name round order secs=$(( DURATION / ROUNDS > 0 ? DURATION / ROUNDS : 1 ))
  for name in $GETS; do
    echo "  $name: warm-up ${WARMUP}s" >&2
    get_args "$name"; warm_up "${GET_OPTS[@]}" "$GET_URL"
  done
  echo "  ${GETS// /, }: $ROUNDS interleaved rounds of ${secs}s each" >&2
  for (( round = 1; round <= ROUNDS; round++ )); do
    if (( round % 2 )); then order=$GETS; else order=$(tr ' ' '\n' <<<"$GETS" | tac | tr '\n' ' '); fi
    for name in $order; do
      get_args "$name"
      wrk_once "$name" "$pid" "$secs" "$GET_URL" "${GET_OPTS[@]}"
    done
  done
  for name in $GETS; do finish "$name"; done
}
result() { # result NAME FIELD: a measured value by name
  local i; for i in "${!R_NAME[@]}"; do [[ ${R_NAME[$i]} == "$1" ]] && { eval "echo \${$2[$i]}"; return; }; done; echo 0
}

echo "Gatehouse load benchmark: size $SIZE, $CONNECTIONS connections, $THREADS wrk threads, warm-up ${WARMUP}s, ${DURATION}s each"
echo "JVM flags: $JAVA_OPTS"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"

# ---- 2. first start (empty database), then seed, then a restart
# the first start also writes a class-data sharing archive (JDK 17 AppCDS) that later starts map
CDS_OPTS="-XX:ArchiveClassesAtExit=$WORK/gatehouse.jsa"
start_gatehouse first.log
FIRST_START_MS=$STARTUP_MS
ORG=$(jq -r .workspace_id "$WORK/boot.json")
KEY=$(jq -r .api_key "$WORK/boot.json")
stop_pid "$GH_PID"
if [[ $SIZE -gt 0 ]]; then
  echo "seeding $SIZE clients and $SIZE API keys (dev.gatehouse.bench.Seed, through the repositories)" >&2
  java -cp "$BENCH_JAR" dev.gatehouse.bench.Seed "$GH_DB" "$SIZE" 4 >&2
fi
CDS_OPTS=
start_gatehouse plain-restart.log --token-reuse off
RESTART_PLAIN_MS=$STARTUP_MS
stop_pid "$GH_PID"
[[ -f $WORK/gatehouse.jsa ]] && CDS_OPTS="-XX:SharedArchiveFile=$WORK/gatehouse.jsa -Xshare:auto"
start_gatehouse server.log --token-reuse off
RESTART_MS=$STARTUP_MS

# the measured client and its token, over the API
CLIENT=$(curl -sf -X POST "$GH_BASE/v1/workspaces/$ORG/oauth_clients" -H "Authorization: Bearer $KEY" \
  -H 'Content-Type: application/json' -d '{"name":"load","scopes":["workspace:read"]}')
CID=$(jq -r .data.client_id <<<"$CLIENT"); SECRET=$(jq -r .data.client_secret <<<"$CLIENT")
BASIC=$(printf '%s:%s' "$CID" "$SECRET" | base64 -w0)
TOKEN=$(curl -sf -X POST "$GH_BASE/v1/oauth/token" -H "Authorization: Basic $BASIC" \
  -d 'grant_type=client_credentials' | jq -r .access_token)
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$GH_BASE/v1/workspaces/$ORG") == 200 ]] \
  || die "the OAuth token does not open GET /v1/workspaces/$ORG"
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$GH_BASE/v1/workspaces/$ORG") == 200 ]] \
  || die "the API key does not open GET /v1/workspaces/$ORG"
cat >"$WORK/token.lua" <<EOF
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=workspace%3Aread"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $BASIC"
EOF

measure_gets "$GH_PID"
# the in-process signing ceiling, measured just before the token endpoint (the server idles meanwhile)
# (signRs256: as the server signs by default, with Conscrypt where it loads; signRs256Jdk: the JDK's provider)
echo "  JMH: RS256 signing ceiling on $(nproc) threads, the default provider and the JDK's" >&2
java -jar "$BENCH_JAR" 'TokenBenchmarks.signRs256(Jdk)?$' -t "$(nproc)" -f 1 -wi 2 -w 3s -i 3 -r 3s \
  -rf json -rff "$WORK/jmh.json" >"$WORK/jmh.log" 2>&1 || die "JMH failed: $(tail -5 "$WORK/jmh.log")"
jmh_score() { jq --arg b "$1" '.[] | select(.benchmark | endswith($b)) | .primaryMetric.score | floor' "$WORK/jmh.json"; }
JDK_CEILING=$(jmh_score .signRs256Jdk)
DEFAULT_CEILING=$(jmh_score .signRs256)
[[ -n $JDK_CEILING && -n $DEFAULT_CEILING ]] || die "JMH gave no signRs256 or signRs256Jdk score (see $WORK/jmh.log)"
if [[ $SIGNATURE_PROVIDER == jdk ]]; then SIGN_CEILING=$JDK_CEILING; else SIGN_CEILING=$DEFAULT_CEILING; fi
SIGNED_WITH=$( (grep -ho 'access tokens are signed with [^"]*' "$WORK/server.log" || true) | head -1 | sed 's/access tokens are signed with //')
measure token "$GH_PID" "$GH_BASE/v1/oauth/token" -s "$WORK/token.lua"
GH_HWM=$(hwm_mb "$GH_PID")
stop_pid "$GH_PID"

if [[ $REUSE == on ]]; then
  start_gatehouse reuse.log --token-reuse on
  measure token-reuse "$GH_PID" "$GH_BASE/v1/oauth/token" -s "$WORK/token.lua"
  GH_HWM_REUSE=$(hwm_mb "$GH_PID")
  stop_pid "$GH_PID"
fi

# ---- 3. Spring Authorization Server, same connections and warm-up
if [[ $SAS == on ]]; then
  SAS_PORT=$(free_port)
  t0=$(now_ms)
  java -jar "$SAS_JAR" --server.port="$SAS_PORT" >"$WORK/sas.log" 2>&1 &
  SAS_PID=$!; PIDS+=("$SAS_PID")
  wait_200 "http://127.0.0.1:$SAS_PORT/oauth2/jwks" "$SAS_PID" >/dev/null
  SAS_START_MS=$(( $(now_ms) - t0 ))
  cat >"$WORK/sas.lua" <<EOF
wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=workspace%3Aread"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $(printf 'bench-client:bench-secret' | base64 -w0)"
EOF
  [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -u bench-client:bench-secret \
      -d 'grant_type=client_credentials&scope=workspace%3Aread' "http://127.0.0.1:$SAS_PORT/oauth2/token") == 200 ]] \
    || die "Spring Authorization Server did not issue a token (see $WORK/sas.log)"
  measure sas-token "$SAS_PID" "http://127.0.0.1:$SAS_PORT/oauth2/token" -s "$WORK/sas.lua"
  SAS_HWM=$(hwm_mb "$SAS_PID")
  stop_pid "$SAS_PID"
fi

# ---- 4. optional: concurrent SSE streams
if [[ $SSE -gt 0 ]]; then
  # one API key opens every stream, so its per-principal cap is raised to the most the flag allows
  start_gatehouse sse.log --sse-heartbeat 5 --sse-max-streams-per-principal 10000
  SOURCE=$(curl -sf -X POST "$GH_BASE/v1/sources" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"name":"load"}' | jq -r .data.id)
  echo "opening $SSE SSE streams, then 5 events to all of them, then 30 s of heartbeats" >&2
  python3 "$ROOT/bench/sse_streams.py" "$GH_BASE/v1/sources/$SOURCE/sse" "$KEY" "$SSE" 30 5 "$GH_PID" 5 >"$WORK/sse.out" 2>&1 || true
  SSE_RESULT=$(tail -1 "$WORK/sse.out")
  stop_pid "$GH_PID"
fi
if [[ $AUDIT_SSE -gt 0 ]]; then
  # the workspace's audit stream: its events are the OAuth clients the script creates
  start_gatehouse audit-sse.log --sse-heartbeat 5 --sse-max-streams-per-principal 10000
  echo "opening $AUDIT_SSE audit streams, then 5 audited changes, then 30 s of heartbeats" >&2
  python3 "$ROOT/bench/sse_streams.py" "$GH_BASE/v1/workspaces/$ORG/audit/sse" "$KEY" "$AUDIT_SSE" 30 5 "$GH_PID" 5 \
    >"$WORK/audit-sse.out" 2>&1 || true
  AUDIT_SSE_RESULT=$(tail -1 "$WORK/audit-sse.out")
  stop_pid "$GH_PID"
fi

# ---- report
base_rps=$(result health R_RPS)
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { printf "%.*f", d, b ? a / b : 0 }'; } # ratio A B [DECIMALS]
echo
printf '%-13s %9s %9s %9s %8s %7s %11s %8s\n' what req/s p50_ms p99_ms x_health errors cpu_ms/req rss_mb
for i in "${!R_NAME[@]}"; do
  printf '%-13s %9s %9s %9s %8s %7s %11s %8s\n' "${R_NAME[$i]}" "${R_RPS[$i]}" "${R_P50[$i]}" "${R_P99[$i]}" \
    "$(ratio "${R_RPS[$i]}" "$base_rps" 3)" "${R_ERR[$i]}" "${R_CPU[$i]}" "${R_RSS[$i]}"
done
echo
rounds_line() { # rounds_line NAME: the endpoint's req/s in each round, and its ratio to /health's in the same round
  local -a mine base; read -ra mine <<<"${A_RPS[$1]}"; read -ra base <<<"${A_RPS[health]}"
  local i out=""
  for i in "${!mine[@]}"; do out+=" ${mine[$i]} ($(ratio "${mine[$i]}" "${base[$i]}"))"; done
  echo "$out"
}
echo "GET rounds, req/s (÷ /health in the same round):"
for name in $GETS; do printf '  %-13s%s\n' "$name" "$(rounds_line "$name")"; done
echo "OAuth GET ÷ /health carrying the same Authorization line (the bearer check and routing, apart from carrying the token): $(ratio "$(result oauth-get R_RPS)" "$(result health-token R_RPS)" 3)"
token_rps=$(result token R_RPS)
echo "size: $SIZE clients and $SIZE API keys seeded"
echo "signatures: --signature-provider $SIGNATURE_PROVIDER, the server signed with ${SIGNED_WITH:-(not logged)}"
echo "JMH RS256 signing ceiling ($(nproc) threads): $SIGN_CEILING signatures/s with the server's provider; default provider $DEFAULT_CEILING/s, JDK's $JDK_CEILING/s ($(ratio "$DEFAULT_CEILING" "$JDK_CEILING") ×)"
echo "token endpoint / signing ceiling: $(ratio "$token_rps" "$SIGN_CEILING" 3)"
echo "server CPU per token (reuse off): $(result token R_CPU) ms"
echo "start-up to first 200 on H2: first start $FIRST_START_MS ms (empty database: migrations, RSA key, workspace), restart $RESTART_PLAIN_MS ms, restart with the CDS archive $RESTART_MS ms"
echo "Gatehouse peak RSS (VmHWM): $GH_HWM MB${GH_HWM_REUSE:+, with reuse on $GH_HWM_REUSE MB}"
if [[ $REUSE == on ]]; then
  echo "token reuse on / off: $(ratio "$(result token-reuse R_RPS)" "$token_rps")"
fi
if [[ $SAS == on ]]; then
  sas_rps=$(result sas-token R_RPS)
  echo "Spring Authorization Server: start-up $SAS_START_MS ms, peak RSS (VmHWM) $SAS_HWM MB"
  echo "Gatehouse / SAS tokens/s, fresh signature each: $(ratio "$token_rps" "$sas_rps")"
  [[ $REUSE == on ]] && echo "Gatehouse / SAS tokens/s, Gatehouse reuse on: $(ratio "$(result token-reuse R_RPS)" "$sas_rps")"
  echo "SAS token endpoint / JDK signing ceiling (SAS signs with the JDK's provider): $(ratio "$sas_rps" "$JDK_CEILING")"
fi
[[ $SSE -gt 0 ]] && echo "SSE: $SSE_RESULT"
[[ $AUDIT_SSE -gt 0 ]] && echo "audit SSE: $AUDIT_SSE_RESULT"
exit 0
