#!/bin/bash
# visitor.sh - the phone: curl inside bz-client, one request per hop (redirects
# are followed by hand), shared cookie jar. Normal flow:
#   1 GET http://10.231.2.2/ must be a 307 to the FAS (else exit 3)
#   2 GET the Location(s) until a 200 HTML page: the notice (fetched once;
#     no OS probes before login, the portal counts each notice view)
#   3 "click Continue": submit the form (lib/visitor_form.py), recorded in
#     run/visitor/form-request.txt
#   4 follow the redirects and <meta http-equiv="refresh"> pages (waiting their
#     delay; at most BZ_TB_MAX_REFRESH=40 of them within BZ_TB_REFRESH_TIMEOUT=45 s)
#     to a final 200 page. Levels 0-2: the flow must pass the gateway's
#     /opennds_auth/; level 3: authmon lets the phone in while the portal's
#     "connecting" page refreshes itself
#   5 GET http://10.231.2.2/ must be the upstream page; the 4 OS probes must
#     get their online answers; openNDS must still run
# https FAS URLs (level 3) are checked against the bed's CA (run/tls/ca.pem, or
# BZ_TB_FAS_CA); a --fas-fqdn name is pinned to the FAS IP with curl --resolve.
# Each run rewrites run/visitor/hops.tsv and run/visitor/page-N.html (N = hop).
#
# Usage: visitor.sh [--url URL] [--no-submit] [--replay FILE]
#                   [--accept-language VALUE] [--ua UA]
#   --no-submit   stop after the notice page (the form request is still recorded)
#   --replay FILE send the form request recorded in FILE again (same cookie
#                 jar), follow its redirects, report; the portal decides
# Env: BZ_TB_CLICK_TEXT (regex, default "Continue|Tiếp tục"), BZ_TB_UA,
#      BZ_TB_ACCEPT_LANGUAGE, BZ_TB_MAX_HOPS (requests between two pages, default 10),
#      BZ_TB_MAX_REFRESH, BZ_TB_REFRESH_TIMEOUT
# Exit: 0 ok, 2 usage/no test bed, 3 not captive, 4 no notice page, 5 no form
#       to click, 6 submit did not end in a 200 (levels 0-2: via /opennds_auth/;
#       replay: no final answer), 7 no Internet afterwards, 8 OS probes not
#       online, 9 openNDS not running (takes precedence).
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "$0")/env.sh"

URL="http://$UP_IP/"
SUBMIT=1
REPLAY=""
AL="${BZ_TB_ACCEPT_LANGUAGE:-en-US,en;q=0.9}"
UA="${BZ_TB_UA:-Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36}"
CLICK="${BZ_TB_CLICK_TEXT:-Continue|Tiếp tục}"
MAX_HOPS="${BZ_TB_MAX_HOPS:-10}"
MAX_REFRESH="${BZ_TB_MAX_REFRESH:-40}"
REFRESH_TIMEOUT="${BZ_TB_REFRESH_TIMEOUT:-45}"
while [ $# -gt 0 ]; do
	case "$1" in
		--url) URL="$2"; shift 2 ;;
		--no-submit) SUBMIT=0; shift ;;
		--replay) REPLAY="$2"; shift 2 ;;
		--accept-language) AL="$2"; shift 2 ;;
		--ua) UA="$2"; shift 2 ;;
		-h|--help) sed -n '2,33p' "$0"; exit 0 ;;
		*) echo "visitor.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done

