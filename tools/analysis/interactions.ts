/**
 * Feature interactions (domain §7): does a product term of two features add out-of-sample edge,
 * and what is the break-rate lift when both are high? Hypothesised pairs always; with
 * --discover-all also every pair of the manifest's 15 driver readings. See docs/analyses.md.
 */
import {
  benjaminiHochberg,
  bonferroni,
  compareInteraction,
  deriveSeed,
  highLowGrid,
  interactionPermutationTest,
  isOk,
  quantiles,
  type GridCell,
} from '../../src/domain/stats';
import { dirSign } from '../../src/domain/frame/level-frame';
import { Progress, driverReadings, meta, prepare, type AnalysisArgs } from './common';
import { FEATURE_NAMES, type AnalysisRow, type LoadedInput } from './input';

/**
 * How a feature enters a pair, so that "high" means "toward a break" for the dashboard:
 * raw = the value; negated = −value; toward_break = value × dir_sign (+1 UP, −1 DOWN);
 * closeness = −|value| (for a signed distance to the level).
 */
export type Transform = 'raw' | 'negated' | 'toward_break' | 'closeness';

export interface PairSpec {
  readonly key: string;
  readonly description: string;
  readonly feat1: string;
  readonly transform1: Transform;
  readonly feat2: string;
  readonly transform2: Transform;
}

/** Hypothesised combos (the research list plus the simulator's second planted pair and a control). */
export const HYPOTHESIZED_PAIRS: readonly PairSpec[] = [
  {
    key: 'sigma_s_x_proximity',
    description: 'Clean Setup × Close Approach',
    feat1: 'momentum_trend_20min',
    transform1: 'toward_break',
    feat2: 'micro_distance_signed_atr_t0',
    transform2: 'closeness',
  },
  {
    key: 'sigma_d_x_gamma_exposure',
    description: 'Dealer positioning alignment (dealer short gamma × gamma walls)',
    feat1: 'gamma_exposure',
    transform1: 'negated',
    feat2: 'gex_asymmetry',
    transform2: 'raw',
  },
  {
    key: 'ofi_acceleration_x_barrier_delta',
    description: 'Flow meets weak barrier (flow acceleration × barrier weakness)',
    feat1: 'ofi_acceleration',
    transform1: 'toward_break',
    feat2: 'micro_barrier_delta_liq_log_t0',
    transform2: 'negated',
  },
  {
    key: 'gamma_exposure_x_order_flow',
    description: 'Dealer short gamma × order flow (flow into a short-gamma level)',
    feat1: 'gamma_exposure',
    transform1: 'negated',
    feat2: 'flow_alignment',
    transform2: 'raw',
  },
  {
    key: 'level_stacking_x_gamma_walls',
    description: 'Level confluence × gamma wall asymmetry',
    feat1: 'level_stacking_5pt',
    transform1: 'raw',
    feat2: 'gex_asymmetry',
    transform2: 'raw',
  },
];

export const COMBO_QUANTILE = 0.75;
export const ALPHA = 0.05;

export function transformed(
  rows: readonly AnalysisRow[],
  feature: string,
  t: Transform,
): Float64Array {
  const j = FEATURE_NAMES.indexOf(feature);
  if (j < 0) throw new Error(`unknown feature ${feature}`);
  return Float64Array.from(rows, (r) => {
    const x = r.vector[j];
    switch (t) {
      case 'raw':
        return x;
      case 'negated':
        return -x;
      case 'toward_break':
        return x * dirSign(r.direction);
      case 'closeness':
        return -Math.abs(x);
    }
  });
}

function cellBlock(c: GridCell): Record<string, unknown> {
  return { n: c.n, breaks: c.breaks, break_rate: c.breakRate };
}

interface PairResult {
  readonly key: string;
  readonly body: Record<string, unknown>;
  readonly p: number;
}

function testPair(
  key: string,
  head: Record<string, unknown>,
  x1: Float64Array,
  x2: Float64Array,
  labels: Uint8Array,
  dates: readonly string[],
  args: AnalysisArgs,
): PairResult {
  const cmp = compareInteraction(x1, x2, labels, dates, { folds: 5 });
  const perm = interactionPermutationTest(x1, x2, labels, {
    permutations: args.permutations,
    seed: deriveSeed(args.seed, key),
    strata: dates,
  });
  const grid = highLowGrid(x1, x2, labels, { quantile: COMBO_QUANTILE });
  const cuts = [quantiles(x1, [COMBO_QUANTILE]), quantiles(x2, [COMBO_QUANTILE])];
  const body: Record<string, unknown> = {
    ...head,
    n: isOk(cmp) ? cmp.n : null,
    status: isOk(cmp) && isOk(perm) ? 'ok' : !isOk(cmp) ? cmp.status : perm.status,
  };
  if (isOk(cmp)) {
    Object.assign(body, {
      auc_main_effects: cmp.aucMain,
      auc_with_interaction: cmp.aucInteraction,
      improvement: cmp.improvement,
      interaction_coefficient: cmp.interactionCoefficient,
      interaction_standard_error: cmp.interactionStandardError,
      lr_test_p_value: cmp.likelihoodRatio.pValue,
      rows_dropped: cmp.dropped,
    });
  } else Object.assign(body, { comparison: cmp });
  if (isOk(perm))
    Object.assign(body, {
      p_value: perm.pValue,
      permutations: perm.permutations,
      permutation_seed: perm.seed,
    });
  else Object.assign(body, { p_value: null, permutation: perm });
  body['quantile_cut'] = {
    quantile: COMBO_QUANTILE,
    feat1: isOk(cuts[0]) ? cuts[0].values[0] : null,
    feat2: isOk(cuts[1]) ? cuts[1].values[0] : null,
    rule: 'high = strictly above the cut (the app activates a combo when both are above their 75th percentile)',
  };
  if (isOk(grid)) {
    body['grid'] = {
      n: grid.n,
      base_rate: grid.baseRate,
      low_low: cellBlock(grid.lowLow),
      low_high: cellBlock(grid.lowHigh),
      high_low: cellBlock(grid.highLow),
      high_high: cellBlock(grid.highHigh),
    };
    body['combo_edge'] = isOk(grid.edge) ? grid.edge.value : null;
    if (!isOk(grid.edge)) body['combo_edge_status'] = grid.edge;
  } else {
    body['grid'] = grid;
    body['combo_edge'] = null;
  }
  return { key, body, p: isOk(perm) ? perm.pValue : Number.NaN };
}

