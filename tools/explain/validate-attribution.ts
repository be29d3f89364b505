/**
 * Compares the attributed driver edges with the simulator's truth on held-out simulated days
 * (docs/explanations.md § Validation), against two definitions of the true edges:
 *
 * 1. the recorded `contributions_4`: Shapley values of the generator's 4-min probability against a
 *    fixed reference (1 ATR away, every cause 0, no session offset) — a different game from the
 *    product's, whose edges are measured against the frame's stratum;
 * 2. the same-game truth: interventional Shapley values of the generator's true probability over
 *    the same 11 players (10 planted drivers + Hidden) with the players outside a coalition taken
 *    from background frames of the frame's stratum (level kind × time bucket), exactly as the
 *    attribution does with feature rows (src/domain/sim/truth-game.ts, exact over 2^11 coalitions).
 *
 *   npm run validate:attribution -- [--data data/sim-holdout] [--days 20] [--model FILE.onnx|FILE.json]
 *                                   [--stats FILE] [--truth-background training|holdout]
 *                                   [--training-data DIR] [--pairs-per-block N]
 *                                   [--truth-volatility player|context]
 *
 * --pairs-per-block: antithetic permutation pairs per background block for the drivers (default:
 * the app's 2, i.e. 64 permutations); larger values show how much of the gap is sampling noise.
 * --data: a simulator output folder (frames + truth) with a seed the model was not trained on; without
 * it (or when the folder is missing) 10 sessions of seed 2 from 2025-06-02 are simulated in-process.
 * --truth-background: `training` (default) uses the truth records of the attribution's own
 * background frames (historical_stats.json's rows matched to the training episodes in
 * --training-data, default the stats file's data source); `holdout` draws 32 truth records of the
 * stratum (fixed seed) from the other held-out days. `training` falls back to `holdout` when the
 * training episodes are missing or do not match the stats file.
 * --truth-volatility: in B, Volatility Regime brings the frame's σ/ATR with ln(ATR/ref) (`player`,
 * default) or σ/ATR is the frame's in every coalition, as in the recorded game (`context`).
 * Spearman's ρ per frame over the 15 drivers (controls are 0 in both truths; ties get average
 * ranks); the Hidden player is part of both truths but not of the comparison.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LevelFrame } from '../../src/domain/frame/level-frame';
import { DEFAULT_DRIVER_ATTRIBUTION } from '../../src/domain/explain/engine-config';
import { simulateMarketDay } from '../../src/domain/sim/session-generator';
import { weekdaySessions } from '../../src/domain/sim/trading-calendar';
import { buildLevelFrames } from '../../src/domain/frames/build-level-frames';
import { PLANTED_PLAYERS } from '../../src/domain/sim/drivers';
import { GENERATOR_VERSION } from '../../src/domain/sim/sim-params';
import { truthGame } from '../../src/domain/sim/truth-game';
import { truthPointOfRecord } from '../../src/domain/sim/truth-record-point';
import { truthKey } from '../dataset/episode-rows';
import { listSessionDates, readSessionFrames } from '../dataset/simulated-data';
import { readDataOrigin } from '../predictor/training-data';
import { loadModel, readJson } from './explain-support';
import {
  DEFAULT_MANIFEST,
  DEFAULT_MODEL,
  DEFAULT_STATS,
  NodeExplainer,
  loadManifest,
  loadStats,
} from './explain-session';
import { ticksOf } from './explain-support';
import {
  holdoutBackground,
  parseValidationTruth,
  readValidationTruth,
  trainingBackground,
  truthStratum,
  type TruthBackground,
  type ValidationTruth,
} from './truth-records';
import { printSummary, summarize, type FramePair } from './validation-report';

interface Session {
  readonly date: string;
  readonly frames: () => LevelFrame[];
  readonly truth: ReadonlyMap<string, ValidationTruth>;
}

function loadSessions(data: string | undefined, days: number): Session[] {
  if (data !== undefined && existsSync(data)) {
    return listSessionDates(data)
      .slice(0, days)
      .map((date) => ({
        date,
        frames: () => readSessionFrames(data, date).frames,
        truth: readValidationTruth(data, date),
      }));
  }
  return weekdaySessions('2025-06-02', days).map((date, dayIndex) => {
    const s = simulateMarketDay(date, 2);
    const truth = new Map<string, ValidationTruth>();
    for (const t of s.truth) {
      const parsed = parseValidationTruth(JSON.parse(JSON.stringify(t)));
      if (parsed !== null) truth.set(truthKey(t.ts, t.level_kind), parsed);
    }
    const frames = buildLevelFrames(s.day, { seqStart: dayIndex * 1444 });
    return { date, frames: () => frames, truth };
  });
}

/** The stats file's `data.source` (the training folder), or null. */
function statsDataSource(path: string): string | null {
  const j = readJson(path);
  if (typeof j !== 'object' || j === null || !('data' in j)) return null;
  const d = j.data;
  return typeof d === 'object' && d !== null && 'source' in d && typeof d.source === 'string'
    ? d.source
    : null;
}

