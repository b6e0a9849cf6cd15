#!/usr/bin/env bash
# Starts a private FreeRADIUS 3.2 (Debian's freeradius package) for the tests and the benchmark:
# a copy of /etc/freeradius/3.0 under RUN_DIR/raddb, rewritten for one role, listening on 127.0.0.1
# only, on its own ports (never 1812/1813). Returns once the server answers.
#
# Usage: start.sh MODE RUN_DIR [options]
#   proxy  the operator's FreeRADIUS: realm portal.bluezone proxied (stripped) to the portal, others rejected
#          --listen-auth P (28212) --listen-acct P (28213) --nas-secret S (nas-secret)
#          --home-auth P --home-acct P --home-secret S   (the portal's RADIUS on 127.0.0.1)
#   coa    a NAS taking RFC 5176 Disconnect-/CoA-Requests: acknowledges each one it can authenticate and
#          writes its attributes to RUN_DIR/coa-received.log (Status-Server on port P+1 shows it is up)
#          --coa-port P (28399) --secret S (coa-secret)
#   bench  a plain server: user bench-user / bench-password (files module, PAP), accounting answered
#          without writing anything
#          --listen-auth P (28112) --listen-acct P (28113) --secret S (bench-secret)
# Secrets must not contain '"'. Rejects are not delayed. Stop it with stop.sh RUN_DIR.
# Exit: 0 ready; 1 it did not start (the log's tail is printed); 2 usage.
set -euo pipefail

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }
case "${1:-}" in -h|--help) usage 0 ;; esac
[ $# -ge 2 ] || usage
MODE=$1
RUN=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2

LISTEN_AUTH="" LISTEN_ACCT="" SECRET="" NAS_SECRET=nas-secret
HOME_AUTH="" HOME_ACCT="" HOME_SECRET="" COA_PORT=28399
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || usage
  case "$2" in *\"*) echo "option values must not contain '\"'" >&2; exit 2 ;; esac
  case "$1" in
    --listen-auth) LISTEN_AUTH=$2 ;;
    --listen-acct) LISTEN_ACCT=$2 ;;
    --secret) SECRET=$2 ;;
    --nas-secret) NAS_SECRET=$2 ;;
    --home-auth) HOME_AUTH=$2 ;;
    --home-acct) HOME_ACCT=$2 ;;
    --home-secret) HOME_SECRET=$2 ;;
    --coa-port) COA_PORT=$2 ;;
    *) usage ;;
  esac
  shift 2
done

command -v freeradius >/dev/null || { echo "freeradius is not installed (apt-get install freeradius freeradius-utils)" >&2; exit 1; }
"$(dirname "$0")/stop.sh" "$RUN" >/dev/null 2>&1 || true

RADDB="$RUN/raddb"
rm -rf "$RADDB"
cp -a /etc/freeradius/3.0 "$RADDB"
# run as the calling user, with every path inside RUN_DIR
sed -i -E -e 's/^([[:space:]]*)(user|group) = .*/\1# \2 (runs as the caller)/' \
       -e "s|^raddbdir = .*|raddbdir = $RADDB|" \
       -e "s|^logdir = .*|logdir = $RUN|" \
       -e "s|^run_dir = .*|run_dir = $RUN|" \
       -e 's/^([[:space:]]*)auth = .*/\1auth = no/' \
       -e 's/^([[:space:]]*)reject_delay = .*/\1reject_delay = 0/' \
       "$RADDB/radiusd.conf"
# only the proxy role proxies; the others open no proxy socket at all
[ "$MODE" = proxy ] || sed -i -E 's/^proxy_requests[[:space:]]*=.*/proxy_requests = no/' "$RADDB/radiusd.conf"
# only what these roles need: no EAP (its certificates), no inner tunnel, no stock listeners
rm -f "$RADDB/mods-enabled/eap" "$RADDB/sites-enabled/"*
: > "$RADDB/clients.conf"

auth_and_acct_listeners() { # the two listen sections of a plain server, on 127.0.0.1
  printf '\tlisten {\n\t\ttype = %s\n\t\tipaddr = 127.0.0.1\n\t\tport = %s\n\t}\n' auth "$LISTEN_AUTH" acct "$LISTEN_ACCT"
}

client() { # name address secret
  printf 'client %s {\n\tipaddr = %s\n\tsecret = "%s"\n}\n' "$1" "$2" "$3" >> "$RADDB/clients.conf"
}

case "$MODE" in
  proxy)
    LISTEN_AUTH=${LISTEN_AUTH:-28212} LISTEN_ACCT=${LISTEN_ACCT:-28213}
    if [ -z "$HOME_AUTH" ] || [ -z "$HOME_ACCT" ] || [ -z "$HOME_SECRET" ]; then
      echo "proxy needs --home-auth, --home-acct and --home-secret" >&2
      exit 2
    fi
    client nas 127.0.0.1 "$NAS_SECRET"
    # the portal: one home server per port (in production one auth+acct server on 1812/1813 will do)
    cat > "$RADDB/proxy.conf" <<CONF
