import { readTimeStratification } from './time-stratification-view';
import { readLevelSpecificity } from './level-specificity-view';
import { readFeatureInteractions } from './feature-interactions-view';

const BUCKETS = ['T0_15', 'T15_30', 'T30_60', 'T60_120', 'T120_180'] as const;

type Table = Record<string, Record<string, unknown>>;

function rate(nBreak: number, nReject: number, nChop: number) {
  const resolved = nBreak + nReject;
  return {
    n: resolved + nChop,
    n_resolved: resolved,
    n_break: nBreak,
    n_reject: nReject,
    n_chop: nChop,
    break_rate: resolved > 0 ? nBreak / resolved : null,
    break_rate_ci95: resolved > 0 ? [0.1, 0.9] : null,
    chop_rate: resolved + nChop > 0 ? nChop / (resolved + nChop) : null,
  };
}

const chi = {
  chi2: 16.2,
  dof: 4,
  p_value: 0.0027,
  cramers_v: 0.15,
  n: 756,
  low_expected: false,
  status: 'ok',
};

function timeStratification(): {
  time_bucket_stats: Table;
  optimal_thresholds: Table;
  [key: string]: unknown;
} {
  const entries = (f: (b: string, i: number) => Record<string, unknown>): Table =>
    Object.fromEntries(BUCKETS.map((b, i) => [b, f(b, i)]));
  return {
    time_bucket_stats: entries((b, i) => ({ ...rate(40 + i, 50, 20), label: `label ${b}` })),
    time_specific_models: entries((b, i) =>
      i === 1
        ? { status: 'insufficient_data', n: 40, minimum: 60, what: 'resolved rows' }
        : {
            status: 'ok',
            n_resolved: 90 + i,
            n_dates: 40,
            auc_bucket_model: 0.6,
            auc_global_model: 0.65,
            auc_gain: -0.05,
          },
    ),
    optimal_thresholds: entries((b, i) =>
      i === 0
        ? {
            optimal_threshold: null,
            status: 'insufficient_data',
            n: 12,
            minimum: 30,
            what: 'resolved rows',
          }
        : {
            optimal_threshold: [0, 0.41, 0.42, 0.43, 0.44][i],
            n: 90 + i,
            held_out_balanced_accuracy: 0.6,
            held_out_tpr: 0.7,
            held_out_tnr: 0.5,
            threshold_iqr: 0.05,
          },
    ),
    statistical_test: { bucket_x_outcome_resolved: chi },
    model_comparison: {
      global_model_auc: 0.706,
      per_bucket_models_auc: 0.646,
      auc_gain: -0.06,
      auc_gain_ci95_day_bootstrap: [-0.102, -0.019],
      n_resolved: 756,
    },
    recommendation: { decision: 'global_model' },
  };
}

describe('readTimeStratification', () => {
  it('turns a good artifact into bucket rows in session order, with n and intervals', () => {
    const result = readTimeStratification(timeStratification());
    if (!result.ok) fail(result.errors.join('\n'));
    if (!result.ok) return;
    const v = result.value;
    expect(v.buckets.map((b) => b.bucket)).toEqual(BUCKETS);
    expect(v.buckets[2].rates).toEqual({
      n: 112,
      nResolved: 92,
      nBreak: 42,
      nReject: 50,
      nChop: 20,
      breakRate: 42 / 92,
      breakRateCi95: [0.1, 0.9],
      chopRate: 20 / 112,
    });
    expect(v.buckets[2].label).toBe('label T30_60');
    expect(v.buckets[1].model).toEqual({
      status: 'insufficient_data',
      n: 40,
      minimum: 60,
      what: 'resolved rows',
    });
    expect(v.buckets[0].threshold.status).toBe('insufficient_data');
    expect(v.buckets[3].threshold).toEqual(
      jasmine.objectContaining({ status: 'ok', threshold: 0.43, n: 93 }),
    );
    expect(v.test).toEqual(jasmine.objectContaining({ status: 'ok', pValue: 0.0027, dof: 4 }));
    expect(v.recommendation).toBe(
      'Global model: per-bucket models change the out-of-fold AUC by \u22120.060 (95 % \u22120.102 to \u22120.019).',
    );
  });

  it('lists every malformed field with its path', () => {
    const bad = timeStratification();
    bad.time_bucket_stats['T30_60']['n_resolved'] = 'many';
    delete bad.time_bucket_stats['T120_180'];
    bad.optimal_thresholds['T60_120']['optimal_threshold'] = 1.4;
    const result = readTimeStratification(bad);
    expect(result.ok).toBeFalse();
    if (result.ok) return;
    expect(result.errors).toContain(
      'time_stratification.json: time_bucket_stats.T30_60.n_resolved must be a whole number ≥ 0 (found "many")',
    );
    expect(result.errors).toContain(
      'time_stratification.json: time_bucket_stats.T120_180 must be an object (found undefined)',
    );
    expect(result.errors).toContain(
      'time_stratification.json: optimal_thresholds.T60_120.optimal_threshold must be a number from 0 to 1 (found 1.4)',
    );
  });

  it('refuses something that is not an object', () => {
    expect(readTimeStratification([1, 2])).toEqual({
      ok: false,
      errors: jasmine.arrayContaining([
        'time_stratification.json: the file must be an object (found an array)',
      ]),
    });
  });
});

