#!/usr/bin/env bash
# Installs Debian's Chromium for the dashboard's browser tests, only when it is missing. Idempotent: a second run
# prints one line and changes nothing. Runs `apt-get update` only when the package lists do not know chromium yet.
# Needs root (or sudo). Honours CHROMIUM_PATH when set.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then
  echo "install-chromium: $chromium_path already present ($("$chromium_path" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "install-chromium: $chromium_path is missing and this user is not root (and has no sudo)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show chromium >/dev/null 2>&1; then
  echo "install-chromium: apt-get update (package lists do not know chromium yet)"
  "${sudo[@]}" apt-get update -qq
fi
echo "install-chromium: apt-get install chromium"
"${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
if [ ! -x "$chromium_path" ]; then
  echo "install-chromium: installed chromium but $chromium_path is still missing" >&2
  exit 1
fi
echo "install-chromium: installed $("$chromium_path" --version 2>/dev/null || echo "$chromium_path")"
