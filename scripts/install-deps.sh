#!/usr/bin/env bash
# Installs what Lantern needs to build and test on Debian, when missing.
# Safe to run repeatedly; does nothing when everything is present.
set -euo pipefail

apt_packages=(libsqlite3-dev zlib1g-dev libzstd-dev libncurses-dev tmux jq python3 python3-pip gzip zsh fish groff-base man-db)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

# Independent readers used by the tests to compute expected values.
pip_modules=(maxminddb jsonschema stix2 moto flask flask_cors)
for module in "${pip_modules[@]}"; do
  python3 -c "import $module" 2>/dev/null || python3 -m pip install -q "$module"
done

command -v swift >/dev/null || { echo "swift is not on PATH: install Swift 6 first" >&2; exit 1; }
