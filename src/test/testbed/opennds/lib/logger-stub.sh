#!/bin/bash
# logger-stub.sh - bind-mounted over /usr/bin/logger in the gateway's private mount
# namespace only. There is no syslog socket (/dev/log) in the bed, so the real logger
# fails before it reads its input and the messages of openNDS's shell scripts (authmon,
# libopennds) are lost. This one writes each message line to stderr, which is
# run/opennds.log:  "<tag> <priority>: <message>". Options other than -p, -t are ignored.
prio=user.notice tag=logger
while [ $# -gt 0 ]; do
	case "$1" in
		-p) prio="$2"; shift 2 ;;
		-t) tag="$2"; shift 2 ;;
		--) shift; break ;;
		-*) shift ;;
		*) break ;;
	esac
done
if [ $# -gt 0 ]; then
	printf '%s %s: %s\n' "$tag" "$prio" "$*" >&2
else
	while IFS= read -r line || [ -n "$line" ]; do printf '%s %s: %s\n' "$tag" "$prio" "$line" >&2; done
fi
exit 0
