#!/usr/bin/env bash
# System packages the project needs on a Debian machine of its kind: debootstrap for the VirtualBox testbed, and the
# OpenSSH client the tests reach the testbed's real guest with.
# Idempotent; installs only what is missing.
set -euo pipefail
needed=()
for pkg in "$@" debootstrap openssh-client; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || needed+=("$pkg")
done
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "missing system packages: ${needed[*]} (install them as root)" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
