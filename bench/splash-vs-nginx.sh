#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup and stop_pid are only called from the EXIT trap
# Side-by-side benchmark: the Bluezone portal's notice page (GET /, one durable impression per request)
# versus nginx serving the very same bytes as a static file. See bench/README.md.
#
# Usage: bench/splash-vs-nginx.sh [--quick] [--help]
#   env: ROUNDS (5)  DURATION (10s)  CONNECTIONS (64)  WARMUP (60s)  WRK_TIMEOUT (10s)
#        PORTAL_PORT (18080)  NGINX_PORT (18081)  SERVER_CPU (0)  LOADGEN_CPU (1)
#        JAVA_OPTS ("-XX:-TieredCompilation", as the systemd unit runs it)  TARGET_STRICT (0; 1 = exit 3 below target)
# Exit: 0 run complete and every page served was durably stored; 1 durability check failed;
#       2 setup/usage error; 3 throughput ratio below target and TARGET_STRICT=1.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-60s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
PORTAL_PORT=${PORTAL_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
SERVER_CPU=${SERVER_CPU:-0}
LOADGEN_CPU=${LOADGEN_CPU:-1}
# The portal runs with the JVM flags of deploy/systemd/bluezone-portal.service (non-tiered JIT: on one
# core, tiered compilation keeps recompiling and costs the server a fifth of its CPU).
JAVA_OPTS=${JAVA_OPTS:--XX:-TieredCompilation}
TARGET_STRICT=${TARGET_STRICT:-0}
TARGET_RATIO=0.5
UA='User-Agent: Mozilla/5.0 (Linux; Android 14)'
AL='Accept-Language: vi'

for arg in "$@"; do
    case "$arg" in
        --quick) ROUNDS=1; DURATION=5s ;;
        -h|--help) sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done

die() { echo "ERROR: $*" >&2; exit 2; }
log() { echo "==> $*"; }

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer"
for d in "$DURATION" "$WARMUP" "$WRK_TIMEOUT"; do
    [[ "$d" =~ ^[1-9][0-9]*s$ ]] || die "durations are whole seconds like 10s (got '$d')"
done
secs() { echo "${1%s}"; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PAGES_DIR="$ROOT/portal-pages"
JAR="$ROOT/target/bluezone-portal.jar"
[ -d "$PAGES_DIR" ] || die "portal pages not found at $PAGES_DIR"

# ---------------------------------------------------------------- cleanup (set before anything starts)
T=""
PORTAL_PID=""
NGINX_PID=""
POLICY_RC_CREATED=0

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ "$rc" -ne 0 ] && [ -n "$T" ] && [ -f "$T/portal.log" ]; then
        echo "--- last lines of the portal log ---" >&2; tail -n 20 "$T/portal.log" >&2 || true
    fi
    if [ "$rc" -ne 0 ] && [ -n "$T" ] && [ -s "$T/nginx/error.log" ]; then
        echo "--- last lines of the nginx error log ---" >&2; tail -n 10 "$T/nginx/error.log" >&2 || true
    fi
    stop_pid "$NGINX_PID" nginx
    stop_pid "$PORTAL_PID" portal
    [ "$POLICY_RC_CREATED" = 1 ] && rm -f /usr/sbin/policy-rc.d
    [ -n "$T" ] && [ -d "$T" ] && rm -rf -- "$T"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- 1. tools and jar
