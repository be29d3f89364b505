/**
 * The explanation engine (docs/explanations.md): frames of one 30-s tick in, one `level_signal`
 * per in-zone level out, with a single model call per tick.
 *
 *   const prepared = engine.prepare(frames);                 // validate, vectors, attribution plans
 *   const outputs = await model(prepared.rows, prepared.nRows); // one batch for every level
 *   const { signals } = engine.complete(prepared, { outputs, modelMs });
 *
 * Without a model (`prepare(frames, { model: false })`, `complete(prepared, { reason })`) every
 * in-zone level gets a `base_rate` signal: p_break = the stratum's empirical break rate, no drivers,
 * confidence LOW. Pure: no I/O, no clock unless one is passed, no randomness beyond seeded plans.
 */
import { AttributionBatch } from '../attribution/attribution-batch';
import {
  AttributionOptions,
  AttributionPlan,
  planAttribution,
} from '../attribution/attribution-plan';
import type { AttributionResult } from '../attribution/finish-attribution';
import { RowArena } from '../attribution/perturbed-row-builder';
import { groupsByName, sectionGroups } from '../attribution/section-groups';
import type { LevelFrame } from '../frame/level-frame';
import { validateLevelFrame } from '../frame/validate-level-frame';
import {
  activeThreshold,
  decide,
  DEFAULT_CONFIDENCE_CUTOFFS,
  DEFAULT_THRESHOLD,
  type AnalystSettings,
  type ConfidenceCutoffs,
} from '../settings/analyst-settings';
import type { LevelSignal, SectionContribution, SignalDriver } from '../signal/level-signal';
import { inZone } from '../time/approach-zone';
import { TimeBucket, timeBucket, timeBucketLabel } from '../time/time-bucket';
import { ReadingExpr, evaluateReading } from '../vector/driver-reading';
import { EpisodeVectorBuilder } from '../vector/episode-vector-builder';
import type { FeatureManifestContent } from '../vector/feature-manifest';
import { VECTOR_DIMENSION } from '../vector/feature-table';
import { ComboDefinition, evaluateCombos } from './combos';
import {
  DEFAULT_RANGE_RULE,
  RangeRule,
  assessConfidence,
  outOfRangeFeatures,
  unresolvedDrivers,
} from './confidence';
import { describeDriver } from './driver-descriptions';
import { FoldOptions, foldDrivers } from './fold-drivers';
import { HistoricalStats, StratumStats, findStratum } from './historical-stats';
import { percentileOf } from './percentile';
import { SessionContextTracker } from './session-context';

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
  /** Significant combos (feature_interactions.json); none when the file is absent. */
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

export interface RejectedFrames {
  readonly count: number;
  /** "field: reason" → frames rejected for it (a frame with several errors counts under each). */
  readonly reasons: Readonly<Record<string, number>>;
}

/** What `observe` took in. */
export interface ObservedFrames {
  readonly framesSeen: number;
  /** Valid frames taken into the history (in-zone or not). */
  readonly accepted: number;
  /** Accepted frames in the approach zone (those `prepare` would have explained). */
  readonly inZone: number;
  readonly rejected: RejectedFrames;
}

interface PreparedLevel {
  readonly frame: LevelFrame;
  readonly x: Float32Array<ArrayBuffer>;
  readonly bucket: TimeBucket;
  /** The frame's own stratum (quantiles, base rate, accuracy). */
  readonly stratum: StratumStats | null;
  /** The stratum whose background the attribution uses (own or pooled), null when none. */
  readonly backgroundStratum: StratumStats | null;
  /** Index of the driver plan in the batch (the section plan follows it); −1 when not attributed. */
  readonly planIndex: number;
}

