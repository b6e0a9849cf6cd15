#!/usr/bin/env bash
# Stops the FreeRADIUS that start.sh started in RUN_DIR (TERM, then KILL after 5 s). Idempotent.
# Usage: stop.sh RUN_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: stop.sh RUN_DIR" >&2; exit 2; }
PIDFILE="$1/freeradius.pid"
[ -f "$PIDFILE" ] || exit 0
PID=$(cat "$PIDFILE")
# only the FreeRADIUS started there (the pid may have been reused since)
if kill -0 "$PID" 2>/dev/null && grep -q freeradius "/proc/$PID/cmdline" 2>/dev/null; then
  kill "$PID" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$PID" 2>/dev/null || true
fi
rm -f "$PIDFILE"
