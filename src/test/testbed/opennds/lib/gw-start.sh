#!/bin/bash
# gw-start.sh - runs in bz-gw inside a fresh private mount namespace, started by
# setup.sh as:  ip netns exec bz-gw unshare --mount --propagation private gw-start.sh RUN_DIR LIB_DIR DEBUG
# Prepares that mount namespace, then exec()s openNDS in the foreground (so the
# pid setup.sh records is openNDS itself):
#   * our config bind-mounted on /etc/opennds/opennds.conf (the shell library
#     ignores "opennds -c" and always reads that path);
#   * stubs over dnsconfig.sh and systemctl (openNDS would edit the host's
#     /etc/hosts and /etc/dnsmasq.conf and restart host services), and over
#     logger (no /dev/log here: the scripts' messages go to run/opennds.log);
#   * a private tmpfs /tmp (ndsctl socket, logs) holding the static DHCP lease
#     (openNDS answers 403 to clients without a dnsmasq lease);
#   * if setup.sh wrote them: RUN_DIR/hosts on /etc/hosts (it names --fas-fqdn),
#     and PHP_INI_SCAN_DIR with RUN_DIR/php, whose ini makes php (level 3: authmon's
#     post-request.php) trust the bed's CA. openNDS hands its environment to authmon.
set -euo pipefail
RUN_DIR="$1"; LIB_DIR="$2"; DEBUG="${3:-2}"
# bind mounts before the tmpfs, in case RUN_DIR or LIB_DIR are under /tmp
mount --bind "$RUN_DIR/opennds.conf" /etc/opennds/opennds.conf
mount --bind "$LIB_DIR/dnsconfig-stub.sh" /usr/lib/opennds/dnsconfig.sh
mount --bind "$LIB_DIR/systemctl-stub.sh" /usr/bin/systemctl
mount --bind "$LIB_DIR/logger-stub.sh" /usr/bin/logger
[ ! -f "$RUN_DIR/hosts" ] || mount --bind "$RUN_DIR/hosts" /etc/hosts
leases="$(cat "$RUN_DIR/dhcp.leases")"
mount -t tmpfs -o size=32m,mode=1777 tmpfs /tmp
printf '%s\n' "$leases" > /tmp/dhcp.leases
export BZ_TB_STUB_LOG="$RUN_DIR/stubs.log"
# a leading ":" keeps php's own ini folder
[ ! -d "$RUN_DIR/php" ] || export PHP_INI_SCAN_DIR=":$RUN_DIR/php"
exec /usr/bin/opennds -f -d "$DEBUG" -c /etc/opennds/opennds.conf
