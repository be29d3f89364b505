#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine, and nothing when it is already there:
#  - node packages (npm install with the committed lockfile; `npm ci` cannot be used, see docs/toolchain-decisions.md)
#  - Debian's Chromium at /usr/bin/chromium for Karma and Playwright (no browser downloads are possible).
set -euo pipefail
cd "$(dirname "$0")/../.."

# onnxruntime-node: use the CPU binaries shipped in the package, never download CUDA ones.
export ONNXRUNTIME_NODE_INSTALL=skip

stamp=node_modules/.package-lock.json
if [ ! -x node_modules/.bin/ng ] || [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "[setup] npm install"
  npm install --no-audit --no-fund --loglevel=error
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "[setup] installing Debian chromium"
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
