#!/bin/bash
# systemctl-stub.sh - bind-mounted over /usr/bin/systemctl in the gateway's
# private mount namespace only: openNDS's "systemctl restart opennds|dnsmasq"
# must never reach the host's services. Logs the call and succeeds.
set -euo pipefail
echo "$(date +%T) systemctl $* (ignored by the test bed)" >> "${BZ_TB_STUB_LOG:-/dev/null}"
