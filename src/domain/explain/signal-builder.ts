/**
 * Turns a prepared level and its attribution into a `level_signal` (docs/explanations.md § What
 * each field is): p_break and base rate, folded drivers with strengths and descriptions, sections,
 * confidence, decision, combos and context; or the `base_rate` signal when there is no model.
 */
import type { AttributionResult } from '../attribution/finish-attribution';
import { groupsByName } from '../attribution/section-groups';
import { decide } from '../settings/analyst-settings';
import type { LevelSignal, SectionContribution, SignalDriver } from '../signal/level-signal';
import { timeBucketLabel } from '../time/time-bucket';
import { ReadingExpr, evaluateReading } from '../vector/driver-reading';
import { evaluateCombos } from './combos';
import {
  DEFAULT_RANGE_RULE,
  assessConfidence,
  outOfRangeFeatures,
  unresolvedDrivers,
} from './confidence';
import { describeDriver } from './driver-descriptions';
import {
  DEFAULT_DECISION_RULES,
  type DecisionRules,
  type ExplanationEngineConfig,
  type WarnOnce,
} from './engine-config';
import { foldDrivers } from './fold-drivers';
import type { StratumStats } from './historical-stats';
import { percentileOf } from './percentile';
import type { PreparedLevel } from './prepared-tick';
import type { SessionContextTracker } from './session-context';

export class SignalBuilder {
  /** The drivers (players), in the manifest's order of first use. */
  readonly driverNames: readonly string[];
  /** Feature indices of each driver, in `driverNames` order. */
  readonly driverGroups: readonly (readonly number[])[];
  rules: DecisionRules;
  private readonly readings: readonly (ReadingExpr | null)[];
  private readonly sectionIds: readonly string[];
  private readonly sectionNames: readonly string[];

  constructor(
    private readonly config: ExplanationEngineConfig,
    private readonly context: SessionContextTracker,
    private readonly warnings: WarnOnce,
  ) {
    const { names, groups } = groupsByName(config.manifest.features.map((f) => f.driver));
    this.driverNames = names;
    this.driverGroups = groups;
    this.readings = names.map(
      (n) => config.manifest.drivers.find((d) => d.name === n)?.reading ?? null,
    );
    this.sectionIds = config.manifest.sections.map((s) => s.id);
    this.sectionNames = config.manifest.sections.map((s) => s.name);
    this.rules = config.rules ?? DEFAULT_DECISION_RULES;
  }

  modelSignal(
    level: PreparedLevel,
    drivers: AttributionResult,
    sections: AttributionResult,
  ): LevelSignal {
    const { frame, x, stratum } = level;
    const pBreak = drivers.fx;
    const baseRate = drivers.baseRate;
    const all: SignalDriver[] = this.driverNames.map((name, i) => {
      const expr = this.readings[i];
      const reading = expr === null ? Number.NaN : evaluateReading(expr, x, frame.direction);
      const percentile = this.percentileOf(name, reading, stratum);
      return {
        name,
        strength: percentile ?? 50,
        edge: drivers.values[i],
        edge_se: drivers.standardErrors[i],
        description: describeDriver(name, { reading, percentile, frame }),
      };
    });
    const folded = foldDrivers(all, this.config.fold);
    const sectionContributions: SectionContribution[] = this.sectionIds.map((id, k) => ({
      section: id,
      name: this.sectionNames[k],
      edge: sections.values[k],
      ...(sections.method === 'exact' ? {} : { edge_se: sections.standardErrors[k] }),
    }));
    const outOfRange =
      stratum === null
        ? []
        : outOfRangeFeatures(x, stratum, this.config.rangeRule ?? DEFAULT_RANGE_RULE);
    const confidence = assessConfidence({
      pBreak,
      bands: stratum?.accuracyBands ?? [],
      cutoffs: this.rules.cutoffs,
      outOfRange: outOfRange.length,
      unresolvedDrivers: unresolvedDrivers([...folded.break, ...folded.reject]).length,
    });
    const threshold = this.rules.threshold(level.bucket);
    return {
      ...this.common(level),
      prediction: {
        p_break: pBreak,
        p_reject: 1 - pBreak,
        base_rate: baseRate,
        edge: pBreak - baseRate,
        confidence: confidence.tier,
        method: 'model',
        ...(confidence.downgrades.length > 0 ? { confidence_reasons: confidence.downgrades } : {}),
      },
      drivers: { break: folded.break, reject: folded.reject },
      section_contributions: sectionContributions,
      threshold,
      decision: decide(clamp01(pBreak), threshold),
    };
  }

