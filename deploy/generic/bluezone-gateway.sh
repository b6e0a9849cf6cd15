#!/bin/sh
# bluezone-gateway.sh: the gateway's side of the Bluezone portal's generic gateway contract
# (deploy/generic/README.md). POSIX sh, curl, openssl, awk.
#
#   bluezone-gateway.sh arrival-url <mac> <ip> <original-url> <login-url>
#       prints the signed portal URL to send a new visitor to (HTTP 302 from the gateway)
#   bluezone-gateway.sh redeem <token> <mac>
#       asks the portal whether the device may go online; prints the portal's JSON answer;
#       exit 0 only when granted, 1 when refused, 2 when the portal could not be asked
#   bluezone-gateway.sh landing-url <url>
#       the url parameter the login page received, decoded, if it is on the portal
#       (else the portal's address): where to send the visitor once online
#
# Environment:
#   BZ_PORTAL_URL      the portal as visitors reach it, e.g. http://portal.example.vn:8080
#   BZ_GATEWAY_ID      this gateway's id in the portal's configuration
#   BZ_GATEWAY_SECRET  this gateway's secret in the portal's configuration
set -eu

prog=bluezone-gateway.sh

die() {
    printf '%s: %s\n' "$prog" "$1" >&2
    exit "${2:-2}"
}

usage() {
    cat >&2 <<'EOF'
Usage: bluezone-gateway.sh arrival-url <mac> <ip> <original-url> <login-url>
       bluezone-gateway.sh redeem <token> <mac>
       bluezone-gateway.sh landing-url <url>
Environment: BZ_PORTAL_URL, BZ_GATEWAY_ID, BZ_GATEWAY_SECRET
EOF
    exit 64
}

need_env() {
    [ -n "${BZ_PORTAL_URL:-}" ] || die "BZ_PORTAL_URL is not set (e.g. http://portal.example.vn:8080)" 64
    [ -n "${BZ_GATEWAY_ID:-}" ] || die "BZ_GATEWAY_ID is not set (the gateway's id in the portal's configuration)" 64
    [ -n "${BZ_GATEWAY_SECRET:-}" ] || die "BZ_GATEWAY_SECRET is not set (the gateway's secret in the portal's configuration)" 64
    portal=${BZ_PORTAL_URL%/}
}

# Percent-encodes every byte but A-Z a-z 0-9 . _ ~ -
urlencode() {
    printf '%s' "$1" | LC_ALL=C awk '
        BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
        {
            if (NR > 1) printf "%%0A"
            for (i = 1; i <= length($0); i++) {
                c = substr($0, i, 1)
                if (c ~ /[A-Za-z0-9._~-]/) printf "%s", c; else printf "%%%02X", ord[c]
            }
        }'
}

# Decodes %XX escapes (a literal + stays a +)
urldecode() {
    printf '%s' "$1" | LC_ALL=C awk '
        BEGIN { for (i = 1; i < 256; i++) chr[sprintf("%02X", i)] = sprintf("%c", i) }
        {
            if (NR > 1) printf "\n"
            s = $0
            while ((p = index(s, "%")) > 0) {
                h = toupper(substr(s, p + 1, 2))
                if (h in chr) { printf "%s%s", substr(s, 1, p - 1), chr[h]; s = substr(s, p + 3) }
                else { printf "%s", substr(s, 1, p); s = substr(s, p + 1) }
            }
            printf "%s", s
        }'
}

# Lower-case hex HMAC-SHA256 of $1 keyed with the gateway's secret
sign() {
    sig=$(printf '%s' "$1" | openssl dgst -sha256 -hmac "$BZ_GATEWAY_SECRET" | sed 's/^.*= *//')
    case $sig in
        *[!0-9a-f]*|'') die "openssl did not produce an HMAC-SHA256" ;;
    esac
    [ ${#sig} -eq 64 ] || die "openssl did not produce an HMAC-SHA256"
    printf '%s' "$sig"
}

arrival_url() {
    [ $# -eq 4 ] || usage
    need_env
    query="mac=$(urlencode "$1")&ip=$(urlencode "$2")&url=$(urlencode "$3")&login=$(urlencode "$4")&ts=$(date +%s)"
    printf '%s/generic/%s/?%s&sig=%s\n' "$portal" "$BZ_GATEWAY_ID" "$query" "$(sign "$query")"
}

redeem() {
    [ $# -eq 2 ] || usage
    need_env
    # the secret goes to curl on its standard input, not on the command line (where ps would show it)
    escaped=$(printf '%s' "$BZ_GATEWAY_SECRET" | sed 's/[\\"]/\\&/g')
    answer=$(printf 'header = "Authorization: Bearer %s"\n' "$escaped" \
        | curl -sS -K - --max-time 15 -w '\n%{http_code}' \
            --data-urlencode "token=$1" --data-urlencode "mac=$2" \
            "$portal/api/gateways/$BZ_GATEWAY_ID/redeem") || die "could not reach the portal at $portal"
    status=$(printf '%s\n' "$answer" | tail -n 1)
    body=$(printf '%s\n' "$answer" | sed '$d')
    [ -n "$body" ] && printf '%s\n' "$body"
    case $status in
        200) case $body in *'"granted":true'*) exit 0 ;; esac ;;
        403|409) exit 1 ;;
        401) die "the portal refused this gateway's secret (BZ_GATEWAY_SECRET, BZ_GATEWAY_ID)" ;;
        400) die "the portal refused the request as malformed: token '$1', mac '$2'" ;;
    esac
    die "the portal answered HTTP $status"
}

landing_url() {
    [ $# -eq 1 ] || usage
    need_env
    url=$(urldecode "$1")
    case $url in
        *[![:graph:]]*) url= ;;
    esac
    case $url in
        "$portal"/*) printf '%s\n' "$url" ;;
        *) printf '%s/\n' "$portal" ;;
    esac
}

[ $# -ge 1 ] || usage
command=$1
shift
case $command in
    arrival-url) arrival_url "$@" ;;
    redeem) redeem "$@" ;;
    landing-url) landing_url "$@" ;;
    *) usage ;;
esac
