#!/bin/bash
# dnsconfig-stub.sh - bind-mounted over /usr/lib/opennds/dnsconfig.sh in the
# gateway's private mount namespace only. The real script rewrites the host's
# /etc/hosts and /etc/dnsmasq.conf; this one only logs the call and succeeds.
set -euo pipefail
echo "$(date +%T) dnsconfig.sh $*" >> "${BZ_TB_STUB_LOG:-/dev/null}"
case "${1:-}" in
	restart_only|revert|ipsetconf|hostconf|cpidconf) printf '%s' 'done' ;;
	*) exit 1 ;;
esac
