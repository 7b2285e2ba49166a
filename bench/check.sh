#!/usr/bin/env bash
# starttls-list check over DOMAINS domains (default 1,000) on loopback: 50 shared MX hosts (each
# domain names one of them) and one own MX host for each domain but the last 50, so 1,000 hosts
# for 1,000 domains. DNS is a real dnsmasq; the SMTP hosts are the project's JDK test responder
# (org.starttlslist.testing.servers.SmtpResponder), one JVM listening on every host's 127.x
# address: a thousand Postfix instances are not practical on one machine. The certificate is a
# *.bench.test one from a CA made here with openssl. Prints the checker's wall time and peak
# resident memory (JVM start included) and the verdicts. Needs root only if dnsmasq insists.
# Usage: bench/check.sh [DOMAINS]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
domains=${1:-1000}
shared=50
jar="$here/target/starttls-list.jar"
[ -f "$jar" ] || mvn -q -B -Dstyle.color=never -f "$here/pom.xml" -DskipTests package
[ -f "$here/target/test-classes/org/starttlslist/testing/servers/SmtpResponder.class" ] \
    || mvn -q -B -Dstyle.color=never -f "$here/pom.xml" test-compile
dnsmasq=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
[ -x "$dnsmasq" ] || { echo "dnsmasq is needed (apt-get install dnsmasq-base)" >&2; exit 3; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cd "$work"

# The CA and one wildcard certificate for every MX host.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 30 \
    -subj "/CN=Bench CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=*.bench.test" 2>/dev/null
printf 'subjectAltName=DNS:*.bench.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > leaf.ext
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile leaf.ext -out leaf.pem 2>/dev/null
cat leaf.key leaf.pem > chain.pem

# Addresses: 127.201.0.0/16 for hosts, .255.1 for dnsmasq; one port for all, picked at random.
port=$((30000 + RANDOM % 20000))
address() { echo "127.201.$(($1 / 250)).$(($1 % 250 + 1))"; }
resolver="127.201.255.1"
{
    echo "port=$port"; echo "listen-address=$resolver"; echo "bind-interfaces"
    echo "no-resolv"; echo "no-hosts"; echo "no-poll"; echo "pid-file="; echo "log-facility=$work/dnsmasq.log"
    echo "local=/test/"; echo "cache-size=10000"
    for ((s = 0; s < shared; s++)); do echo "host-record=shared$s.bench.test,$(address "$s")"; done
    for ((d = 0; d < domains; d++)); do
        echo "mx-host=d$d.bench.test,shared$((d % shared)).bench.test,20"
        if ((d < domains - shared)); then
            echo "mx-host=d$d.bench.test,own$d.bench.test,10"
            echo "host-record=own$d.bench.test,$(address $((shared + d)))"
        fi
    done
} > dnsmasq.conf
hosts=$((domains))
for ((h = 0; h < hosts; h++)); do echo "$(address "$h"):$port"; done > listen.txt

"$dnsmasq" --keep-in-foreground --conf-file="$work/dnsmasq.conf" $( [ "$(id -u)" = 0 ] && echo --user=root ) &
pids+=($!)
java -Xss256k -cp "$here/target/test-classes" org.starttlslist.testing.servers.SmtpResponder \
    --host bench.test --chain chain.pem --listen-file listen.txt > responder.out 2>&1 &
pids+=($!)
for _ in $(seq 600); do
    grep -q "started, version" dnsmasq.log 2>/dev/null && grep -q "^listening" responder.out && break
    sleep 0.1
done
grep -q "^listening" responder.out || { echo "the responder did not start:" >&2; cat responder.out >&2; exit 3; }

args=()
for ((d = 0; d < domains; d++)); do args+=("d$d.bench.test"); done
set +e
/usr/bin/time -f "%e %M" -o time.txt "$here/starttls-list" check --resolver "$resolver:$port" --ca-file ca.pem \
    --smtp-port "$port" --format json "${args[@]}" > report.json 2> check.err
code=$?
set -e
read -r wall rss < time.txt
echo "domains: $domains ($shared shared MX hosts, $((domains - shared)) own), exit $code"
echo "wall: ${wall} s, peak RSS: $((rss / 1024)) MB"
grep -o '"verdict" : "[a-z-]*"' report.json | sort | uniq -c | sed 's/^/  /'
[ -s check.err ] && { echo "stderr:"; head -5 check.err; }
exit 0
