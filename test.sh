#!/usr/bin/env bash
# The project's one test command. On a fresh Debian machine it first installs what is missing
# (node packages, Debian's Chromium), then runs every suite and closes with one plain line:
#   N passed, N failed[, N skipped]
# Suites: lint (ESLint + per-layer type checks + import-cycle check), tool tests (node:test),
# unit specs (Karma on headless Chromium), the production build, e2e (Playwright).
# Lint and the build count as one check each; test suites count their tests.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$PWD"
export PATH="$ROOT/node_modules/.bin:$PATH"
export CHROME_BIN="${CHROME_BIN:-/usr/bin/chromium}"
export NG_CLI_ANALYTICS=false

bash tools/setup/ensure-deps.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export PATH="$ROOT/node_modules/.bin:$PATH"

OUT="$ROOT/test-results"
mkdir -p "$OUT"
passed=0; failed=0; skipped=0
declare -a summary=()

record() { # name passed failed skipped
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + $4))
  summary+=("$(printf '%-10s %4d passed, %d failed, %d skipped' "$1" "$2" "$3" "$4")")
}

check() { # name command...: one check, passes when the command exits 0
  local name=$1; shift
  echo "=== $name: $*"
  if "$@"; then record "$name" 1 0 0; else record "$name" 0 1 0; fi
}

json_counts() { # file key_passed key_failed key_skipped (top-level integer keys)
  node -e '
    const fs = require("fs"); const [f, p, q, s] = process.argv.slice(1);
    try { const j = JSON.parse(fs.readFileSync(f, "utf8")); console.log([j[p] ?? 0, j[q] ?? 0, j[s] ?? 0].join(" ")); }
    catch { console.log("0 1 0"); }' "$@"
}

# 1. Lint
check lint npm run --silent lint

# 2. Node tool tests
echo "=== tools: node --test"
rm -f "$OUT/tools.tap"
node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$OUT/tools.tap" 'tools/**/*.test.ts'
tools_rc=$?
tp=$(grep -E '^# pass ' "$OUT/tools.tap" 2>/dev/null | awk '{print $3}'); tp=${tp:-0}
tf=$(grep -E '^# fail ' "$OUT/tools.tap" 2>/dev/null | awk '{print $3}'); tf=${tf:-0}
ts=$(grep -E '^# (skipped|todo) ' "$OUT/tools.tap" 2>/dev/null | awk '{s+=$3} END {print s+0}')
if [ "$tools_rc" -ne 0 ] && [ "$tf" -eq 0 ]; then tf=1; fi
record tools "$tp" "$tf" "$ts"

# 3. Unit specs in Karma
echo "=== unit: ng test (Karma, headless Chromium)"
rm -f "$OUT/karma.json"
PV_RESULTS_FILE="$OUT/karma.json" ng test
unit_rc=$?
read -r up uf us < <(json_counts "$OUT/karma.json" passed failed skipped)
if [ "$unit_rc" -ne 0 ] && [ "$uf" -eq 0 ]; then uf=1; fi
record unit "$up" "$uf" "$us"

# 4. Production build
check build ng build --configuration production

# 5. e2e against the production build
if [ -f dist/pentaview/browser/index.html ]; then
  echo "=== e2e: playwright"
  rm -f "$OUT/e2e.json"
  PV_E2E_JSON="$OUT/e2e.json" playwright test
  e2e_rc=$?
  read -r ep ef es < <(node -e '
    const fs = require("fs");
    try { const s = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).stats;
          console.log([s.expected + s.flaky, s.unexpected, s.skipped].join(" ")); }
    catch { console.log("0 1 0"); }' "$OUT/e2e.json")
  if [ "$e2e_rc" -ne 0 ] && [ "$ef" -eq 0 ]; then ef=1; fi
  record e2e "$ep" "$ef" "$es"
else
  record e2e 0 1 0
fi

echo
echo "Summary"
for line in "${summary[@]}"; do echo "  $line"; done
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