fail() { # code message
	local code="$1"
	if [ -f "$RUN_DIR/opennds.pid" ] && ! nds_alive; then
		echo "RESULT: FAIL (9) - openNDS is NOT running (crashed?), see $RUN_DIR/opennds.log; symptom: $2"
		exit 9
	fi
	echo "RESULT: FAIL ($code) - $2"
	exit "$code"
}
ns_exists "$NS_CLIENT" || fail 2 "namespace $NS_CLIENT missing - run setup.sh first"
bed_load
FAS_URL="$(cat "$RUN_DIR/fas.url" 2>/dev/null || echo "http://$FAS_IP:$FAS_PORT$FAS_PATH")"
LEVEL="$BED_LEVEL"
CA="${BZ_TB_FAS_CA:-$BED_FAS_CA}"
AUTH_URL="http://$GW_LAN_IP:$GW_PORT/opennds_auth/"
W="$RUN_DIR/visitor"; JAR="$W/cookies.txt"; HOPS="$W/hops.tsv"; REQ_FILE="$W/form-request.txt"
mkdir -p "$W"
rm -f "$W"/page-*.html "$W"/headers.txt "$W"/body.tmp
if [ -z "$REPLAY" ]; then rm -f "$JAR" "$REQ_FILE"; fi
printf 'hop\tphase\tmethod\turl\tstatus\tlocation\tpage\n' > "$HOPS"
# OS probe host names are pinned to the upstream address (no DNS in the bed)
PROBES=("http://connectivitycheck.gstatic.com/generate_204 204"
	"http://captive.apple.com/hotspot-detect.html Success"
	"http://www.msftconnecttest.com/connecttest.txt Microsoft Connect Test"
	"http://detectportal.firefox.com/success.txt success")
CURL_PINS=()
for p in "${PROBES[@]}"; do h="${p#http://}"; CURL_PINS+=(--resolve "${h%%/*}:80:$UP_IP"); done
# a FAS host name (--fas-fqdn) is pinned to the FAS IP; https is checked against the bed's CA
if [[ "$FAS_URL" =~ ^https?://([^/:]+):([0-9]+) ]]; then
	fas_host="${BASH_REMATCH[1]}" fas_port="${BASH_REMATCH[2]}"
	[[ ! "$fas_host" =~ [A-Za-z] ]] || CURL_PINS+=(--resolve "$fas_host:$fas_port:$FAS_IP")
fi
if [ -n "$CA" ]; then
	[ -r "$CA" ] || fail 2 "cannot read the CA file $CA"
	CURL_PINS+=(--cacert "$CA")
fi
US=$'\x1f'
N=0

# request PHASE METHOD URL [BODY] [REFERER] -> CODE LOC PAGE (page-N.html if a body came back)
request() {
	local phase="$1" method="$2" url="$3" body="${4:-}" referer="${5:-}" out
	N=$((N + 1)); PAGE=""
	local args=(-q -sS --noproxy '*' --max-time 10 -A "$UA" -H "Accept-Language: $AL"
		-H 'Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
		-b "$JAR" -c "$JAR" -D "$W/headers.txt" -o "$W/body.tmp" -w "%{http_code}$US%{redirect_url}$US%{content_type}"
		"${CURL_PINS[@]}")
	[ -n "$referer" ] && args+=(-H "Referer: $referer")
	if [ "$method" = POST ]; then
		args+=(-X POST -H 'Content-Type: application/x-www-form-urlencoded' --data-raw "$body")
		[[ "$referer" =~ ^(https?://[^/]+) ]] && args+=(-H "Origin: ${BASH_REMATCH[1]}")
	fi
	out="$(ip netns exec "$NS_CLIENT" curl "${args[@]}" "$url" 2>"$W/curl.err")" || true
	IFS="$US" read -r CODE LOC CTYPE <<< "$out" || true
	CODE="${CODE:-000}"; LOC="${LOC:-}"; CTYPE="${CTYPE:-}"
	case "$CODE" in 30[1-8]) rm -f "$W/body.tmp" ;; *)
		if [ -s "$W/body.tmp" ]; then PAGE="$W/page-$N.html"; mv "$W/body.tmp" "$PAGE"; fi ;;
	esac
	printf '%2d %-7s %-4s %s\n           -> %s%s%s\n' "$N" "$phase" "$method" "$url" "$CODE" \
		"${LOC:+  Location: $LOC}" "${PAGE:+  ($CTYPE, $PAGE)}"
	[ "$CODE" = 000 ] && sed 's/^/           curl: /' "$W/curl.err"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$phase" "$method" "$url" "$CODE" "$LOC" "$PAGE" >> "$HOPS"
}

# follow PHASE METHOD URL BODY REFERER [REFRESH]: send, then follow redirects like
# a browser (303/302/301 -> GET; 307/308 keep method and body). With REFRESH=1 a
# 200 page with <meta http-equiv="refresh"> is followed too, after its delay (at
# most MAX_REFRESH times, within REFRESH_TIMEOUT s). Returns 1 when no final answer
# came (STUCK=1: still refreshing at the limit). Sets SAW_AUTH=1 if a hop went to
# the gateway's /opennds_auth/, and REFRESHES.
follow() {
	local phase="$1" method="$2" url="$3" body="$4" referer="$5" refresh="${6:-0}" hops=0 r delay end=""
	SAW_AUTH=0; REFRESHES=0; STUCK=0
	while :; do
		hops=$((hops + 1))
		[ "$hops" -le "$MAX_HOPS" ] || return 1
		request "$phase" "$method" "$url" "$body" "$referer"
		case "$url" in "$AUTH_URL"*) SAW_AUTH=1 ;; esac
		case "$CODE" in
			301|302|303|307|308)
				[ -n "$LOC" ] || return 1
				case "$CODE" in 307|308) ;; *) method=GET; body="" ;; esac
				url="$LOC" ;;
			000) return 1 ;;
			*)
				FINAL_URL="$url"
				if [ "$refresh" = 1 ] && [ "$CODE" = 200 ] && [ -n "$PAGE" ] \
					&& r="$("$PY" "$LIB_DIR/meta_refresh.py" "$PAGE" "$url")"; then
					delay="${r%% *}"
					[ -n "$end" ] || end=$(( $(date +%s%3N) + REFRESH_TIMEOUT * 1000 ))
					if [ "$REFRESHES" -ge "$MAX_REFRESH" ] || [ $(( $(date +%s%3N) + delay )) -gt "$end" ]; then
						STUCK=1; return 1
					fi
					REFRESHES=$((REFRESHES + 1))
					echo "           meta refresh $REFRESHES: wait ${delay} ms, then GET ${r#* }"
					sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
					phase=refresh; method=GET; body=""; referer="$url"; url="${r#* }"; hops=0
					continue
				fi
				return 0 ;;
		esac
	done
}

