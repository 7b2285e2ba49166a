#!/usr/bin/env bash
# Benchmark of `starttls-list validate`: wall time and peak resident memory of a full validate and
# of `--changed-since` with 10 changed files, on generated repositories of 1,000 / 10,000 / 100,000
# domains (bench/GenerateRepo.java, deterministic). Not a test: figures depend on the machine.
#
#   bench/validate.sh [SIZES...]        default: 1000 10000 100000
#   BENCH_DIR=/tmp/starttls-bench       where the generated repositories are kept (reused)
#   BENCH_RUNS=3                        runs per measurement; the median is reported
#
# Needs GNU time (/usr/bin/time; Debian: apt-get install time) for peak memory, and git (the
# benchmark's own repositories only; starttls-list itself reads them with JGit).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
bench_dir=${BENCH_DIR:-/tmp/starttls-bench}
runs=${BENCH_RUNS:-3}
now=2026-11-28T00:00:00Z
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time (GNU time) is needed for peak memory; apt-get install time" >&2; exit 3; }
[ -f target/starttls-list.jar ] || mvn -B -q -DskipTests package
mkdir -p "$bench_dir"

git_bench() { git -c user.name=bench -c user.email=bench@example.org -c commit.gpgsign=false "$@"; }

# The median (by wall time) of the runs' "wall-seconds peak-KB user-seconds system-seconds" lines.
measure() {
    local out=() line
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$bench_dir/time.out" -f "%e %M %U %S" ./starttls-list "$@" >/dev/null 2>&1 || true
        out+=("$(tail -1 "$bench_dir/time.out")")
    done
    printf '%s\n' "${out[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

classes() { # JGit / BouncyCastle classes a run loads
    java -XX:+UseSerialGC -verbose:class -jar target/starttls-list.jar "$@" 2>/dev/null \
        | grep -cE 'org\.(eclipse\.jgit|bouncycastle)\.' || true
}

echo "| domains | full: wall s | full: CPU s | full: peak MB | changed-since (10 files): wall s | CPU s | peak MB | JGit/BC classes loaded (full / changed-since) |"
echo "|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
    repo="$bench_dir/repo-$n"
    if [ ! -d "$repo/.git" ]; then
        rm -rf "$repo"
        java bench/GenerateRepo.java "$n" "$repo" >/dev/null
        git_bench -C "$repo" init -q -b main
        git_bench -C "$repo" add -A
        git_bench -C "$repo" commit -q -m "generated $n domains"
    fi
    git_bench -C "$repo" checkout -q -- . && git_bench -C "$repo" clean -qfd
    # 10 changes against main: 8 domains edited in place, 2 new (untracked) domains.
    mapfile -t files < <(find "$repo/policies" -maxdepth 1 -name "*.json" -printf "%f\n" | sort)
    for f in "${files[@]:0:8}"; do
        printf '{\n  "contact": "postmaster@example.org",\n  "mode": "enforce",\n  "mxs": ["mx9.example.org"]\n}\n' > "$repo/policies/$f"
    done
    for i in 1 2; do
        printf '{\n  "contact": "postmaster@new-%s.example",\n  "mode": "testing",\n  "mxs": ["mx.new-%s.example"]\n}\n' "$i" "$i" \
            > "$repo/policies/new-$i.example.json"
    done
    full=$(measure -C "$repo" validate --now "$now")
    changed=$(measure -C "$repo" validate --now "$now" --changed-since main)
    full_classes=$(classes -C "$repo" validate --now "$now")
    changed_classes=$(classes -C "$repo" validate --now "$now" --changed-since main)
    read -r ft fm fu fs <<<"$full"
    read -r ct cm cu cs <<<"$changed"
    fc=$(awk "BEGIN {print $fu + $fs}")
    cc=$(awk "BEGIN {print $cu + $cs}")
    echo "| $n | $ft | $fc | $((fm / 1024)) | $ct | $cc | $((cm / 1024)) | $full_classes / $changed_classes |"
    git_bench -C "$repo" checkout -q -- . && git_bench -C "$repo" clean -qfd
done
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
