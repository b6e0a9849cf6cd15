# shellcheck shell=bash
# Helpers the side-by-side benchmarks share; sourced by splash-vs-nginx.sh and radius-vs-freeradius.sh.

stop_pid() { # pid, name: TERM, wait up to 10 s, then KILL; only the pid we started
    local pid=$1 name=$2
    [ -n "$pid" ] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    echo "    $name ($pid) did not stop within 10 s; killing" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

thread_ticks() { # tid<TAB>thread name<TAB>utime+stime ticks, for every thread of a process
    local f
    for f in /proc/"$1"/task/*/stat; do
        awk '{ l = index($0, "("); r = match($0, /\) [A-Z] /); comm = substr($0, l + 1, r - l - 1)
               n = split(substr($0, r + 2), a, " "); printf "%s\t%s\t%d\n", $1, comm, a[12] + a[13] }' "$f" 2>/dev/null || true
    done
}

cpu_by_thread() { # before.tsv after.tsv: the 8 busiest thread names (numbers folded to N) between two thread_ticks snapshots
    awk -F'\t' -v hz="$(getconf CLK_TCK)" 'NR == FNR { b[$1] = $3; next }
        { d = $3 - ($1 in b ? b[$1] : 0); name = $2; gsub(/[0-9]+$/, "N", name); t[name] += d; all += d }
        END { for (n in t) if (t[n] > 0) printf "%.2f\t%s\t%.0f\n", t[n] / hz, n, (all > 0 ? t[n] / all * 100 : 0) }' \
        "$1" "$2" | sort -t$'\t' -k1,1 -rn | head -n 8 \
        | awk -F'\t' '{ printf "    %-18s %7.1f s  %3d%%\n", $2, $1, $3 }'
}
