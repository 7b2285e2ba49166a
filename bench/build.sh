#!/usr/bin/env bash
# Benchmark of 'starttls-list build' on a synthetic repository of N domains (default 100,000),
# with, in the same run, an equivalent merge of the same files by jq as a floor.
#
#   bash bench/build.sh [N]          (needs java, mvn, jq and GNU time: apt-get install -y jq time)
#
# Prints wall time and peak RSS of each. The build includes everything 'build' does: the JVM
# start, validating every source file, merging, writing the canonical list atomically. The jq
# floor only reads each file and merges mode/mxs/policy-alias by file name (jq -n with inputs per
# chunk of files, since 100,000 names exceed the argument limit, then 'jq -s add' of the chunks
# with sorted keys); it validates nothing and writes no canonical form.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=$(mktemp -d "${TMPDIR:-/tmp}/starttls-bench-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in java jq /usr/bin/time; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing (apt-get install -y jq time)" >&2; exit 3; }
done
[ -f target/starttls-list.jar ] || mvn -q -B -DskipTests package

java bench/GenerateRepo.java "$n" "$work/repo" >/dev/null
files=$(find "$work/repo/policies" -name '*.json' | wc -l)
echo "repository: $n domains, $files source files, $(du -sh "$work/repo/policies" | cut -f1) on disk"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"

measure() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
        echo "bench: $label failed:" >&2; cat "$work/out" "$work/err" >&2; exit 1; }
    read -r wall rss <"$work/time"
    printf '%-28s wall %6.2f s   peak RSS %5d MB\n' "$label" "$wall" "$((rss / 1024))"
}

# Warm the page cache so both sides read from memory.
cat "$work/repo/policies"/*.json "$work/repo/policies/aliases"/*.json >/dev/null 2>&1 || find "$work/repo/policies" -name '*.json' -exec cat {} + >/dev/null

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (figures on a busy machine are inflated)"
for run in 1 2 3; do
    # Through the launcher, as users run it (serial collector, C1, 16 MB young generation).
    measure "build (run $run)" ./starttls-list -C "$work/repo" build \
        --now 2026-11-28T00:00:00Z --out "$work/policy-$run.json"
done
# For comparison, the JVM's defaults (G1, C2): G1 grows the heap past 1 GB because the machine
# has room, though the live data fits in far less.
measure "build, JVM defaults" java -jar target/starttls-list.jar -C "$work/repo" build \
    --now 2026-11-28T00:00:00Z --out "$work/policy-small-heap.json"
cmp -s "$work/policy-1.json" "$work/policy-small-heap.json" || { echo "bench: outputs differ" >&2; exit 1; }
cmp -s "$work/policy-1.json" "$work/policy-3.json" && echo "build output identical across runs ($(wc -c <"$work/policy-1.json") bytes)"

cat >"$work/jq-merge.sh" <<'SCRIPT'
set -euo pipefail
cd "$1/repo/policies"
merge='[inputs | {key: (input_filename | sub("^.*/"; "") | sub("\\.json$"; "")),
          value: (if has("policy-alias") then {"policy-alias": .["policy-alias"]}
                  else {mode, mxs: (.mxs | map(ascii_downcase) | unique)} end)}] | from_entries'
find aliases -name '*.json' -print0 | sort -z | xargs -0 jq -n "$merge" | jq -s -S 'add // {}' >"$1/aliases.json"
find . -maxdepth 1 -name '*.json' -print0 | sort -z | xargs -0 jq -n "$merge" | jq -s -S 'add // {}' >"$1/policies.json"
jq -n -S --slurpfile a "$1/aliases.json" --slurpfile p "$1/policies.json" \
    '{timestamp: "2026-11-28T00:00:00Z", expires: "2026-12-12T00:00:00Z", version: "0.1",
      "policy-aliases": $a[0], policies: $p[0]}' >"$1/jq-policy.json"
SCRIPT
measure "jq merge (floor)" bash "$work/jq-merge.sh" "$work"
jq -e --slurpfile built "$work/policy-1.json" '.policies == $built[0].policies and ."policy-aliases" == $built[0]."policy-aliases"' \
    "$work/jq-policy.json" >/dev/null && echo "jq floor produced the same policies and aliases as build"
echo "phases in one JVM:"
java -cp target/starttls-list.jar bench/BuildPhases.java "$work/repo" | sed 's/^/  /'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
