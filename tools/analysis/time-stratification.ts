/**
 * Time stratification (domain §7): do the time buckets differ, and should the dashboard use
 * separate models, per-bucket thresholds or one global model? See docs/analyses.md.
 */
import {
  bootstrapCi,
  chiSquareIndependence,
  isOk,
  rocAuc,
  selectThresholdOutOfSample,
  spearman,
  type ChiSquareResult,
} from '../../src/domain/stats';
import { TIME_BUCKET_LABELS, type TimeBucket } from '../../src/domain/time/time-bucket';
import {
  BUCKETS,
  Progress,
  aucOn,
  driverReadings,
  meta,
  oofModel,
  prepare,
  rateBlock,
  readingAuc,
  recommendByGain,
  type AnalysisArgs,
} from './common';
import type { LoadedInput } from './input';

export function chiBlock(
  r: ChiSquareResult | { status: string },
  rows: readonly string[],
  cols: readonly string[],
): Record<string, unknown> {
  if (!('statistic' in r) || r.status !== 'ok') return { ...r };
  return {
    status: 'ok',
    test: 'chi-square test of independence',
    chi2: r.statistic,
    dof: r.dof,
    p_value: r.pValue,
    cramers_v: r.cramersV,
    n: r.total,
    rows: r.rowsKept.map((i) => rows[i]),
    columns: r.columnsKept.map((j) => cols[j]),
    observed: r.observed,
    pearson_residuals: r.residuals,
    min_expected: r.minExpected,
    low_expected: r.lowExpected,
    significant_at_0_05: r.pValue < 0.05,
  };
}