IS_ROOT=0; [ "$(id -u)" -eq 0 ] && IS_ROOT=1
APT_UPDATED=0
apt_install() { # one apt-get update per run, only when something must be installed
    [ "$IS_ROOT" = 1 ] || die "missing $*; install it (needs root) and run again"
    command -v apt-get >/dev/null || die "missing $* and no apt-get to install it"
    if [ ! -e /usr/sbin/policy-rc.d ]; then  # keep package scripts from starting the system nginx
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; POLICY_RC_CREATED=1
    fi
    if [ "$APT_UPDATED" = 0 ]; then log "apt-get update"; DEBIAN_FRONTEND=noninteractive apt-get update -qq; APT_UPDATED=1; fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
NGINX_BIN=$(command -v nginx || true)
[ -z "$NGINX_BIN" ] && [ -x /usr/sbin/nginx ] && NGINX_BIN=/usr/sbin/nginx
if [ -z "$NGINX_BIN" ]; then
    apt_install nginx-light 2>/dev/null || apt_install nginx
    NGINX_BIN=$(command -v nginx || echo /usr/sbin/nginx)
fi
command -v wrk >/dev/null || apt_install wrk
command -v curl >/dev/null || apt_install curl
command -v taskset >/dev/null || apt_install util-linux
command -v sqlite3 >/dev/null || apt_install sqlite3   # independent row count after the crash test
if [ ! -f "$JAR" ]; then
    command -v mvn >/dev/null || apt_install maven openjdk-17-jdk-headless
    log "building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests package) || die "build failed"
fi
command -v java >/dev/null || apt_install openjdk-17-jre-headless

NCPU=$(nproc)
if [ "$NCPU" -lt 2 ] && [ "$LOADGEN_CPU" = 1 ]; then
    echo "WARNING: only $NCPU CPU; server and load generator share CPU 0" >&2; LOADGEN_CPU=0
fi
for p in "$PORTAL_PORT" "$NGINX_PORT"; do
    if curl -s -o /dev/null -m 1 "http://127.0.0.1:$p/"; then die "something already listens on 127.0.0.1:$p"; fi
done

T=$(mktemp -d /tmp/bz-bench.XXXXXX)
mkdir -p "$T/data" "$T/www" "$T/nginx"
cd "$T"   # every path below is absolute; nothing is ever written into the repository

# ---------------------------------------------------------------- helpers
cpu_ticks_of() { # utime+stime (clock ticks) of a process and its direct children (nginx master + worker)
    local total=0 p pids
    pids="$1 $(cat /proc/"$1"/task/*/children 2>/dev/null || true)"
    for p in $pids; do
        [ -r "/proc/$p/stat" ] || continue
        total=$(( total + $(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$p/stat") ))
    done
    echo "$total"
}
cpu_line() { awk -v c="cpu$1" '$1 == c { idle = $5 + $6; tot = 0; for (i = 2; i <= NF; i++) tot += $i; print tot, idle }' /proc/stat; }
healthz() { curl -sf -m 5 "http://127.0.0.1:$PORTAL_PORT/healthz"; }
stored_now() { healthz | grep -o '"stored":[0-9]*' | cut -d: -f2; }
to_ms() { # wrk time (e.g. 812.00us, 3.41ms, 1.02s, 1.50m) -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
        printf "%.2f", n }'
}

snap_children() { # CHILD_CPU = user+sys seconds of this shell's finished children (wrk); runs in this shell, not in $(...)
    times > "$T/times.txt"
    CHILD_CPU=$(awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); s += p[1] * 60 + p[2] } printf "%.3f", s }' "$T/times.txt")
}
pct() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.0f", (d > 0 ? n / d * 100 : 0) }'; }

# run_wrk NAME URL DURATION OUTFILE SERVER_PID -> sets W_RPS W_P99 W_REQ W_NON2XX W_SOCKERR (parsed from wrk) and
# W_SRVCPU (server process, % of one core), W_CPU0 (whole server core busy %), W_GENCPU (wrk itself), W_CPU1 (load core busy %)
run_wrk() {
    local name=$1 url=$2 dur=$3 out=$4 spid=$5 hz t0 t1 a0 a1 ai0 ai1 b0 b1 bi0 bi1 g0 g1 dsecs
    dsecs=$(secs "$dur"); hz=$(getconf CLK_TCK)
    snap_children; g0=$CHILD_CPU
    t0=$(cpu_ticks_of "$spid"); read -r a0 ai0 < <(cpu_line "$SERVER_CPU"); read -r b0 bi0 < <(cpu_line "$LOADGEN_CPU")
    timeout $(( dsecs + 30 )) taskset -c "$LOADGEN_CPU" wrk -t1 -c"$CONNECTIONS" -d"$dur" --timeout "$WRK_TIMEOUT" --latency \
        -H "$UA" -H "$AL" "$url" > "$out" 2>&1 || { cat "$out" >&2; die "wrk against $name failed"; }
    t1=$(cpu_ticks_of "$spid"); read -r a1 ai1 < <(cpu_line "$SERVER_CPU"); read -r b1 bi1 < <(cpu_line "$LOADGEN_CPU")
    snap_children; g1=$CHILD_CPU
    W_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    W_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    W_REQ=$(awk '/ requests in / { print $1 }' "$out")
    W_NON2XX=$(awk -F: '/Non-2xx or 3xx responses/ { gsub(/ /, "", $2); print $2 }' "$out"); W_NON2XX=${W_NON2XX:-0}
    W_SOCKERR=$(awk '/Socket errors:/ { s = 0; for (i = 3; i <= NF; i += 2) { x = $(i + 1); gsub(/,/, "", x); s += x } print s }' "$out")
    W_SOCKERR=${W_SOCKERR:-0}
    if [ -z "$W_RPS" ] || [ -z "$W_REQ" ] || [ -z "$W_P99" ]; then cat "$out" >&2; die "could not parse wrk output for $name"; fi
    W_SRVCPU=$(pct "$(( t1 - t0 ))" "$(( hz * dsecs ))")
    W_CPU0=$(pct "$(( (a1 - a0) - (ai1 - ai0) ))" "$(( a1 - a0 ))")
    W_GENCPU=$(awk -v a="$g0" -v b="$g1" -v d="$dsecs" 'BEGIN { printf "%.0f", (b - a) / d * 100 }')
    W_CPU1=$(pct "$(( (b1 - b0) - (bi1 - bi0) ))" "$(( b1 - b0 ))")
    # the server core should be busy with the server (plus its loopback softirq), the load core with wrk
    if [ $(( W_CPU0 - W_SRVCPU )) -gt 25 ] || [ $(( W_CPU1 - W_GENCPU )) -gt 25 ]; then
        CONTENDED="$CONTENDED $name:$W_CPU0/$W_SRVCPU,$W_CPU1/$W_GENCPU"
    fi
}
CONTENDED=""
CHILD_CPU=0

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) printf "%.2f", a[(NR + 1) / 2]; else printf "%.2f", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# ---------------------------------------------------------------- 2. portal, page, nginx
cat > "$T/portal.yaml" <<EOF
http:
  host: 127.0.0.1
  port: $PORTAL_PORT
