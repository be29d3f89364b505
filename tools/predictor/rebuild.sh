#!/usr/bin/env bash
# npm run model:rebuild — regenerates the shipped break predictor, its manifest and
# public/artifacts/historical_stats.json from fixed seeds (docs/predictor.md):
#   simulate the training days (seed 1) and independent evaluation days (seed 2)
#   → episodes → train → stats → report on the evaluation days (figures written to the manifest)
#   → the explanation self-test's golden file, which belongs to the model.
set -euo pipefail
cd "$(dirname "$0")/../.."
TRAIN_DIR=data/model-train
EVAL_DIR=data/sim-holdout
npm run --silent simulate -- --days 400 --seed 1 --start 2023-01-02 --out "$TRAIN_DIR"
npm run --silent simulate -- --days 60 --seed 2 --start 2025-06-02 --out "$EVAL_DIR"
npm run --silent episodes -- --data "$TRAIN_DIR" --horizon 4min --out "$TRAIN_DIR/episodes-4min.ndjson"
npm run --silent train -- --data "$TRAIN_DIR/episodes-4min.ndjson" --horizon 4min --out public/models --seed 1
npm run --silent stats -- --data "$TRAIN_DIR/episodes-4min.ndjson" --out public/artifacts/historical_stats.json
npm run --silent report:model -- --model public/models/break-predictor.onnx --data "$EVAL_DIR" --write-manifest
npm run --silent explain:golden
