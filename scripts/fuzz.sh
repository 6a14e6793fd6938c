#!/usr/bin/env bash
# Fuzzes one @FuzzTest method with Jazzer for a number of minutes.
#
#   scripts/fuzz.sh <TestClass>#<method> <minutes>      e.g. scripts/fuzz.sh HttpHandlersFuzzTest#tokenRequest 10
#   scripts/fuzz.sh --list                              every fuzz test, as <TestClass>#<method>
#
# Without JAZZER_FUZZ, `mvn verify` runs each fuzz test on its committed inputs only (regression mode). This
# script sets JAZZER_FUZZ=1, so Jazzer mutates inputs for the given time, guided by coverage. An input that
# breaks the test's property is written to the test's inputs directory under src/test/resources (commit it
# with the fix: it becomes a regression test). Inputs that found new coverage go to .cifuzz-corpus/ in the
# module (not committed). Jazzer prints libFuzzer's status lines: `exec/s` is the rate, `cov` the coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--list" ]]; then
  grep -rl --include='*FuzzTest.java' '@FuzzTest' */src/test/java | while read -r file; do
    class=$(basename "$file" .java)
    grep -A2 '@FuzzTest' "$file" | grep -oE 'void [a-zA-Z0-9_]+\(' | sed -E "s/void ([a-zA-Z0-9_]+)\(/$class#\1/"
  done
  exit 0
fi

if [[ $# -ne 2 || "$1" != *#* || ! "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh <TestClass>#<method> <minutes>   (scripts/fuzz.sh --list shows the fuzz tests)" >&2
  exit 2
fi
target="$1"
class="${target%%#*}"
seconds=$(( $2 * 60 ))

file=$(grep -rl --include="$class.java" '@FuzzTest' */src/test/java | head -n 1 || true)
if [[ -z "$file" ]]; then
  echo "no fuzz test class $class (scripts/fuzz.sh --list shows them)" >&2
  exit 2
fi
module="${file%%/*}"
echo "fuzzing $target in module $module for $2 minute(s)"

# Coverage is measured on Gatehouse's own classes (jazzer.instrument; set FUZZ_INSTRUMENT to widen it, e.g. to
# 'dev.gatehouse.**:com.nimbusds.**:com.fasterxml.jackson.**').
# jazzer.internal.arg.N are Jazzer's JUnit configuration parameters for libFuzzer's command line (argument 0 is
# argv[0]); a -max_total_time given here comes after the one of @FuzzTest(maxDuration), so it wins.
JAZZER_FUZZ=1 exec mvn -B -ntp ${MAVEN_OFFLINE--o} -pl "$module" -am verify \
  -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false \
  -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
  -Djazzer.internal.arg.2=-print_final_stats=1 \
  -Djazzer.instrument="${FUZZ_INSTRUMENT:-dev.gatehouse.**}" \
  -Dsurefire.timeout=$(( seconds + 600 ))
