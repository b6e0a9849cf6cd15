#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup is only called from the EXIT trap
# Load test of one portal node with a realistic mix: new visitors arrive at a pfSense-style hotspot (the notice),
# some switch language, most tap Continue and are logged in over RADIUS with their one-time grant token,
# with accounting Start, Interim-Updates and Stop; some open a store link; returning devices are let in by RADIUS
# MAC authentication. Reports throughput, p50/p99 and errors per kind, with a progress line while it runs, and
# checks that every notice served is a stored impression. See bench/README.md.
#
# Usage: bench/portal-mix.sh [--quick] [--help]
#   env: DURATION (60, seconds measured; 300 or more for a several-minute run)  WARMUP (20)  VISITORS (32)
#        RETURNING (0.3, share of visits by devices that acknowledged earlier)  PROGRESS (5)
#        HTTP_PORT (28280)  AUTH_PORT (28212)  ACCT_PORT (28213)  SERVER_CPU (0)  LOADGEN_CPU (1)
#        JAVA_OPTS ("-Xmx512m -XX:-TieredCompilation", as the systemd unit runs it)
# Exit: 0 run complete, under 1 % errors, every notice stored; 1 more errors or fewer impressions stored than
#       notices served; 2 setup or usage error.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-60}
WARMUP=${WARMUP:-20}
VISITORS=${VISITORS:-32}
RETURNING=${RETURNING:-0.3}
PROGRESS=${PROGRESS:-5}
HTTP_PORT=${HTTP_PORT:-28280}
AUTH_PORT=${AUTH_PORT:-28212}
ACCT_PORT=${ACCT_PORT:-28213}
SERVER_CPU=${SERVER_CPU:-0}
LOADGEN_CPU=${LOADGEN_CPU:-1}
JAVA_OPTS=${JAVA_OPTS:--Xmx512m -XX:-TieredCompilation}
SECRET=bench-mix-secret-2026

for arg in "$@"; do
    case "$arg" in
        --quick) DURATION=15; WARMUP=10 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

die() { echo "ERROR: $*" >&2; exit 2; }
log() { echo "==> $*"; }
for n in "$DURATION" "$WARMUP" "$VISITORS" "$PROGRESS"; do
    [[ "$n" =~ ^[0-9]+$ ]] || die "DURATION, WARMUP, VISITORS and PROGRESS are whole numbers (got '$n')"
done
if [ "$DURATION" -eq 0 ] || [ "$VISITORS" -eq 0 ]; then die "DURATION and VISITORS must be positive"; fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/bluezone-portal.jar"
GENERATOR_SRC="$ROOT/bench/mix/PortalMix.java"
[ -f "$GENERATOR_SRC" ] || die "load generator not found at $GENERATOR_SRC"
command -v curl >/dev/null || die "curl is needed"
command -v taskset >/dev/null || die "taskset (util-linux) is needed"
if [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests package) || die "build failed"
fi
[ "$(nproc)" -ge 2 ] || { echo "WARNING: one CPU: portal and generator share it" >&2; LOADGEN_CPU=0; }
if curl -s -o /dev/null -m 1 "http://127.0.0.1:$HTTP_PORT/"; then die "something already listens on 127.0.0.1:$HTTP_PORT"; fi

T=""
PORTAL_PID=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$rc" -ne 0 ] && [ -n "$T" ] && [ -f "$T/portal.log" ]; then
        echo "--- last lines of the portal log ---" >&2; tail -n 20 "$T/portal.log" >&2 || true
    fi
    stop_pid "$PORTAL_PID" portal
    [ -n "$T" ] && [ -d "$T" ] && rm -rf -- "$T"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

T=$(mktemp -d /tmp/bz-mix-bench.XXXXXX)
mkdir -p "$T/data" "$T/gen"
cp "$JAR" "$T/portal.jar"   # a rebuild during the run cannot disturb the JVM
cat > "$T/portal.yaml" <<YAML
http: {host: 127.0.0.1, port: $HTTP_PORT}
data-dir: $T/data
pages-dir: $ROOT/portal-pages
venues:
  - {code: bench-venue, name: "Bench venue"}
gateways:
  - {id: bench-pf, kind: pfsense, venue: bench-venue}
radius:
  host: 127.0.0.1
  auth-port: $AUTH_PORT
  acct-port: $ACCT_PORT
  clients:
    - {name: bench-nas, address: 127.0.0.1, secret: $SECRET, venue: bench-venue}
YAML

command -v javac >/dev/null || die "javac (a JDK) is needed for the load generator"
javac -d "$T/gen" "$GENERATOR_SRC" "$ROOT/bench/radius/RadiusPackets.java" 2> "$T/javac.log" || { cat "$T/javac.log" >&2; die "the load generator does not compile"; }
GEN=(java -cp "$T/gen" PortalMix)

