#!/usr/bin/env bash
# The validate and build rows of issue #16's table for two builds of the jar, interleaved in one
# run so both see the same machine load: ajv-cli over the same sources (as bench/peers.sh runs
# it), then validate and build with each jar. Prints wall, user and system seconds and peak RSS
# of every run (GNU time), so CPU time can be compared when wall times are noisy.
#
#   bash bench/before-after.sh BEFORE.jar AFTER.jar [DOMAINS] [RUNS]    default: 100000 domains, 3 runs
#
# Needs java, node/npm (ajv-cli is installed into bench/.peers on first use, as peers.sh does),
# git and GNU time.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
before=$(realpath "$1")
after=$(realpath "$2")
domains=${3:-100000}
runs=${4:-3}
# Each jar with its own launcher's options for validate and build: BEFORE_OPTS defaults to those
# before the -Xmn16m of feat/validateperf, AFTER_OPTS to the launchers' current ones.
# STARTTLS_LIST_JAVA_OPTS, when set, is used for both (as the launchers use it for every command).
before_opts=${STARTTLS_LIST_JAVA_OPTS:-${BEFORE_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}}
after_opts=${STARTTLS_LIST_JAVA_OPTS:-${AFTER_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmn16m}}
now=2026-12-02T00:00:00Z
peers="$here/bench/.peers"
if [ ! -x "$peers/node_modules/.bin/ajv" ]; then
    mkdir -p "$peers"
    npm install --silent --no-audit --no-fund --prefix "$peers" ajv-cli@5.0.0 ajv-formats@3.0.1 >/dev/null
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/starttls-before-after.XXXXXX")
trap 'rm -rf "$work"' EXIT
java "$here/bench/GenerateRepo.java" "$domains" "$work/repo" >/dev/null
find "$work/repo/policies" -name '*.json' -exec cat {} + >/dev/null

ajv_sources() {
    cd "$work/repo"
    "$peers/node_modules/.bin/ajv" validate --spec=draft2020 -c ajv-formats --errors=line \
        -s "$here/schema/domain-source.schema.json" -d 'policies/*.json' >/dev/null
    "$peers/node_modules/.bin/ajv" validate --spec=draft2020 -c ajv-formats --errors=line \
        -s "$here/schema/alias-source.schema.json" -d 'policies/aliases/*.json' >/dev/null
}
export -f ajv_sources; export work here peers

echo "before: java $before_opts; after: java $after_opts"
printf '%-16s %7s %7s %7s %8s %s\n' what wall_s user_s sys_s peak_MB load1
one() { # name command...: one run, one line
    local name=$1; shift
    /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$@" >"$work/out" 2>&1 \
        || { echo "bench: failed: $*" >&2; cat "$work/out" >&2; exit 1; }
    read -r wall user sys rss < <(tail -1 "$work/time")
    printf '%-16s %7s %7s %7s %8d %s\n' "$name" "$wall" "$user" "$sys" $((rss / 1024)) "$(cut -d' ' -f1 /proc/loadavg)"
}
for _ in $(seq "$runs"); do
    one ajv bash -c ajv_sources
    one validate-before java $before_opts -jar "$before" -C "$work/repo" validate --now "$now"
    one validate-after java $after_opts -jar "$after" -C "$work/repo" validate --now "$now"
    one build-before java $before_opts -jar "$before" -C "$work/repo" build --now "$now" --out "$work/before.json"
    one build-after java $after_opts -jar "$after" -C "$work/repo" build --now "$now" --out "$work/after.json"
done
cmp -s "$work/before.json" "$work/after.json" && echo "build: the two jars wrote identical bytes" \
    || echo "build: the two jars wrote DIFFERENT bytes"
