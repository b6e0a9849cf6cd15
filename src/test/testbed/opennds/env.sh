# shellcheck shell=bash disable=SC2034  # variables are used by the sourcing scripts
# env.sh - settings of the BlueZone openNDS test bed (sourced by the other scripts).
# Every value can be overridden with an environment variable BZ_TB_<NAME>.
# All addresses exist ONLY inside the namespaces bz-client, bz-gw and bz-up.
# Do not run this bed and another bed using 10.231.0.0/16 at the same time.

TB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB_DIR="$TB_DIR/lib"
# Not under /tmp: the gateway hides /tmp behind its own tmpfs.
RUN_DIR="${BZ_TB_RUN_DIR:-/var/tmp/bluezone-testbed/run}"

# ---- namespaces ----
NS_CLIENT="${BZ_TB_NS_CLIENT:-bz-client}"   # the visitor's phone
NS_GW="${BZ_TB_NS_GW:-bz-gw}"               # the openNDS gateway
NS_UP="${BZ_TB_NS_UP:-bz-up}"               # "the internet" + the FAS (our portal)

# ---- addressing (namespace-internal only) ----
GW_LAN_IP="${BZ_TB_GW_LAN_IP:-10.231.1.1}"
GW_LAN_MAC="${BZ_TB_GW_LAN_MAC:-02:00:0a:e7:01:01}"   # openNDS appends it to gatewayname
CLIENT_IP="${BZ_TB_CLIENT_IP:-10.231.1.10}"
CLIENT_MAC="${BZ_TB_CLIENT_MAC:-02:00:0a:e7:01:0a}"
GW_WAN_IP="${BZ_TB_GW_WAN_IP:-10.231.2.1}"
UP_IP="${BZ_TB_UP_IP:-10.231.2.2}"                    # upstream web server, port 80
UP_MARKER="BZ-TESTBED-UPSTREAM-OK"                    # text on the upstream page

# ---- openNDS ----
GW_IFACE="${BZ_TB_GW_IFACE:-br-lan}"
GW_PORT="${BZ_TB_GW_PORT:-2050}"
GW_NAME="${BZ_TB_GW_NAME:-BlueZoneTestbed}"
NDS_DEBUG="${BZ_TB_NDS_DEBUG:-3}"
SESSION_MIN="${BZ_TB_SESSION_MIN:-60}"
CHECK_INTERVAL="${BZ_TB_CHECK_INTERVAL:-15}"          # s between openNDS client-list refreshes

# ---- FAS (the real portal, started with --fas-cmd) ----
FAS_LEVEL="${BZ_TB_FAS_LEVEL:-1}"
FAS_IP="${BZ_TB_FAS_IP:-10.231.2.3}"
FAS_PORT="${BZ_TB_FAS_PORT:-8080}"
FAS_PATH="${BZ_TB_FAS_PATH:-/opennds/demo-gw/}"
FAS_KEY="${BZ_TB_FAS_KEY:-BzTestbedKey1}"
FAS_CMD="${BZ_TB_FAS_CMD:-}"
FAS_START_TIMEOUT="${BZ_TB_FAS_START_TIMEOUT:-60}"
FAS_FQDN="${BZ_TB_FAS_FQDN:-}"                        # optional name for the FAS (openNDS fasremotefqdn)
# level 3 only: https for the FAS, and openNDS's authmon daemon polls it
TLS_DIR="$RUN_DIR/tls"                                # throw-away CA + server certificate (setup.sh)
AUTHMON_POLL="${BZ_TB_AUTHMON_POLL:-1}"               # s between authmon polls (1-59; openNDS default 10)
AUTHMON_START_TIMEOUT="${BZ_TB_AUTHMON_START_TIMEOUT:-20}"
# What setup.sh started (level, FAS URL, ...), read by visitor.sh and authmonctl.sh
BED_ENV="$RUN_DIR/bed.env"

PY="${BZ_TB_PYTHON:-/usr/bin/python3}"
[ -x "$PY" ] || PY="$(command -v python3 || echo python3)"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S.%N | cut -c1-12)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ns_exists() { ip netns list 2>/dev/null | awk -v n="$1" '$1==n{f=1} END{exit !f}'; }

# Process alive and not a zombie? (our background processes get re-parented)
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
nds_alive() {
	local pid
	pid="$(cat "$RUN_DIR/opennds.pid" 2>/dev/null)" || return 1
	alive "$pid"
}