data-dir: $T/data
pages-dir: $PAGES_DIR
venues:
  - code: bench
    name: "Benchmark venue"
gateways:
  - id: bench
    kind: demo
    venue: bench
# wrk's load comes from one address on purpose: no counting limits (they would flag, not refuse, the pages)
counting: {device-limit: 0, address-limit: 0}
EOF

JAR_INFO="$(date -r "$JAR" '+%Y-%m-%d %H:%M'); repo HEAD now $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ', src has uncommitted changes')"
log "starting the portal on 127.0.0.1:$PORTAL_PORT (CPU $SERVER_CPU, -Xmx512m${JAVA_OPTS:+ $JAVA_OPTS}); jar modified $JAR_INFO"
cp "$JAR" "$T/portal.jar"   # a snapshot: a rebuild of target/ during the run cannot pull classes out from under the JVM
# shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
taskset -c "$SERVER_CPU" java -Xmx512m $JAVA_OPTS -jar "$T/portal.jar" --config "$T/portal.yaml" > "$T/portal.log" 2>&1 &
PORTAL_PID=$!
for i in $(seq 1 120); do
    kill -0 "$PORTAL_PID" 2>/dev/null || die "the portal exited during start"
    healthz 2>/dev/null | grep -q '"status":"ready"' && break
    [ "$i" = 120 ] && die "the portal was not ready within 60 s"
    sleep 0.5
