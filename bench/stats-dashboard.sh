#!/usr/bin/env bash
# Dashboard query times over a store filled with millions of realistic events (bench/stats/StatsLoad.java),
# written through the real SqliteEventStore.append. See bench/README.md.
#
# Usage: bench/stats-dashboard.sh [--with-50m] [--quick] [--help]
#   default sizes 1 M and 10 M impressions; --with-50m adds 50 M (about 1 h and 12 GB of disk); --quick: 200 000 only
#   env: SIZES ("1000000 10000000")  VENUES (200)  DAYS (180)  QUERY_DAYS (90)  RUNS (9)  BATCH (1000)
#        BULK_ABOVE (10000000: larger stores are filled in batches of 20 000 with StatsLoad's --bulk yes)
#        JAVA_OPTS ("-Xmx1g")  KEEP (0; 1 = keep the databases in the temp dir and print its path)
# Exit: 0 done; 2 setup or usage error.
set -euo pipefail

SIZES=${SIZES:-"1000000 10000000"}
VENUES=${VENUES:-200}
DAYS=${DAYS:-180}
QUERY_DAYS=${QUERY_DAYS:-90}
RUNS=${RUNS:-9}
BATCH=${BATCH:-1000}
BULK_ABOVE=${BULK_ABOVE:-10000000}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
KEEP=${KEEP:-0}
END=2026-11-29

for arg in "$@"; do
    case "$arg" in
        --with-50m) SIZES="$SIZES 50000000" ;;
        --quick) SIZES=200000 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $arg (try --help)" >&2; exit 2 ;;
    esac
done
die() { echo "ERROR: $*" >&2; exit 2; }
for n in $SIZES "$VENUES" "$DAYS" "$QUERY_DAYS" "$RUNS" "$BATCH" "$BULK_ABOVE"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "sizes and counts must be positive integers (got '$n')"
done
[ "$QUERY_DAYS" -le "$DAYS" ] || die "QUERY_DAYS must not exceed DAYS"
command -v javac >/dev/null || die "javac (a JDK 17) is needed"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/bluezone-portal.jar"
T=$(mktemp -d /tmp/bz-stats-bench.XXXXXX)
cleanup() { if [ "$KEEP" = 1 ]; then echo "kept: $T"; else rm -rf -- "$T"; fi; }
trap cleanup EXIT

if [ ! -f "$JAR" ]; then
    echo "==> building $JAR"
    (cd "$ROOT" && mvn -q -B -DskipTests package) || die "build failed"
fi
cp "$JAR" "$T/portal.jar"      # a rebuild during the run cannot disturb it
mkdir -p "$T/gen"
javac -cp "$T/portal.jar" -d "$T/gen" "$ROOT/bench/stats/StatsLoad.java" || die "cannot compile StatsLoad.java"
# shellcheck disable=SC2086  # JAVA_OPTS holds several flags
run() { java $JAVA_OPTS -cp "$T/portal.jar:$T/gen" StatsLoad "$@" 2>&1 | grep --line-buffered -v -e ' INFO ' -e ' DEBUG ' -e 'WalCheckpointer - WAL checkpoint (PASSIVE) failed' || true; }

echo "venues $VENUES, $DAYS days up to $END, dashboard: busiest venue (venue-001) and all venues over the last $QUERY_DAYS days"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
declare -a SUMMARY=()
for n in $SIZES; do
    db="$T/stats-$n.db"
    echo "==> $n impressions"
    start=$(date +%s)
    loading=(--batch "$BATCH")
    [ "$n" -gt "$BULK_ABOVE" ] && loading=(--batch 20000 --bulk yes)
    run fill --db "$db" --events "$n" --venues "$VENUES" --days "$DAYS" --end "$END" "${loading[@]}" | tee "$T/fill-$n.log"
    fill_s=$(( $(date +%s) - start ))
    size=$(du -b "$db" | cut -f1)
    run query --db "$db" --venue venue-001 --days "$QUERY_DAYS" --end "$END" --runs "$RUNS" | tee "$T/query-$n.log"
    run query --db "$db" --venue all --days "$QUERY_DAYS" --end "$END" --runs "$RUNS" | tee "$T/query-all-$n.log"
    median() { sed -n 's/.*median of [0-9]*: \([0-9.]*\) ms.*CPU \([0-9.]*\) ms.*/\1 (\2)/p' "$1"; }
    one=$(median "$T/query-$n.log")
    all=$(median "$T/query-all-$n.log")
    stored=$(sed -n 's/^filled: \([0-9]*\) impressions, \([0-9]*\) sessions.*/\1 \2/p' "$T/fill-$n.log")
    # shellcheck disable=SC2086  # "impressions sessions", two columns
    SUMMARY+=("$(printf '%12s %12s %10s %8s s %10s MB %20s %20s' "$n" ${stored:-? ?} "$fill_s" $((size / 1000000)) "$one" "$all")")
done
echo
echo "Summary (query: ms, median of $RUNS after 3 warm-up calls, wall (CPU of the querying thread); the database is in the page cache)"
printf '%12s %12s %10s %10s %13s %20s %20s\n' target impressions sessions fill size "venue-001 ${QUERY_DAYS}d" "all ${QUERY_DAYS}d"
printf '%s\n' "${SUMMARY[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
