import { historicalStatsToJson } from '../domain/explain/parse-historical-stats';
import { GOLDEN_SCHEMA, goldenRows } from '../domain/explain/golden';
import { rampStratum } from '../domain/explain/testing/hand-made-stats';
import { stratumKey, type StratumStats } from '../domain/explain/historical-stats';
import type { LevelFrame } from '../domain/frame/level-frame';
import { sampleLevelFrame } from '../domain/frame/sample-level-frame';
import { defaultManifestContent, manifestHash } from '../domain/vector/feature-manifest';
import {
  parseExplainResponse,
  type LevelPredictionsResponse,
  type LevelSignalsResponse,
  type ExplainReadyResponse,
} from '../protocol/explain-messages';
import type { BackendInfo, LoadedModelInfo } from '../protocol/inference-messages';
import { ExplainHandler } from './explain-handler';
import { MissingFile } from './fetch-json';
import type { Predictor } from './predictor';

const D = 144;
const SHA = 'a'.repeat(64);
const backend: BackendInfo = {
  ortVersion: 'test',
  executionProvider: 'wasm',
  threads: 1,
  crossOriginIsolated: false,
  simd: true,
  hardwareConcurrency: 2,
  fetchMs: 1,
  sessionMs: 2,
};
const modelInfo: LoadedModelInfo = {
  file: 'm.onnx',
  sha256: SHA,
  kind: 'trained',
  nFeatures: D,
  inputName: 'features',
  outputName: 'p_break',
};

function f(rows: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++)
    out[i] =
      1 /
      (1 +
        Math.exp(-(rows[i * D + 107] / 100 - Math.abs(rows[i * D + 61]) + 0.2 * rows[i * D + 14])));
  return out;
}

class FakePredictor implements Predictor {
  readonly backend = backend;
  readonly model = modelInfo;
  calls: number[] = [];
  predict(rows: Float32Array, nRows: number): Promise<Float32Array> {
    this.calls.push(nRows);
    return Promise.resolve(f(rows, nRows));
  }
  dispose(): Promise<void> {
    return Promise.resolve();
  }
}

function frames(n: number, start = 1, overrides: Partial<LevelFrame> = {}): LevelFrame[] {
  return Array.from({ length: n }, (_, k) =>
    sampleLevelFrame({
      seq: start + k,
      minutes_since_open: 40 + (start + k) * 0.5,
      ts: new Date(Date.parse('2025-11-03T15:10:00.000Z') + (start + k) * 30_000).toISOString(),
      ...overrides,
    }),
  );
}

const bg = new Float32Array(8 * D).map((_, k) => ((k * 7919) % 13) / 6 - 1);
const stratum: StratumStats = rampStratum({
  levelKind: 'OR_HIGH',
  bucket: 'T30_60',
  lo: -1e6,
  hi: 1e6,
  background: bg,
  breakRate: 0.46,
});
const content = defaultManifestContent();
const statsJson = historicalStatsToJson(
  { dimension: D, strata: new Map([[stratumKey('OR_HIGH', 'T30_60'), stratum]]), pooled: null },
  content.features.map((x) => x.name),
);
const manifestJson = { ...content, hash: manifestHash(content) };

function golden(shift: number, sha = SHA): unknown {
  const fs = frames(6, 100);
  return {
    schema: GOLDEN_SCHEMA,
    model_sha256: sha,
    model_file: 'm.onnx',
    tolerance: 1e-4,
    frames: fs,
    expected: expectedFor(fs, shift),
  };
}

/** The fake model's outputs on the golden frames' vectors, shifted by `shift`. */
function expectedFor(fs: LevelFrame[], shift: number): { seq: number; p_break: number }[] {
  const { rows, seqs } = goldenRows(fs);
  const out = f(rows, seqs.length);
  return seqs.map((seq, i) => ({ seq, p_break: out[i] + shift }));
}

function fetcher(files: Record<string, unknown>): (url: string) => Promise<unknown> {
  return (url) =>
    url in files
      ? Promise.resolve(files[url])
      : Promise.reject(new MissingFile(`${url}: not found`));
}