done
log "portal ready: $(healthz)"

curl -sf -m 10 -H "$UA" -H "$AL" -o "$T/www/notice.html" "http://127.0.0.1:$PORTAL_PORT/" || die "could not fetch the notice page"
PAGE_BYTES=$(wc -c < "$T/www/notice.html")
log "notice page: $PAGE_BYTES bytes -> $T/www/notice.html"

USER_LINE=""; [ "$IS_ROOT" = 1 ] && USER_LINE="user root root;"
cat > "$T/nginx/nginx.conf" <<EOF
# minimal, self-contained: nothing from /etc/nginx, nothing outside $T
$USER_LINE
worker_processes 1;
daemon off;
master_process on;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 1024; }
http {
    default_type text/html;
    charset utf-8;
    sendfile on;
    tcp_nopush on;
    access_log off;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $T/nginx/client_body;
    proxy_temp_path $T/nginx/proxy;
    fastcgi_temp_path $T/nginx/fastcgi;
    uwsgi_temp_path $T/nginx/uwsgi;
    scgi_temp_path $T/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $T/www;
    }
}
EOF
"$NGINX_BIN" -t -q -p "$T/nginx/" -e "$T/nginx/error.log" -c "$T/nginx/nginx.conf" || die "nginx rejected its configuration"
log "starting nginx on 127.0.0.1:$NGINX_PORT (CPU $SERVER_CPU, 1 worker)"
taskset -c "$SERVER_CPU" "$NGINX_BIN" -p "$T/nginx/" -e "$T/nginx/error.log" -c "$T/nginx/nginx.conf" &
NGINX_PID=$!
for i in $(seq 1 50); do
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited during start"
    curl -sf -m 1 -o /dev/null "http://127.0.0.1:$NGINX_PORT/notice.html" && break
    [ "$i" = 50 ] && die "nginx did not answer within 5 s"
    sleep 0.1
done
NGINX_BYTES=$(curl -sf -m 5 "http://127.0.0.1:$NGINX_PORT/notice.html" | wc -c)
[ "$NGINX_BYTES" = "$PAGE_BYTES" ] || die "nginx serves $NGINX_BYTES bytes, expected $PAGE_BYTES"

NGINX_URL="http://127.0.0.1:$NGINX_PORT/notice.html"
PORTAL_URL="http://127.0.0.1:$PORTAL_PORT/"
SERVED=1                       # the curl fetch above got a 200 notice, so one impression must be stored
SERVED_WARMUP=0

# ---------------------------------------------------------------- 3. warm-up and rounds
log "warm-up: $WARMUP nginx, $WARMUP portal ($CONNECTIONS connections)"
run_wrk nginx "$NGINX_URL" "$WARMUP" "$T/warmup-nginx.txt" "$NGINX_PID"
run_wrk portal "$PORTAL_URL" "$WARMUP" "$T/warmup-portal.txt" "$PORTAL_PID"
SERVED_WARMUP=$(( W_REQ - W_NON2XX ))
SERVED=$(( SERVED + SERVED_WARMUP ))
log "warm-up done (portal warm-up: $W_RPS req/s, p99 $W_P99 ms)"
CONTENDED=""   # only the measured rounds count
thread_ticks "$PORTAL_PID" > "$T/threads-before.tsv"

