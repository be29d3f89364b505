/**
 * What the explanation engine is configured with (docs/explanations.md § Using the engine): the
 * decision rules, the attribution settings (docs/attribution.md § Choosing settings), the log.
 */
import type { AttributionOptions } from '../attribution/attribution-plan';
import {
  activeThreshold,
  DEFAULT_CONFIDENCE_CUTOFFS,
  DEFAULT_THRESHOLD,
  type AnalystSettings,
  type ConfidenceCutoffs,
} from '../settings/analyst-settings';
import type { TimeBucket } from '../time/time-bucket';
import type { ComboDefinition } from './combos';
import type { RangeRule } from './confidence';
import type { FoldOptions } from './fold-drivers';
import type { HistoricalStats } from './historical-stats';
import type { FeatureManifestContent } from '../vector/feature-manifest';

export type LogLevel = 'info' | 'warn';
export type EngineLog = (level: LogLevel, message: string) => void;

/** Threshold and confidence cut-offs; from the analyst settings or given plainly. */
export interface DecisionRules {
  readonly threshold: (bucket: TimeBucket) => number;
  readonly cutoffs: ConfidenceCutoffs;
}

export function decisionRulesFromSettings(settings: AnalystSettings): DecisionRules {
  return { threshold: (b) => activeThreshold(settings, b), cutoffs: settings.confidence };
}

export const DEFAULT_DECISION_RULES: DecisionRules = {
  threshold: () => DEFAULT_THRESHOLD,
  cutoffs: DEFAULT_CONFIDENCE_CUTOFFS,
};

export type DriverAttributionOptions = Omit<AttributionOptions, 'seed'>;

/**
 * docs/attribution.md § Choosing settings: the background split into 16 blocks (one row each for
 * the usual 16-row backgrounds), two antithetic pairs per block (64 permutations): every
 * background row is used equally, the standard error is the stratified one (within-block spread,
 * 16 degrees of freedom) and the result adds up to f(x) − base rate exactly. Up to 3 active players
 * the exact enumeration is cheaper (≤ 6 coalitions per background row) and is used instead.
 */
export const DEFAULT_DRIVER_ATTRIBUTION: DriverAttributionOptions = {
  mode: 'auto',
  maxExactPlayers: 3,
  backgroundBlocks: 16,
  pairsPerBlock: 2,
};
/** The six sections: sampled the same way (≈ 320 rows instead of 992 for the exact split). */
export const DEFAULT_SECTION_ATTRIBUTION: DriverAttributionOptions = DEFAULT_DRIVER_ATTRIBUTION;

export interface ExplanationEngineConfig {
  /** The feature manifest: drivers (players), their readings, sections. */
  readonly manifest: FeatureManifestContent;
  readonly stats: HistoricalStats;
  /** Combos that survived the multiple-testing correction (feature_interactions.json); none when the file is absent. */
  readonly combos?: readonly ComboDefinition[];
  readonly rules?: DecisionRules;
  readonly driverAttribution?: DriverAttributionOptions;
  readonly sectionAttribution?: DriverAttributionOptions;
  readonly fold?: FoldOptions;
  readonly rangeRule?: RangeRule;
  /**
   * Background of the attribution and the base rate: the frame's stratum (default, the product's
   * definition) or the pooled one for every frame (an analysis variant: drivers are then measured
   * against all level kinds and buckets, so Session Timing and the level kind show up as drivers).
   */
  readonly backgroundSource?: 'stratum' | 'pooled';
  readonly log?: EngineLog;
  /**
   * Keep the model outputs of each background sample after the first batch that ran them and
   * leave those rows out of later batches (default true). Call `forgetModelOutputs()` when the model
   * changes.
   */
  readonly cacheBackgroundOutputs?: boolean;
  /** Clock for attribution_ms (e.g. performance.now); without it timings are 0. */
  readonly now?: () => number;
}

/** FNV-1a of a string, as a non-negative 31-bit seed. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & 0x7fffffff;
}

/** Logs each distinct warning (by key) once. */
export class WarnOnce {
  private readonly warned = new Set<string>();

  constructor(private readonly log: EngineLog) {}

  warn(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log('warn', message);
  }
}
