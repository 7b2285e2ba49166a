#!/usr/bin/env bash
# Sign and verify a 100,000-domain list with starttls-list, beside gpg --detach-sign and gpgv on
# the same file and the same key, in the same run. Wall time per command, JVM start included;
# the median of RUNS runs (default 5). Usage: bench/sign-verify.sh [DOMAINS] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
domains=${1:-100000}
runs=${2:-5}
jar="$here/target/starttls-list.jar"
[ -f "$jar" ] || mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -DskipTests package
command -v gpg >/dev/null && command -v gpgv >/dev/null || { echo "gpg and gpgv are needed" >&2; exit 3; }

work=$(mktemp -d)
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
cleanup() { gpgconf --homedir "$GNUPGHOME" --kill all 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# Now, from the clock: gpg signs with the clock too, and each tool must accept the other's signature.
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cd "$work"

java "$here/bench/GeneratePolicyList.java" "$domains" policy.json "$now"
printf 'bench passphrase\n' > pass
java -jar "$jar" keygen --uid "Bench <bench@example.org>" --out keys --passphrase-file pass --now "$now" > keygen.out
fpr=$(sed -n 's/^fingerprint: //p' keygen.out)
# The same key in gpg, so both sides sign with the same Ed25519 key.
gpg --batch --pinentry-mode loopback --passphrase-file pass --import keys/secret-key.asc 2>/dev/null
gpg --dearmor < keys/public-key.asc > key.gpg

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# Prints "WALL CPU": the medians over $runs runs of wall seconds and of user+system CPU seconds.
# CPU time says more than wall time on a busy machine.
time_runs() { # label, command...
    local label=$1; shift
    : > times
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S" -o time.one "$@" >/dev/null 2>&1 || { echo "$label failed: $*" >&2; "$@"; exit 1; }
        cat time.one >> times
    done
    echo "$(awk '{print $1}' times | median) $(awk '{print $2 + $3}' times | median)"
}

read -r ours_sign ours_sign_cpu < <(time_runs "starttls-list sign" "$here/starttls-list" sign policy.json --key keys/secret-key.asc --passphrase-file pass)
read -r gpg_sign gpg_sign_cpu < <(time_runs "gpg --detach-sign" gpg --batch --yes --pinentry-mode loopback --passphrase-file pass \
    --local-user "$fpr" --digest-algo SHA512 --armor --detach-sign --output policy.json.gpg.asc policy.json)
# gpg again with no agent running: it must start one and unlock the key, the work we do every time.
cold_gpg_sign() {
    gpgconf --kill gpg-agent
    gpg --batch --yes --pinentry-mode loopback --passphrase-file pass --local-user "$fpr" \
        --digest-algo SHA512 --armor --detach-sign --output policy.json.gpg.asc policy.json
}
export -f cold_gpg_sign; export fpr
read -r gpg_cold gpg_cold_cpu < <(time_runs "gpg --detach-sign (agent cold)" bash -c cold_gpg_sign)
read -r ours_verify ours_verify_cpu < <(time_runs "starttls-list verify" "$here/starttls-list" verify policy.json --keys keys/public-key.asc)
read -r gpgv_verify gpgv_verify_cpu < <(time_runs "gpgv" gpgv --keyring ./key.gpg policy.json.asc policy.json)
# Cross-checks: each tool accepts the other's signature.
gpgv --keyring ./key.gpg policy.json.gpg.asc policy.json 2>/dev/null
java -jar "$jar" verify policy.json policy.json.gpg.asc --keys keys/public-key.asc >/dev/null

size=$(wc -c < policy.json)
printf 'list: %s domains, %s bytes; median of %s runs; seconds, JVM start included; load average %s\n' \
    "$domains" "$size" "$runs" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
printf '%-34s %8s %8s\n' "command" "wall" "cpu" \
    "starttls-list sign" "$ours_sign" "$ours_sign_cpu" \
    "gpg --detach-sign (agent warm)" "$gpg_sign" "$gpg_sign_cpu" \
    "gpg --detach-sign (agent cold)" "$gpg_cold" "$gpg_cold_cpu" \
    "starttls-list verify (all 6 steps)" "$ours_verify" "$ours_verify_cpu" \
    "gpgv (signature only)" "$gpgv_verify" "$gpgv_verify_cpu"
printf 'ratio to GnuPG, wall: sign %.2f (agent warm) %.2f (agent cold), verify %.2f (goal <= 1.5)\n' \
    "$(echo "$ours_sign / $gpg_sign" | bc -l)" "$(echo "$ours_sign / $gpg_cold" | bc -l)" \
    "$(echo "$ours_verify / $gpgv_verify" | bc -l)"