export interface PreparedTick {
  /** Model rows of every level (row-major, nRows × 144): run them in one call. */
  readonly rows: Float32Array;
  readonly nRows: number;
  /** In-zone levels of the tick, in frame order. */
  readonly levels: readonly PreparedLevel[];
  readonly rejected: RejectedFrames;
  readonly framesSeen: number;
  /** Why levels will get `base_rate` signals when the batch was planned without the model. */
  readonly withoutModel: boolean;
  readonly batch: AttributionBatch | null;
  readonly prepareMs: number;
  /** The engine's model generation when planned (outputs of an older model are not kept). */
  readonly modelGeneration: number;
}

export type CompleteInput =
  | { readonly outputs: Float32Array | Float64Array; readonly modelMs?: number }
  | { readonly outputs?: undefined; readonly reason: string };

export interface ExplainResult {
  readonly signals: LevelSignal[];
  /**
   * Per signal (same order): every driver's unfolded edge and standard error in the manifest's
   * driver order (`driverNames`), or null for a base_rate signal. For analysis tools.
   */
  readonly attributions: readonly ({
    readonly values: readonly number[];
    readonly standardErrors: readonly number[];
  } | null)[];
  readonly rejected: RejectedFrames;
  readonly timings: { readonly model_ms: number; readonly attribution_ms: number };
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

export class ExplanationEngine {
  private readonly builder = new EpisodeVectorBuilder();
  private readonly context = new SessionContextTracker();
  private readonly scratch = new Float32Array(VECTOR_DIMENSION);
  private readonly driverNames: readonly string[];
  private readonly driverGroups: readonly (readonly number[])[];
  private readonly readings: readonly (ReadingExpr | null)[];
  private readonly sectionIds: readonly string[];
  private readonly sectionNames: readonly string[];
  private readonly sectionGroupList: readonly (readonly number[])[];
  private rules: DecisionRules;
  private readonly log: EngineLog;
  private readonly warned = new Set<string>();
  private lastSeq = -1;
  /** Model outputs of background samples (the stratum's background rows), for the current model. */
  private readonly backgroundOutputs = new Map<Float32Array, Float64Array>();
  private modelGeneration = 0;
  /** Scratch for the plans' rows (copied into the batch before `prepare` returns). */
  private readonly arena = new RowArena();

  constructor(private readonly config: ExplanationEngineConfig) {
    const { names, groups } = groupsByName(config.manifest.features.map((f) => f.driver));
    this.driverNames = names;
    this.driverGroups = groups;
    this.readings = names.map(
      (n) => config.manifest.drivers.find((d) => d.name === n)?.reading ?? null,
    );
    this.sectionIds = config.manifest.sections.map((s) => s.id);
    this.sectionNames = config.manifest.sections.map((s) => s.name);
    this.sectionGroupList = sectionGroups(config.manifest.sections);
    this.rules = config.rules ?? DEFAULT_DECISION_RULES;
    this.log = config.log ?? (() => undefined);
  }

  /** The drivers (players) in the order of `ExplainResult.attributions`. */
  get driverOrder(): readonly string[] {
    return this.driverNames;
  }

  /** Replaces the threshold and confidence cut-offs (settings changed). */
  setRules(rules: DecisionRules): void {
    this.rules = rules;
  }

  /** Forgets the kept background outputs: call it when the model changes. */
  forgetModelOutputs(): void {
    this.backgroundOutputs.clear();
    this.modelGeneration++;
  }

  /** Forgets every level's history and today's touches (a new feed). */
  reset(): void {
    this.builder.reset();
    this.context.reset();
    this.lastSeq = -1;
  }

  /**
   * Takes in frames without any model or attribution work: validates them (rejections counted as
   * in `prepare`) and feeds every valid frame, in `seq` order, to the per-level vector history
   * (the lagged and per-attempt features), the touches and the session history, exactly as
   * `prepare` would. For history the caller will not show (a dashboard catching up after a seek):
   * a later `prepare` gives the same signals as if these frames had gone through `prepare`.
   * Any number of ticks at once; no signals, no rows, no model outputs kept or dropped.
   */
  observe(frames: readonly unknown[]): ObservedFrames {
    let inZoneFrames = 0;
    let accepted = 0;
    const rejected = this.intake(frames, (frame) => {
      accepted++;
      if (inZone(frame)) inZoneFrames++;
    });
    return { framesSeen: frames.length, accepted, inZone: inZoneFrames, rejected };
  }

