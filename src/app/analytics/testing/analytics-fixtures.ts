/** Small hand-made artifacts in the shapes tools/analysis and tools/predictor write (for specs). */
const BUCKETS = ['T0_15', 'T15_30', 'T30_60', 'T60_120', 'T120_180'] as const;

export function rateBlock(nBreak: number, nReject: number, nChop: number): Record<string, unknown> {
  const resolved = nBreak + nReject;
  return {
    n: resolved + nChop,
    n_resolved: resolved,
    n_break: nBreak,
    n_reject: nReject,
    n_chop: nChop,
    break_rate: resolved > 0 ? nBreak / resolved : null,
    break_rate_ci95:
      resolved > 0
        ? [Math.max(0, nBreak / resolved - 0.08), Math.min(1, nBreak / resolved + 0.08)]
        : null,
    chop_rate: resolved + nChop > 0 ? nChop / (resolved + nChop) : null,
  };
}

const CHI = {
  status: 'ok',
  chi2: 16.2,
  dof: 4,
  p_value: 0.0027,
  cramers_v: 0.15,
  n: 756,
  low_expected: false,
};

export function timeStratificationJson(): Record<string, unknown> {
  const each = (f: (i: number) => unknown) => Object.fromEntries(BUCKETS.map((b, i) => [b, f(i)]));
  return {
    time_bucket_stats: each((i) => (i === 1 ? rateBlock(0, 0, 3) : rateBlock(40 + 10 * i, 50, 20))),
    time_specific_models: each((i) =>
      i === 1
        ? { status: 'insufficient_data', n: 0, minimum: 60, what: 'resolved rows' }
        : {
            status: 'ok',
            n_resolved: 90 + 10 * i,
            n_dates: 40,
            auc_bucket_model: 0.6,
            auc_global_model: 0.66,
            auc_gain: -0.06,
          },
    ),
    optimal_thresholds: each((i) =>
      i === 1
        ? {
            optimal_threshold: null,
            status: 'insufficient_data',
            n: 0,
            minimum: 30,
            what: 'resolved rows',
          }
        : {
            optimal_threshold: [0.4, 0.45, 0.5, 0.55, 0.6][i],
            n: 90 + 10 * i,
            held_out_balanced_accuracy: 0.6,
            held_out_tpr: 0.7,
            held_out_tnr: 0.5,
            threshold_iqr: 0.04,
          },
    ),
    statistical_test: { bucket_x_outcome_resolved: CHI },
    model_comparison: {
      global_model_auc: 0.706,
      per_bucket_models_auc: 0.646,
      auc_gain: -0.06,
      auc_gain_ci95_day_bootstrap: [-0.1, -0.02],
      n_resolved: 756,
    },
    recommendation: { decision: 'global_model' },
  };
}

export function levelSpecificityJson(): Record<string, unknown> {
  return {
    level_stats: {
      PM_HIGH: {
        ...rateBlock(30, 40, 10),
        by_direction: { UP: rateBlock(10, 30, 5), DOWN: rateBlock(20, 10, 5) },
      },
      OR_LOW: {
        ...rateBlock(20, 20, 10),
        by_direction: { UP: rateBlock(20, 20, 10), DOWN: rateBlock(0, 0, 0) },
      },
    },
    level_specific_models: {
      PM_HIGH: {
        status: 'ok',
        n_resolved: 70,
        auc_level_model: 0.55,
        auc_unified_model: 0.69,
        auc_gain: -0.14,
      },
      OR_LOW: { status: 'insufficient_data', n: 40, minimum: 60, what: 'resolved rows' },
      comparison: { unified_model_auc: 0.706, per_kind_models_auc: 0.627, auc_gain: -0.079 },
    },
    statistical_test: { kind_x_outcome_resolved: CHI, kind_direction_x_outcome_resolved: CHI },
    sequence_analysis: {
      first_touch: rateBlock(67, 62, 30),
      later_touches: rateBlock(265, 362, 100),
      test: { ...CHI, dof: 1, p_value: 0.044 },
    },
    recommendation: { decision: 'unified_model', use_level_base_rates: false },
  };
}

export function interactionPair(significant: boolean, highHighN: number): Record<string, unknown> {
  return {
    description: 'Dealer short gamma × order flow',
    feat1: 'gamma_exposure',
    feat2: 'flow_alignment',
    n: 756,
    p_value: 0.001,
    q_value: significant ? 0.022 : 0.5,
    improvement: 0.016,
    significant,
    grid: {
      n: 756,
      base_rate: 0.44,
      low_low: { n: 423, breaks: 151, break_rate: 151 / 423 },
      low_high: { n: 144, breaks: 83, break_rate: 83 / 144 },
      high_low: { n: 144, breaks: 60, break_rate: 60 / 144 },
      high_high: {
        n: highHighN,
        breaks: Math.round(highHighN * 0.84),
        break_rate: highHighN > 0 ? Math.round(highHighN * 0.84) / highHighN : null,
      },
    },
    combo_edge: highHighN >= 10 ? 0.405 : null,
    ...(highHighN >= 10
      ? {}
      : {
          combo_edge_status: {
            status: 'insufficient_data',
            n: highHighN,
            minimum: 10,
            what: 'rows in the high/high cell',
          },
        }),
  };
}

export function featureInteractionsJson(): Record<string, unknown> {
  return {
    hypothesized_interactions: {
      gamma_exposure_x_order_flow: interactionPair(true, 45),
      null_pair: interactionPair(false, 30),
    },
    discovered_interactions: { thin_pair: interactionPair(true, 0) },
    summary: { pairs_tested: 3, correction: 'Benjamini–Hochberg, q ≤ 0.05' },
  };
}

export function historicalStatsJson(): Record<string, unknown> {
  return {
    model: { file: 'break-predictor.onnx', sha256: 'abc123' },
    confidence: {
      method: 'out-of-fold predictions',
      n: 300,
      bins: [
        { lo: 0, hi: 0.5, n: 200, mean_p: 0.3, observed: 0.28 },
        { lo: 0.5, hi: 0.9, n: 100, mean_p: 0.7, observed: 0.72 },
        { lo: 0.9, hi: 1, n: 0, mean_p: null, observed: null },
      ],
    },
  };
}

export function modelManifestJson(sha256 = 'abc123'): Record<string, unknown> {
  return {
    file: 'break-predictor.onnx',
    sha256,
    metrics: {
      cv: { n: 300, auc: 0.78, ece: 0.004 },
      held_out: { n: 100, n_days: 7, auc: 0.77, ece: 0.009 },
    },
  };
}

/** A manifest whose `metrics.independent` carries the reliability bins of report:model. */
export function modelManifestWithReliabilityJson(sha256 = 'abc123'): Record<string, unknown> {
  const base = modelManifestJson(sha256);
  return {
    ...base,
    metrics: {
      ...(base['metrics'] as Record<string, unknown>),
      independent: {
        n: 500,
        n_days: 12,
        auc: 0.81,
        ece: 0.012,
        data: 'data/sim-holdout',
        data_seed: 2,
        reliability: {
          method: '10 equal-width bins on the independent days',
          n: 500,
          bins: [
            { lo: 0, hi: 0.4, n: 300, mean_p: 0.2, observed: 0.18 },
            { lo: 0.4, hi: 0.8, n: 150, mean_p: 0.6, observed: 0.63 },
            { lo: 0.8, hi: 1, n: 50, mean_p: 0.88, observed: 0.9 },
          ],
        },
      },
    },
  };
}
