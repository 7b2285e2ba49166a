#!/usr/bin/env bash
# Start-up of the command line: wall and CPU time of `--version` and of `validate` of this
# repository's own list, each a new JVM, through the ./starttls-list launcher (serial collector,
# C1, and the class-data-sharing archive it makes in target/), beside a bare `java -version` with
# the same JVM options (the peer of #16: goal <= 2.5x), the same launcher without the archive
# (STARTTLS_LIST_CDS=off), and, when given, an older jar run the old way (BEFORE_JAR, e.g. main's
# build) for a before/after in one run. The commands take turns, run after run, so a busy machine
# slows them alike. When installed, the Debian package's /usr/bin/starttls-list is measured too.
# Goals: --version <= 0.3 s and validate <= 0.6 s wall on an idle 2-core machine. Not a test:
# figures depend on the machine (the script prints the load average before and after).
#
#   bench/startup.sh                        BENCH_RUNS=11 runs per command; the median is reported
#   BEFORE_JAR=/path/to/old.jar bench/startup.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
runs=${BENCH_RUNS:-11}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed; apt-get install time" >&2; exit 3; }
./starttls-list --version >/dev/null   # builds the jar and the archive when needed, outside the measurement
jvm="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

labels=()
commands=()
add() { labels+=("$1"); shift; commands+=("$*"); }
add "java -version (same options)" java $jvm -version
add "launcher --version" ./starttls-list --version
add "launcher --version, no CDS archive" env STARTTLS_LIST_CDS=off ./starttls-list --version
add "java -jar target/starttls-list.jar --version" java $jvm -jar target/starttls-list.jar --version
if [ -n "${BEFORE_JAR:-}" ]; then
    add "before: java -jar BEFORE_JAR --version" java $jvm -jar "$BEFORE_JAR" --version
fi
add "launcher validate (this repository)" ./starttls-list -C "$here" validate
add "launcher validate, no CDS archive" env STARTTLS_LIST_CDS=off ./starttls-list -C "$here" validate
if [ -n "${BEFORE_JAR:-}" ]; then
    add "before: java -jar BEFORE_JAR validate" java $jvm -jar "$BEFORE_JAR" -C "$here" validate
fi
if [ -x /usr/bin/starttls-list ]; then
    add "package --version" /usr/bin/starttls-list --version
    add "package validate (this repository)" /usr/bin/starttls-list -C "$here" validate
fi

results=$(mktemp)
trap 'rm -f "$results" /tmp/starttls-bench-time' EXIT
for _ in $(seq "$runs"); do
    for i in "${!commands[@]}"; do
        # shellcheck disable=SC2086
        /usr/bin/time -f "%e %U %S" -o /tmp/starttls-bench-time ${commands[$i]} >/dev/null 2>&1 || true
        awk -v i="$i" '{printf "%d %.2f %.2f\n", i, $1, $2 + $3}' /tmp/starttls-bench-time >>"$results"
    done
done
for i in "${!commands[@]}"; do
    awk -v i="$i" '$1 == i { print $2, $3 }' "$results" | sort -n | awk -v label="${labels[$i]}" \
        '{ wall[NR] = $1; cpu[NR] = $2 } END { m = int((NR + 1) / 2); printf "%-44s wall %s s  cpu %s s\n", label, wall[m], cpu[m] }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
