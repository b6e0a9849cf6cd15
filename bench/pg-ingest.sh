#!/usr/bin/env bash
# Ingest into PostgreSQL: events per second the portal's group-commit writer sustains into a local PostgreSQL through
# the real PostgreSQL store (bench/pg/IngestLoad.java). See bench/README.md.
#
# Usage: bench/pg-ingest.sh [--quick] [--help]
#   default: 20 s warm-up, then 120 s measured; --quick: 5 s warm-up, 20 s measured
#   env: SECONDS_MEASURED (120)  WARMUP (20)  PRODUCERS (8)  OUTSTANDING (4096)  VENUES (200)  DEVICES (200000)
#        MAX_BATCH (1000)  WRITERS ("2 1": one run per count, as store.postgres.writers)  JAVA_OPTS ("-Xmx1g")  KEEP (0; 1 = keep the cluster's folder and print its path)
#        TARGET (20000 events/s; exit 3 below it when TARGET_STRICT=1)
#        PROFILE (0; 1 = load pg_stat_statements and print where the server's time went, statement by statement)
# The server: Debian's PostgreSQL (/usr/lib/postgresql/<version>/bin), a fresh cluster in a temp folder on a free
# loopback port, with durable commits (fsync on, synchronous_commit on), shared_buffers 256MB, max_wal_size 4GB.
# Run as root, the cluster runs as the postgres system user (initdb refuses root).
# Exit: 0 done; 1 an event reported committed is missing; 2 setup or usage error; 3 below TARGET with TARGET_STRICT=1.
set -euo pipefail

SECONDS_MEASURED=${SECONDS_MEASURED:-120}
WARMUP=${WARMUP:-20}
PRODUCERS=${PRODUCERS:-8}
OUTSTANDING=${OUTSTANDING:-4096}
VENUES=${VENUES:-200}
DEVICES=${DEVICES:-200000}
MAX_BATCH=${MAX_BATCH:-1000}
WRITERS=${WRITERS:-"2 1"}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
KEEP=${KEEP:-0}
TARGET=${TARGET:-20000}
TARGET_STRICT=${TARGET_STRICT:-0}
PROFILE=${PROFILE:-0}

for arg in "$@"; do
    case "$arg" in
        --quick) SECONDS_MEASURED=20; WARMUP=5 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
die() { echo "ERROR: $*" >&2; exit 2; }
for n in "$SECONDS_MEASURED" "$WARMUP" "$PRODUCERS" "$OUTSTANDING" "$VENUES" "$DEVICES" "$MAX_BATCH" "$TARGET" $WRITERS; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "sizes and counts must be positive integers (got '$n')"
done
command -v javac >/dev/null || die "javac (a JDK 17) is needed"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || die "PostgreSQL's server is needed: apt-get install -y postgresql"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/bluezone-portal.jar"
T=$(mktemp -d /tmp/bz-pg-bench.XXXXXX)
AS=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root, the cluster runs as the system user 'postgres', which is missing"
    chown postgres "$T"
    AS=(runuser -u postgres --)
fi
pg() { "${AS[@]}" "$PGBIN/$1" "${@:2}"; }
STARTED=0
cleanup() {
    if [ "$STARTED" = 1 ]; then pg pg_ctl -D "$T/data" -m fast stop >/dev/null 2>&1 || true; fi
    if [ "$KEEP" = 1 ]; then echo "kept: $T"; else rm -rf -- "$T"; fi
}
trap cleanup EXIT

if [ ! -f "$JAR" ]; then
    echo "==> building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests package) || die "build failed"
fi
mkdir -p "$T/gen"
cp "$JAR" "$T/portal.jar"      # a rebuild during the run cannot disturb it
javac -cp "$T/portal.jar" -d "$T/gen" "$ROOT/bench/pg/IngestLoad.java" || die "cannot compile IngestLoad.java"

