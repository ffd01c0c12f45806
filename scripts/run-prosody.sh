#!/usr/bin/env bash
# Runs a throw-away Prosody 13 on 127.0.0.1 in the foreground, set up like the live tests'
# (test/helpers/prosody.ts, docs/live-servers.md): any user and password, MUC at
# conference.localhost, admin@localhost a service admin, no TLS, the conformance suite's modules.
# With mod_debug_reset (as in Prosody's own suite) it resets, rooms and all, whenever its last
# client disconnects, so scripts run one after another each find an empty server.
# Ctrl-C stops it and removes its directory.
# Usage: scripts/run-prosody.sh [PORT]   (default 15222), then in another terminal:
#   mucsim run --server xmpp://127.0.0.1:PORT scenarios/
set -euo pipefail
PORT="${1:-15222}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v prosody >/dev/null 2>&1 || { echo "prosody is not installed: scripts/install-prosody.sh"; exit 1; }
DIR=$(mktemp -d -t mucsim-prosody-XXXXXX)
mkdir -p "$DIR/data" "$DIR/certs"   # an empty certs dir: no StartTLS is offered
# The live tests' configuration (test/helpers/prosody.ts writes it for both), at the log level
# asked for.
TSX="$ROOT/node_modules/.bin/tsx"
[ -x "$TSX" ] || { echo "tsx is missing: run npm ci in $ROOT first"; rm -rf "$DIR"; exit 1; }
"$TSX" "$ROOT/test/helpers/prosody.ts" config "$DIR" "$PORT" "${PROSODY_LOG_LEVEL:-info}" >"$DIR/prosody.cfg.lua" ||
  { echo "could not write the configuration"; rm -rf "$DIR"; exit 1; }
prosody --config "$DIR/prosody.cfg.lua" -F &
PID=$!
cleanup() {
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 50); do
    state=$(awk '{print $3}' "/proc/$PID/stat" 2>/dev/null || echo gone)
    [ "$state" = gone ] || [ "$state" = Z ] && break
    sleep 0.1
  done
  kill -KILL "$PID" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT INT TERM
echo "Prosody (pid $PID) on xmpp://127.0.0.1:$PORT, log: $DIR/prosody.log; Ctrl-C to stop"
wait "$PID"
