#!/bin/bash
# setup.sh - build the test bed and start the upstream server, the FAS (our
# portal, via --fas-cmd) and a REAL openNDS 9.10 gateway.
#
#   bz-client (phone)               bz-gw (openNDS)                        bz-up ("internet")
#   eth0 10.231.1.10 --veth-- lan-c1 ] br-lan 10.231.1.1:2050              eth0 10.231.2.2:80   upstream.py
#   02:00:0a:e7:01:0a                  wan 10.231.2.1 ------veth---------       10.231.2.3:8080 FAS
#
# Usage: setup.sh --level 0|1|2|3 --fas-path /opennds/demo-gw/ --fas-key KEY --fas-cmd 'CMD'
#                 [--fas-port N] [--fas-fqdn NAME] [--gateway-name NAME] [--session-min N]
# Each option also has a BZ_TB_* variable (env.sh). CMD runs in bz-up as
# bash -c "exec CMD" (log run/fas.log) with these variables exported:
#   BZ_TB_FAS_IP BZ_TB_FAS_PORT BZ_TB_FAS_PATH BZ_TB_FAS_KEY BZ_TB_FAS_LEVEL
#   BZ_TB_FAS_URL BZ_TB_FAS_FQDN BZ_TB_GW_LAN_IP BZ_TB_GW_PORT BZ_TB_GW_NAME
#   BZ_TB_SESSION_MIN BZ_TB_RUN_DIR, and BZ_TB_FAS_TLS_CERT BZ_TB_FAS_TLS_KEY
#   BZ_TB_FAS_CA (PEM files in run/tls/ at level 3, empty below).
# It must listen on BZ_TB_FAS_IP:BZ_TB_FAS_PORT (or 0.0.0.0), with https at level 3.
# Level 3 also waits until openNDS's authmon polls the FAS. Runs teardown.sh first,
# and again if it fails (logs stay in the run folder). Needs root.
set -euo pipefail
while [ $# -gt 0 ]; do
	case "$1" in
		--level) export BZ_TB_FAS_LEVEL="$2"; shift 2 ;;
		--fas-path) export BZ_TB_FAS_PATH="$2"; shift 2 ;;
		--fas-key) export BZ_TB_FAS_KEY="$2"; shift 2 ;;
		--fas-cmd) export BZ_TB_FAS_CMD="$2"; shift 2 ;;
		--fas-port) export BZ_TB_FAS_PORT="$2"; shift 2 ;;
		--fas-fqdn) export BZ_TB_FAS_FQDN="$2"; shift 2 ;;
		--gateway-name) export BZ_TB_GW_NAME="$2"; shift 2 ;;
		--session-min) export BZ_TB_SESSION_MIN="$2"; shift 2 ;;
		-h|--help) sed -n '2,20p' "$0"; exit 0 ;;
		*) echo "setup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

