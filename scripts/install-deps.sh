#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Infradash's run script and tests need, when missing:
#   scripts/install-deps.sh            Prometheus and node_exporter (to run locally)
#   scripts/install-deps.sh --test     plus Chromium and its driver (for the browser tests)
set -euo pipefail

packages=(prometheus prometheus-node-exporter)
[[ "${1:-}" == "--test" ]] && packages+=(chromium chromium-driver)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Missing ${missing[*]}: install them with your package manager (this script knows apt only)." >&2
  exit 1
fi
sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)
echo "Installing ${missing[*]} ..."
"${sudo[@]}" apt-get update -qq
# The packages' own services are not used: Infradash starts the binaries on 127.0.0.1 itself.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