# Run a command in the gateway's network + private mount namespace
# (openNDS keeps its ndsctl socket on that namespace's own /tmp).
in_gw() {
	local pid
	pid="$(cat "$RUN_DIR/opennds.pid" 2>/dev/null)" || die "no $RUN_DIR/opennds.pid (run setup.sh first)"
	alive "$pid" || die "openNDS (pid $pid) is not running; see $RUN_DIR/opennds.log"
	nsenter --target "$pid" --mount --net -- "$@"
}

# Load what setup.sh recorded about the running bed (BED_* variables), if anything.
bed_load() {
	BED_LEVEL="$FAS_LEVEL"; BED_FAS_URL=""; BED_FAS_FQDN=""; BED_FAS_CA=""; BED_NDS_DEBUG="$NDS_DEBUG"
	# shellcheck disable=SC1090
	[ -r "$BED_ENV" ] && . "$BED_ENV"
	return 0
}

# TCP port answers inside a namespace? (bash /dev/tcp, no extra process per try)
port_open() { # ns ip port
	ip netns exec "$1" timeout 1 bash -c "exec 3<>/dev/tcp/$2/$3" 2>/dev/null
}

# ---- authmon (level 3): openNDS starts /usr/lib/opennds/authmon.sh, which polls the FAS ----
AUTHMON_SCRIPT=/usr/lib/opennds/authmon.sh
# pids of THIS bed's authmon: processes running authmon.sh inside openNDS's network and mount
# namespaces. (openNDS itself kills `pgrep -f usr/lib/opennds/authmon.sh` host-wide.)
authmon_pids() {
	local nds net mnt pid
	nds="$(cat "$RUN_DIR/opennds.pid" 2>/dev/null)" && alive "$nds" || return 0
	net="$(readlink "/proc/$nds/ns/net")"; mnt="$(readlink "/proc/$nds/ns/mnt")"
	for pid in $(pgrep -f "$AUTHMON_SCRIPT"); do
		alive "$pid" && [ "$(readlink "/proc/$pid/ns/net" 2>/dev/null)" = "$net" ] \
			&& [ "$(readlink "/proc/$pid/ns/mnt" 2>/dev/null)" = "$mnt" ] && echo "$pid"
	done
	return 0
}
# authmon_wait_ready SINCE OFFSET: wait until an authmon started at or after SINCE (epoch s) has
# written /tmp/ndscids/authmonargs, sent its start-up "clear" POST and begun polling. At debug
# level >= 1 its "nat_traversal_poll_interval is" line (logged after the clear) must appear in
# opennds.log after byte OFFSET; at level 0 we wait 2 s instead. Fails if the clear got an ERROR.
authmon_wait_ready() {
	local since="$1" off="$2" debug="${BED_NDS_DEBUG:-$NDS_DEBUG}" m clear
	local deadline=$(( $(date +%s) + AUTHMON_START_TIMEOUT ))
	until m="$(in_gw stat -c %Y /tmp/ndscids/authmonargs 2>/dev/null)" && [ "$m" -ge "$since" ]; do
		nds_alive || { log "openNDS is not running"; return 1; }
		[ "$(date +%s)" -lt "$deadline" ] || { log "authmon did not write /tmp/ndscids/authmonargs within ${AUTHMON_START_TIMEOUT}s"; return 1; }
		sleep 0.2
	done
	if [ "$debug" -lt 1 ]; then sleep 2; return 0; fi
	until tail -c +$((off + 1)) "$RUN_DIR/opennds.log" | grep -q 'authmon - nat_traversal_poll_interval is'; do
		[ "$(date +%s)" -lt "$deadline" ] || { log "authmon sent no clear POST within ${AUTHMON_START_TIMEOUT}s"; return 1; }
		sleep 0.1
	done
	clear="$(tail -c +$((off + 1)) "$RUN_DIR/opennds.log" | grep -a 'authmon - action clear, response' | tail -n 1)"
	if [[ "$clear" == *ERROR:* ]]; then
		log "authmon cannot reach the FAS: ${clear#*authmon - }"
		tail -c +$((off + 1)) "$RUN_DIR/opennds.log" | grep -a -i -e 'PHP Warning' -e 'ssl' | tail -n 5 >&2
		return 1
	fi
	return 0
}
