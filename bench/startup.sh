#!/usr/bin/env bash
# Start-up of the command line: wall and CPU time of `--version` and of `validate` of this
# repository's own list, each a new JVM, through the ./starttls-list launcher (serial collector,
# C1), and, when installed, through the Debian package's /usr/bin/starttls-list (its own runtime
# and the class-data-sharing archive its postinst makes). Goals: --version <= 0.3 s and
# validate <= 0.6 s wall on an idle 2-core machine. Not a test: figures depend on the machine,
# and on a busy one they are inflated (the script prints the load average first).
#
#   bench/startup.sh              BENCH_RUNS=11 runs per command; the median is reported
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
runs=${BENCH_RUNS:-11}
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed; apt-get install time" >&2; exit 3; }
./starttls-list --version >/dev/null   # builds the jar when needed, outside the measurement
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Median wall and CPU (user + system) seconds of the runs of one command.
measure() {
    local label=$1; shift
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S" -o /tmp/starttls-bench-time "$@" >/dev/null 2>&1 || true
        awk '{printf "%.2f %.2f\n", $1, $2 + $3}' /tmp/starttls-bench-time
    done | sort -n | awk -v label="$label" '{ wall[NR] = $1; cpu[NR] = $2 }
        END { m = int((NR + 1) / 2); printf "%-40s wall %s s  cpu %s s\n", label, wall[m], cpu[m] }'
}

measure "launcher --version" ./starttls-list --version
measure "launcher validate (this repository)" ./starttls-list -C "$here" validate
if [ -x /usr/bin/starttls-list ]; then
    measure "package --version" /usr/bin/starttls-list --version
    measure "package validate (this repository)" /usr/bin/starttls-list -C "$here" validate
fi
