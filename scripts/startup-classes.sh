#!/usr/bin/env bash
# Writes the list of classes that `serve` loads ahead of its start (bootstrap's StartupWarmUp):
#
#   scripts/startup-classes.sh [--rebuild]
#
# It starts the server jar once on a new H2 file database (a folder under /tmp), stops it, then restarts it
# with the JVM's class loading log on stderr and the list switched off (an empty list first on the class path),
# and keeps, in the order they were loaded, the classes read from the jar or from the JDK's modules (not those
# of the JDK's class-data archive, nor generated ones) between the start of `serve` and the server's first
# answer to GET /health. Run it after a change of dependencies or of the start-up path, rebuild the jar and
# commit the list. It needs java, maven, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=bootstrap/target/gatehouse.jar
LIST=bootstrap/src/main/resources/dev/gatehouse/bootstrap/startup-classes.txt

if [[ "${1:-}" == "--rebuild" || ! -f $JAR ]]; then
  mvn -B -ntp -q -pl bootstrap -am package -DskipTests
fi

WORK=$(mktemp -d /tmp/gatehouse-classes.XXXXXX)
PID=
cleanup() {
  [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$WORK/empty/dev/gatehouse/bootstrap"
: >"$WORK/empty/dev/gatehouse/bootstrap/startup-classes.txt"

# serve LOG [java options...]: runs the server until its first 200 on /health, then stops it.
serve() {
  local log=$1; shift
  java "$@" -cp "$WORK/empty:$JAR" dev.gatehouse.bootstrap.Main serve --port "$PORT" \
    --db-url "jdbc:h2:file:$WORK/db/gatehouse;WRITE_DELAY=0" --bootstrap-file "$WORK/boot.json" >/dev/null 2>"$WORK/$log" &
  PID=$!
  for _ in $(seq 1 3000); do
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/$log" >&2; echo "startup-classes.sh: the server exited" >&2; exit 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true) == 200 ]] && break
    sleep 0.02
  done
  kill "$PID"; wait "$PID" 2>/dev/null || true
  PID=
}

serve first.log
serve restart.log -Xlog:class+load=info:stderr:none

python3 - "$WORK/restart.log" "$LIST" <<'EOF'
import sys
names, started, seen = [], False, set()
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if "path=/health" in line:
        break
    name, _, source = line.partition(" source: ")
    if not source:
        continue
    if name == "dev.gatehouse.bootstrap.StartupWarmUp":
        started = True
        continue
    if started and (source.startswith("file:") or source.startswith("jrt:")) and name not in seen:
        seen.add(name)
        names.append(name)
if not started or not names:
    sys.exit("startup-classes.sh: no classes found in the class loading log")
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("# The classes `serve` loads ahead of its start (StartupWarmUp), in the order a restart on H2 first loaded them.\n")
    out.write("# Written by scripts/startup-classes.sh; regenerate it after a change of dependencies or of the start-up path.\n")
    out.write("\n".join(names) + "\n")
print(f"{len(names)} classes written to {sys.argv[2]}")
EOF