online_check() { # GET the upstream page once (no redirect followed); ONLINE=1 if it is the real page
	request online GET "http://$UP_IP/"
	ONLINE=0
	[ "$CODE" = 200 ] && [ -n "$PAGE" ] && grep -q "$UP_MARKER" "$PAGE" && ONLINE=1
	return 0
}

T0=$(date +%s%N)
ms() { echo "$(( ($(date +%s%N) - T0) / 1000000 )) ms"; }
echo "== visitor $CLIENT_IP in $NS_CLIENT, level $LEVEL, FAS $FAS_URL (Accept-Language: $AL)"

if [ -n "$REPLAY" ]; then
	[ -r "$REPLAY" ] || fail 2 "cannot read $REPLAY"
	M=""; U=""; B=""; R=""
	while IFS= read -r line; do
		case "$line" in method=*) M="${line#*=}" ;; url=*) U="${line#*=}" ;;
			body=*) B="${line#*=}" ;; referer=*) R="${line#*=}" ;; esac
	done < "$REPLAY"
	if [ -z "$M" ] || [ -z "$U" ]; then fail 2 "$REPLAY has no method=/url= lines"; fi
	echo "-- replaying $M $U${B:+ (body: $B)}"
	if ! follow replay "$M" "$U" "$B" "$R" 1; then
		[ "$STUCK" = 1 ] && fail 6 "replayed request: still on a refreshing page after $REFRESHES refreshes ($FINAL_URL)"
		fail 6 "replayed request got no final answer (status $CODE)"
	fi
	FINAL="$CODE"
	online_check
	nds_alive || fail 9 "openNDS not running after the replay"
	echo "RESULT: REPLAYED - final status $FINAL at $FINAL_URL, via_opennds_auth=$SAW_AUTH, refreshes=$REFRESHES, online=$ONLINE ($(ms))"
	exit 0
fi

