import type { LevelFrame } from '../frame/level-frame';
import { sampleLevelFrame } from '../frame/sample-level-frame';
import { defaultSettings } from '../settings/analyst-settings';
import { defaultManifestContent } from '../vector/feature-manifest';
import { ExplanationEngine, decisionRulesFromSettings } from './explanation-engine';
import { HistoricalStats, StratumStats, stratumKey } from './historical-stats';
import { percentileOf } from './percentile';
import { SPEC_LEVELS, rampStratum } from './testing/hand-made-stats';

const manifest = defaultManifestContent();
const D = 144;

/** A smooth model of a few features (so several drivers get an edge). */
function model(rows: Float32Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows.subarray(i * D, (i + 1) * D);
    const z =
      (0.8 * r[107]) / 100 - 1.5 * Math.abs(r[61]) + 0.3 * r[14] + 0.002 * r[0] + 2 * r[71] - 0.2;
    out[i] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

function background(seed: number, n = 16): Float32Array {
  const bg = new Float32Array(n * D);
  let s = seed;
  for (let k = 0; k < bg.length; k++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    bg[k] = (s / 2147483648 - 0.5) * 4;
  }
  return bg;
}

const tapeQuantiles = [-1, -0.9, -0.4, 0, 0.4, 0.9, 1];
function statsWith(
  own: Partial<Parameters<typeof rampStratum>[0]> | null,
  pooledBreakRate = 0.44,
): HistoricalStats {
  const strata = new Map<string, StratumStats>();
  if (own !== null) {
    strata.set(
      stratumKey('OR_HIGH', 'T30_60'),
      rampStratum({
        levelKind: 'OR_HIGH',
        bucket: 'T30_60',
        lo: -1e6,
        hi: 1e6,
        background: background(3),
        drivers: new Map([['Tape Aggression', tapeQuantiles]]),
        breakRate: 0.47,
        bands: [{ lo: 0, hi: 1, n: 500, accuracy: 0.66 }],
        ...own,
      }),
    );
  }
  return {
    dimension: D,
    strata,
    pooled: rampStratum({
      lo: -1e6,
      hi: 1e6,
      background: background(9),
      breakRate: pooledBreakRate,
    }),
  };
}

function frames(n: number, overrides: Partial<LevelFrame> = {}): LevelFrame[] {
  return Array.from({ length: n }, (_, k) =>
    sampleLevelFrame({
      seq: k + 1,
      minutes_since_open: 40 + k * 0.5,
      ts: new Date(Date.parse('2025-11-03T15:10:00.000Z') + k * 30_000).toISOString(),
      tape_imbalance: 0.4,
      ...overrides,
    }),
  );
}

function run(engine: ExplanationEngine, fs: LevelFrame[]) {
  let last = null;
  for (const f of fs) {
    const prepared = engine.prepare([f]);
    last = engine.complete(prepared, {
      outputs: model(prepared.rows, prepared.nRows),
      modelMs: 1.5,
    });
  }
  if (last === null) throw new Error('no frames');
  return last;
}

describe('ExplanationEngine', () => {
  it('explains an in-zone frame: p_break = f(x), base rate from the stratum background, strengths from its quantiles', () => {
    const warnings: string[] = [];
    const engine = new ExplanationEngine({
      manifest,
      stats: statsWith({}),
      log: (_l, m) => warnings.push(m),
    });
    const { signals, timings } = run(engine, frames(3));
    expect(signals.length).toBe(1);
    const s = signals[0];
    expect(s.type).toBe('level_signal');
    expect(s.level).toEqual({ kind: 'OR_HIGH', price: 6012.25, direction: 'UP', distance_atr: 1 });
    const bg = model(background(3), 16);
    expect(s.prediction.base_rate).toBeCloseTo(bg.reduce((a, b) => a + b, 0) / 16, 12);
    expect(s.prediction.edge).toBeCloseTo(s.prediction.p_break - s.prediction.base_rate, 15);
    expect(s.prediction.method).toBe('model');
    expect(s.empirical_break_rate).toBe(0.47);
    const all = [...s.drivers.break, ...s.drivers.reject];
    expect(all.reduce((a, d) => a + d.edge, 0)).toBeCloseTo(s.prediction.edge, 12);
    // Tape Aggression reads tape_imbalance·dir_sign = 0.4 → its percentile in the stratum's table
    const tape = all.find((d) => d.name === 'Tape Aggression');
    const expected = percentileOf(Math.fround(0.4), SPEC_LEVELS, tapeQuantiles); // the vector is float32
    expect(expected).toBeCloseTo(75, 5);
    expect(tape?.strength).toBeCloseTo(expected, 12);
    expect(tape?.description).toBe('Buyers lifting offers at the level (top 25%)');
    expect(tape?.edge).toBeGreaterThan(0);
    // a driver without history: strength 50 and a warning
    expect(
      warnings.some((w) => w.includes('no history for the reading of "Order Flow"')),
    ).toBeTrue();
    expect(s.context).toEqual(
      jasmine.objectContaining({
        time_bucket: 'T30_60',
        time_bucket_label: 'Peak Breakout Window',
      }),
    );
    expect(s.timings?.model_ms).toBe(1.5);
    expect(timings.model_ms).toBe(1.5);
    expect(s.section_contributions?.map((c) => c.section)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('decides against the active threshold of the settings', () => {
    const settings = defaultSettings();
    const low = { ...settings, globalThreshold: 0 };
    const high = { ...settings, globalThreshold: 1 };
    const a = run(
      new ExplanationEngine({
        manifest,
        stats: statsWith({}),
        rules: decisionRulesFromSettings(low),
      }),
      frames(2),
    );
    const b = run(
      new ExplanationEngine({
        manifest,
        stats: statsWith({}),
        rules: decisionRulesFromSettings(high),
      }),
      frames(2),
    );
    expect(a.signals[0].decision).toBe('BREAK');
    expect(a.signals[0].threshold).toBe(0);
    expect(b.signals[0].decision).toBe('REJECT');
    const perBucket = {
      ...settings,
      timeAdjusted: true,
      perBucket: { ...settings.perBucket, T30_60: { enabled: true, threshold: 0.99 } },
    };
    const c = run(
      new ExplanationEngine({
        manifest,
        stats: statsWith({}),
        rules: decisionRulesFromSettings(perBucket),
      }),
      frames(2),
    );
    expect(c.signals[0].threshold).toBe(0.99);
  });

  it('falls back to the pooled background with a warning when the stratum has none', () => {
    const warnings: string[] = [];
    const engine = new ExplanationEngine({
      manifest,
      stats: statsWith({ background: new Float32Array(0) }),
      log: (_l, m) => warnings.push(m),
    });
    const s = run(engine, frames(2)).signals[0];
    const bg = model(background(9), 16);
    expect(s.prediction.base_rate).toBeCloseTo(bg.reduce((a, b) => a + b, 0) / 16, 12);
    expect(s.empirical_break_rate).toBe(0.47);
    expect(warnings.some((w) => w.includes('pooled background'))).toBeTrue();
  });

  it('lowers confidence to LOW for an input outside the historical range', () => {
    const inRange = run(
      new ExplanationEngine({ manifest, stats: statsWith({}), fold: { minEdge: 1 } }),
      frames(2),
    ).signals[0];
    expect(inRange.prediction.confidence).toBe('HIGH');
    const narrow = statsWith({ lo: -1, hi: 1 });
    const out = run(
      new ExplanationEngine({ manifest, stats: narrow, fold: { minEdge: 1 } }),
      frames(2),
    ).signals[0];
    expect(out.prediction.confidence).toBe('LOW');
    expect(out.prediction.confidence_reasons?.[0]).toContain('outside the historical range');
  });

  it('gives no signal for frames outside the zone or of inactive levels, but keeps their history', () => {
    const engine = new ExplanationEngine({ manifest, stats: statsWith({}) });
    const far = frames(2, { distance_signed_atr: -3 });
    const r = run(engine, far);
    expect(r.signals).toEqual([]);
    const inactive = engine.prepare([
      sampleLevelFrame({ seq: 10, level_active: false, minutes_since_open: 41.5 }),
    ]);
    expect(inactive.levels.length).toBe(0);
  });

  it('runs the background rows once per stratum and model: later ticks reuse their outputs, same signals', () => {
    const fs = frames(4);
    const cached = new ExplanationEngine({ manifest, stats: statsWith({}) });
    const plain = new ExplanationEngine({ manifest, stats: statsWith({}), cacheBackgroundOutputs: false });
    const rows: number[] = [];
    fs.forEach((f, k) => {
      const p1 = cached.prepare([f]);
      const p2 = plain.prepare([f]);
      rows.push(p1.nRows);
      // x once for the driver and the section plan; the 16 background rows once, then never
      expect(p1.nRows).toBe(p1.batch!.plans.reduce((n, p) => n + p.nRows, 0) - 1 - 16 * (k === 0 ? 1 : 2));
      expect(p2.nRows).toBe(p2.batch!.plans.reduce((n, p) => n + p.nRows, 0) - 1 - 16);
      const s1 = cached.complete(p1, { outputs: model(p1.rows, p1.nRows) }).signals[0];
      const s2 = plain.complete(p2, { outputs: model(p2.rows, p2.nRows) }).signals[0];
      expect(s1.prediction).toEqual(s2.prediction);
      expect(s1.drivers).toEqual(s2.drivers);
      expect(s1.section_contributions).toEqual(s2.section_contributions);
      const sections = s1.section_contributions ?? [];
      expect(sections.reduce((a, c) => a + c.edge, 0)).toBeCloseTo(s1.prediction.edge, 12);
    });
    // the batch rows live in memory the engine reuses from tick to tick
    const a = cached.prepare(frames(1, { seq: 10, minutes_since_open: 43 }));
    const buffer = a.rows.buffer;
    cached.complete(a, { outputs: model(a.rows, a.nRows) });
    const b = cached.prepare(frames(1, { seq: 11, minutes_since_open: 43.5 }));
    expect(b.rows.buffer).toBe(buffer);
    cached.complete(b, { outputs: model(b.rows, b.nRows) });
    // a new model: the background rows are run again
    cached.forgetModelOutputs();
    const again = cached.prepare(frames(1, { seq: 20, minutes_since_open: 44 }));
    expect(again.nRows).toBe(again.batch!.plans.reduce((n, p) => n + p.nRows, 0) - 1 - 16);
    // outputs of a tick planned before the change are not kept
    const stale = cached.prepare(frames(1, { seq: 21, minutes_since_open: 44.5 }));
    cached.forgetModelOutputs();
    cached.complete(stale, { outputs: model(stale.rows, stale.nRows) });
    const next = cached.prepare(frames(1, { seq: 22, minutes_since_open: 45 }));
    expect(next.nRows).toBe(next.batch!.plans.reduce((n, p) => n + p.nRows, 0) - 1 - 16);
  });

  it('observe takes frames into the history without model work: later signals are the same', () => {
    const fs = frames(5);
    const explained = new ExplanationEngine({ manifest, stats: statsWith({}) });
    const observed = new ExplanationEngine({ manifest, stats: statsWith({}) });
    run(explained, fs.slice(0, 4));
    const taken = observed.observe([...fs.slice(0, 4), { seq: 'x' }]);
    expect(taken.framesSeen).toBe(5);
    expect(taken.accepted).toBe(4);
    expect(taken.inZone).toBe(4);
    expect(taken.rejected.count).toBe(1);
    expect(observed.observe([fs[1]]).rejected.reasons['seq: not increasing']).toBe(1);
    const a = run(explained, [fs[4]]).signals[0];
    const b = run(observed, [fs[4]]).signals[0];
    expect(b).toEqual(a);
  });

  it('uses the stratum empirical rate when planned without the model', () => {
    const engine = new ExplanationEngine({ manifest, stats: statsWith({}) });
    const prepared = engine.prepare(frames(1), { model: false });
    const s = engine.complete(prepared, { reason: 'model not loaded' }).signals[0];
    expect(s.prediction).toEqual(
      jasmine.objectContaining({
        p_break: 0.47,
        p_reject: 0.53,
        base_rate: 0.47,
        edge: 0,
        confidence: 'LOW',
        method: 'base_rate',
        method_reason: 'model not loaded',
      }),
    );
    expect(s.decision).toBe('REJECT');
    const pooledOnly = new ExplanationEngine({ manifest, stats: statsWith(null, 0.41) });
    const p2 = pooledOnly.prepare(frames(1), { model: false });
    expect(pooledOnly.complete(p2, { reason: 'x' }).signals[0].prediction.p_break).toBe(0.41);
  });
});