/** The artifact for `args` (input read from `args.data`, or `input` when given). */
export function analyzeTimeStratification(
  args: AnalysisArgs,
  input?: LoadedInput,
): Record<string, unknown> {
  const p = prepare(args, 'time-stratification', input);
  const steps = new Progress('time-stratification', args.quiet);
  const totalSteps = 4 + BUCKETS.length;
  let step = 0;
  steps.update(step, totalSteps, 'rates');

  // 1. Base rates and χ².
  const time_bucket_stats: Record<string, unknown> = {};
  for (const b of BUCKETS) {
    const rows = p.unitRows.filter((r) => r.bucket === b);
    time_bucket_stats[b] = { label: TIME_BUCKET_LABELS[b], ...rateBlock(rows) };
  }
  const overall = rateBlock(p.unitRows);
  const present = BUCKETS.filter((b) => p.unitRows.some((r) => r.bucket === b));
  const resolvedTable = present.map((b) => [
    p.resolved.filter((r) => r.bucket === b && r.outcome === 'BREAK').length,
    p.resolved.filter((r) => r.bucket === b && r.outcome === 'REJECT').length,
  ]);
  const allTable = present.map((b) =>
    (['BREAK', 'REJECT', 'CHOP'] as const).map(
      (o) => p.unitRows.filter((r) => r.bucket === b && r.outcome === o).length,
    ),
  );
  const statistical_test = {
    bucket_x_outcome_resolved: chiBlock(chiSquareIndependence(resolvedTable), present, [
      'BREAK',
      'REJECT',
    ]),
    bucket_x_outcome_with_chop: chiBlock(chiSquareIndependence(allTable), present, [
      'BREAK',
      'REJECT',
      'CHOP',
    ]),
  };
  const rates = present
    .map((b) => ({ b, r: (time_bucket_stats[b] as { break_rate: number | null }).break_rate }))
    .filter((x): x is { b: TimeBucket; r: number } => x.r !== null);
  const highest = rates.reduce<{ b: TimeBucket; r: number } | null>(
    (m, x) => (m === null || x.r > m.r ? x : m),
    null,
  );
  const lowest = rates.reduce<{ b: TimeBucket; r: number } | null>(
    (m, x) => (m === null || x.r < m.r ? x : m),
    null,
  );

  // 2. Global model vs one model per bucket, out of fold, folds grouped by date.
  step++;
  steps.update(step, totalSteps, 'global model');
  const global = oofModel(p.resolved, p.labels, p.dates, args.seed);
  const perBucketProbs = new Float64Array(p.resolved.length).fill(Number.NaN);
  const time_specific_models: Record<string, unknown> = {};
  for (const b of BUCKETS) {
    step++;
    steps.update(step, totalSteps, `model ${b}`);
    const idx = p.resolved.map((r, i) => (r.bucket === b ? i : -1)).filter((i) => i >= 0);
    const rows = idx.map((i) => p.resolved[i]);
    const labels = Uint8Array.from(idx, (i) => p.labels[i]);
    const m = oofModel(
      rows,
      labels,
      idx.map((i) => p.dates[i]),
      args.seed,
    );
    if (m.status !== 'ok') {
      time_specific_models[b] = { ...m, n_resolved: idx.length };
      continue;
    }
    idx.forEach((i, k) => (perBucketProbs[i] = m.probs[k]));
    const globalAuc = global.status === 'ok' ? aucOn(global.probs, p.labels, idx) : null;
    time_specific_models[b] = {
      status: 'ok',
      n_resolved: idx.length,
      n_dates: new Set(idx.map((i) => p.dates[i])).size,
      auc_bucket_model: m.auc,
      auc_global_model: globalAuc,
      auc_gain: globalAuc === null ? null : m.auc - globalAuc,
    };
  }
  // Rows of buckets without their own model keep the global prediction (a fallback the app would use).
  step++;
  steps.update(step, totalSteps, 'comparison');
  let model_comparison: Record<string, unknown>;
  let gain: number | null = null;
  if (global.status !== 'ok')
    model_comparison = { global_model: global, note: 'no model comparison' };
  else {
    const combined = perBucketProbs.map((v, i) => (Number.isFinite(v) ? v : global.probs[i]));
    const all = p.resolved.map((_, i) => i);
    const aucCombined = aucOn(combined, p.labels, all);
    gain = aucCombined === null ? null : aucCombined - global.auc;
    const boot = bootstrapCi(
      all,
      (sample) => {
        const a = aucOn(combined, p.labels, sample as number[]);
        const g = aucOn(global.probs, p.labels, sample as number[]);
        return a === null || g === null ? Number.NaN : a - g;
      },
      { seed: args.seed, resamples: 500, groups: p.dates },
    );
    model_comparison = {
      method:
        'gradient-boosted trees (tools/train, small settings) on the 144 features; 5 folds grouped by session date; pooled out-of-fold AUC',
      n_resolved: p.resolved.length,
      global_model_auc: global.auc,
      per_bucket_models_auc: aucCombined,
      auc_gain: gain,
      auc_gain_ci95_day_bootstrap: isOk(boot) ? [boot.lower, boot.upper] : boot,
      buckets_without_own_model: BUCKETS.filter(
        (b) => (time_specific_models[b] as { status: string }).status !== 'ok',
      ),
    };
  }

  // 3. Driver consistency across buckets: univariate AUC of each driver reading per bucket.
  step++;
  steps.update(step, totalSteps, 'drivers');
  const readings = driverReadings(p.resolved);
  const perBucketAuc: Record<string, Record<string, number | null>> = {};
  const drivers: Record<string, unknown> = {};
  for (const d of readings) {
    const byBucket: Record<string, unknown> = {};
    const overallAuc = readingAuc(d.values, p.labels);
    for (const b of BUCKETS) {
      const idx = p.resolved.map((r, i) => (r.bucket === b ? i : -1)).filter((i) => i >= 0);
      const a = readingAuc(
        Float64Array.from(idx, (i) => d.values[i]),
        Uint8Array.from(idx, (i) => p.labels[i]),
      );
      byBucket[b] = { auc: a.auc, n: a.n };
      (perBucketAuc[b] ??= {})[d.name] = a.auc;
    }
    const aucs = BUCKETS.map((b) => perBucketAuc[b][d.name]).filter((x): x is number => x !== null);
    const sameSide = aucs.length > 0 && (aucs.every((a) => a > 0.5) || aucs.every((a) => a < 0.5));
    drivers[d.name] = {
      auc_overall: overallAuc.auc,
      n: overallAuc.n,
      by_bucket: byBucket,
      consistent:
        sameSide && aucs.every((a) => Math.abs(a - 0.5) >= 0.03) && aucs.length === BUCKETS.length,
    };
  }
  const rankCorrelations: Record<string, unknown> = {};
  for (let i = 0; i < BUCKETS.length; i++)
    for (let j = i + 1; j < BUCKETS.length; j++) {
      const names = readings
        .map((d) => d.name)
        .filter(
          (n) => perBucketAuc[BUCKETS[i]][n] !== null && perBucketAuc[BUCKETS[j]][n] !== null,
        );
      const s = spearman(
        names.map((n) => Math.abs((perBucketAuc[BUCKETS[i]][n] ?? 0.5) - 0.5)),
        names.map((n) => Math.abs((perBucketAuc[BUCKETS[j]][n] ?? 0.5) - 0.5)),
      );
      rankCorrelations[`${BUCKETS[i]}_vs_${BUCKETS[j]}`] = isOk(s)
        ? { spearman_rho: s.rho, p_value: s.pValue, n_drivers: s.n }
        : s;
    }
  const feature_consistency = {
    method:
      'AUC of each driver reading (feature manifest, oriented toward a break) per bucket; strength = |AUC − 0.5|; Spearman ρ of strengths between buckets',
    drivers,
    consistent_drivers: Object.entries(drivers)
      .filter(([, v]) => (v as { consistent: boolean }).consistent)
      .map(([k]) => k)
      .sort(),
    strength_rank_correlation: rankCorrelations,
  };

  // 4. Per-bucket thresholds on the global model's out-of-fold probabilities, chosen out of sample.
  step++;
  steps.update(step, totalSteps, 'thresholds');
  const optimal_thresholds: Record<string, unknown> = {};
  for (const b of BUCKETS) {
    const idx = p.resolved.map((r, i) => (r.bucket === b ? i : -1)).filter((i) => i >= 0);
    if (global.status !== 'ok') {
      optimal_thresholds[b] = {
        optimal_threshold: null,
        status: 'insufficient_data',
        reason: 'no global model',
        n: idx.length,
      };
      continue;
    }
    const sel = selectThresholdOutOfSample(
      idx.map((i) => global.probs[i]),
      idx.map((i) => p.labels[i] as 0 | 1),
      idx.map((i) => p.dates[i]),
      { objective: 'balanced_accuracy', folds: 5 },
    );
    if (!isOk(sel)) {
      optimal_thresholds[b] = { optimal_threshold: null, n: idx.length, ...sel };
      continue;
    }
    const auc = rocAuc(
      idx.map((i) => global.probs[i]),
      idx.map((i) => p.labels[i] as 0 | 1),
    );
    optimal_thresholds[b] = {
      status: 'ok',
      optimal_threshold: sel.medianThreshold,
      n: sel.n,
      objective: sel.objective,
      folds: sel.folds.length,
      fold_thresholds: sel.folds.map((f) => f.threshold),
      threshold_iqr: sel.spread.iqr,
      held_out_balanced_accuracy: sel.heldOutPooledValue,
      held_out_tpr: sel.heldOutPooled.tpr,
      held_out_tnr: sel.heldOutPooled.tnr,
      global_model_auc_in_bucket: isOk(auc) ? auc.auc : null,
    };
  }
  step = totalSteps;
  steps.update(step, totalSteps, 'done');

  const decision = recommendByGain(gain);
  const recommendation = {
    decision: decision === 'adjusted_thresholds' ? 'time_adjusted_thresholds' : decision,
    auc_gain: gain,
    rule: 'out-of-fold AUC gain of per-bucket models over the global model: > 0.05 → separate models; 0.02–0.05 → time-adjusted thresholds; < 0.02 → global model',
    base_rates_differ:
      (statistical_test.bucket_x_outcome_resolved as { p_value?: number }).p_value !== undefined
        ? (statistical_test.bucket_x_outcome_resolved as { p_value: number }).p_value < 0.05
        : null,
    highest_break_rate_bucket: highest?.b ?? null,
    lowest_break_rate_bucket: lowest?.b ?? null,
    lowest_predictability_bucket: lowestAucBucket(optimal_thresholds),
    use_thresholds_from: 'optimal_thresholds[bucket].optimal_threshold (null → the app default)',
  };

  return {
    meta: meta(args, p, 'time_stratification'),
    overall,
    time_bucket_stats,
    statistical_test,
    model_comparison,
    time_specific_models,
    feature_consistency,
    optimal_thresholds,
    recommendation,
  };
}

function lowestAucBucket(t: Record<string, unknown>): string | null {
  let best: [string, number] | null = null;
  for (const [b, v] of Object.entries(t)) {
    const a = (v as { global_model_auc_in_bucket?: number | null }).global_model_auc_in_bucket;
    if (typeof a === 'number' && (best === null || a < best[1])) best = [b, a];
  }
  return best?.[0] ?? null;
}
