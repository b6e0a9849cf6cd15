#!/usr/bin/env bash
# RADIUS under attack: floods the portal's RADIUS auth port on loopback with one kind of hostile traffic at a time
# (none, unknown-source, duplicates, random, forged; see bench/radius/RadiusFlood.java) while a legitimate NAS
# on 127.0.0.1 sends real Access-Requests at a fixed rate, and prints per kind the legitimate client's answered
# ratio and p99, the flood's rate, the server's heap (after a full GC) before and after, and its drop counters.
# Server on CPU 0, generator on CPU 1. Needs the built jar (mvn -DskipTests package), Java 17 (java, jcmd, jstat).
#
#   bench/radius-flood.sh [--quick]      DURATION=10 WARMUP=10 LEGIT_RATE=100 KINDS="none unknown-source duplicates random forged"
#                                        JAR=target/bluezone-portal.jar (another build, to compare)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-10}
LEGIT_RATE=${LEGIT_RATE:-100}
KINDS=${KINDS:-none unknown-source duplicates random forged}
PORTAL_HTTP_PORT=${PORTAL_HTTP_PORT:-28280}
PORTAL_AUTH_PORT=${PORTAL_AUTH_PORT:-28222}
PORTAL_ACCT_PORT=${PORTAL_ACCT_PORT:-28223}
SERVER_CPU=${SERVER_CPU:-0}
LOADGEN_CPU=${LOADGEN_CPU:-1}
HEAP=${HEAP:-256m}
SECRET=bench-flood-secret

for arg in "$@"; do
    case "$arg" in
        --quick) DURATION=5; WARMUP=5 ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

die() { echo "ERROR: $*" >&2; exit 2; }
log() { echo "==> $*"; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/bluezone-portal.jar}
GENERATOR_SRC=("$ROOT/bench/radius/RadiusFlood.java" "$ROOT/bench/radius/RadiusPackets.java")
[ -f "$JAR" ] || die "build the jar first: mvn -q -DskipTests package"
for tool in java javac jcmd jstat taskset curl; do command -v "$tool" > /dev/null || die "$tool is needed"; done

T=$(mktemp -d /tmp/radius-flood.XXXXXX)
PORTAL_PID=""
cleanup() {
    stop_pid "$PORTAL_PID" portal
    rm -rf "$T"
}
trap cleanup EXIT

cat > "$T/portal.yaml" <<YAML
http: {host: 127.0.0.1, port: $PORTAL_HTTP_PORT}
data-dir: $T/data
pages-dir: $ROOT/portal-pages
venues:
  - {code: bench, name: Bench}
gateways:
  - {id: bench, kind: demo, venue: bench}
radius:
  enabled: true
  host: 127.0.0.1
  auth-port: $PORTAL_AUTH_PORT
  acct-port: $PORTAL_ACCT_PORT
  clients:
    - {name: bench-nas, address: 127.0.0.1/32, secret: $SECRET, venue: bench}
YAML

cp "$JAR" "$T/portal.jar"
javac -d "$T/gen" "${GENERATOR_SRC[@]}" || die "the flood generator does not compile"
log "starting the portal (RADIUS udp/$PORTAL_AUTH_PORT, CPU $SERVER_CPU, -Xmx$HEAP)"
taskset -c "$SERVER_CPU" java "-Xmx$HEAP" -jar "$T/portal.jar" --config "$T/portal.yaml" > "$T/portal.log" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORTAL_HTTP_PORT/healthz" > /dev/null 2>&1 && break
    kill -0 "$PORTAL_PID" 2>/dev/null || { cat "$T/portal.log" >&2; die "the portal exited"; }
    sleep 0.5
done
curl -fs "http://127.0.0.1:$PORTAL_HTTP_PORT/healthz" > /dev/null || die "the portal did not become ready"

heap_mb() { # heap in use after a full GC, MB
    jcmd "$PORTAL_PID" GC.run > /dev/null
    jstat -gc "$PORTAL_PID" | awk 'NR == 2 { printf "%.1f", ($3 + $4 + $6 + $8) / 1024 }'
}
counters() { # the server's packet counters that a flood moves
    curl -fs "http://127.0.0.1:$PORTAL_HTTP_PORT/api/radius" | tr -d '\n ' \
        | grep -o '"\(unknown-client\|malformed\|duplicates\|duplicates-dropped\|bad-authenticator\|access-rejects\|access-accepts\)":[0-9]*' | tr '\n' ' ' || true
}

log "warming up: the legitimate NAS alone for $WARMUP s (not reported)"
taskset -c "$LOADGEN_CPU" java -Xmx256m -cp "$T/gen" RadiusFlood --port "$PORTAL_AUTH_PORT" --secret "$SECRET" --kind none \
    --duration "$WARMUP" --legit-rate "$LEGIT_RATE" > /dev/null
RESULTS="$T/results.txt"
: > "$RESULTS"
for kind in $KINDS; do
    before=$(heap_mb)
    line=$(taskset -c "$LOADGEN_CPU" java -Xmx256m -cp "$T/gen" RadiusFlood --port "$PORTAL_AUTH_PORT" --secret "$SECRET" --kind "$kind" \
        --duration "$DURATION" --legit-rate "$LEGIT_RATE")
    after=$(heap_mb)
    kill -0 "$PORTAL_PID" 2>/dev/null || die "the portal died during the $kind flood"
    echo "$line  heap $before -> $after MB" | tee -a "$RESULTS"
    echo "    counters: $(counters)"
done
rss=$(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$PORTAL_PID/status")
log "server resident memory at the end: $rss; duplicate cache and per-source state are bounded (radius.duplicate-cache-size)"
echo
echo "Summary ($DURATION s per kind, legitimate NAS at $LEGIT_RATE Access-Requests/s):"
cat "$RESULTS"