const initRequest = {
  type: 'explain-init' as const,
  requestId: 1,
  statsUrl: 's',
  featureManifestUrl: 'm',
  interactionsUrl: 'i',
  goldenUrl: 'g',
};

async function ready(h: ExplainHandler): Promise<ExplainReadyResponse> {
  const r = await h.handle(initRequest);
  const parsed = parseExplainResponse(r.response);
  if (parsed === null || !parsed.ok || parsed.value.type !== 'explain-ready')
    throw new Error(`not ready: ${JSON.stringify(r.response)}`);
  return parsed.value;
}

async function explain(
  h: ExplainHandler,
  requestId: number,
  fs: unknown[],
): Promise<LevelSignalsResponse> {
  const r = await h.handle({ type: 'explain', requestId, frames: fs });
  const parsed = parseExplainResponse(r.response);
  if (parsed === null || !parsed.ok || parsed.value.type !== 'level_signals')
    throw new Error(`no signals: ${JSON.stringify(r.response)}`);
  return parsed.value;
}

async function catchUp(
  h: ExplainHandler,
  requestId: number,
  ticks: unknown[][],
  predict = true,
): Promise<LevelPredictionsResponse> {
  const r = await h.handle({ type: 'catch-up', requestId, ticks, predict });
  const parsed = parseExplainResponse(r.response);
  if (parsed === null || !parsed.ok || parsed.value.type !== 'level_predictions')
    throw new Error(`no predictions: ${JSON.stringify(r.response)}`);
  return parsed.value;
}

/** Ticks of two levels: OR_HIGH (in its stratum) and PM_HIGH (pooled background). */
function twoLevelTicks(n: number): LevelFrame[][] {
  return Array.from({ length: n }, (_, k) => [
    ...frames(1, 1 + 2 * k),
    frames(1, 2 + 2 * k, { level_kind: 'PM_HIGH' })[0],
  ]);
}

async function readyHandler(): Promise<{ h: ExplainHandler; predictor: FakePredictor }> {
  const predictor = new FakePredictor();
  const h = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson, g: golden(0) }));
  h.setPredictor(Promise.resolve(predictor));
  await ready(h);
  predictor.calls = [];
  return { h, predictor };
}

