/**
 * The worker's explanation logic (docs/explanations.md § Worker), without the Worker: `explain-init`
 * loads the artifacts and runs the model self-test, `explain` turns the frames of one tick into
 * level signals with one model batch, `explain-reset` starts a new session on the same engine and
 * `catch-up` takes frames into the session without attribution (their p_break from one model batch
 * when asked). Requests are handled one at a time, in arrival order, so every tick is prepared
 * and completed before the next one touches the session state, whatever the arrival rate. The
 * dispatcher hands it the predictor the inference handler loads (`setPredictor`), so both share
 * one onnxruntime session.
 */
import {
  ExplanationEngine,
  type DecisionRules,
  type ExplainResult,
} from '../domain/explain/explanation-engine';
import { compareGolden, goldenRows, parseGolden } from '../domain/explain/golden';
import { parseFeatureInteractions } from '../domain/explain/parse-feature-interactions';
import { parseHistoricalStats } from '../domain/explain/parse-historical-stats';
import type { ComboDefinition } from '../domain/explain/combos';
import { parseFeatureManifest } from '../domain/vector/feature-manifest';
import { assertNever } from '../protocol/assert-never';
import type {
  CatchUpRequest,
  ExplainInitRequest,
  ExplainRequest,
  LevelPrediction,
  ExplainRules,
  ExplainWorkerRequest,
  ExplainWorkerResponse,
  SelfTestReport,
} from '../protocol/explain-messages';
import type { InferenceErrorCode } from '../protocol/inference-messages';
import { fetchJson, type JsonFetcher } from './fetch-json';
import type { Predictor } from './predictor';
import { messageOf } from '../protocol/error-message';

export interface ExplainReply {
  readonly response: ExplainWorkerResponse;
  readonly transfer: ArrayBuffer[];
}

interface ModelState {
  readonly predictor: Predictor | null;
  readonly enabled: boolean;
  readonly reason: string | null;
  readonly selfTest: SelfTestReport;
}

function rulesOf(r: ExplainRules): DecisionRules {
  return { threshold: (b) => r.thresholds[b], cutoffs: r.cutoffs };
}

export class ExplainHandler {
  private predictorPromise: Promise<Predictor> | null = null;
  private engine: ExplanationEngine | null = null;
  private golden: unknown = undefined;
  /** The model state for the current predictor promise (recomputed when it changes). */
  private model: Promise<ModelState> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The request being handled: the next one starts when it has answered. */
  private serial: Promise<unknown> = Promise.resolve();
  private warnings: string[] = [];

