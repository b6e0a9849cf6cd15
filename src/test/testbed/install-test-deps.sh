#!/usr/bin/env bash
# Installs the real components the end-to-end suites drive, when they are missing:
# openNDS and its firewall tools (gateway test bed), PHP (openNDS level 2 encrypts with it),
# Chromium and ChromeDriver (page tests), FreeRADIUS and its radclient (RADIUS tests), curl, openssl (test certificates),
# Prometheus's promtool (the alert rules and the /metrics format; installed without its recommended node exporter),
# PostgreSQL's server (the PostgreSQL store's contract tests and the two-node fleet test start their own throw-away cluster).
# Quick and silent when all is present.
# Run as root to install; otherwise it only says what is missing.
set -euo pipefail

declare -A need=(
  [/usr/bin/opennds]=opennds [/usr/sbin/nft]=nftables [/usr/sbin/iptables]=iptables [/usr/sbin/ip]=iproute2
  [/usr/bin/curl]=curl [/usr/bin/python3]=python3 [/usr/bin/nsenter]=util-linux [/usr/bin/openssl]=openssl
  [/usr/bin/php]=php-cli [/usr/bin/chromium]=chromium [/usr/bin/chromedriver]=chromium-driver
  [/usr/bin/sqlite3]=sqlite3 [/usr/bin/radclient]=freeradius-utils [/usr/sbin/freeradius]=freeradius
)
missing=()
for path in "${!need[@]}"; do
  [ -x "$path" ] || missing+=("${need[$path]}")
done
# the server binaries sit under their major version: /usr/lib/postgresql/15/bin on Debian 12
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
without_recommends=()
[ -x /usr/bin/promtool ] || without_recommends+=(prometheus)
[ ${#missing[@]} -eq 0 ] && [ ${#without_recommends[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "Missing for the end-to-end tests: ${missing[*]} ${without_recommends[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]} ${without_recommends[*]}" >&2
  exit 1
fi
echo "Installing test dependencies: ${missing[*]} ${without_recommends[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
[ ${#missing[@]} -eq 0 ] || apt-get install -y -q "${missing[@]}" >/dev/null
[ ${#without_recommends[@]} -eq 0 ] || apt-get install -y -q --no-install-recommends "${without_recommends[@]}" >/dev/null
# The Debian package enables an openNDS service; the tests run their own instance in namespaces.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  systemctl disable --now opennds >/dev/null 2>&1 || true
  # likewise FreeRADIUS: the tests start private instances on their own ports
  systemctl disable --now freeradius >/dev/null 2>&1 || true
  # and Prometheus: only its promtool is used
  systemctl disable --now prometheus >/dev/null 2>&1 || true
  # and PostgreSQL's own cluster, only when this script installed it (the tests run theirs under /tmp)
  if [[ " ${missing[*]} " == *" postgresql "* ]]; then
    systemctl disable --now postgresql >/dev/null 2>&1 || true
  fi
fi
echo "Test dependencies installed."