describe('ExplainHandler session messages', () => {
  it('catch-up answers every in-zone p_break with one model run, and the next explanation is the same as after explaining every tick', async () => {
    const ticks = twoLevelTicks(6);
    const full = (await readyHandler()).h;
    const fullSignals: LevelSignalsResponse[] = [];
    for (const [k, tick] of ticks.entries()) fullSignals.push(await explain(full, 10 + k, tick));

    const { h, predictor } = await readyHandler();
    const p = await catchUp(h, 2, ticks.slice(0, 5));
    expect(predictor.calls).toEqual([10]);
    expect(p.method).toBe('model');
    expect(p.ticks).toBe(5);
    expect(p.rows).toBe(10);
    expect(p.predictions.length).toBe(10);
    const expected = fullSignals.slice(0, 5).flatMap((r) =>
      r.signals.map((s) => ({
        kind: s.level.kind,
        timestamp: s.timestamp,
        p_break: s.prediction.p_break,
        time_bucket: s.context.time_bucket,
      })),
    );
    expect(expected).toEqual([...p.predictions]);
    const last = await explain(h, 3, ticks[5]);
    expect(last.signals).toEqual(
      fullSignals[5].signals.map((s) => ({ ...s, timings: last.signals[0].timings })),
    );
  });

  it('catch-up without predict only observes; rejected frames are counted', async () => {
    const { h, predictor } = await readyHandler();
    const ticks: unknown[][] = twoLevelTicks(3);
    ticks[1] = [...ticks[1], { broken: true }];
    const p = await catchUp(h, 2, ticks, false);
    expect(predictor.calls).toEqual([]);
    expect(p.predictions).toEqual([]);
    expect(p.rows).toBe(0);
    expect(p.rejected.count).toBe(1);
    // the history holds the observed frames: an old seq is refused
    const again = await explain(h, 3, twoLevelTicks(1)[0]);
    expect(again.rejected.reasons['seq: not increasing']).toBe(2);
  });

  it('explain-reset starts a new session on the same engine: the same signals as a fresh explain-init', async () => {
    const ticks = twoLevelTicks(3);
    const fresh = (await readyHandler()).h;
    const expected = await explain(fresh, 2, ticks[0]);

    const { h, predictor } = await readyHandler();
    for (const [k, tick] of ticks.entries()) await explain(h, 2 + k, tick);
    const fetches = predictor.calls.length;
    const reset = await h.handle({ type: 'explain-reset', requestId: 9 });
    expect(reset.response).toEqual({ type: 'explain-reset-done', requestId: 9 });
    expect(predictor.calls.length).toBe(fetches); // no self-test again
    const after = await explain(h, 10, ticks[0]);
    expect(after.rejected.count).toBe(0);
    expect(after.signals).toEqual(
      expected.signals.map((s) => ({ ...s, timings: after.signals[0].timings })),
    );
  });

  it('handles requests one at a time in arrival order, and refuses them before explain-init', async () => {
    const early = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson }));
    expect((await early.handle({ type: 'explain-reset', requestId: 1 })).response).toEqual(
      jasmine.objectContaining({ type: 'error', code: 'not-ready' }),
    );
    expect(
      (await early.handle({ type: 'catch-up', requestId: 2, ticks: [], predict: true })).response,
    ).toEqual(jasmine.objectContaining({ type: 'error', code: 'not-ready' }));

    const { h } = await readyHandler();
    const ticks = twoLevelTicks(3);
    const order: string[] = [];
    const a = h
      .handle({ type: 'explain', requestId: 2, frames: ticks[0] })
      .then(() => order.push('explain 2'));
    const b = h
      .handle({ type: 'catch-up', requestId: 3, ticks: [ticks[1]], predict: true })
      .then(() => order.push('catch-up 3'));
    const c = h.handle({ type: 'explain', requestId: 4, frames: ticks[2] }).then((r) => {
      order.push('explain 4');
      return r;
    });
    await Promise.all([a, b, c]);
    expect(order).toEqual(['explain 2', 'catch-up 3', 'explain 4']);
    const last = parseExplainResponse((await c).response);
    expect(last?.ok && last.value.type === 'level_signals' ? last.value.rejected.count : -1).toBe(
      0,
    );
  });
});

