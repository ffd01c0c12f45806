#!/usr/bin/env bash
# Installs Prosody (Debian's package) for the live tests and `mucsim run --server`, when missing.
# Root only: otherwise it says what to run. Exit 0 when prosody is there afterwards, 1 otherwise.
set -uo pipefail

if command -v prosody >/dev/null 2>&1; then
  echo "prosody is installed: $(command -v prosody)"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "prosody is not installed, and installing it needs root. Run:"
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends prosody"
  echo "(the live tests are skipped until then)"
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "prosody is not installed and this system has no apt-get: install Prosody 0.12 with your package manager"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || { echo "apt-get update failed"; exit 1; }
apt-get install -y -qq --no-install-recommends prosody >/dev/null || { echo "apt-get install prosody failed"; exit 1; }

# The package starts a system-wide server on the default ports; the tests start their own.
if command -v service >/dev/null 2>&1; then service prosody stop >/dev/null 2>&1 || true; fi

command -v prosody >/dev/null 2>&1 || { echo "prosody is still missing after apt-get install"; exit 1; }
echo "installed $(dpkg-query -W -f='prosody ${Version}' prosody 2>/dev/null || echo prosody)"
