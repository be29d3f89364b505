/**
 * level_specificity.json (tools/analysis, docs/analyses.md) → the view model of the analytics
 * page: break rates by level kind and by kind × direction with n and Wilson intervals, the χ²
 * tests, per-kind model AUCs, first touch of the day and the recommendation.
 */
import { LEVEL_KINDS, type LevelKind } from '../frame/level-frame';
import {
  isInsufficientBlock,
  readChiSquare,
  readInsufficient,
  readRateBlock,
  type ChiSquare,
  type Insufficient,
  type RateBlock,
} from './common-blocks';
import { FieldReader, isRecord, join, type ArtifactResult } from './field-reader';
import { recommendationText } from './time-stratification-view';

export interface LevelModel {
  readonly status: 'ok';
  readonly nResolved: number;
  readonly aucLevelModel: number | null;
  readonly aucUnifiedModel: number | null;
  readonly aucGain: number | null;
}

export interface LevelRow {
  readonly kind: LevelKind;
  readonly rates: RateBlock;
  readonly up: RateBlock;
  readonly down: RateBlock;
  readonly model: LevelModel | Insufficient;
}

export interface LevelSpecificityView {
  readonly levels: readonly LevelRow[];
  readonly kindTest: ChiSquare | Insufficient;
  readonly kindDirectionTest: ChiSquare | Insufficient;
  readonly firstTouch: RateBlock;
  readonly laterTouches: RateBlock;
  readonly firstTouchTest: ChiSquare | Insufficient;
  readonly unifiedAuc: number | null;
  readonly perKindAuc: number | null;
  readonly aucGain: number | null;
  readonly decision: string;
  readonly useLevelBaseRates: boolean;
  readonly recommendation: string;
}

export function readLevelSpecificity(input: unknown): ArtifactResult<LevelSpecificityView> {
  const r = new FieldReader('level_specificity.json');
  const root = r.record(input, '');
  const stats = r.child(root, 'level_stats', '');
  const models = r.child(root, 'level_specific_models', '');
  const kinds = LEVEL_KINDS.filter((k) => stats !== null && k in stats);
  if (stats !== null && kinds.length === 0) r.fail('level_stats', 'keyed by level kinds', stats);
  const levels = kinds.map((kind): LevelRow => {
    const path = join('level_stats', kind);
    const block = r.child(stats, kind, 'level_stats');
    const byDirection = r.child(block, 'by_direction', path);
    const dirPath = join(path, 'by_direction');
    return {
      kind,
      rates: readRateBlock(r, block, path),
      up: readRateBlock(r, byDirection?.['UP'], join(dirPath, 'UP')),
      down: readRateBlock(r, byDirection?.['DOWN'], join(dirPath, 'DOWN')),
      model: readLevelModel(r, models?.[kind], join('level_specific_models', kind)),
    };
  });
  const tests = r.child(root, 'statistical_test', '');
  const sequence = r.child(root, 'sequence_analysis', '');
  const comparison = r.child(models, 'comparison', 'level_specific_models');
  const rec = r.child(root, 'recommendation', '');
  const decision = r.string(rec, 'decision', 'recommendation');
  const aucGain = r.nullableNumber(comparison, 'auc_gain', 'level_specific_models.comparison');
  const view: LevelSpecificityView = {
    levels,
    kindTest: readChiSquare(r, tests, 'kind_x_outcome_resolved', 'statistical_test'),
    kindDirectionTest: readChiSquare(
      r,
      tests,
      'kind_direction_x_outcome_resolved',
      'statistical_test',
    ),
    firstTouch: readRateBlock(r, sequence?.['first_touch'], 'sequence_analysis.first_touch'),
    laterTouches: readRateBlock(r, sequence?.['later_touches'], 'sequence_analysis.later_touches'),
    firstTouchTest: readChiSquare(r, sequence, 'test', 'sequence_analysis'),
    unifiedAuc: r.nullableUnit(comparison, 'unified_model_auc', 'level_specific_models.comparison'),
    perKindAuc: r.nullableUnit(
      comparison,
      'per_kind_models_auc',
      'level_specific_models.comparison',
    ),
    aucGain,
    decision,
    useLevelBaseRates: r.boolean(rec, 'use_level_base_rates', 'recommendation'),
    recommendation: levelRecommendation(decision, aucGain),
  };
  return r.result(view);
}

function levelRecommendation(decision: string, gain: number | null): string {
  const names: Readonly<Record<string, string>> = {
    unified_model: 'global_model',
    level_adjusted_thresholds: 'adjusted_thresholds',
  };
  const text = recommendationText(names[decision] ?? decision, gain, null, 'per-kind');
  return decision === 'unified_model' ? text.replace(/^Global model/, 'Unified model') : text;
}

function readLevelModel(r: FieldReader, value: unknown, path: string): LevelModel | Insufficient {
  if (value === undefined) {
    return { status: 'insufficient_data', n: null, minimum: null, what: 'no per-kind model' };
  }
  const b = r.record(value, path);
  if (isInsufficientBlock(b) || !isRecord(value)) return readInsufficient(r, b);
  return {
    status: 'ok',
    nResolved: r.count(b, 'n_resolved', path),
    aucLevelModel: r.nullableUnit(b, 'auc_level_model', path),
    aucUnifiedModel: r.nullableUnit(b, 'auc_unified_model', path),
    aucGain: r.nullableNumber(b, 'auc_gain', path),
  };
}