echo "-- 1. captive check"
request captive GET "$URL"
if [ "$CODE" = 403 ]; then # openNDS 9.10 race (README pitfall 7); nothing reached the portal yet
	echo "   403 from openNDS (its SIGCHLD race, see README) - trying once more"; sleep 0.5
	request captive GET "$URL"
fi
if [ "$CODE" != 307 ] || [[ "$LOC" != "$FAS_URL"* ]]; then
	fail 3 "not captive: GET $URL answered $CODE ${LOC:+-> $LOC }(expected 307 to $FAS_URL...)"
fi

echo "-- 2. notice page"
follow notice GET "$LOC" "" "" || fail 4 "notice page not reached (last status $CODE)"
if [ "$CODE" != 200 ] || [[ "$CTYPE" != *html* ]] || [ -z "$PAGE" ]; then
	fail 4 "expected a 200 HTML notice page, got $CODE $CTYPE"
fi
NOTICE_URL="$FINAL_URL"; NOTICE_PAGE="$PAGE"
echo "   notice page: $NOTICE_PAGE ($(grep -io '<title>[^<]*' "$NOTICE_PAGE" | head -n 1 | sed 's/<title>//I'))"

form="$("$PY" "$LIB_DIR/visitor_form.py" "$NOTICE_PAGE" "$NOTICE_URL" "$CLICK")" \
	|| fail 5 "no form to click on the notice page $NOTICE_PAGE"
mapfile -t F <<< "$form"
M="${F[0]}"; U="${F[1]}"; B="${F[2]:-}"
if [ "$M" = GET ]; then U="${U%%\?*}?$B"; B=""; fi
printf 'method=%s\nurl=%s\nbody=%s\nreferer=%s\n' "$M" "$U" "$B" "$NOTICE_URL" > "$REQ_FILE"

if [ "$SUBMIT" = 0 ]; then
	nds_alive || fail 9 "openNDS not running"
	echo "RESULT: NOTICE - $NOTICE_PAGE (form request recorded in $REQ_FILE, not sent) ($(ms))"
	exit 0
fi

echo "-- 3+4. click: $M $U${B:+ (body: $B)}"
T_CLICK=$(date +%s%N)
if ! follow submit "$M" "$U" "$B" "$NOTICE_URL" 1; then
	[ "$STUCK" = 1 ] && fail 6 "still on a refreshing page after $REFRESHES refreshes and $(( ($(date +%s%N) - T_CLICK) / 1000000 )) ms ($FINAL_URL)"
	fail 6 "submitting the form got no final answer (last status $CODE)"
fi
if [ "$LEVEL" = 3 ]; then
	[ "$CODE" = 200 ] || fail 6 "the flow after Continue ended with $CODE at $FINAL_URL, not 200"
else
	[ "$SAW_AUTH" = 1 ] || fail 6 "the flow never went through $AUTH_URL (ended with $CODE at $FINAL_URL)"
	[ "$CODE" = 200 ] || fail 6 "the flow after /opennds_auth/ ended with $CODE at $FINAL_URL, not 200"
fi
echo "   landed on $FINAL_URL${PAGE:+ ($PAGE)} after $REFRESHES refreshes, $(( ($(date +%s%N) - T_CLICK) / 1000000 )) ms after the click (via_opennds_auth=$SAW_AUTH)"

echo "-- 5. online?"
online_check
[ "$ONLINE" = 1 ] || fail 7 "GET http://$UP_IP/ after login answered $CODE${LOC:+ -> $LOC}, not the upstream page"
bad=()
for p in "${PROBES[@]}"; do
	url="${p%% *}"; want="${p#* }"
	request probe GET "$url"
	if [ "$want" = 204 ]; then [ "$CODE" = 204 ] || bad+=("$url")
	else [ "$CODE" = 200 ] && [ -n "$PAGE" ] && grep -q "$want" "$PAGE" || bad+=("$url"); fi
done
[ ${#bad[@]} -eq 0 ] || fail 8 "OS probes without their online answer: ${bad[*]}"
nds_alive || fail 9 "openNDS not running"
echo "RESULT: PASS - the visitor is online ($N hops, $(ms))"