describe('ExplainHandler', () => {
  it('passes the self-test and explains a tick with one model run', async () => {
    const predictor = new FakePredictor();
    const h = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson, g: golden(0) }));
    h.setPredictor(Promise.resolve(predictor));
    const r = await ready(h);
    expect(r.selfTest.detail).toContain('golden rows within');
    expect(r.modelEnabled).toBeTrue();
    expect(r.selfTest.status).toBe('passed');
    expect(r.warnings.some((w) => w.startsWith('no combos'))).toBeTrue();
    predictor.calls = [];
    const tick = [
      ...frames(1, 1),
      { ...frames(1, 2, { level_kind: 'PM_HIGH' })[0] },
      { broken: true },
    ];
    const s = await explain(h, 2, tick);
    expect(predictor.calls.length).toBe(1);
    expect(s.rows).toBe(predictor.calls[0]);
    expect(s.method).toBe('model');
    expect(s.reason).toBeNull();
    expect(s.rejected.count).toBe(1);
    expect(s.signals.length).toBe(2);
    const orHigh = s.signals.find((x) => x.level.kind === 'OR_HIGH');
    expect(orHigh?.prediction.method).toBe('model');
    // PM_HIGH × T30_60 has no stratum: attributed against the pooled background, with a warning
    const pmHigh = s.signals.find((x) => x.level.kind === 'PM_HIGH');
    expect(pmHigh?.prediction.method).toBe('model');
    expect(s.warnings.some((w) => w.includes('pooled background'))).toBeTrue();
    expect(s.timings.modelMs).toBeGreaterThanOrEqual(0);
  });

  it('runs the background rows of a stratum once per model, again after a new model is loaded', async () => {
    /** How many of the batch's rows are rows of the stratum's background. */
    const backgroundRowsIn = (rows: Float32Array, n: number): number => {
      let count = 0;
      for (let i = 0; i < n; i++) {
        const row = rows.subarray(i * D, (i + 1) * D);
        for (let b = 0; b < 8; b++) {
          if (row.every((v, j) => Object.is(v, bg[b * D + j]))) {
            count++;
            break;
          }
        }
      }
      return count;
    };
    class RecordingPredictor extends FakePredictor {
      seen: number[] = [];
      override predict(rows: Float32Array, nRows: number): Promise<Float32Array> {
        this.seen.push(backgroundRowsIn(rows, nRows));
        return super.predict(rows, nRows);
      }
    }
    const h = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson, g: golden(0) }));
    const a = new RecordingPredictor();
    h.setPredictor(Promise.resolve(a));
    await ready(h);
    a.seen = [];
    await explain(h, 2, frames(1, 1));
    await explain(h, 3, frames(1, 2));
    expect(a.seen).toEqual([8, 0]);
    const b = new RecordingPredictor();
    h.setPredictor(Promise.resolve(b));
    const s = await explain(h, 4, frames(1, 3));
    expect(s.signals[0].prediction.method).toBe('model');
    await explain(h, 5, frames(1, 4));
    // the golden rows of the new model's self-test first, then the two ticks
    expect(b.seen.slice(-2)).toEqual([8, 0]);
  });

  it('disables the model when the self-test mismatches, and the signals say why', async () => {
    const predictor = new FakePredictor();
    const h = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson, g: golden(0.01) }));
    h.setPredictor(Promise.resolve(predictor));
    const r = await ready(h);
    expect(r.modelEnabled).toBeFalse();
    expect(r.selfTest.status).toBe('failed');
    expect(r.selfTest.maxAbsDiff).toBeCloseTo(0.01, 5);
    expect(r.reason).toContain('self-test failed');
    predictor.calls = [];
    const s = await explain(h, 2, frames(1, 1));
    expect(predictor.calls).toEqual([]);
    expect(s.method).toBe('base_rate');
    expect(s.reason).toContain('self-test failed');
    expect(s.signals.map((x) => x.prediction.method)).toEqual(['base_rate']);
    expect(s.signals[0].prediction.p_break).toBe(0.46);
    expect(s.signals[0].prediction.confidence).toBe('LOW');
  });

  it('skips the self-test for a golden file of another model and keeps the model', async () => {
    const h = new ExplainHandler(
      fetcher({ s: statsJson, m: manifestJson, g: golden(0.5, 'b'.repeat(64)) }),
    );
    h.setPredictor(Promise.resolve(new FakePredictor()));
    const r = await ready(h);
    expect(r.selfTest.status).toBe('skipped');
    expect(r.modelEnabled).toBeTrue();
  });

  it('uses the base rate without a model, refuses explain before explain-init, reports bad artifacts', async () => {
    const h = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson }));
    const early = await h.handle({ type: 'explain', requestId: 5, frames: [] });
    expect(early.response).toEqual(jasmine.objectContaining({ type: 'error', code: 'not-ready' }));
    const r = await ready(h);
    expect(r.modelEnabled).toBeFalse();
    expect(r.reason).toContain('no model loaded');
    const s = await explain(h, 2, frames(1, 1));
    expect(s.method).toBe('base_rate');
    const failing = new ExplainHandler(fetcher({ s: statsJson, m: manifestJson }));
    failing.setPredictor(Promise.reject(new Error('boom')));
    expect((await ready(failing)).reason).toContain('the model failed to load: boom');
    const bad = new ExplainHandler(fetcher({ s: { schema: 'x' }, m: manifestJson }));
    const e = await bad.handle(initRequest);
    expect(e.response).toEqual(
      jasmine.objectContaining({ type: 'error', code: 'model-load-failed' }),
    );
  });
});
