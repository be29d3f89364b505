/**
 * Level specificity (domain §7): do the level kinds differ in break rate, feature distributions,
 * predictability and driver importance, and does the first touch of a level in a day behave
 * differently? See docs/analyses.md.
 */
import {
  benjaminiHochberg,
  chiSquareIndependence,
  cohensD,
  isOk,
  mannWhitneyU,
  spearman,
} from '../../src/domain/stats';
import { LEVEL_KINDS, type LevelKind } from '../../src/domain/frame/level-frame';
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
import type { AnalysisRow, LoadedInput } from './input';
import { chiBlock } from './time-stratification';

/** Minimum rows of a kind for it to enter the per-kind comparisons. */
export const KIND_MIN_N = 20;

function firstTouchFlags(rows: readonly AnalysisRow[]): boolean[] {
  // rows are sorted by (date, time, kind): the first row of each (date, kind) is the first touch.
  const seen = new Set<string>();
  return rows.map((r) => {
    const k = `${r.date}/${r.levelKind}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The artifact for `args` (input read from `args.data`, or `input` when given). */
export function analyzeLevelSpecificity(
  args: AnalysisArgs,
  input?: LoadedInput,
): Record<string, unknown> {
  const p = prepare(args, 'level-specificity', input);
  const kinds: LevelKind[] = LEVEL_KINDS.filter((k) => p.unitRows.some((r) => r.levelKind === k));
  const bar = new Progress('level-specificity', args.quiet);
  const total = 4 + kinds.length;
  let step = 0;
  bar.update(step, total, 'rates');

  // 1. Rates per kind, with the time and direction breakdown.
  const level_stats: Record<string, unknown> = {};
  for (const k of kinds) {
    const rows = p.unitRows.filter((r) => r.levelKind === k);
    const block = rateBlock(rows);
    const byBucket: Record<string, unknown> = {};
    for (const b of BUCKETS) byBucket[b] = rateBlock(rows.filter((r) => r.bucket === b));
    level_stats[k] = {
      ...block,
      break_rate_overall: block['break_rate'],
      by_bucket: byBucket,
      by_direction: {
        UP: rateBlock(rows.filter((r) => r.direction === 'UP')),
        DOWN: rateBlock(rows.filter((r) => r.direction === 'DOWN')),
      },
    };
  }
  const table = kinds.map((k) => [
    p.resolved.filter((r) => r.levelKind === k && r.outcome === 'BREAK').length,
    p.resolved.filter((r) => r.levelKind === k && r.outcome === 'REJECT').length,
  ]);
  const bucketTable = kinds.map((k) =>
    BUCKETS.map((b) => p.unitRows.filter((r) => r.levelKind === k && r.bucket === b).length),
  );
  const kindDirs = kinds.flatMap((k) => (['UP', 'DOWN'] as const).map((d) => ({ k, d })));
  const kindDirTable = kindDirs.map(({ k, d }) => [
    p.resolved.filter((r) => r.levelKind === k && r.direction === d && r.outcome === 'BREAK')
      .length,
    p.resolved.filter((r) => r.levelKind === k && r.direction === d && r.outcome === 'REJECT')
      .length,
  ]);
  const statistical_test = {
    kind_x_outcome_resolved: chiBlock(chiSquareIndependence(table), kinds, ['BREAK', 'REJECT']),
    kind_direction_x_outcome_resolved: chiBlock(
      chiSquareIndependence(kindDirTable),
      kindDirs.map(({ k, d }) => `${k}/${d}`),
      ['BREAK', 'REJECT'],
    ),
    kind_x_time_bucket: chiBlock(chiSquareIndependence(bucketTable), kinds, [...BUCKETS]),
  };

  // 2. Driver-reading distributions between kinds: Mann–Whitney + Cohen's d, BH over all tests.
  step++;
  bar.update(step, total, 'distributions');
  const readings = driverReadings(p.resolved);
  const tests: {
    key: string;
    driver: string;
    a: string;
    b: string;
    body: Record<string, unknown>;
    p: number;
  }[] = [];
  for (let i = 0; i < kinds.length; i++)
    for (let j = i + 1; j < kinds.length; j++) {
      const ia = p.resolved
        .map((r, n) => (r.levelKind === kinds[i] ? n : -1))
        .filter((n) => n >= 0);
      const ib = p.resolved
        .map((r, n) => (r.levelKind === kinds[j] ? n : -1))
        .filter((n) => n >= 0);
      for (const d of readings) {
        const xa = ia.map((n) => d.values[n]);
        const xb = ib.map((n) => d.values[n]);
        const mw = mannWhitneyU(xa, xb);
        const cd = cohensD(xa, xb);
        tests.push({
          key: `${kinds[i]}_vs_${kinds[j]}`,
          driver: d.name,
          a: kinds[i],
          b: kinds[j],
          body: {
            n1: ia.length,
            n2: ib.length,
            mann_whitney_p: isOk(mw) ? mw.pValue : null,
            common_language_effect: isOk(mw) ? mw.commonLanguage : null,
            cohens_d: isOk(cd) ? cd.d : null,
            mean1: isOk(cd) ? cd.mean1 : null,
            mean2: isOk(cd) ? cd.mean2 : null,
            ...(isOk(mw) ? {} : { status: mw.status }),
          },
          p: isOk(mw) ? mw.pValue : Number.NaN,
        });
      }
    }
  const q = benjaminiHochberg(tests.map((t) => t.p));
  const feature_distributions: Record<string, Record<string, unknown>> = {};
  tests.forEach((t, n) => {
    (feature_distributions[t.key] ??= {})[t.driver] = {
      ...t.body,
      q_value: Number.isNaN(q[n]) ? null : q[n],
      differs: !Number.isNaN(q[n]) && q[n] <= 0.05,
    };
  });

  // 3. Unified model vs one model per kind (out of fold, folds grouped by date).
  step++;
  bar.update(step, total, 'unified model');
  const unified = oofModel(p.resolved, p.labels, p.dates, args.seed);
  const perKindProbs = new Float64Array(p.resolved.length).fill(Number.NaN);
  const level_specific_models: Record<string, unknown> = {};
  for (const k of kinds) {
    step++;
    bar.update(step, total, `model ${k}`);
    const idx = p.resolved.map((r, n) => (r.levelKind === k ? n : -1)).filter((n) => n >= 0);
    const m = oofModel(
      idx.map((n) => p.resolved[n]),
      Uint8Array.from(idx, (n) => p.labels[n]),
      idx.map((n) => p.dates[n]),
      args.seed,
    );
    if (m.status !== 'ok') {
      level_specific_models[k] = { ...m, n_resolved: idx.length };
      continue;
    }
    idx.forEach((n, c) => (perKindProbs[n] = m.probs[c]));
    const uAuc = unified.status === 'ok' ? aucOn(unified.probs, p.labels, idx) : null;
    level_specific_models[k] = {
      status: 'ok',
      n_resolved: idx.length,
      auc_level_model: m.auc,
      auc_unified_model: uAuc,
      auc_gain: uAuc === null ? null : m.auc - uAuc,
    };
  }
  let gain: number | null = null;
  if (unified.status === 'ok') {
    const combined = perKindProbs.map((v, n) => (Number.isFinite(v) ? v : unified.probs[n]));
    const a = aucOn(
      combined,
      p.labels,
      p.resolved.map((_, n) => n),
    );
    gain = a === null ? null : a - unified.auc;
    level_specific_models['comparison'] = {
      method:
        'gradient-boosted trees (tools/train, small settings); 5 folds grouped by session date; pooled out-of-fold AUC',
      unified_model_auc: unified.auc,
      per_kind_models_auc: a,
      auc_gain: gain,
    };
  } else level_specific_models['comparison'] = { unified_model: unified };

  // 4. Driver importance per kind (|AUC − 0.5| of each reading) and its rank agreement.
  step++;
  bar.update(step, total, 'importance');
  const strength: Record<string, Record<string, number | null>> = {};
  const importance: Record<string, unknown> = {};
  for (const k of kinds) {
    const idx = p.resolved.map((r, n) => (r.levelKind === k ? n : -1)).filter((n) => n >= 0);
    const per: Record<string, unknown> = {};
    strength[k] = {};
    for (const d of readings) {
      const a = readingAuc(
        Float64Array.from(idx, (n) => d.values[n]),
        Uint8Array.from(idx, (n) => p.labels[n]),
      );
      per[d.name] = { auc: a.auc, strength: a.auc === null ? null : Math.abs(a.auc - 0.5), n: a.n };
      strength[k][d.name] = a.auc === null ? null : Math.abs(a.auc - 0.5);
    }
    const ranked = Object.entries(strength[k])
      .filter((e): e is [string, number] => e[1] !== null)
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    importance[k] = { drivers: per, top_drivers: ranked.slice(0, 5).map((e) => e[0]) };
  }
  const rank_agreement: Record<string, unknown> = {};
  for (let i = 0; i < kinds.length; i++)
    for (let j = i + 1; j < kinds.length; j++) {
      const names = readings
        .map((d) => d.name)
        .filter((n) => strength[kinds[i]][n] !== null && strength[kinds[j]][n] !== null);
      const s = spearman(
        names.map((n) => strength[kinds[i]][n] ?? 0),
        names.map((n) => strength[kinds[j]][n] ?? 0),
      );
      rank_agreement[`${kinds[i]}_vs_${kinds[j]}`] = isOk(s)
        ? { spearman_rho: s.rho, p_value: s.pValue, n_drivers: s.n }
        : s;
    }
  const feature_importance_comparison = {
    method:
      'importance = |AUC − 0.5| of each driver reading (feature manifest) within the kind; Spearman ρ between kinds',
    by_kind: importance,
    rank_agreement,
  };

  // 5. First touch of the day vs later touches (per level and session).
  step++;
  bar.update(step, total, 'sequence');
  const first = firstTouchFlags(p.unitRows);
  const firstRows = p.unitRows.filter((_, n) => first[n]);
  const laterRows = p.unitRows.filter((_, n) => !first[n]);
  const count = (rows: readonly AnalysisRow[], o: string) =>
    rows.filter((r) => r.outcome === o).length;
  const seqTest = chiSquareIndependence([
    [count(firstRows, 'BREAK'), count(firstRows, 'REJECT')],
    [count(laterRows, 'BREAK'), count(laterRows, 'REJECT')],
  ]);
  const byKind: Record<string, unknown> = {};
  for (const k of kinds) {
    const f = firstRows.filter((r) => r.levelKind === k);
    const l = laterRows.filter((r) => r.levelKind === k);
    byKind[k] = { first_touch: rateBlock(f), later_touches: rateBlock(l) };
  }
  const sequence_analysis = {
    definition:
      'first touch = the first analysed row of a level kind in a session (its first episode)',
    first_touch: rateBlock(firstRows),
    later_touches: rateBlock(laterRows),
    test: chiBlock(seqTest, ['first_touch', 'later_touches'], ['BREAK', 'REJECT']),
    by_kind: byKind,
  };
  bar.update(total, total, 'done');

  const decision = recommendByGain(gain);
  const kindP = (statistical_test.kind_x_outcome_resolved as { p_value?: number }).p_value;
  const recommendation = {
    decision:
      decision === 'adjusted_thresholds'
        ? 'level_adjusted_thresholds'
        : decision === 'global_model'
          ? 'unified_model'
          : decision,
    auc_gain: gain,
    rule: 'out-of-fold AUC gain of per-kind models over the unified model: > 0.05 → separate models; 0.02–0.05 → level-adjusted thresholds; < 0.02 → unified model',
    use_level_base_rates: kindP !== undefined ? kindP < 0.05 : null,
    base_rate_rule:
      'level_stats[kind].break_rate_overall is the base rate the app shows per kind; the kind × outcome χ² says whether they differ',
    first_touch_differs: isOk(seqTest) ? seqTest.pValue < 0.05 : null,
    kinds_with_enough_data: kinds.filter(
      (k) => p.unitRows.filter((r) => r.levelKind === k).length >= KIND_MIN_N,
    ),
  };

  return {
    meta: meta(args, p, 'level_specificity'),
    level_stats,
    statistical_test,
    feature_distributions,
    level_specific_models,
    feature_importance_comparison,
    sequence_analysis,
    recommendation,
  };
}