PORT=25432
while (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; do PORT=$((PORT + 1)); done
PASSWORD=bench-$RANDOM$RANDOM
echo "$PASSWORD" > "$T/password"
[ ${#AS[@]} -eq 0 ] || chown postgres "$T/password"
echo "==> PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') cluster in $T on 127.0.0.1:$PORT"
pg initdb -D "$T/data" -U bluezone_bench --pwfile="$T/password" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C \
    >"$T/initdb.log" 2>&1 || { cat "$T/initdb.log"; die "initdb failed"; }
PROFILING=""
[ "$PROFILE" = 1 ] && PROFILING="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all -c track_wal_io_timing=on"
pg pg_ctl -D "$T/data" -l "$T/data/server.log" -w -t 60 -o "-p $PORT -k $T -c listen_addresses=127.0.0.1 \
-c shared_buffers=256MB -c max_wal_size=4GB -c fsync=on -c synchronous_commit=on $PROFILING" start >/dev/null \
    || { cat "$T/data/server.log" 2>/dev/null; die "the server did not start"; }
STARTED=1
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
# One run per writer count, each into a database of its own, one after the other (never at once).
declare -a SUMMARY=()
failed=0
best=0
for w in $WRITERS; do
    db="bench_w$w"
    pg psql -h "$T" -p "$PORT" -U bluezone_bench -d postgres -qc "CREATE DATABASE $db" || die "cannot create the database"
    if [ "$PROFILE" = 1 ]; then
        pg psql -h "$T" -p "$PORT" -U bluezone_bench -d "$db" -qc "CREATE EXTENSION pg_stat_statements; SELECT pg_stat_reset_shared('wal')" \
            >/dev/null || die "cannot load pg_stat_statements"
    fi
    echo "==> $w event writer(s) side by side (store.postgres.writers: $w)"
    # shellcheck disable=SC2086  # JAVA_OPTS holds several flags
    java $JAVA_OPTS -cp "$T/portal.jar:$T/gen" IngestLoad --url "jdbc:postgresql://127.0.0.1:$PORT/$db" --user bluezone_bench \
        --password "$PASSWORD" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" --producers "$PRODUCERS" --outstanding "$OUTSTANDING" \
        --venues "$VENUES" --devices "$DEVICES" --max-batch "$MAX_BATCH" --writers "$w" --server-pid "$(head -n 1 "$T/data/postmaster.pid")" \
        2>&1 | grep --line-buffered -v -e ' INFO ' -e ' DEBUG ' | tee "$T/ingest-$w.log"
    [ "${PIPESTATUS[0]}" = 0 ] || failed=1
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    if [ "$PROFILE" = 1 ]; then
        echo "server time by statement (warm-up and migrations included):"
        pg psql -h "$T" -p "$PORT" -U bluezone_bench -d "$db" -P pager=off -c "SELECT round(total_exec_time::numeric / 1000, 1) AS seconds,
            calls, rows, round((total_exec_time / greatest(rows, 1) * 1000)::numeric, 1) AS us_per_row, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = '$db')
            ORDER BY total_exec_time DESC LIMIT 12"
        echo "write-ahead log (the commit of each batch waits for its share to be on disk):"
        pg psql -h "$T" -p "$PORT" -U bluezone_bench -d "$db" -P pager=off -c "SELECT wal_records, wal_fpi AS full_pages,
            pg_size_pretty(wal_bytes) AS bytes, wal_write AS writes, wal_sync AS syncs, round(wal_write_time::numeric) AS write_ms,
            round(wal_sync_time::numeric) AS sync_ms FROM pg_stat_wal"
    fi
    echo "database size: $(pg psql -h "$T" -p "$PORT" -U bluezone_bench -d "$db" -Atc "SELECT pg_size_pretty(pg_database_size('$db'))")"
    rate=$(sed -n 's/^result: \([0-9,]*\) events\/s.*/\1/p' "$T/ingest-$w.log" | tr -d ,)
    cpu=$(sed -n 's/^CPU per event over the window: PostgreSQL \([0-9.]*\) us, this JVM \([0-9.]*\) us.*/\1 \2/p' "$T/ingest-$w.log")
    SUMMARY+=("$w ${rate:-0} ${cpu:-? ?}")
    [ -n "$rate" ] && [ "$rate" -gt "$best" ] && best=$rate
done

echo
echo "Summary (events/s sustained over $SECONDS_MEASURED s; target $TARGET)"
printf '%8s %12s %14s %16s %16s\n' writers events/s "vs 1 writer" "PostgreSQL us/ev" "JVM us/ev"
one=""
for row in "${SUMMARY[@]}"; do
    read -r w rate server jvm <<<"$row"
    [ "$w" = 1 ] && one=$rate
done
for row in "${SUMMARY[@]}"; do
    read -r w rate server jvm <<<"$row"
    ratio="-"
    [ -n "$one" ] && [ "$one" -gt 0 ] && ratio=$(awk -v a="$rate" -v b="$one" 'BEGIN { printf "%.2f", a / b }')
    printf '%8s %12s %14s %16s %16s\n' "$w" "$rate" "$ratio" "$server" "$jvm"
done
[ "$failed" = 0 ] || exit 1
if [ "$best" -lt "$TARGET" ]; then
    echo "below the target of $TARGET events/s"
    [ "$TARGET_STRICT" = 1 ] && exit 3
else
    echo "target met: $best events/s (best run) >= $TARGET"
fi
exit 0