log "starting the portal on 127.0.0.1:$HTTP_PORT, RADIUS udp/$AUTH_PORT and udp/$ACCT_PORT (CPU $SERVER_CPU)"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
taskset -c "$SERVER_CPU" java $JAVA_OPTS -jar "$T/portal.jar" --config "$T/portal.yaml" > "$T/portal.log" 2>&1 &
PORTAL_PID=$!
for _ in $(seq 1 120); do
    curl -sf -m 2 "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null && break
    kill -0 "$PORTAL_PID" 2>/dev/null || die "the portal exited while starting"
    sleep 0.5
done
curl -sf -m 2 "http://127.0.0.1:$HTTP_PORT/healthz" >/dev/null || die "the portal did not become ready"

metric() { # metric SERIES: one value of the portal's /metrics (0 if absent)
    curl -sf -m 5 "http://127.0.0.1:$HTTP_PORT/metrics" | awk -v s="$1" '$1 == s { printf "%d", $2; found = 1 } END { if (!found) print 0 }'
}
metric_sum() { # metric_sum PREFIX: the sum of every series whose name starts with PREFIX (a float)
    curl -sf -m 5 "http://127.0.0.1:$HTTP_PORT/metrics" | awk -v p="$1" 'index($1, p) == 1 { s += $2 } END { printf "%.6f", s }'
}
cpu_ticks_of() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }

log "load: $VISITORS visitors, warm-up ${WARMUP} s, measured ${DURATION} s (generator on CPU $LOADGEN_CPU)"
c0=$(cpu_ticks_of "$PORTAL_PID"); n0=$(date +%s%N)
set +e
timeout $(( DURATION + WARMUP + 120 )) taskset -c "$LOADGEN_CPU" "${GEN[@]}" --base "http://127.0.0.1:$HTTP_PORT" --gateway bench-pf \
    --auth-port "$AUTH_PORT" --acct-port "$ACCT_PORT" --secret "$SECRET" --visitors "$VISITORS" --duration "$DURATION" \
    --warmup "$WARMUP" --progress "$PROGRESS" --returning "$RETURNING" --json 2>&1 | tee "$T/gen.out"
G_RC=${PIPESTATUS[0]}
set -e
c1=$(cpu_ticks_of "$PORTAL_PID"); n1=$(date +%s%N)
grep -q '^{' "$T/gen.out" || die "the load generator failed (exit $G_RC)"

echo
log "the portal, over the whole run (warm-up included)"
awk -v t="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" -v ns="$(( n1 - n0 ))" \
    'BEGIN { printf "    CPU %.0f %% of one core\n", (ns > 0 ? t / hz / (ns / 1e9) * 100 : 0) }'
awk '/^VmRSS/ { printf "    RSS %d MiB\n", $2 / 1024 }' "/proc/$PORTAL_PID/status"
shown=$(metric 'bluezone_impressions_total{kind="shown"}')
acknowledged=$(metric 'bluezone_impressions_total{kind="acknowledged"}')
clicks=$(metric 'bluezone_impressions_total{kind="store_click"}')
accounting=$(metric 'bluezone_events_stored_total{type="accounting"}')
failed=0
for r in queue_full timed_out store_error stopping; do failed=$(( failed + $(metric "bluezone_events_failed_total{reason=\"$r\"}") )); done
batches=$(metric 'bluezone_writer_batches_total')
commit_s=$(metric_sum bluezone_writer_commit_duration_seconds_sum)
batch_events=$(metric_sum bluezone_writer_batch_size_sum)
awk -v c="$commit_s" -v e="$batch_events" -v b="$batches" 'BEGIN { if (b > 0) printf "    writer: %.1f events per commit, %.1f ms per commit on average\n", e / b, c / b * 1000 }'
echo "    stored: $shown shown, $acknowledged acknowledged, $clicks store clicks, $accounting accounting records;" \
     "$failed events not stored; $batches commits"
served=$(curl -sf -m 5 "http://127.0.0.1:$HTTP_PORT/metrics" | awk '$1 == "bluezone_http_requests_total{route=\"arrival\",status=\"2xx\"}" { printf "%d", $2 }')
echo "    notices answered 200 (whole run): $served"
rc=0
if [ "${served:-0}" -gt "${shown:-0}" ]; then echo "FAIL: fewer impressions stored ($shown) than notices served ($served)" >&2; rc=1; fi
[ "$G_RC" -eq 0 ] || { echo "FAIL: the generator saw 1 % errors or more (exit $G_RC)" >&2; rc=1; }
exit "$rc"
