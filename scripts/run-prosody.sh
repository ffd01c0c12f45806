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
command -v prosody >/dev/null 2>&1 || { echo "prosody is not installed: scripts/install-prosody.sh"; exit 1; }
DIR=$(mktemp -d -t mucsim-prosody-XXXXXX)
mkdir -p "$DIR/data" "$DIR/certs"   # an empty certs dir: no StartTLS is offered
# The modules of test/helpers/prosody.ts, each loaded only if this Prosody has it.
MODULES_DIR=/usr/lib/prosody/modules
has_module() {
  [ ! -d "$MODULES_DIR" ] || [ -e "$MODULES_DIR/mod_$1.lua" ] || [ -e "$MODULES_DIR/mod_$1" ] ||
    [ -e "$MODULES_DIR/${1/#muc_/muc/}/mod_$1.lua" ]
}
lua_list() {
  local out=""
  for name in "$@"; do has_module "$name" && out="$out\"$name\"; "; done
  echo "$out"
}
HOST_MODULES=$(lua_list roster saslauth disco carbons pep private blocklist vcard4 vcard_legacy \
  version uptime time ping register mam server_contact_info lastactivity tombstones \
  user_account_management debug_reset stanza_debug)
MUC_MODULES=$(lua_list muc_mam)
cat > "$DIR/prosody.cfg.lua" <<CFG
run_as_root = true
pidfile = "$DIR/prosody.pid"
data_path = "$DIR/data"
certificates = "$DIR/certs"
log = { { levels = { min = "${PROSODY_LOG_LEVEL:-info}" }, to = "file", filename = "$DIR/prosody.log" } }
interfaces = { "127.0.0.1" }; local_interfaces = { "127.0.0.1" }
c2s_ports = { $PORT }; c2s_direct_tls_ports = {}; s2s_ports = {}; http_ports = {}; https_ports = {}
modules_disabled = { "s2s", "s2s_auth_certs", "offline" }
modules_enabled = { $HOST_MODULES}
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "insecure"
insecure_open_authentication = "Yes please, I know what I'm doing!"
storage = "memory"
network_settings = { nagle = false }
allow_registration = false
mam_smart_enable = true                 -- as the conformance suite: archive only for users who use MAM
bounce_blocked_messages = true
admins = { "admin@localhost" }
VirtualHost "localhost"
Component "conference.localhost" "muc"
  storage = "memory"
  admins = { "admin@localhost" }
  modules_enabled = { $MUC_MODULES}
CFG
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