proxy server {
	default_fallback = no
}
home_server bluezone-auth {
	type = auth
	ipaddr = 127.0.0.1
	port = $HOME_AUTH
	secret = "$HOME_SECRET"
	response_window = 5
	zombie_period = 10
	revive_interval = 10
	status_check = none
}
home_server bluezone-acct {
	type = acct
	ipaddr = 127.0.0.1
	port = $HOME_ACCT
	secret = "$HOME_SECRET"
	response_window = 5
	zombie_period = 10
	revive_interval = 10
	status_check = none
}
home_server_pool bluezone-auth {
	type = fail-over
	home_server = bluezone-auth
}
home_server_pool bluezone-acct {
	type = fail-over
	home_server = bluezone-acct
}
realm portal.bluezone {
	auth_pool = bluezone-auth
	acct_pool = bluezone-acct
}
CONF
    cat > "$RADDB/sites-enabled/bluezone" <<CONF
# requests to the portal leave from 127.0.0.1 too
listen {
	type = proxy
	ipaddr = 127.0.0.1
	port = 0
}
server default {
$(auth_and_acct_listeners)
	authorize {
		preprocess
		suffix
		files
		pap
		chap
	}
	authenticate {
		Auth-Type PAP {
			pap
		}
		Auth-Type CHAP {
			chap
		}
	}
	preacct {
		preprocess
		suffix
	}
	accounting {
		ok
	}
	post-auth {
		Post-Auth-Type REJECT {
			attr_filter.access_reject
		}
	}
	pre-proxy {
	}
	post-proxy {
	}
}
CONF
    PROBE_PORT=$LISTEN_AUTH PROBE_SECRET=$NAS_SECRET
    ;;
  coa)
    SECRET=${SECRET:-coa-secret}
    client portal 127.0.0.1 "$SECRET"
    cat > "$RADDB/mods-enabled/coa_received" <<CONF
detail coa_received {
	filename = $RUN/coa-received.log
	escape_filenames = no
	permissions = 0600
	header = "%t"
	locking = no
}
CONF
    cat > "$RADDB/sites-enabled/bluezone" <<CONF
server default {
	listen {
		type = coa
		ipaddr = 127.0.0.1
		port = $COA_PORT
	}
	listen {
		type = status
		ipaddr = 127.0.0.1
		port = $((COA_PORT + 1))
	}
	recv-coa {
		coa_received
		ok
	}
	send-coa {
		ok
	}
	authorize {
		ok
	}
}
CONF
    PROBE_PORT=$((COA_PORT + 1)) PROBE_SECRET=$SECRET
    ;;
  bench)
    LISTEN_AUTH=${LISTEN_AUTH:-28112} LISTEN_ACCT=${LISTEN_ACCT:-28113} SECRET=${SECRET:-bench-secret}
    client bench 127.0.0.1 "$SECRET"
    printf 'bench-user\tCleartext-Password := "bench-password"\n' > "$RADDB/mods-config/files/authorize"
    cat > "$RADDB/sites-enabled/bluezone" <<CONF
server default {
$(auth_and_acct_listeners)
	authorize {
		files
		pap
	}
	authenticate {
		Auth-Type PAP {
			pap
		}
	}
	preacct {
		ok
	}
	accounting {
		ok
	}
	post-auth {
		ok
	}
}
CONF
    PROBE_PORT=$LISTEN_AUTH PROBE_SECRET=$SECRET
    ;;
  *) usage ;;
esac

freeradius -C -d "$RADDB" > "$RUN/check.log" 2>&1 || { echo "FreeRADIUS refuses its configuration:" >&2; tail -20 "$RUN/check.log" >&2; exit 1; }
freeradius -f -d "$RADDB" -l "$RUN/radius.log" > "$RUN/stdout.log" 2>&1 &
echo $! > "$RUN/freeradius.pid"

# ready when it answers Status-Server (every listener above answers it)
for _ in $(seq 1 75); do
  if echo 'Message-Authenticator = 0x00' | radclient -q -r 1 -t 0.2 "127.0.0.1:$PROBE_PORT" status "$PROBE_SECRET" >/dev/null 2>&1; then
    exit 0
  fi
  if ! kill -0 "$(cat "$RUN/freeradius.pid")" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
echo "FreeRADIUS ($MODE) did not answer on 127.0.0.1:$PROBE_PORT:" >&2
tail -20 "$RUN/radius.log" "$RUN/stdout.log" >&2 2>/dev/null || true
exit 1
