#!/bin/bash
# install-deps.sh - make sure the tools the test bed needs are installed.
# Quick no-op when all are present. As root it installs what is missing with
# apt-get (and keeps the opennds service from running on the host); otherwise
# it prints what to install and exits 1.
set -euo pipefail

PACKAGES=(opennds nftables iptables iproute2 curl python3 util-linux procps openssl php-cli)
# php-cli: openNDS encrypts with php at levels 2 and 3, and authmon (level 3) posts with it;
# openssl: the certificates of level 3. command -> Debian package
declare -A NEED=([opennds]=opennds [ndsctl]=opennds [nft]=nftables [iptables]=iptables
	[ip]=iproute2 [curl]=curl [python3]=python3 [nsenter]=util-linux [unshare]=util-linux
	[setsid]=util-linux [pgrep]=procps [openssl]=openssl [php]=php-cli)

missing=()
for cmd in "${!NEED[@]}"; do
	command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd (${NEED[$cmd]})")
done

# On a host where systemd runs, the package's opennds.service must stay off:
# it would take over the HOST's firewall.
keep_service_off() {
	[ -d /run/systemd/system ] && command -v systemctl >/dev/null || return 0
	if systemctl is-enabled --quiet opennds 2>/dev/null || systemctl is-active --quiet opennds 2>/dev/null; then
		echo "install-deps: disabling and stopping the host's opennds.service"
		systemctl disable --now opennds || true
	fi
}

if [ ${#missing[@]} -eq 0 ]; then
	[ "$(id -u)" = 0 ] && keep_service_off
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing: ${missing[*]}" >&2
	echo "install-deps: run as root:  apt-get update && apt-get install -y ${PACKAGES[*]}" >&2
	exit 1
fi

echo "install-deps: missing: ${missing[*]} - installing ${PACKAGES[*]}"
# Keep package scripts from starting opennds during the install (Debian's
# policy-rc.d convention), unless the host already has its own policy.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$POLICY"
	chmod 755 "$POLICY"
	trap 'rm -f "$POLICY"' EXIT
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}"
# without a running systemd this just removes the enablement symlink
command -v systemctl >/dev/null && { systemctl disable opennds >/dev/null 2>&1 || true; }
keep_service_off
echo "install-deps: done"