T0=$(date +%s%N)
since() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }
[ "$(id -u)" = 0 ] || die "must run as root"
"$TB_DIR/install-deps.sh" || die "missing tools (see above)"
case "$FAS_LEVEL" in 0|1|2|3) ;; *) die "--level must be 0, 1, 2 or 3 (got $FAS_LEVEL)" ;; esac
case "$FAS_PATH" in /*/) ;; *) die "--fas-path must start and end with / (got $FAS_PATH)" ;; esac
[[ "$FAS_KEY" =~ ^[A-Za-z0-9]{1,16}$ ]] || die "--fas-key must be 1-16 characters [A-Za-z0-9]"
[[ "$FAS_IP" == 10.231.2.* && "$FAS_IP" != "$UP_IP" ]] || die "FAS IP must be in 10.231.2.0/24 and not $UP_IP"
[ -n "$FAS_CMD" ] || die "--fas-cmd is required (the command that starts the portal)"
if [ -n "$FAS_FQDN" ]; then
	[[ "$FAS_FQDN" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ && "$FAS_FQDN" =~ [A-Za-z] ]] \
		|| die "--fas-fqdn must be a host name such as portal.bz.test (got $FAS_FQDN)"
fi
[[ "$AUTHMON_POLL" =~ ^[1-9][0-9]?$ && "$AUTHMON_POLL" -lt 60 ]] || die "BZ_TB_AUTHMON_POLL must be 1-59 s"
for other in cp-client cp-gw cp-up; do
	ns_exists "$other" && die "namespace $other exists: another bed uses the same addresses; tear it down first"
done

"$TB_DIR/teardown.sh" --quiet
# on any failure: stop what was started (logs in RUN_DIR are kept)
on_exit() { [ "$1" = 0 ] || { log "setup failed - tearing down"; "$TB_DIR/teardown.sh" --quiet; }; }
trap 'on_exit $?' EXIT
mkdir -p "$RUN_DIR"
[ -f "$RUN_DIR/opennds.log" ] && mv -f "$RUN_DIR/opennds.log" "$RUN_DIR/previous-opennds.log.txt"
rm -rf "$RUN_DIR"/*.pid "$RUN_DIR"/*.log "$RUN_DIR"/*.jsonl "$RUN_DIR"/opennds.conf "$RUN_DIR"/dhcp.leases "$RUN_DIR"/fas.url \
	"$RUN_DIR"/visitor "$RUN_DIR"/bed.env "$RUN_DIR"/hosts "$RUN_DIR"/php "$TLS_DIR"

# ---- namespaces, containment guard, links ----
log "creating namespaces $NS_CLIENT $NS_GW $NS_UP"
for ns in "$NS_CLIENT" "$NS_GW" "$NS_UP"; do
	ip netns add "$ns"
	ip -n "$ns" link set lo up
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	# nothing may be sent or forwarded outside 10.231.0.0/16 (loopback excepted):
	# rejected at once, e.g. a stray DNS query towards the host's resolver
	ip netns exec "$ns" nft -f - <<'NFT'
table ip bz_guard {
	chain guard_out {
		type filter hook output priority -300; policy accept;
		ip daddr != { 10.231.0.0/16, 127.0.0.0/8 } counter reject with icmp type admin-prohibited
	}
	chain guard_fwd {
		type filter hook forward priority -300; policy accept;
		ip daddr != 10.231.0.0/16 counter reject with icmp type admin-prohibited
	}
}
NFT
done
# veth ends are created directly inside the namespaces (nothing in the host namespace)
ip link add name eth0 netns "$NS_CLIENT" address "$CLIENT_MAC" type veth peer name lan-c1 netns "$NS_GW"
ip link add name wan netns "$NS_GW" type veth peer name eth0 netns "$NS_UP"

ip -n "$NS_GW" link add "$GW_IFACE" address "$GW_LAN_MAC" type bridge
ip -n "$NS_GW" link set lan-c1 master "$GW_IFACE"
ip -n "$NS_GW" link set lan-c1 up
ip -n "$NS_GW" link set "$GW_IFACE" up
ip -n "$NS_GW" addr add "$GW_LAN_IP/24" dev "$GW_IFACE"
ip -n "$NS_GW" link set wan up
ip -n "$NS_GW" addr add "$GW_WAN_IP/24" dev wan
ip -n "$NS_GW" route add default via "$UP_IP" dev wan
ip netns exec "$NS_GW" sysctl -qw net.ipv4.ip_forward=1
ip netns exec "$NS_GW" nft -f - <<'NFT'
table ip bz_testbed {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "wan" masquerade
	}
}
NFT
ip -n "$NS_CLIENT" link set eth0 up
ip -n "$NS_CLIENT" addr add "$CLIENT_IP/24" dev eth0
ip -n "$NS_CLIENT" route add default via "$GW_LAN_IP"
ip -n "$NS_UP" link set eth0 up
ip -n "$NS_UP" addr add "$UP_IP/24" dev eth0
ip -n "$NS_UP" addr add "$FAS_IP/24" dev eth0

# Prime the ARP caches: openNDS reports itself offline unless its upstream
# router is REACHABLE. A TCP connect to a closed port resolves ARP.
port_open "$NS_GW" "$UP_IP" 9 || true
port_open "$NS_CLIENT" "$GW_LAN_IP" 9 || true
ip -n "$NS_GW" neigh show "$UP_IP" | grep -qE 'REACHABLE|STALE|DELAY' || die "gateway cannot reach $UP_IP"
log "topology ready ($(since))"

# ---- upstream "internet" ----
ip netns exec "$NS_UP" "$PY" "$LIB_DIR/upstream.py" --bind "$UP_IP" --port 80 > "$RUN_DIR/upstream.log" 2>&1 &
echo $! > "$RUN_DIR/upstream.pid"

# ---- level 3: https for the FAS ----
# openNDS forces https for level 3, and authmon's php checks the FAS certificate. A
# throw-away CA signs a server certificate for the FAS IP (and --fas-fqdn); the key is
# PEM PKCS#8 ("BEGIN PRIVATE KEY"). The gateway's php trusts the CA through an ini file
# in PHP_INI_SCAN_DIR (lib/gw-start.sh), the phone through curl --cacert.
make_tls() {
	local t="$TLS_DIR"
	mkdir -p "$t"
	openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=BlueZone test bed CA $(date +%s)" \
		-addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
		-keyout "$t/ca.key" -out "$t/ca.pem" 2> "$t/openssl.log"
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$t/server.key" 2>> "$t/openssl.log"
	openssl req -new -key "$t/server.key" -subj "/CN=${FAS_FQDN:-$FAS_IP}" -out "$t/server.csr" 2>> "$t/openssl.log"
	cat > "$t/server.ext" <<EXT
subjectAltName=IP:$FAS_IP${FAS_FQDN:+,DNS:$FAS_FQDN}
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid,issuer
EXT
	openssl x509 -req -in "$t/server.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" -set_serial "0x$(openssl rand -hex 8)" \
		-days 7 -extfile "$t/server.ext" -out "$t/server.pem" 2>> "$t/openssl.log"
	grep -q 'BEGIN PRIVATE KEY' "$t/server.key" || die "server key is not PEM PKCS#8 (see $t/openssl.log)"
	openssl verify -CAfile "$t/ca.pem" -verify_ip "$FAS_IP" "$t/server.pem" >> "$t/openssl.log" 2>&1 \
		|| die "the new server certificate does not verify (see $t/openssl.log)"
	mkdir -p "$RUN_DIR/php"
	printf 'openssl.cafile="%s"\n' "$t/ca.pem" > "$RUN_DIR/php/bz-testbed.ini"
}
FAS_SCHEME=http
BZ_TB_FAS_TLS_CERT="" BZ_TB_FAS_TLS_KEY="" BZ_TB_FAS_CA=""
if [ "$FAS_LEVEL" = 3 ]; then
	FAS_SCHEME=https
	make_tls
	BZ_TB_FAS_TLS_CERT="$TLS_DIR/server.pem" BZ_TB_FAS_TLS_KEY="$TLS_DIR/server.key" BZ_TB_FAS_CA="$TLS_DIR/ca.pem"
	log "level 3: CA and server certificate for ${FAS_FQDN:+$FAS_FQDN, }$FAS_IP in $TLS_DIR ($(since))"
fi
FAS_URL="$FAS_SCHEME://${FAS_FQDN:-$FAS_IP}:$FAS_PORT$FAS_PATH"
echo "$FAS_URL" > "$RUN_DIR/fas.url"
{
	printf 'BED_LEVEL=%q\n' "$FAS_LEVEL"
	printf 'BED_FAS_URL=%q\n' "$FAS_URL"
	printf 'BED_FAS_FQDN=%q\n' "$FAS_FQDN"
	printf 'BED_FAS_CA=%q\n' "$BZ_TB_FAS_CA"
	printf 'BED_NDS_DEBUG=%q\n' "$NDS_DEBUG"
} > "$BED_ENV"
# the gateway resolves --fas-fqdn through its own /etc/hosts (lib/gw-start.sh); the phone uses curl --resolve
[ -z "$FAS_FQDN" ] || printf '127.0.0.1\tlocalhost\n%s\t%s\n' "$FAS_IP" "$FAS_FQDN" > "$RUN_DIR/hosts"

# ---- FAS: our portal ----
log "starting FAS in $NS_UP: $FAS_CMD"
export BZ_TB_FAS_IP="$FAS_IP" BZ_TB_FAS_PORT="$FAS_PORT" BZ_TB_FAS_PATH="$FAS_PATH" BZ_TB_FAS_KEY="$FAS_KEY" \
	BZ_TB_FAS_LEVEL="$FAS_LEVEL" BZ_TB_FAS_URL="$FAS_URL" BZ_TB_FAS_FQDN="$FAS_FQDN" \
	BZ_TB_FAS_TLS_CERT BZ_TB_FAS_TLS_KEY BZ_TB_FAS_CA BZ_TB_GW_LAN_IP="$GW_LAN_IP" BZ_TB_GW_PORT="$GW_PORT" \
	BZ_TB_GW_NAME="$GW_NAME" BZ_TB_SESSION_MIN="$SESSION_MIN" BZ_TB_RUN_DIR="$RUN_DIR"
ip netns exec "$NS_UP" bash -c "exec $FAS_CMD" > "$RUN_DIR/fas.log" 2>&1 &
echo $! > "$RUN_DIR/fas.pid"

for _ in $(seq 50); do port_open "$NS_UP" "$UP_IP" 80 && break; sleep 0.1; done
port_open "$NS_UP" "$UP_IP" 80 || die "upstream server did not start (see $RUN_DIR/upstream.log)"
deadline=$(( $(date +%s) + FAS_START_TIMEOUT ))
until port_open "$NS_UP" "$FAS_IP" "$FAS_PORT"; do
	if ! alive "$(cat "$RUN_DIR/fas.pid")"; then
		tail -n 30 "$RUN_DIR/fas.log" >&2; die "the FAS command exited during start-up (log $RUN_DIR/fas.log)"
	fi
	if [ "$(date +%s)" -ge "$deadline" ]; then
		tail -n 30 "$RUN_DIR/fas.log" >&2; die "FAS not listening on $FAS_IP:$FAS_PORT after ${FAS_START_TIMEOUT}s"
	fi
	sleep 0.1
done
if [ "$FAS_LEVEL" = 3 ]; then
	# the port is open; it must also speak TLS with the bed's certificate (no HTTP request is sent)
	tls_check() {
		ip netns exec "$NS_UP" timeout 5 openssl s_client -connect "$FAS_IP:$FAS_PORT" -CAfile "$TLS_DIR/ca.pem" \
			-verify_return_error -verify_ip "$FAS_IP" ${FAS_FQDN:+-servername "$FAS_FQDN" -verify_hostname "$FAS_FQDN"} \
			< /dev/null > "$RUN_DIR/tls-check.log" 2>&1
	}
	ok=0
	for _ in $(seq 10); do tls_check && { ok=1; break; }; sleep 0.5; done
	if [ "$ok" != 1 ]; then
		grep -a -m 3 -e ':error:' -e 'verify error' -e errno "$RUN_DIR/tls-check.log" >&2 || true
		tail -n 20 "$RUN_DIR/fas.log" >&2
		die "the FAS port is open but does not answer TLS with \$BZ_TB_FAS_TLS_CERT (see $RUN_DIR/tls-check.log; \"wrong version number\" means it speaks plain http)"
	fi
fi
log "upstream and FAS answer ($(since))"

# ---- openNDS ----
# WORKAROUND openNDS 9.10 + iptables-nft 1.8.9 (openNDS#429): libopennds.sh
# would re-create ip filter INPUT/FORWARD at "priority -100", which
# iptables-nft then cannot insert into ("CHAIN_ADD failed"). Pre-create them
# at priority 0 with a comment that satisfies its "priority -100" grep.
ip netns exec "$NS_GW" nft -f - <<'NFT'
table ip filter {
	chain INPUT {
		comment "bz-testbed: kept at priority 0 for iptables-nft; text satisfies opennds pre_setup check: priority -100"
		type filter hook input priority 0; policy accept;
	}
	chain FORWARD {
		comment "bz-testbed: kept at priority 0 for iptables-nft; text satisfies opennds pre_setup check: priority -100"
		type filter hook forward priority 0; policy accept;
	}
}
NFT
# Lower-case keywords and no keyword in a comment: libopennds.sh reads this
# file with case-sensitive awk that also matches comment lines.
# The one exception is on purpose: authmon.sh reads its poll interval the same way,
# while openNDS's own parser rejects that keyword, so it can only be given as a comment.
LEVEL3_POLL_LINE=""
[ "$FAS_LEVEL" != 3 ] || LEVEL3_POLL_LINE="#nat_traversal_poll_interval $AUTHMON_POLL
"
cat > "$RUN_DIR/opennds.conf" <<CONF
gatewayname $GW_NAME
gatewayinterface $GW_IFACE
gatewayport $GW_PORT
login_option_enabled 0
fasport $FAS_PORT
fasremoteip $FAS_IP
faspath $FAS_PATH
fas_secure_enabled $FAS_LEVEL
faskey $FAS_KEY
sessiontimeout $SESSION_MIN
preauthidletimeout 30
authidletimeout 120
checkinterval $CHECK_INTERVAL
${FAS_FQDN:+fasremotefqdn $FAS_FQDN
}${LEVEL3_POLL_LINE}FirewallRuleSet authenticated-users {
}
FirewallRuleSet preauthenticated-users {
}
FirewallRuleSet users-to-router {
    FirewallRule allow udp port 53
    FirewallRule allow tcp port 53
    FirewallRule allow udp port 67
}
CONF
# static DHCP lease, dnsmasq format: openNDS answers 403 to clients without one
echo "$(( $(date +%s) + 86400 )) $CLIENT_MAC $CLIENT_IP bz-phone *" > "$RUN_DIR/dhcp.leases"

# openNDS 9.10 now and then exits during its first client-list refresh ("Unable to get routing
# configuration, exiting"): a start counts only once that refresh is over and openNDS still runs.
start_nds() {
	NDS_STARTED_AT=$(date +%s)
	NDS_LOG_OFFSET=$(stat -c %s "$RUN_DIR/opennds.log" 2>/dev/null || echo 0)
	ip netns exec "$NS_GW" unshare --mount --propagation private \
		"$LIB_DIR/gw-start.sh" "$RUN_DIR" "$LIB_DIR" "$NDS_DEBUG" >> "$RUN_DIR/opennds.log" 2>&1 &
	echo $! > "$RUN_DIR/opennds.pid"
	local ok=0
	for _ in $(seq 150); do
		nds_alive || return 1
		if ip netns exec "$NS_GW" nft list chain ip filter ndsNET >/dev/null 2>&1 \
			&& in_gw /usr/bin/ndsctl status 2>/dev/null | grep -q Version; then ok=1; break; fi
		sleep 0.2
	done
	[ "$ok" = 1 ] || { tail -n 30 "$RUN_DIR/opennds.log" >&2; die "openNDS did not answer ndsctl status within 30 s"; }
	# openNDS runs its first client-list refresh right now. A client request that
	# overlaps it can fail (README pitfall 7: 403 "IP not allocated by dhcp").
	if [ "$NDS_DEBUG" -ge 3 ]; then
		for _ in $(seq 50); do grep -q 'Client List Refresh is Done' "$RUN_DIR/opennds.log" && break; sleep 0.1; done
	else
		sleep 1
	fi
	sleep 0.5
	nds_alive
}
started=0
for attempt in 1 2 3; do
	if start_nds; then started=1; break; fi
	log "openNDS exited during start-up (attempt $attempt); starting it again"
	tail -n 5 "$RUN_DIR/opennds.log" >&2
	sleep 1
done
[ "$started" = 1 ] || { tail -n 30 "$RUN_DIR/opennds.log" >&2; die "openNDS exited during start-up three times"; }
log "openNDS answers ndsctl status ($(since))"

if [ "$FAS_LEVEL" = 3 ]; then
	# authmon sleeps 5 s, then POSTs auth_get=clear, which empties the FAS's list of
	# visitors waiting for the gateway. A visitor who continues before that is lost,
	# so the bed is ready only once authmon has sent the clear and polls.
	log "level 3: waiting for authmon's first poll"
	authmon_wait_ready "$NDS_STARTED_AT" "$NDS_LOG_OFFSET" || { tail -n 20 "$RUN_DIR/opennds.log" >&2; die "authmon is not polling the FAS"; }
	log "authmon polls $FAS_URL every ${AUTHMON_POLL}s, pid $(authmon_pids | xargs) ($(since))"
fi

cat <<INFO
test bed up in $(since): level $FAS_LEVEL, FAS $FAS_URL (log $RUN_DIR/fas.log)${BZ_TB_FAS_CA:+
  TLS: CA $BZ_TB_FAS_CA, certificate $BZ_TB_FAS_TLS_CERT, key $BZ_TB_FAS_TLS_KEY}
  openNDS pid $(cat "$RUN_DIR/opennds.pid") (log $RUN_DIR/opennds.log), gateway $GW_LAN_IP:$GW_PORT "$GW_NAME"
  next: $TB_DIR/visitor.sh ; $TB_DIR/ndsctl.sh json ; $TB_DIR/teardown.sh${BZ_TB_FAS_CA:+ ; $TB_DIR/authmonctl.sh status|stop|start}
INFO
