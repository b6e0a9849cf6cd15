#!/bin/bash
# authmonctl.sh - stop and start openNDS's authmon daemon of THIS test bed (level 3).
# authmon (/usr/lib/opennds/authmon.sh) polls the FAS and lets in the visitors the FAS
# lists. Only processes running authmon.sh inside this bed's openNDS network and mount
# namespaces are touched (openNDS itself kills `pgrep -f usr/lib/opennds/authmon.sh`
# host-wide, so never run two level-3 beds at once).
#
# Usage: authmonctl.sh status|stop|start|restart
#   status   print the pids of this bed's authmon (exit 1 if there is none)
#   stop     SIGTERM authmon and its children (php, sleep, ndsctl); SIGKILL after 5 s
#   start    start it as openNDS did, with the arguments openNDS saved in
#            /tmp/ndscids/authmonargs (url, gatewayhash, phpcli) and openNDS's
#            environment, in the gateway's network + mount namespaces, output appended
#            to run/opennds.log, pid in run/authmon.pid. Then wait until it has sent its
#            start-up "clear" POST and polls (authmon sleeps 5 s first: about 5-6 s).
#            NB: that "clear" empties the FAS's list of visitors waiting for the gateway.
#   restart  stop, then start
# openNDS 9.10 does not start authmon again by itself when it dies (see README).
# Exit: 0 ok, 1 failed, 2 usage / no level-3 bed.
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"
CMD="${1:-}"
case "$CMD" in status|stop|start|restart) ;; -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
	*) echo "usage: authmonctl.sh status|stop|start|restart" >&2; exit 2 ;; esac
[ "$(id -u)" = 0 ] || die "must run as root"
bed_load
[ "$BED_LEVEL" = 3 ] || { log "the bed runs level $BED_LEVEL: authmon runs only at level 3"; exit 2; }
nds_alive || { log "openNDS is not running (run setup.sh first)"; exit 2; }
NDS_PID="$(cat "$RUN_DIR/opennds.pid")"

# pid and all its descendants (children first found, then theirs)
tree() {
	local todo=("$@") p c
	while [ ${#todo[@]} -gt 0 ]; do
		p="${todo[0]}"; todo=("${todo[@]:1}")
		echo "$p"
		for c in $(pgrep -P "$p" || true); do todo+=("$c"); done
	done
}

do_status() {
	local pids
	pids="$(authmon_pids)"
	[ -n "$pids" ] || { echo "authmon: not running"; return 1; }
	echo "authmon: running, pid $(xargs <<< "$pids")"
}

do_stop() {
	local roots all p
	mapfile -t roots < <(authmon_pids)
	[ ${#roots[@]} -gt 0 ] || { log "authmon is not running"; return 0; }
	# the whole tree first, then the scripts (so they start nothing new), then the rest
	mapfile -t all < <(tree "${roots[@]}")
	kill -TERM "${roots[@]}" 2>/dev/null || true
	for p in "${all[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for _ in $(seq 50); do
		local left=()
		for p in "${all[@]}"; do alive "$p" && left+=("$p"); done
		[ ${#left[@]} -eq 0 ] && break
		sleep 0.1
	done
	for p in "${all[@]}"; do alive "$p" && kill -KILL "$p" 2>/dev/null && log "killed $p after 5 s"; done
	rm -f "$RUN_DIR/authmon.pid"
	[ -z "$(authmon_pids)" ] || die "authmon still runs: $(authmon_pids | xargs)"
	log "authmon stopped (pid ${roots[*]})"
	echo "$(date +%T) authmon stopped by authmonctl.sh (pid ${roots[*]})" >> "$RUN_DIR/opennds.log"
}

do_start() {
	local running args line url="" gatewayhash="" phpcli="" env_nds since off
	running="$(authmon_pids)"
	[ -z "$running" ] || die "authmon already runs (pid $(xargs <<< "$running")); use restart"
	args="$(in_gw cat /tmp/ndscids/authmonargs)" || die "no /tmp/ndscids/authmonargs in the gateway (authmon never started?)"
	while IFS= read -r line; do
		case "$line" in url=*) url="${line#url=}" ;; gatewayhash=*) gatewayhash="${line#gatewayhash=}" ;;
			phpcli=*) phpcli="${line#phpcli=}" ;; esac
	done <<< "$args"
	if [ -z "$url" ] || [ -z "$gatewayhash" ] || [ -z "$phpcli" ]; then die "incomplete authmonargs: $args"; fi
	mapfile -d '' -t env_nds < "/proc/$NDS_PID/environ"
	since=$(date +%s)
	off=$(stat -c %s "$RUN_DIR/opennds.log")
	echo "$(date +%T) authmon started by authmonctl.sh: $AUTHMON_SCRIPT \"$url\" \"$gatewayhash\" \"$phpcli\"" >> "$RUN_DIR/opennds.log"
	# nsenter and setsid exec (no fork), so $! ends up as authmon's own pid
	nsenter --target "$NDS_PID" --mount --net -- env -i "${env_nds[@]}" \
		setsid "$AUTHMON_SCRIPT" "$url" "$gatewayhash" "$phpcli" < /dev/null >> "$RUN_DIR/opennds.log" 2>&1 &
	echo $! > "$RUN_DIR/authmon.pid"
	log "authmon started (pid $!); waiting for its clear POST and first poll"
	authmon_wait_ready "$since" "$off" || { tail -n 20 "$RUN_DIR/opennds.log" >&2; die "authmon is not polling the FAS"; }
	log "authmon polls $url (pid $(authmon_pids | xargs))"
}

case "$CMD" in
	status) do_status ;;
	stop) do_stop ;;
	start) do_start ;;
	restart) do_stop; do_start ;;
esac