function snake(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The artifact for `args` (input read from `args.data`, or `input` when given). */
export function discoverInteractions(
  args: AnalysisArgs,
  input?: LoadedInput,
): Record<string, unknown> {
  const p = prepare(args, 'interactions', input);
  const readings = args.discoverAll ? driverReadings(p.resolved) : [];
  const discoveredPairs: [number, number][] = [];
  for (let i = 0; i < readings.length; i++)
    for (let j = i + 1; j < readings.length; j++) discoveredPairs.push([i, j]);
  const total = HYPOTHESIZED_PAIRS.length + discoveredPairs.length;
  const bar = new Progress('interactions', args.quiet);
  let done = 0;
  bar.update(done, total);

  const hyp: PairResult[] = HYPOTHESIZED_PAIRS.map((s) => {
    const r = testPair(
      s.key,
      {
        description: s.description,
        feat1: s.feat1,
        feat2: s.feat2,
        feat1_transform: s.transform1,
        feat2_transform: s.transform2,
      },
      transformed(p.resolved, s.feat1, s.transform1),
      transformed(p.resolved, s.feat2, s.transform2),
      p.labels,
      p.dates,
      args,
    );
    bar.update(++done, total, s.key);
    return r;
  });
  const disc: PairResult[] = discoveredPairs.map(([i, j]) => {
    const a = readings[i];
    const b = readings[j];
    const key = `${snake(a.name)}_x_${snake(b.name)}`;
    const r = testPair(
      key,
      {
        description: `${a.name} × ${b.name}`,
        feat1: a.name,
        feat2: b.name,
        feat1_transform: 'driver_reading',
        feat2_transform: 'driver_reading',
      },
      a.values,
      b.values,
      p.labels,
      p.dates,
      args,
    );
    bar.update(++done, total, key);
    return r;
  });

  // Benjamini–Hochberg over every pair tested in this run (hypothesised and discovered together).
  const all = [...hyp, ...disc];
  const q = benjaminiHochberg(all.map((r) => r.p));
  const bonf = bonferroni(all.map((r) => r.p));
  all.forEach((r, k) => {
    r.body['q_value'] = Number.isNaN(q[k]) ? null : q[k];
    r.body['bonferroni_p'] = Number.isNaN(bonf[k]) ? null : bonf[k];
    r.body['significant'] = !Number.isNaN(q[k]) && q[k] <= ALPHA;
  });

  const hypothesized_interactions: Record<string, unknown> = {};
  for (const r of hyp) hypothesized_interactions[r.key] = r.body;
  const discovered_interactions: Record<string, unknown> = {};
  for (const r of disc) discovered_interactions[r.key] = r.body;

  const significant = all.filter((r) => r.body['significant'] === true);
  const interaction_patterns: Record<string, unknown> = {};
  for (const r of significant) {
    const g = r.body['grid'] as {
      high_high?: { break_rate: number | null };
      low_low?: { break_rate: number | null };
      base_rate?: number;
    };
    const coef = r.body['interaction_coefficient'];
    interaction_patterns[r.key] = {
      description: r.body['description'],
      pattern:
        typeof coef === 'number' && coef > 0
          ? 'synergy: the two together push toward BREAK more than either alone'
          : 'antagonism: the combination pushes toward BREAK less than the sum of its parts',
      base_rate: g.base_rate ?? null,
      high_high_break_rate: g.high_high?.break_rate ?? null,
      low_low_break_rate: g.low_low?.break_rate ?? null,
      combo_edge: r.body['combo_edge'],
    };
  }
  bar.update(total, total, 'done');
  return {
    meta: {
      ...meta(args, p, 'feature_interactions'),
      method:
        'logistic regression on the two standardised features with and without their product; AUC from 5 folds grouped by session date; p-value from a seeded permutation test of the product term (LR statistic, product shuffled within session dates); Benjamini–Hochberg across all pairs of the run',
      permutations: args.permutations,
      alpha: ALPHA,
      discover_all: args.discoverAll,
      combo_quantile: COMBO_QUANTILE,
    },
    hypothesized_interactions,
    discovered_interactions,
    interaction_patterns,
    summary: {
      pairs_tested: all.length,
      significant_pairs: significant.map((r) => r.key).sort(),
      n_significant: significant.length,
      correction: 'Benjamini–Hochberg, q ≤ 0.05 (Bonferroni shown for comparison)',
      strongest_by_improvement: [...all]
        .filter((r) => typeof r.body['improvement'] === 'number')
        .sort(
          (a, b) =>
            (b.body['improvement'] as number) - (a.body['improvement'] as number) ||
            (a.key < b.key ? -1 : 1),
        )
        .slice(0, 5)
        .map((r) => ({
          key: r.key,
          improvement: r.body['improvement'],
          q_value: r.body['q_value'],
        })),
    },
  };
}
