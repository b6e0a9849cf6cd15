#!/bin/bash
# ndsctl.sh - run ndsctl ARGS against the test bed's openNDS, inside its network
# and private mount namespace (where its socket lives).  e.g.  ndsctl.sh json
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"
# libopennds.sh prints a harmless pgrep warning on every call: hide it
in_gw /usr/bin/ndsctl "$@" 2> >(grep -v -e '^pgrep: pattern that searches' -e "^Try \`pgrep -f'" >&2)
