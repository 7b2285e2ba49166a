#!/usr/bin/env bash
# Every hot path beside the peer a maintainer or mirror would otherwise reach for, in one run, as
# ratios (issue #16's table). Each figure is the median wall time of RUNS runs, JVM start included;
# the runs of a row take turns (ours, the peer, ours, ...), and start once the machine is idle.
#
#   bash bench/peers.sh [DOMAINS] [RUNS]      default: 100000 domains, 3 runs
#   BENCH_ONLY=sign bash bench/peers.sh ...   only the rows named (comma-separated: validate,
#                                             build, sign, verify, version)
#
# Peers:
#   validate  ajv-cli (JSON Schema only) over the same source files, against the same schemas
#   build     our own validate of the same repository (build = validate + merge + write), in
#             turns with build in a row of its own
#   sign      gpg --detach-sign, same Ed25519 key, agent warm (the agent caches the unlocked key,
#             so gpg skips the S2K that we pay on every run), and again with the agent's cache off
#             (default-cache-ttl 0 / max-cache-ttl 0: gpg unlocks its key every run, as we do)
#   verify    gpgv + ajv-cli on the published-list schema (what an operator could script)
#   --version bare java -version with the launcher's JVM options
#
# Needs java, mvn, node/npm (ajv-cli is installed into bench/.peers on first use from the npm
# registry), gpg, gpgv, bc and GNU time. Figures on a busy machine are inflated: the idle share and
# load average at the start are printed with them, and the ratios are what count.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
domains=${1:-100000}
runs=${2:-3}
jar="$here/target/starttls-list.jar"
# Ours runs through the launcher, as users run it: its JVM options for each command and its
# class-data-sharing archive (made by the --version call below when the jar is new).
ours="$here/starttls-list"
# The peer row for --version: a bare JVM with the launcher's default options.
jvm_opts=${STARTTLS_LIST_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}
for tool in java node npm gpg gpgv /usr/bin/time bc; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing" >&2; exit 3; }
done
# The launcher rebuilds the jar when any source is newer (a stale jar would measure old code) and
# makes the archive; neither is timed.
"$ours" --version >/dev/null

peers="$here/bench/.peers"
if [ ! -x "$peers/node_modules/.bin/ajv" ]; then
    mkdir -p "$peers"
    npm install --silent --no-audit --no-fund --prefix "$peers" ajv-cli@5.0.0 ajv-formats@3.0.1 >/dev/null
fi
ajv="$peers/node_modules/.bin/ajv"