  /**
   * Validates the tick's frames (a rejected frame is counted with its reasons and skipped), feeds
   * every valid frame to the vector builder and the session context in `seq` order, and plans the
   * attribution of every in-zone active level. Frames whose `seq` is not above the last accepted one
   * are rejected as "seq: not increasing".
   */
  prepare(frames: readonly unknown[], options: { readonly model?: boolean } = {}): PreparedTick {
    const t0 = this.clock();
    const withModel = options.model ?? true;
    this.arena.reset();
    const levels: PreparedLevel[] = [];
    const plans: AttributionPlan[] = [];
    const rejected = this.intake(frames, (frame, x) => {
      if (!inZone(frame)) return;
      const bucket = timeBucket(frame.minutes_since_open);
      const stratum = findStratum(this.config.stats, frame.level_kind, bucket) ?? null;
      const backgroundStratum =
        this.config.backgroundSource === 'pooled' &&
        (this.config.stats.pooled?.nBackground ?? 0) > 0
          ? this.config.stats.pooled
          : this.backgroundFor(stratum, frame, bucket);
      const xCopy = new Float32Array(x);
      let planIndex = -1;
      if (withModel && backgroundStratum !== null) {
        const seed = seedOf(
          `${frame.session_date}|${frame.level_kind}|${frame.minutes_since_open}`,
        );
        planIndex = plans.length;
        plans.push(
          planAttribution(
            xCopy,
            backgroundStratum.background,
            this.driverGroups,
            { ...(this.config.driverAttribution ?? DEFAULT_DRIVER_ATTRIBUTION), seed },
            this.arena,
          ),
          planAttribution(
            xCopy,
            backgroundStratum.background,
            this.sectionGroupList,
            {
              ...(this.config.sectionAttribution ?? DEFAULT_SECTION_ATTRIBUTION),
              seed: seed ^ 0x5bd1e995,
            },
            this.arena,
          ),
        );
      }
      levels.push({ frame, x: xCopy, bucket, stratum, backgroundStratum, planIndex });
    });
    const cache = withModel && (this.config.cacheBackgroundOutputs ?? true);
    const batch =
      plans.length > 0
        ? new AttributionBatch(
            plans,
            cache ? { knownBackgroundOutputs: (b) => this.backgroundOutputs.get(b) } : {},
          )
        : null;
    return {
      rows: batch?.rows ?? new Float32Array(0),
      nRows: batch?.nRows ?? 0,
      levels,
      rejected,
      framesSeen: frames.length,
      withoutModel: !withModel,
      batch,
      prepareMs: this.clock() - t0,
      modelGeneration: this.modelGeneration,
    };
  }

  /**
   * Validates `frames`, sorts the valid ones by `seq`, rejects those not newer than the last
   * accepted one, and feeds the rest to the vector builder and the session context; `each` gets
   * every accepted frame with its vector (the builder's scratch: copy it to keep it).
   */
  private intake(
    frames: readonly unknown[],
    each: (frame: LevelFrame, x: Float32Array) => void,
  ): RejectedFrames {
    const reasons: Record<string, number> = {};
    let count = 0;
    const reject = (keys: readonly string[]): void => {
      count++;
      for (const k of new Set(keys)) reasons[k] = (reasons[k] ?? 0) + 1;
    };
    const valid: LevelFrame[] = [];
    for (const input of frames) {
      const v = validateLevelFrame(input);
      if (!v.ok) reject(v.errors.map((e) => `${e.field || 'frame'}: ${e.reason}`));
      else valid.push(v.frame);
    }
    valid.sort((a, b) => a.seq - b.seq);
    for (const frame of valid) {
      if (frame.seq <= this.lastSeq) {
        reject(['seq: not increasing']);
        continue;
      }
      this.lastSeq = frame.seq;
      const x = this.builder.push(frame, this.scratch);
      this.context.observe(frame);
      each(frame, x);
    }
    return { count, reasons };
  }

