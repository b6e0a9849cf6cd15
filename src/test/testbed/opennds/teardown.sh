#!/bin/bash
# teardown.sh - stop everything setup.sh started and delete the namespaces.
# Signals only pids from run/*.pid and pids inside bz-client/bz-gw/bz-up
# (SIGTERM, then SIGKILL after 10 s). Idempotent. Usage: teardown.sh [--quiet]
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"
QUIET=0; [ "${1:-}" = --quiet ] && QUIET=1
say() { [ "$QUIET" = 1 ] || log "$@"; }
[ "$(id -u)" = 0 ] || die "must run as root"

stop_pid() { # pid label
	local pid="$1"
	[[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null || true
	for _ in $(seq 100); do
		alive "$pid" || { say "stopped $2 (pid $pid)"; return 0; }
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null && say "killed $2 (pid $pid) after 10 s"
	return 0
}

# openNDS first: on SIGTERM it removes its own firewall rules (and stops authmon)
for name in opennds authmon fas upstream; do
	f="$RUN_DIR/$name.pid"
	[ -f "$f" ] || continue
	stop_pid "$(cat "$f")" "$name"
	rm -f "$f"
done
for ns in "$NS_CLIENT" "$NS_GW" "$NS_UP"; do
	ns_exists "$ns" || continue
	for pid in $(ip netns pids "$ns" 2>/dev/null); do stop_pid "$pid" "leftover in $ns"; done
	ip netns del "$ns" && say "deleted namespace $ns"
done
exit 0
