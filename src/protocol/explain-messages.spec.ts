import {
  parseExplainRequest,
  parseExplainResponse,
  describeExplainMessage,
} from './explain-messages';

const rules = {
  thresholds: { T0_15: 0.5, T15_30: 0.5, T30_60: 0.45, T60_120: 0.5, T120_180: 0.55 },
  cutoffs: { veryHigh: 0.7, high: 0.62, moderate: 0.55 },
};

describe('explain messages', () => {
  it('leaves other request types to the inference handler', () => {
    expect(parseExplainRequest({ type: 'predict', requestId: 1 })).toBeNull();
    expect(parseExplainRequest('x')).toBeNull();
  });

  it('reads explain-init and explain, with or without rules', () => {
    const init = parseExplainRequest({
      type: 'explain-init',
      requestId: 3,
      statsUrl: 's',
      featureManifestUrl: 'm',
      interactionsUrl: null,
      goldenUrl: 'g',
    });
    expect(init?.ok).toBeTrue();
    const e = parseExplainRequest({ type: 'explain', requestId: 4, frames: [{}, 1], rules });
    expect(e?.ok && e.value.type === 'explain' ? e.value.rules?.thresholds.T30_60 : null).toBe(
      0.45,
    );
    expect(parseExplainRequest({ type: 'explain', requestId: 4, frames: [] })?.ok).toBeTrue();
  });

  it('refuses malformed requests with a reason', () => {
    const bad = (v: unknown): string => {
      const r = parseExplainRequest(v);
      return r !== null && !r.ok ? r.error : 'accepted';
    };
    expect(bad({ type: 'explain', requestId: -1, frames: [] })).toContain('requestId');
    expect(bad({ type: 'explain', requestId: 1, frames: 'x' })).toContain('frames');
    expect(
      bad({
        type: 'explain',
        requestId: 1,
        frames: [],
        rules: { ...rules, thresholds: { ...rules.thresholds, T0_15: 2 } },
      }),
    ).toContain('T0_15');
    expect(bad({ type: 'explain-init', requestId: 1, statsUrl: 's' })).toContain(
      'featureManifestUrl',
    );
  });

  it('checks level_signals replies, including every signal', () => {
    const reply = {
      type: 'level_signals',
      requestId: 9,
      signals: [],
      method: 'base_rate',
      reason: 'no model',
      rejected: { count: 1, reasons: { 'atr: must be > 0': 1 } },
      rows: 0,
      timings: { modelMs: 0, attributionMs: 0.4, totalMs: 0.5 },
      warnings: [],
    };
    const ok = parseExplainResponse(reply);
    expect(ok?.ok).toBeTrue();
    if (ok?.ok)
      expect(describeExplainMessage(ok.value)).toBe('level_signals #9 0 signals (base_rate)');
    const badSignal = parseExplainResponse({ ...reply, signals: [{ type: 'level_signal' }] });
    expect(badSignal?.ok).toBeFalse();
    expect(parseExplainResponse({ type: 'prediction', requestId: 1 })).toBeNull();
  });

  it('reads explain-reset and catch-up requests', () => {
    const reset = parseExplainRequest({ type: 'explain-reset', requestId: 2 });
    expect(reset?.ok && reset.value).toEqual({ type: 'explain-reset', requestId: 2 });
    const c = parseExplainRequest({
      type: 'catch-up',
      requestId: 3,
      ticks: [[{}], [], [1, 2]],
      predict: true,
    });
    expect(c?.ok && c.value.type === 'catch-up' ? c.value.ticks.length : -1).toBe(3);
    if (c?.ok) expect(describeExplainMessage(c.value)).toBe('catch-up #3 3 ticks (p_break)');
    const bad = (v: unknown): string => {
      const r = parseExplainRequest(v);
      return r !== null && !r.ok ? r.error : 'accepted';
    };
    expect(bad({ type: 'explain-reset', requestId: 'x' })).toContain('requestId');
    expect(bad({ type: 'catch-up', requestId: 1, ticks: [{}], predict: true })).toContain(
      'arrays of frames',
    );
    expect(bad({ type: 'catch-up', requestId: 1, ticks: [] })).toContain('predict');
  });

  it('checks explain-reset-done and level_predictions replies', () => {
    expect(parseExplainResponse({ type: 'explain-reset-done', requestId: 4 })).toEqual({
      ok: true,
      value: { type: 'explain-reset-done', requestId: 4 },
    });
    const prediction = {
      kind: 'OR_HIGH',
      timestamp: '2025-11-03T15:10:30.000Z',
      p_break: 0.61,
      time_bucket: 'T30_60',
    } as const;
    const reply = {
      type: 'level_predictions',
      requestId: 5,
      predictions: [prediction],
      method: 'model',
      reason: null,
      ticks: 3,
      rejected: { count: 0, reasons: {} },
      rows: 1,
      timings: { modelMs: 0.2, totalMs: 0.9 },
      warnings: [],
    };
    const ok = parseExplainResponse(reply);
    expect(ok?.ok && ok.value.type === 'level_predictions' ? ok.value.predictions : []).toEqual([
      prediction,
    ]);
    if (ok?.ok)
      expect(describeExplainMessage(ok.value)).toBe('level_predictions #5 1 predictions (model)');
    const withBad = (p: Record<string, unknown>): boolean | undefined =>
      parseExplainResponse({ ...reply, predictions: [{ ...prediction, ...p }] })?.ok;
    expect(withBad({ kind: 'VWAP' })).toBeFalse();
    expect(withBad({ p_break: 1.5 })).toBeFalse();
    expect(withBad({ time_bucket: 'T0' })).toBeFalse();
    expect(withBad({ timestamp: 'yesterday' })).toBeFalse();
    expect(parseExplainResponse({ ...reply, ticks: -1 })?.ok).toBeFalse();
    expect(parseExplainResponse({ ...reply, timings: { modelMs: 1 } })?.ok).toBeFalse();
  });
});
