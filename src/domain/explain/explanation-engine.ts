/**
 * The explanation engine (docs/explanations.md): frames of one 30-s tick in, one `level_signal`
 * per in-zone level out, with a single model call per tick.
 *
 *   const prepared = engine.prepare(frames);                 // validate, vectors, attribution plans
 *   const outputs = await model(prepared.rows, prepared.nRows); // one batch for every level
 *   const { signals } = engine.complete(prepared, { outputs, modelMs });
 *   engine.observe(frames);                                  // history only: no model, no signals
 *
 * Without a model (`prepare(frames, { model: false })`, `complete(prepared, { reason })`) every
 * in-zone level gets a `base_rate` signal: p_break = the stratum's empirical break rate, no drivers,
 * confidence LOW. Pure: no I/O, no clock unless one is passed, no randomness beyond seeded plans.
 *
 * Modules: engine-config.ts (configuration, rules, attribution defaults), prepared-tick.ts (the
 * types passed between the steps), frame-intake.ts (validation and the feed's history),
 * signal-builder.ts (attribution → level_signal); this file plans and completes the batches.
 */
import { AttributionBatch } from '../attribution/attribution-batch';
import { AttributionPlan, planAttribution } from '../attribution/attribution-plan';
import type { AttributionResult } from '../attribution/finish-attribution';
import { RowArena } from '../attribution/perturbed-row-builder';
import { sectionGroups } from '../attribution/section-groups';
import type { LevelFrame } from '../frame/level-frame';
import { inZone } from '../time/approach-zone';
import { TimeBucket, timeBucket } from '../time/time-bucket';
import {
  DEFAULT_DRIVER_ATTRIBUTION,
  DEFAULT_SECTION_ATTRIBUTION,
  WarnOnce,
  seedOf,
  type DecisionRules,
  type ExplanationEngineConfig,
} from './engine-config';
import { FrameIntake } from './frame-intake';
import { StratumStats, findStratum } from './historical-stats';
import type {
  CompleteInput,
  ExplainResult,
  ObservedFrames,
  PreparedLevel,
  PreparedTick,
} from './prepared-tick';
import { SignalBuilder, inContractOrder } from './signal-builder';

export {
  DEFAULT_DECISION_RULES,
  DEFAULT_DRIVER_ATTRIBUTION,
  DEFAULT_SECTION_ATTRIBUTION,
  decisionRulesFromSettings,
  seedOf,
  type DecisionRules,
  type DriverAttributionOptions,
  type EngineLog,
  type ExplanationEngineConfig,
  type LogLevel,
} from './engine-config';
export type {
  CompleteInput,
  ExplainResult,
  ObservedFrames,
  PreparedLevel,
  PreparedTick,
  RejectedFrames,
} from './prepared-tick';

export class ExplanationEngine {
  private readonly intake = new FrameIntake();
  private readonly signals: SignalBuilder;
  private readonly sectionGroupList: readonly (readonly number[])[];
  private readonly warnings: WarnOnce;
  /** Model outputs of background samples (the stratum's background rows), for the current model. */
  private readonly backgroundOutputs = new Map<Float32Array, Float64Array>();
  private modelGeneration = 0;
  /** Scratch for the plans' rows (copied into the batch before `prepare` returns). */
  private readonly arena = new RowArena();
  /** Memory of the batch rows (`PreparedTick.rows`), reused from tick to tick. */
  private readonly batchRows = new RowArena();

  constructor(private readonly config: ExplanationEngineConfig) {
    this.warnings = new WarnOnce(config.log ?? (() => undefined));
    this.signals = new SignalBuilder(config, this.intake.context, this.warnings);
    this.sectionGroupList = sectionGroups(config.manifest.sections);
  }

  /** The drivers (players) in the order of `ExplainResult.attributions`. */
  get driverOrder(): readonly string[] {
    return this.signals.driverNames;
  }

  /** Replaces the threshold and confidence cut-offs (settings changed). */
  setRules(rules: DecisionRules): void {
    this.signals.rules = rules;
  }

  /** Forgets the kept background outputs: call it when the model changes. */
  forgetModelOutputs(): void {
    this.backgroundOutputs.clear();
    this.modelGeneration++;
  }

  /** Forgets every level's history and today's touches (a new feed). */
  reset(): void {
    this.intake.reset();
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
    const rejected = this.intake.take(frames, (frame) => {
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
    this.batchRows.reset();
    const levels: PreparedLevel[] = [];
    const plans: AttributionPlan[] = [];
    const rejected = this.intake.take(frames, (frame, x) => {
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
        planIndex = plans.length;
        plans.push(...this.plansFor(frame, xCopy, backgroundStratum.background));
      }
      levels.push({ frame, x: xCopy, bucket, stratum, backgroundStratum, planIndex });
    });
    const cache = withModel && (this.config.cacheBackgroundOutputs ?? true);
    const batch =
      plans.length > 0
        ? new AttributionBatch(plans, {
            rowArena: this.batchRows,
            ...(cache ? { knownBackgroundOutputs: (b) => this.backgroundOutputs.get(b) } : {}),
          })
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
        return this.signals.modelSignal(
          level,
          results[level.planIndex],
          results[level.planIndex + 1],
        );
      }
      return this.signals.baseRateSignal(level, reason ?? 'no background sample for this stratum');
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

  /** The driver plan and the section plan of one level (seeded by session, level and minute). */
  private plansFor(
    frame: LevelFrame,
    x: Float32Array,
    background: Float32Array,
  ): [AttributionPlan, AttributionPlan] {
    const seed = seedOf(`${frame.session_date}|${frame.level_kind}|${frame.minutes_since_open}`);
    return [
      planAttribution(
        x,
        background,
        this.signals.driverGroups,
        { ...(this.config.driverAttribution ?? DEFAULT_DRIVER_ATTRIBUTION), seed },
        this.arena,
      ),
      planAttribution(
        x,
        background,
        this.sectionGroupList,
        {
          ...(this.config.sectionAttribution ?? DEFAULT_SECTION_ATTRIBUTION),
          seed: seed ^ 0x5bd1e995,
        },
        this.arena,
      ),
    ];
  }

  private backgroundFor(
    stratum: StratumStats | null,
    frame: LevelFrame,
    bucket: TimeBucket,
  ): StratumStats | null {
    if (stratum !== null && stratum.nBackground > 0) return stratum;
    const pooled = this.config.stats.pooled;
    if (pooled !== null && pooled.nBackground > 0) {
      this.warnings.warn(
        `bg|${frame.level_kind}|${bucket}`,
        `no background sample for ${frame.level_kind} × ${bucket}: attributing against the pooled background`,
      );
      return pooled;
    }
    this.warnings.warn(
      'bg|none',
      'no background sample at all: signals fall back to the base rate',
    );
    return null;
  }

  private clock(): number {
    return this.config.now?.() ?? 0;
  }
}
