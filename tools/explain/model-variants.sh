#!/usr/bin/env bash
# bash tools/explain/model-variants.sh [OUT_DIR [NAME...]] — trains model variants on the rebuild's
# training episodes and measures each one's attribution against the simulator's truth
# (docs/explanations.md § Model-side experiments); with NAMEs, only those variants. Needs
# `npm run model:rebuild` data: data/model-train (episodes, truth) and data/sim-holdout. About
# 2 minutes per variant on 2 cores (the truth-label ones 3); the shipped model is not touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-data/model-variants}
ONLY=("${@:2}")
EPISODES=data/model-train/episodes-4min.ndjson
CONTROLS=(--driver-gain-scale "Approach Momentum=0" --driver-gain-scale "Gamma Walls=0"
  --driver-gain-scale "Level Confluence=0" --driver-gain-scale "Force Balance=0"
  --driver-gain-scale "Persistence Trends=0")

variant() {
  local name=$1
  shift
  if ((${#ONLY[@]} > 0)) && [[ ! " ${ONLY[*]} " =~ " $name " ]]; then return; fi
  local dir=$OUT/$name
  mkdir -p "$dir"
  npm run --silent train -- --data "$EPISODES" --horizon 4min --out "$dir" --seed 1 "$@" >"$dir/train.log" 2>&1
  npm run --silent stats -- --data "$EPISODES" --model "$dir/break-predictor.onnx" \
    --out "$dir/historical_stats.json" >"$dir/stats.log" 2>&1
  npm run --silent report:model -- --model "$dir/break-predictor.onnx" --data data/sim-holdout >"$dir/report.log" 2>&1
  npm run --silent validate:attribution -- --model "$dir/break-predictor.onnx" \
    --stats "$dir/historical_stats.json" --training-data data/model-train >"$dir/validate.log" 2>&1
  local auc trees rho
  auc=$(grep -m1 -E '^\s+AUC ' "$dir/report.log" | awk '{print $2}')
  trees=$(grep -o 'model: [0-9]* trees' "$dir/train.log" | awk '{print $2}')
  rho=$(grep 'MEAN PER-FRAME' "$dir/validate.log" | sed -E 's/.*= ([0-9.-]+).*/\1/' | paste -sd/)
  printf '%-34s trees %5s  AUC %s  rho A/B %s\n' "$name" "$trees" "$auc" "$rho"
}

variant shipped-recipe
variant momentum-excluded --driver-gain-scale "Approach Momentum=0"
variant momentum-half --driver-gain-scale "Approach Momentum=0.5"
variant controls-excluded "${CONTROLS[@]}"
variant depth3 --depth 3 --leaves 8
variant depth2 --depth 2 --leaves 4
variant depth3-lr0.03 --depth 3 --leaves 8 --learning-rate 0.03 --trees 3000
# fitted to the generator's P(BREAK) instead of the outcomes: what this vector allows without
# outcome noise (a simulation diagnostic)
variant truth-labels --labels truth
variant truth-labels-controls-excluded --labels truth "${CONTROLS[@]}"