echo
echo "Bluezone portal vs nginx - same $PAGE_BYTES-byte notice page, $(date '+%Y-%m-%d %H:%M %Z'), $(nproc) CPUs ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))"
echo "servers on CPU $SERVER_CPU, wrk -t1 -c$CONNECTIONS -d$DURATION --timeout $WRK_TIMEOUT on CPU $LOADGEN_CPU, $ROUNDS round(s); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "srv% = server process CPU, cpu$SERVER_CPU% = that whole core busy; wrk% = wrk CPU, cpu$LOADGEN_CPU% = that whole core busy"
echo
ROW='%-5s %-7s %9s %9s %9s %7s %7s %5s %6s %5s %6s %9s\n'
# shellcheck disable=SC2059  # ROW is the one format for header and rows
HDR=$(printf "$ROW" round server 'req/s' 'p99 ms' requests non2xx sockerr 'srv%' "cpu$SERVER_CPU%" 'wrk%' "cpu$LOADGEN_CPU%" 'stored +')
echo "$HDR"; printf '%s\n' "$(printf '%s' "$HDR" | tr -c '\n' '-')"
NGINX_RPS=(); NGINX_P99=(); PORTAL_RPS=(); PORTAL_P99=(); WARN=""
for r in $(seq 1 "$ROUNDS"); do
    run_wrk nginx "$NGINX_URL" "$DURATION" "$T/round$r-nginx.txt" "$NGINX_PID"
    NGINX_RPS+=("$W_RPS"); NGINX_P99+=("$W_P99")
    # shellcheck disable=SC2059
    printf "$ROW" "$r" nginx "$W_RPS" "$W_P99" "$W_REQ" "$W_NON2XX" "$W_SOCKERR" "$W_SRVCPU" "$W_CPU0" "$W_GENCPU" "$W_CPU1" -
    if [ "$W_NON2XX" != 0 ] || [ "$W_SOCKERR" != 0 ]; then WARN="$WARN nginx round $r had $W_NON2XX non-2xx and $W_SOCKERR socket errors;"; fi
    sleep 1
    before=$(stored_now)
    run_wrk portal "$PORTAL_URL" "$DURATION" "$T/round$r-portal.txt" "$PORTAL_PID"
    after=$(stored_now)
    PORTAL_RPS+=("$W_RPS"); PORTAL_P99+=("$W_P99")
    SERVED=$(( SERVED + W_REQ - W_NON2XX ))
    # shellcheck disable=SC2059
    printf "$ROW" "$r" portal "$W_RPS" "$W_P99" "$W_REQ" "$W_NON2XX" "$W_SOCKERR" "$W_SRVCPU" "$W_CPU0" "$W_GENCPU" "$W_CPU1" "$(( after - before ))"
    if [ "$W_NON2XX" != 0 ] || [ "$W_SOCKERR" != 0 ]; then
        WARN="$WARN portal round $r had $W_NON2XX non-2xx and $W_SOCKERR socket errors (a timeout is a response slower than $WRK_TIMEOUT);"
    fi
    sleep 1
done
thread_ticks "$PORTAL_PID" > "$T/threads-after.tsv"

# ---------------------------------------------------------------- 4. summary
N_RPS=$(printf '%s\n' "${NGINX_RPS[@]}" | median); N_P99=$(printf '%s\n' "${NGINX_P99[@]}" | median)
P_RPS=$(printf '%s\n' "${PORTAL_RPS[@]}" | median); P_P99=$(printf '%s\n' "${PORTAL_P99[@]}" | median)
RATIO=$(awk -v p="$P_RPS" -v n="$N_RPS" 'BEGIN { printf "%.2f", (n > 0 ? p / n : 0) }')
P99_RATIO=$(awk -v p="$P_P99" -v n="$N_P99" 'BEGIN { printf "%.1f", (n > 0 ? p / n : 0) }')
BELOW=$(awk -v r="$RATIO" -v t="$TARGET_RATIO" 'BEGIN { print ((r < t) ? 1 : 0) }')