work=$(mktemp -d "${TMPDIR:-/tmp}/starttls-peers.XXXXXX")
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
cleanup() {
    gpgconf --homedir "$GNUPGHOME" --kill all 2>/dev/null || true
    gpgconf --homedir "$work/gnupg-cold" --kill all 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
only=${BENCH_ONLY:-validate,build,sign,verify,version}
want() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Side by side: a round not timed, then RUNS rounds, each running every command once in turn, so
# that whatever else the machine does at the time weighs on ours and the peer alike. Each argument
# is a function to run; prints the median wall seconds of each, in order, space-separated.
side_by_side() {
    local fn
    for fn in "$@"; do : > "$work/times.$fn"; done
    # The round not timed: whatever the first of them would pay alone (files the page cache
    # dropped since the set-up, a cold gpg-agent) is paid before timing starts. This VM's kernel
    # reclaims cold page cache within seconds (DAMON), so the set-up's warming may be gone.
    for fn in "$@"; do run_or_fail "$fn"; done
    for _ in $(seq "$runs"); do
        for fn in "$@"; do
            run_or_fail "$fn" /usr/bin/time -f "%e" -o "$work/time.one"
            cat "$work/time.one" >> "$work/times.$fn"
        done
    done
    for fn in "$@"; do median < "$work/times.$fn"; done | paste -sd' '
}
run_or_fail() { # $1: the function to run; the rest: what to run it under (e.g. GNU time)
    local fn=$1
    shift
    "$@" bash -c "$fn" >"$work/out" 2>&1 || { echo "bench: failed: $fn" >&2; cat "$work/out" >&2; exit 1; }
}
# The issue's table is measured on an idle machine: wait (up to two minutes) until the last two
# seconds were at least 90% idle, so that the set-up above (building the jar, generating and
# committing the repository) has settled. Prints the idle share measured last.
wait_idle() {
    local waited=0 idle
    while :; do
        idle=$(idle_share)
        if [ "$(echo "$idle >= 0.90" | bc -l)" = 1 ] || [ "$waited" -ge 120 ]; then
            echo "$idle"
            return
        fi
        waited=$((waited + 2))
    done
}
idle_share() { # the share of CPU time idle over the next two seconds, from /proc/stat
    local a b
    a=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
    sleep 2
    b=$(awk '/^cpu /{print $5 + $6, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
    echo "$a $b" | awk '{printf "%.2f", ($3 - $1) / ($4 - $2)}'
}

java "$here/bench/GenerateRepo.java" "$domains" "$work/repo" >/dev/null
( cd "$work/repo" && git init -q && git add -A && git -c user.name=b -c user.email=b@example.org commit -qm bench )
# Warm the page cache for both sides.
find "$work/repo/policies" -name '*.json' -exec cat {} + >/dev/null

# ajv over the sources: the domain schema for policies/*.json, the alias schema for aliases/.
# ajv expands the quoted globs itself (100,000 names would exceed the argument limit).
ajv_sources() {
    cd "$work/repo"
    "$ajv" validate --spec=draft2020 -c ajv-formats --errors=line \
        -s "$here/schema/domain-source.schema.json" -d 'policies/*.json' >/dev/null
    "$ajv" validate --spec=draft2020 -c ajv-formats --errors=line \
        -s "$here/schema/alias-source.schema.json" -d 'policies/aliases/*.json' >/dev/null
}
export -f ajv_sources; export work here ajv

# Set-up, not timed: the list the sign and verify rows use, a key, and GnuPG homes with it.
"$ours" -C "$work/repo" build --now "$now" --out "$work/policy.json" >/dev/null
cd "$work"
printf 'bench passphrase\n' > pass
"$ours" keygen --uid "Bench <bench@example.org>" --out keys --passphrase-file pass --now "$now" > keygen.out
fpr=$(sed -n 's/^fingerprint: //p' keygen.out)
gpg --batch --pinentry-mode loopback --passphrase-file pass --import keys/secret-key.asc 2>/dev/null
gpg --dearmor < keys/public-key.asc > key.gpg
# A second GnuPG home with the same key whose agent forgets the passphrase at once.
cold="$work/gnupg-cold"
mkdir -m 700 "$cold"
printf 'default-cache-ttl 0\nmax-cache-ttl 0\n' > "$cold/gpg-agent.conf"
gpg --homedir "$cold" --batch --pinentry-mode loopback --passphrase-file pass --import keys/secret-key.asc 2>/dev/null

# What is timed, each as a function (run through bash -c, ours and peers alike).
validate_ours() { "$ours" -C "$work/repo" validate --now "$now"; }
build_ours() { "$ours" -C "$work/repo" build --now "$now" --out "$work/policy.built.json"; }
sign_ours() { # a fresh signature each time, whatever sign's policy on replacing one
    rm -f "$work/policy.json.asc"
    "$ours" sign "$work/policy.json" --key "$work/keys/secret-key.asc" --passphrase-file "$work/pass"
}
sign_gpg() { # $1: the GnuPG home
    cd "$work"
    gpg --homedir "$1" --batch --yes --pinentry-mode loopback --passphrase-file pass --local-user "$fpr" \
        --digest-algo SHA512 --armor --detach-sign --output policy.json.gpg.asc policy.json
}
sign_gpg_warm() { sign_gpg "$GNUPGHOME"; }
sign_gpg_cold() { sign_gpg "$cold"; }
verify_ours() { "$ours" verify "$work/policy.json" --keys "$work/keys/public-key.asc" --max-list-bytes 67108864; }
verify_peer() {
    cd "$work"
    gpgv --keyring ./key.gpg policy.json.asc policy.json 2>/dev/null
    "$ajv" validate --spec=draft2020 -c ajv-formats -s "$here/schema/policy-list.schema.json" -d policy.json >/dev/null
}
version_ours() { "$ours" --version; }
# shellcheck disable=SC2086
version_peer() { java $jvm_opts -version; }
export -f validate_ours build_ours sign_ours sign_gpg sign_gpg_warm sign_gpg_cold verify_ours verify_peer \
    version_ours version_peer
export ours now fpr cold GNUPGHOME jvm_opts

# The set-up wrote 100,000 source files, as many git objects and the list: write them back now.
# Left dirty, they are written back during the timed runs, and a command that syncs a file of its
# own (build does, before its rename) waits for the file system's journal, and so for them.
sync
idle=$(wait_idle)
load=$(cut -d' ' -f1-3 /proc/loadavg)
# Each row takes turns between its own two commands only. (The build row used to borrow the
# validate row's figure, so build always ran just after ajv-cli, a 4-second node process, and
# validate just after build: the two were never measured under the same conditions.)
if want validate; then
    times=$(side_by_side validate_ours ajv_sources)
    read -r v_ours v_peer <<<"$times"
fi
if want build; then
    times=$(side_by_side build_ours validate_ours)
    read -r b_ours b_peer <<<"$times"
fi
if want sign; then
    times=$(side_by_side sign_ours sign_gpg_warm sign_gpg_cold)
    read -r s_ours s_peer s_cold <<<"$times"
fi
if want verify; then
    [ -f policy.json.asc ] || bash -c sign_ours >/dev/null
    times=$(side_by_side verify_ours verify_peer)
    read -r r_ours r_peer <<<"$times"
fi
if want version; then
    times=$(side_by_side version_ours version_peer)
    read -r ver_ours ver_peer <<<"$times"
fi

ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
printf '%s domains (%s source files, list %s bytes), median of %s runs side by side, %s cores, idle %s and load average %s before\n' \
    "$domains" "$(find "$work/repo/policies" -name '*.json' | wc -l)" "$(wc -c < "$work/policy.json")" "$runs" \
    "$(nproc)" "$idle" "$load"
printf '| path | ours s | peer | peer s | ratio | goal |\n|---|---|---|---|---|---|\n'
! want validate || printf '| validate | %s | ajv-cli (schema only) | %s | %s | <= 0.5 |\n' "$v_ours" "$v_peer" "$(ratio "$v_ours" "$v_peer")"
! want build || printf '| build | %s | our validate | %s | %s | <= 1.15 |\n' "$b_ours" "$b_peer" "$(ratio "$b_ours" "$b_peer")"
! want sign || printf '| sign | %s | gpg --detach-sign, agent warm | %s | %s | <= 1.5 |\n' "$s_ours" "$s_peer" "$(ratio "$s_ours" "$s_peer")"
! want sign || printf '| sign | %s | gpg --detach-sign, agent cache off | %s | %s | <= 1.5 |\n' "$s_ours" "$s_cold" "$(ratio "$s_ours" "$s_cold")"
! want verify || printf '| verify | %s | gpgv + ajv-cli | %s | %s | <= 1.0 |\n' "$r_ours" "$r_peer" "$(ratio "$r_ours" "$r_peer")"
! want version || printf '| --version | %s | java -version | %s | %s | <= 2.5 |\n' "$ver_ours" "$ver_peer" "$(ratio "$ver_ours" "$ver_peer")"
