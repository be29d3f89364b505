#!/usr/bin/env bash
# Runs the product on a fresh machine: installs what is missing, builds the production app when
# needed and serves it on http://127.0.0.1:4200/ with the embedded demo replay and bundled model.
# Extra arguments go to the server, e.g. ./start.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")"
bash tools/setup/ensure-deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"
exec npm start -- "$@"