echo
echo "Summary (median of $ROUNDS round(s), $CONNECTIONS connections, $DURATION each)"
printf '  %-7s %10s req/s   p99 %9s ms\n' nginx "$N_RPS" "$N_P99"
printf '  %-7s %10s req/s   p99 %9s ms\n' portal "$P_RPS" "$P_P99"
echo "  portal/nginx throughput ratio: $RATIO (target >= $TARGET_RATIO)$([ "$BELOW" = 1 ] && echo '  << BELOW TARGET')"
echo "  portal/nginx p99 latency ratio: ${P99_RATIO}x (lower is better)"
if [ -n "$WARN" ]; then echo "  WARNING:$WARN"; fi
if [ -n "$CONTENDED" ]; then
    echo "  WARNING: other processes used the benchmark cores (name:core busy/own CPU % -$CONTENDED);"
    echo "           these figures are not clean - rerun on a quiet machine"
fi

# ---------------------------------------------------------------- portal-side observations
H=$(healthz); STORED=$(echo "$H" | grep -o '"stored":[0-9]*' | cut -d: -f2)
FAILED=$(echo "$H" | grep -o '"failedBatches":[0-9]*' | cut -d: -f2)
JVM_CPU=$(awk -v t="$(cpu_ticks_of "$PORTAL_PID")" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }')
JVM_RSS=$(awk '/^VmRSS/ { printf "%.0f MB", $2 / 1024 }' "/proc/$PORTAL_PID/status")
JVM_THREADS=$(awk '/^Threads/ { print $2 }' "/proc/$PORTAL_PID/status")
GC=""; JFLAGS=""
if command -v jstat >/dev/null; then
    GC=$(jstat -gcutil "$PORTAL_PID" 2>/dev/null | awk 'NR == 2 { printf "young GCs %s (%.2f s), full GCs %s (%.2f s)", $7, $8, $9, $10 }' || true)
fi
if command -v jcmd >/dev/null; then
    JFLAGS=$(jcmd "$PORTAL_PID" VM.flags 2>/dev/null | tr ' ' '\n' | grep -E '^-XX:\+Use[A-Za-z]+GC$|^-XX:CICompilerCount=|^-XX:ActiveProcessorCount=' | tr '\n' ' ' || true)
fi
echo
echo "Portal process (since start): ${JVM_CPU} s CPU, RSS $JVM_RSS, $JVM_THREADS threads${GC:+; $GC}${JFLAGS:+; $JFLAGS}"
echo "  where its CPU went during the measured rounds (by thread):"
cpu_by_thread "$T/threads-before.tsv" "$T/threads-after.tsv"

# ---------------------------------------------------------------- durability
# crash test: SIGKILL the portal (no shutdown hook, no flush) and count the rows actually on disk
kill -KILL "$PORTAL_PID" 2>/dev/null || true; wait "$PORTAL_PID" 2>/dev/null || true; PORTAL_PID=""
ROWS=$(sqlite3 "$T/data/portal.db" "SELECT COUNT(*) FROM impression WHERE kind = 'shown'" 2>/dev/null || echo "?")

echo
echo "Durability (every notice sent must be a committed impression)"
echo "  pages served with 2xx: $SERVED  (1 curl + $SERVED_WARMUP warm-up + rounds; 2xx = requests - non2xx)"
echo "  stored per /healthz:   ${STORED:-?}  (failed batches: ${FAILED:-?})"
echo "  rows on disk after kill -9 of the portal: $ROWS"
if [ -z "$STORED" ] || [ "$STORED" -lt "$SERVED" ] || [ "$ROWS" = "?" ] || [ "$ROWS" -lt "$SERVED" ]; then
    echo "  FAIL: fewer impressions stored than pages served"
    exit 1
fi
echo "  OK: stored >= served (the excess are requests in flight when wrk stopped, stored but never read by wrk)"
if [ "$BELOW" = 1 ] && [ "$TARGET_STRICT" = 1 ]; then exit 3; fi
exit 0