function levelSpecificity(): { level_stats: Table; [key: string]: unknown } {
  const kinds = ['PM_HIGH', 'OR_LOW'];
  return {
    level_stats: Object.fromEntries(
      kinds.map((k, i) => [
        k,
        { ...rate(30 + i, 40, 10), by_direction: { UP: rate(10, 30, 5), DOWN: rate(0, 0, 0) } },
      ]),
    ),
    level_specific_models: {
      PM_HIGH: {
        status: 'ok',
        n_resolved: 70,
        auc_level_model: 0.55,
        auc_unified_model: 0.69,
        auc_gain: -0.13,
      },
      OR_LOW: { status: 'insufficient_data', n: 10, minimum: 15, what: 'rows of the rarer class' },
      comparison: { unified_model_auc: 0.706, per_kind_models_auc: 0.627, auc_gain: -0.079 },
    },
    statistical_test: {
      kind_x_outcome_resolved: chi,
      kind_direction_x_outcome_resolved: {
        status: 'insufficient_data',
        n: 20,
        minimum: 5,
        what: 'expected count',
      },
    },
    sequence_analysis: {
      first_touch: rate(67, 62, 30),
      later_touches: rate(265, 362, 100),
      test: { ...chi, dof: 1 },
    },
    recommendation: { decision: 'unified_model', use_level_base_rates: false },
  };
}

describe('readLevelSpecificity', () => {
  it('reads kinds in the product order, directions, tests and the recommendation', () => {
    const result = readLevelSpecificity(levelSpecificity());
    if (!result.ok) fail(result.errors.join('\n'));
    if (!result.ok) return;
    const v = result.value;
    expect(v.levels.map((l) => l.kind)).toEqual(['PM_HIGH', 'OR_LOW']);
    expect(v.levels[0].up.breakRate).toBe(0.25);
    expect(v.levels[0].down.breakRate).toBeNull();
    expect(v.levels[0].down.n).toBe(0);
    expect(v.levels[1].model.status).toBe('insufficient_data');
    expect(v.kindDirectionTest.status).toBe('insufficient_data');
    expect(v.firstTouch.nResolved).toBe(129);
    expect(v.recommendation).toBe(
      'Unified model: per-kind models change the out-of-fold AUC by \u22120.079.',
    );
  });

  it('names the missing and malformed fields', () => {
    const bad = levelSpecificity();
    delete bad.level_stats['PM_HIGH']['by_direction'];
    bad.level_stats['OR_LOW']['break_rate_ci95'] = [0.5, 0.2];
    const result = readLevelSpecificity(bad);
    expect(result.ok).toBeFalse();
    if (result.ok) return;
    expect(result.errors).toContain(
      'level_specificity.json: level_stats.PM_HIGH.by_direction must be an object (found undefined)',
    );
    expect(result.errors).toContain(
      'level_specificity.json: level_stats.OR_LOW.break_rate_ci95 must be an interval [low, high] or null (found an array)',
    );
  });
});

function pair(significant: boolean, highHighN: number) {
  return {
    description: 'A × B',
    feat1: 'a',
    feat2: 'b',
    n: 756,
    p_value: 0.001,
    q_value: significant ? 0.02 : 0.4,
    improvement: 0.016,
    significant,
    grid: {
      n: 756,
      base_rate: 0.44,
      low_low: { n: 423, breaks: 151, break_rate: 151 / 423 },
      low_high: { n: 144, breaks: 83, break_rate: 83 / 144 },
      high_low: { n: 144, breaks: 60, break_rate: 60 / 144 },
      high_high: { n: highHighN, breaks: highHighN, break_rate: highHighN > 0 ? 1 : null },
    },
    combo_edge: highHighN >= 10 ? 0.56 : null,
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

describe('readFeatureInteractions', () => {
  it('reads hypothesised and discovered pairs with grids, q-values and combo edges', () => {
    const result = readFeatureInteractions({
      hypothesized_interactions: { planted: pair(true, 45) },
      discovered_interactions: { thin: pair(false, 7) },
      summary: { pairs_tested: 2, correction: 'Benjamini–Hochberg' },
    });
    if (!result.ok) fail(result.errors.join('\n'));
    if (!result.ok) return;
    const [planted, thin] = result.value.pairs;
    expect(planted).toEqual(
      jasmine.objectContaining({
        key: 'planted',
        source: 'hypothesized',
        significant: true,
        qValue: 0.02,
        comboEdge: 0.56,
        comboEdgeMissing: null,
      }),
    );
    expect(planted.grid).toEqual(
      jasmine.objectContaining({
        status: 'ok',
        baseRate: 0.44,
        highHigh: { n: 45, breaks: 45, breakRate: 1 },
      }),
    );
    expect(thin.comboEdge).toBeNull();
    expect(thin.comboEdgeMissing).toEqual({
      status: 'insufficient_data',
      n: 7,
      minimum: 10,
      what: 'rows in the high/high cell',
    });
  });

  it('names a malformed grid cell', () => {
    const bad = pair(true, 45);
    bad.grid.high_low = { n: -1, breaks: 60, break_rate: 0.4 };
    const result = readFeatureInteractions({
      hypothesized_interactions: { planted: bad },
      summary: { pairs_tested: 1, correction: 'BH' },
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'feature_interactions.json: hypothesized_interactions.planted.grid.high_low.n must be a whole number ≥ 0 (found -1)',
      ],
    });
  });
});