  /** One `level_signal` per prepared level, from the batch's model outputs (or without a model). */
  complete(prepared: PreparedTick, input: CompleteInput): ExplainResult {
    const t0 = this.clock();
    const modelMs = input.outputs !== undefined ? (input.modelMs ?? 0) : 0;
    let results: AttributionResult[] | null = null;
    let reason: string | null = input.outputs === undefined ? input.reason : null;
    if (input.outputs !== undefined) {
      if (prepared.batch !== null) {
        results = prepared.batch.finish(input.outputs);
        if (
          !prepared.withoutModel &&
          (this.config.cacheBackgroundOutputs ?? true) &&
          prepared.modelGeneration === this.modelGeneration
        ) {
          for (const [bg, out] of prepared.batch.backgroundOutputs(input.outputs))
            this.backgroundOutputs.set(bg, out);
        }
      } else if (input.outputs.length !== 0)
        throw new Error(`expected 0 model outputs, got ${input.outputs.length}`);
      if (prepared.withoutModel) reason = 'planned without the model';
    }
    const signals = prepared.levels.map((level) => {
      if (results !== null && level.planIndex >= 0) {
        return this.modelSignal(level, results[level.planIndex], results[level.planIndex + 1]);
      }
      return this.baseRateSignal(level, reason ?? 'no background sample for this stratum');
    });
    const timings = { model_ms: modelMs, attribution_ms: prepared.prepareMs + (this.clock() - t0) };
    const attributions = prepared.levels.map((level) =>
      results !== null && level.planIndex >= 0
        ? {
            values: results[level.planIndex].values,
            standardErrors: results[level.planIndex].standardErrors,
          }
        : null,
    );
    return {
      signals: signals.map((s) => inContractOrder({ ...s, timings })),
      attributions,
      rejected: prepared.rejected,
      timings,
    };
  }

  private modelSignal(
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

  private baseRateSignal(level: PreparedLevel, reason: string): LevelSignal {
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
    this.warnOnce(
      `rate|${level.frame.level_kind}|${level.bucket}`,
      `no empirical break rate for ${level.frame.level_kind} × ${level.bucket}: using the pooled rate`,
    );
    if (pooled !== undefined && Number.isFinite(pooled)) return pooled;
    this.warnOnce('rate|none', 'no empirical break rate at all: using 0.5');
    return 0.5;
  }

  private backgroundFor(
    stratum: StratumStats | null,
    frame: LevelFrame,
    bucket: TimeBucket,
  ): StratumStats | null {
    if (stratum !== null && stratum.nBackground > 0) return stratum;
    const pooled = this.config.stats.pooled;
    if (pooled !== null && pooled.nBackground > 0) {
      this.warnOnce(
        `bg|${frame.level_kind}|${bucket}`,
        `no background sample for ${frame.level_kind} × ${bucket}: attributing against the pooled background`,
      );
      return pooled;
    }
    this.warnOnce('bg|none', 'no background sample at all: signals fall back to the base rate');
    return null;
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
      this.warnOnce(
        `strength|${name}|${stratum?.levelKind ?? '-'}|${stratum?.bucket ?? '-'}`,
        `no history for the reading of "${name}" in ${stratum?.levelKind ?? '?'} × ${stratum?.bucket ?? '?'}: strength 50`,
      );
      return null;
    }
    return percentileOf(reading, stratum.quantileLevels, q);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.log('warn', message);
  }

  private clock(): number {
    return this.config.now?.() ?? 0;
  }
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** The seed's key order first (type, timestamp, level, prediction, drivers, combos, context), then the additions. */
function inContractOrder(s: LevelSignal): LevelSignal {
  const { type, timestamp, level, prediction, drivers, combos, context, ...additions } = s;
  return { type, timestamp, level, prediction, drivers, combos, context, ...additions };
}