  baseRateSignal(level: PreparedLevel, reason: string): LevelSignal {
    const rate = this.empiricalRate(level);
    const threshold = this.rules.threshold(level.bucket);
    return {
      ...this.common(level),
      prediction: {
        p_break: rate,
        p_reject: 1 - rate,
        base_rate: rate,
        edge: 0,
        confidence: 'LOW',
        method: 'base_rate',
        method_reason: reason,
      },
      drivers: { break: [], reject: [] },
      threshold,
      decision: decide(rate, threshold),
    };
  }

  /** The parts every signal has: level, combos, context, empirical rate. */
  private common(level: PreparedLevel): Omit<LevelSignal, 'prediction' | 'drivers'> {
    const { frame, stratum, x } = level;
    const empirical = stratum?.baseRate?.breakRate;
    return {
      type: 'level_signal',
      timestamp: frame.ts,
      level: {
        kind: frame.level_kind,
        price: frame.level_price,
        direction: frame.direction,
        distance_atr: Math.abs(frame.distance_signed_atr),
      },
      combos: evaluateCombos(this.config.combos ?? [], x, frame.direction, stratum),
      context: {
        time_bucket: level.bucket,
        time_bucket_label: timeBucketLabel(level.bucket),
        level_sequence: this.context.levelSequence(frame),
        session_history: this.context.sessionHistory(frame),
      },
      ...(empirical !== undefined && Number.isFinite(empirical)
        ? { empirical_break_rate: empirical }
        : {}),
    };
  }

  private empiricalRate(level: PreparedLevel): number {
    const own = level.stratum?.baseRate?.breakRate;
    if (own !== undefined && Number.isFinite(own)) return own;
    const pooled = this.config.stats.pooled?.baseRate?.breakRate;
    this.warnings.warn(
      `rate|${level.frame.level_kind}|${level.bucket}`,
      `no empirical break rate for ${level.frame.level_kind} × ${level.bucket}: using the pooled rate`,
    );
    if (pooled !== undefined && Number.isFinite(pooled)) return pooled;
    this.warnings.warn('rate|none', 'no empirical break rate at all: using 0.5');
    return 0.5;
  }

  private percentileOf(name: string, reading: number, stratum: StratumStats | null): number | null {
    const q = stratum?.driverQuantiles.get(name);
    if (
      stratum === null ||
      q === undefined ||
      q.length === 0 ||
      q.length !== stratum.quantileLevels.length ||
      !Number.isFinite(reading)
    ) {
      this.warnings.warn(
        `strength|${name}|${stratum?.levelKind ?? '-'}|${stratum?.bucket ?? '-'}`,
        `no history for the reading of "${name}" in ${stratum?.levelKind ?? '?'} × ${stratum?.bucket ?? '?'}: strength 50`,
      );
      return null;
    }
    return percentileOf(reading, stratum.quantileLevels, q);
  }
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** The seed's key order first (type, timestamp, level, prediction, drivers, combos, context), then the additions. */
export function inContractOrder(s: LevelSignal): LevelSignal {
  const { type, timestamp, level, prediction, drivers, combos, context, ...additions } = s;
  return { type, timestamp, level, prediction, drivers, combos, context, ...additions };
}