  constructor(
    private readonly fetch: JsonFetcher = fetchJson,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The predictor being loaded by the latest `init` (a new one re-runs the self-test). */
  setPredictor(predictor: Promise<Predictor>): void {
    this.predictorPromise = predictor;
    this.model = null;
    // background outputs kept by the engine belong to the previous model
    this.engine?.forgetModelOutputs();
  }

  /** Handles `request` after every earlier one has answered. */
  handle(request: ExplainWorkerRequest): Promise<ExplainReply> {
    const job = this.serial.then(() => this.dispatch(request));
    this.serial = job.catch(() => undefined);
    return job;
  }

  private dispatch(request: ExplainWorkerRequest): Promise<ExplainReply> {
    switch (request.type) {
      case 'explain-init':
        return this.init(request);
      case 'explain':
        return this.explain(request);
      case 'explain-reset':
        return Promise.resolve(this.reset(request.requestId));
      case 'catch-up':
        return this.catchUp(request);
      default:
        return assertNever(request, 'request');
    }
  }

  /** A new session on the loaded engine: no level history, no touches, `seq` starts over. */
  private reset(requestId: number): ExplainReply {
    const engine = this.engine;
    if (engine === null) return this.error(requestId, 'not-ready', 'send explain-init first');
    engine.reset();
    this.warnings = [];
    return { response: { type: 'explain-reset-done', requestId }, transfer: [] };
  }

  /**
   * Takes the ticks into the session in order, without attribution. With `predict` and a usable
   * model, the vectors of every in-zone frame go into one model batch and their p_break come back;
   * otherwise the engine only observes the frames.
   */
  private async catchUp(request: CatchUpRequest): Promise<ExplainReply> {
    const t0 = this.now();
    const engine = this.engine;
    if (engine === null)
      return this.error(request.requestId, 'not-ready', 'send explain-init first');
    const model = request.predict ? await this.modelState() : null;
    const predictor = model !== null && model.enabled ? model.predictor : null;
    const reasons: Record<string, number> = {};
    let rejectedCount = 0;
    const addRejected = (r: {
      readonly count: number;
      readonly reasons: Readonly<Record<string, number>>;
    }): void => {
      rejectedCount += r.count;
      for (const [k, n] of Object.entries(r.reasons)) reasons[k] = (reasons[k] ?? 0) + n;
    };
    const vectors: Float32Array[] = [];
    const meta: Omit<LevelPrediction, 'p_break'>[] = [];
    for (const frames of request.ticks) {
      if (predictor === null) {
        addRejected(engine.observe(frames).rejected);
        continue;
      }
      const prepared = engine.prepare(frames, { model: false });
      addRejected(prepared.rejected);
      for (const level of prepared.levels) {
        vectors.push(level.x);
        meta.push({
          kind: level.frame.level_kind,
          timestamp: level.frame.ts,
          time_bucket: level.bucket,
        });
      }
    }
    let predictions: LevelPrediction[] = [];
    let reason: string | null = request.predict ? (model?.reason ?? null) : null;
    let modelMs = 0;
    if (predictor !== null && vectors.length > 0) {
      const width = vectors[0].length;
      const rows = new Float32Array(vectors.length * width);
      vectors.forEach((x, i) => rows.set(x, i * width));
      const m0 = this.now();
      try {
        const outputs = await this.run(predictor, rows, vectors.length);
        modelMs = this.now() - m0;
        predictions = meta.map((m, i) => ({ ...m, p_break: outputs[i] }));
      } catch (e: unknown) {
        // Catches a failed model run: the frames are in the history, their p_break is not shown.
        reason = `model run failed: ${messageOf(e)}`;
      }
    }
    const warnings = this.takeWarnings();
    return {
      response: {
        type: 'level_predictions',
        requestId: request.requestId,
        predictions,
        method: reason === null ? 'model' : 'base_rate',
        reason,
        ticks: request.ticks.length,
        rejected: { count: rejectedCount, reasons },
        rows: predictor === null ? 0 : vectors.length,
        timings: { modelMs, totalMs: this.now() - t0 },
        warnings,
      },
      transfer: [],
    };
  }

  /** The engine's log lines since the last reply, handed out once. */
  private takeWarnings(): string[] {
    const warnings = this.warnings;
    this.warnings = [];
    return warnings;
  }

  private error(requestId: number, code: InferenceErrorCode, message: string): ExplainReply {
    return { response: { type: 'error', requestId, code, message }, transfer: [] };
  }

  private async init(request: ExplainInitRequest): Promise<ExplainReply> {
    let statsJson: unknown;
    let manifestJson: unknown;
    try {
      [statsJson, manifestJson] = await Promise.all([
        this.fetch(request.statsUrl),
        this.fetch(request.featureManifestUrl),
      ]);
    } catch (e: unknown) {
      // Catches a failed fetch of a required artifact and reports it; the engine stays as it was.
      return this.error(request.requestId, 'model-fetch-failed', messageOf(e));
    }
    const stats = parseHistoricalStats(statsJson);
    if (!stats.ok)
      return this.error(
        request.requestId,
        'model-load-failed',
        `historical stats: ${stats.errors.slice(0, 3).join('; ')}`,
      );
    const manifest = parseFeatureManifest(manifestJson);
    if (!manifest.ok)
      return this.error(
        request.requestId,
        'model-load-failed',
        `feature manifest: ${manifest.errors.slice(0, 3).join('; ')}`,
      );
    const warnings: string[] = [];
    let combos: ComboDefinition[] = [];
    if (request.interactionsUrl !== null) {
      try {
        const parsed = parseFeatureInteractions(
          await this.fetch(request.interactionsUrl),
          manifest.manifest,
        );
        combos = parsed.combos;
        warnings.push(...parsed.skipped.map((s) => `combo skipped: ${s}`));
      } catch (e: unknown) {
        // Catches a missing or unreadable combos file: the product works without combos.
        warnings.push(`no combos: ${messageOf(e)}`);
      }
    }
    this.golden = undefined;
    if (request.goldenUrl !== null) {
      try {
        this.golden = await this.fetch(request.goldenUrl);
      } catch (e: unknown) {
        // Catches a missing golden file: the self-test is skipped and says so.
        warnings.push(`no golden file: ${messageOf(e)}`);
      }
    }
    this.engine = new ExplanationEngine({
      manifest: manifest.manifest,
      stats: stats.stats,
      combos,
      now: this.now,
      log: (_level, message) => this.warnings.push(message),
    });
    this.model = null;
    const model = await this.modelState();
    return {
      response: {
        type: 'explain-ready',
        requestId: request.requestId,
        modelEnabled: model.enabled,
        reason: model.reason,
        selfTest: model.selfTest,
        combos: combos.length,
        warnings,
      },
      transfer: [],
    };
  }

  /** Loads (once per predictor) the model state: awaited predictor + self-test. */
  private modelState(): Promise<ModelState> {
    if (this.model === null) this.model = this.evaluateModel();
    return this.model;
  }

  private async evaluateModel(): Promise<ModelState> {
    const skipped = (detail: string): SelfTestReport => ({
      status: 'skipped',
      rows: 0,
      maxAbsDiff: Number.NaN,
      detail,
    });
    if (this.predictorPromise === null)
      return {
        predictor: null,
        enabled: false,
        reason: 'no model loaded (send init first)',
        selfTest: skipped('no model'),
      };
    let predictor: Predictor;
    try {
      predictor = await this.predictorPromise;
    } catch (e: unknown) {
      // Catches the failed model load (already reported to its init request): signals fall back to the base rate.
      return {
        predictor: null,
        enabled: false,
        reason: `the model failed to load: ${messageOf(e)}`,
        selfTest: skipped('no model'),
      };
    }
    if (this.golden === undefined)
      return { predictor, enabled: true, reason: null, selfTest: skipped('no golden file') };
    const golden = parseGolden(this.golden);
    if (!golden.ok)
      return { predictor, enabled: true, reason: null, selfTest: skipped(golden.error) };
    if (golden.golden.modelSha256 !== predictor.model.sha256) {
      return {
        predictor,
        enabled: true,
        reason: null,
        selfTest: skipped(
          `the golden file belongs to ${golden.golden.modelFile}, not the loaded model`,
        ),
      };
    }
    const { rows, seqs } = goldenRows(golden.golden.frames);
    let outputs: Float32Array;
    try {
      outputs = await this.run(predictor, rows, seqs.length);
    } catch (e: unknown) {
      // Catches a model run failure on the golden rows: the model is disabled with the reason.
      const detail = `the model failed on the golden rows: ${messageOf(e)}`;
      return {
        predictor,
        enabled: false,
        reason: `self-test failed: ${detail}`,
        selfTest: { status: 'failed', rows: seqs.length, maxAbsDiff: Number.NaN, detail },
      };
    }
    const cmp = compareGolden(golden.golden, seqs, outputs);
    const selfTest: SelfTestReport = {
      status: cmp.passed ? 'passed' : 'failed',
      rows: cmp.rows,
      maxAbsDiff: cmp.maxAbsDiff,
      detail: cmp.detail,
    };
    return cmp.passed
      ? { predictor, enabled: true, reason: null, selfTest }
      : { predictor, enabled: false, reason: `self-test failed: ${cmp.detail}`, selfTest };
  }

  /** Runs the model, one request at a time. */
  private run(predictor: Predictor, rows: Float32Array, nRows: number): Promise<Float32Array> {
    const job = this.queue.then(() => predictor.predict(rows, nRows));
    this.queue = job.catch(() => undefined);
    return job;
  }

  private async explain(request: ExplainRequest): Promise<ExplainReply> {
    const t0 = this.now();
    const engine = this.engine;
    if (engine === null)
      return this.error(request.requestId, 'not-ready', 'send explain-init first');
    if (request.rules !== undefined) engine.setRules(rulesOf(request.rules));
    const model = await this.modelState();
    const useModel = model.enabled && model.predictor !== null;
    const prepared = engine.prepare(request.frames, { model: useModel });
    let reason: string | null = model.reason;
    let modelMs = 0;
    let result: ExplainResult;
    let modelRan = useModel;
    if (useModel && model.predictor !== null && prepared.nRows > 0) {
      const m0 = this.now();
      try {
        const outputs = await this.run(model.predictor, prepared.rows, prepared.nRows);
        modelMs = this.now() - m0;
        result = engine.complete(prepared, { outputs, modelMs });
      } catch (e: unknown) {
        // Catches a failed model run for this tick only: its signals use the base rate and say why.
        reason = `model run failed: ${messageOf(e)}`;
        modelRan = false;
        result = engine.complete(prepared, { reason });
      }
    } else if (useModel) {
      result = engine.complete(prepared, { outputs: new Float32Array(0) });
    } else {
      result = engine.complete(prepared, { reason: reason ?? 'model unavailable' });
    }
    const method = modelRan ? 'model' : 'base_rate';
    const warnings = this.takeWarnings();
    return {
      response: {
        type: 'level_signals',
        requestId: request.requestId,
        signals: result.signals,
        method,
        reason: modelRan ? null : (reason ?? 'model unavailable'),
        rejected: result.rejected,
        rows: prepared.nRows,
        timings: {
          modelMs,
          attributionMs: result.timings.attribution_ms,
          totalMs: this.now() - t0,
        },
        warnings,
      },
      transfer: [],
    };
  }
}
