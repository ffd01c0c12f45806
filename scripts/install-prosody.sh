#!/usr/bin/env bash
# Installs Prosody 13 (Debian's package from <codename>-backports) for the live tests, `mucsim run
# --server` and `mucsim diff`: the reference server mucsim is checked against.
# Root only: otherwise it says what to run. Exit 0 when prosody 13.x is there afterwards, 1 otherwise.
#
# The backports suite is added from the Debian mirror this machine's apt already uses (read from
# `apt-cache policy`, never written here), and a policy-rc.d that says no keeps the package from
# starting a system-wide server while it installs.
set -uo pipefail

REQUIRED_MAJOR=13

installed_version() {
  dpkg-query -W -f='${Version}' prosody 2>/dev/null || true
}

is_required_version() {
  case "$1" in
    "$REQUIRED_MAJOR".*) return 0 ;;
    *) return 1 ;;
  esac
}

current=$(installed_version)
if command -v prosody >/dev/null 2>&1 && is_required_version "$current"; then
  echo "prosody $current is installed: $(command -v prosody)"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "Prosody $REQUIRED_MAJOR is not installed${current:+ (found $current)}, and installing it needs root. Run:"
  echo "  sudo bash scripts/install-prosody.sh"
  echo "(the live tests are skipped until then)"
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Prosody $REQUIRED_MAJOR is not installed and this system has no apt-get: install Prosody $REQUIRED_MAJOR.x with your package manager"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive

# Package postinst scripts start a system-wide server (all interfaces, default ports) unless
# policy-rc.d says no. Say no for the duration of the install when the machine has no policy.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi

codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
[ -n "$codename" ] || { echo "cannot tell this system's release (VERSION_CODENAME in /etc/os-release)"; exit 1; }

apt-get update -qq || { echo "apt-get update failed"; exit 1; }

# Where the default suite already offers Prosody 13 (Debian 13 and later), install it from there.
candidate=$(apt-cache policy prosody 2>/dev/null | awk '/Candidate:/ { print $2 }')
if ! is_required_version "$candidate"; then
  # The mirror this machine's apt uses for <codename>/main, with the backports suite added.
  mirror=$(apt-cache policy | awk -v suite="$codename/main" '$3 == suite { print $2; exit }')
  [ -n "$mirror" ] || { echo "no $codename/main source in apt's configuration"; exit 1; }
  list=/etc/apt/sources.list.d/$codename-backports.list
  if ! apt-cache policy | awk -v suite="$codename-backports/main" '$3 == suite { found = 1 } END { exit !found }'; then
    echo "deb $mirror $codename-backports main" >"$list"
    apt-get update -qq || { echo "apt-get update failed after adding $codename-backports"; exit 1; }
  fi
  target=(-t "$codename-backports")
else
  target=()
fi

apt-get install -y -qq --no-install-recommends "${target[@]}" prosody >/dev/null ||
  { echo "apt-get install prosody failed"; exit 1; }

current=$(installed_version)
command -v prosody >/dev/null 2>&1 || { echo "prosody is still missing after apt-get install"; exit 1; }
is_required_version "$current" || { echo "installed prosody $current, not $REQUIRED_MAJOR.x"; exit 1; }
echo "installed prosody $current"