function chooseBackground(
  kind: string,
  stats: ReturnType<typeof loadStats>,
  trainingDir: string,
  sessions: readonly Session[],
): TruthBackground {
  if (kind === 'training') {
    const m = trainingBackground(stats, trainingDir);
    if (m !== null && m.matched === m.rows) {
      console.log(
        `truth background: ${m.background.label}, ${readDataOrigin(trainingDir).generatorVersion ?? 'unknown generator'}: ${m.matched}/${m.rows} background rows matched${m.ambiguous > 0 ? ` (${m.ambiguous} by more than one frame)` : ''}`,
      );
      return m.background;
    }
    console.log(
      m === null
        ? `truth background: no training episodes in ${trainingDir}; falling back to held-out records`
        : `truth background: only ${m.matched}/${m.rows} background rows found in ${trainingDir}; falling back to held-out records`,
    );
  }
  const h = holdoutBackground(sessions.flatMap((s) => [...s.truth.values()]));
  console.log(`truth background: ${h.label}`);
  return h;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: 'data/sim-holdout' },
      days: { type: 'string', default: '20' },
      model: { type: 'string', default: DEFAULT_MODEL },
      stats: { type: 'string', default: DEFAULT_STATS },
      manifest: { type: 'string', default: DEFAULT_MANIFEST },
      background: { type: 'string', default: 'stratum' },
      'truth-background': { type: 'string', default: 'training' },
      'training-data': { type: 'string' },
      'pairs-per-block': { type: 'string' },
      'truth-volatility': { type: 'string', default: 'player' },
    },
  });
  const t0 = performance.now();
  const days = Number(values.days);
  const statsPath = values.stats ?? DEFAULT_STATS;
  const manifest = loadManifest(values.manifest);
  const stats = loadStats(statsPath);
  const modelPath = values.model ?? DEFAULT_MODEL;
  const model = await loadModel(modelPath);
  const trainedOn = modelPath.endsWith('.onnx')
    ? trainingSeedOf(modelPath.replace(/\.onnx$/, '.manifest.json'))
    : null;
  const backgroundSource = values.background === 'pooled' ? 'pooled' : 'stratum';
  const pairsPerBlock =
    values['pairs-per-block'] === undefined ? undefined : Number(values['pairs-per-block']);
  if (pairsPerBlock !== undefined && (!Number.isInteger(pairsPerBlock) || pairsPerBlock < 1))
    throw new Error('--pairs-per-block must be a positive integer');
  const volatility = values['truth-volatility'];
  if (volatility !== 'player' && volatility !== 'context')
    throw new Error('--truth-volatility must be player or context');
  const driverAttribution =
    pairsPerBlock === undefined ? undefined : { ...DEFAULT_DRIVER_ATTRIBUTION, pairsPerBlock };
  const explainer = new NodeExplainer(model.model, {
    manifest,
    stats,
    backgroundSource,
    driverAttribution,
  });
  const names = explainer.engine.driverOrder;
  const dataLabel =
    values.data !== undefined && existsSync(values.data)
      ? values.data
      : 'in-process seed 2 from 2025-06-02';
  console.log(
    `attribution vs simulator truth — data ${dataLabel}, ${days} day(s) max; model ${modelPath} (${model.kind})${trainedOn === null ? '' : `, trained on data seed ${trainedOn}`}`,
  );
  console.log(
    `attribution background: ${backgroundSource}; driver permutations: ${pairsPerBlock === undefined ? "the app's (2 antithetic pairs per background block)" : `${pairsPerBlock} antithetic pairs per background block`}`,
  );
  const sessions = loadSessions(values.data, days);
  const tLoaded = performance.now();
  const trainingDir = values['training-data'] ?? statsDataSource(statsPath) ?? 'data/model-train';
  const truthBackground = chooseBackground(
    values['truth-background'] ?? 'training',
    stats,
    trainingDir,
    sessions,
  );
  const tBackground = performance.now();

  const iHidden = PLANTED_PLAYERS.indexOf('Hidden');
  const plantedIndex = names.map((n) => PLANTED_PLAYERS.findIndex((p) => p === n));
  const recorded: FramePair[] = [];
  const sameGame: FramePair[] = [];
  const hiddenRecorded: number[] = [];
  const hiddenSame: number[] = [];
  const truthBase: number[] = [];
  let frames = 0;
  let withoutTruth = 0;
  let withoutBackground = 0;
  let worstReproduction = 0;
  let explainMs = 0;
  let truthMs = 0;
  for (const session of sessions) {
    explainer.engine.reset();
    for (const tick of ticksOf(session.frames())) {
      const e0 = performance.now();
      const run = await explainer.tick(tick);
      explainMs += performance.now() - e0;
      run.result.signals.forEach((signal, k) => {
        const attribution = run.result.attributions[k];
        if (attribution === null) return;
        frames++;
        const truth = session.truth.get(truthKey(signal.timestamp, signal.level.kind));
        if (truth === undefined) {
          withoutTruth++;
          return;
        }
        const bg = truthBackground.points(truthStratum(truth), session.date);
        if (bg.length === 0) {
          withoutBackground++;
          return;
        }
        const g0 = performance.now();
        const x = truthPointOfRecord(truth);
        const game = truthGame(x, bg, { volatility });
        truthMs += performance.now() - g0;
        worstReproduction = Math.max(worstReproduction, Math.abs(game.fx - truth.p_break['4']));
        const phi = attribution.values;
        recorded.push({
          attributed: phi,
          truth: names.map((n) => truth.contributions_4[n] ?? 0),
          engaged: truth.engaged,
        });
        sameGame.push({
          attributed: phi,
          truth: plantedIndex.map((j) => (j < 0 ? 0 : (game.values[j] ?? 0))),
          engaged: truth.engaged,
        });
        hiddenRecorded.push(Math.abs(truth.contributions_4['Hidden'] ?? 0));
        hiddenSame.push(Math.abs(game.values[iHidden] ?? 0));
        truthBase.push(game.baseRate);
      });
    }
  }
  await model.release();
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `in-zone frames explained ${frames}, with truth ${frames - withoutTruth}, without a truth background ${withoutBackground}, compared ${recorded.length}`,
  );
  const dataGenerator =
    values.data !== undefined && existsSync(values.data)
      ? (readDataOrigin(values.data).generatorVersion ?? 'unknown')
      : GENERATOR_VERSION;
  console.log(
    `truth data ${dataGenerator}, truth game of ${GENERATOR_VERSION}: every frame's recorded p_break["4"] reproduced within ${worstReproduction.toExponential(1)}`,
  );
  if (!(worstReproduction < 1e-6))
    console.log(
      'WARNING: the truth game does not reproduce the records — the data were made by another generator version; the same-game figures below are not valid',
    );
  printSummary(
    "A. against the recorded contributions_4 (the generator's game: reference 1 ATR away, every cause 0, no session offset):",
    summarize(names, recorded),
    true,
  );
  console.log(
    `    Hidden (not compared): mean |edge| ${(100 * mean(hiddenRecorded)).toFixed(2)} pp`,
  );
  printSummary(
    `B. against the same-game truth (the attribution's game: background = ${truthBackground.label}${volatility === 'context' ? "; σ/ATR as context, the frame's in every coalition" : ''}):`,
    summarize(names, sameGame),
    true,
  );
  console.log(
    `    Hidden (not compared): mean |edge| ${(100 * mean(hiddenSame)).toFixed(2)} pp; mean truth base rate ${(100 * mean(truthBase)).toFixed(1)} %`,
  );
  console.log(
    '\nB is the meaningful comparison for a stratum-based attribution: both sides split p − (mean over the\n' +
      "stratum's background), so a driver at its stratum-typical value gets ~0 on both; A credits every\n" +
      'difference from the fixed reference (the bucket offset to Session Timing, any touch count to Touch History).',
  );
  const tEnd = performance.now();
  console.log(
    `\ntimings: loading ${((tLoaded - t0) / 1000).toFixed(1)} s, truth background ${((tBackground - tLoaded) / 1000).toFixed(1)} s, explaining ${(explainMs / 1000).toFixed(1)} s, truth game ${(truthMs / 1000).toFixed(1)} s (${(truthMs / Math.max(1, sameGame.length)).toFixed(1)} ms per frame), total ${((tEnd - t0) / 1000).toFixed(1)} s`,
  );
}

function trainingSeedOf(manifestPath: string): number | null {
  if (!existsSync(manifestPath)) return null;
  const m = readJson(manifestPath);
  if (typeof m !== 'object' || m === null || !('training' in m)) return null;
  const t = m.training;
  return typeof t === 'object' && t !== null && 'data_seed' in t && typeof t.data_seed === 'number'
    ? t.data_seed
    : null;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
