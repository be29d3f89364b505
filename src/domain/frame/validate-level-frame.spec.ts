import { LEVEL_FRAME_FIELD_NAMES } from './level-frame-fields';
import { sampleLevelFrame } from './sample-level-frame';
import { FieldError, validateLevelFrame } from './validate-level-frame';

function withField(field: string, value: unknown): Record<string, unknown> {
  return { ...sampleLevelFrame(), [field]: value };
}
function without(field: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...sampleLevelFrame() };
  delete copy[field];
  return copy;
}
function errorsOf(input: unknown): readonly FieldError[] {
  const r = validateLevelFrame(input);
  return r.ok ? [] : r.errors;
}
function expectRejected(input: unknown, field: string, reasonPart: string): void {
  const errors = errorsOf(input);
  const hit = errors.find((e) => e.field === field);
  expect(hit)
    .withContext(`${field}: ${JSON.stringify(errors)}`)
    .toBeDefined();
  expect(hit?.reason).toContain(reasonPart);
}

describe('LEVEL_FRAME_FIELDS', () => {
  it('has exactly the fields of LevelFrame', () => {
    // sampleLevelFrame() is an object literal typed LevelFrame: its keys are the interface's.
    const names: string[] = [...LEVEL_FRAME_FIELD_NAMES];
    expect(names.sort()).toEqual(Object.keys(sampleLevelFrame()).sort());
  });
});

describe('validateLevelFrame', () => {
  it('accepts a good frame and returns it', () => {
    const frame = sampleLevelFrame();
    const r = validateLevelFrame(JSON.parse(JSON.stringify(frame)));
    expect(r.ok).toBeTrue();
    if (r.ok) {
      expect(r.frame).toEqual(frame);
      expect(r.unknownKeys).toEqual([]);
    }
  });

  it('rejects non-objects', () => {
    for (const bad of [null, 3, 'x', [], undefined]) {
      expect(errorsOf(bad).length).withContext(String(bad)).toBe(1);
      expect(errorsOf(bad)[0].field).toBe('');
    }
  });

  it('reports every missing field, not just the first', () => {
    const errors = errorsOf({});
    expect(errors.map((e) => e.field).sort()).toEqual([...LEVEL_FRAME_FIELD_NAMES].sort());
    expect(errors.every((e) => e.reason === 'missing')).toBeTrue();
  });

  it('collects several errors at once', () => {
    const errors = errorsOf({
      ...sampleLevelFrame(),
      atr: 0,
      direction: 'SIDEWAYS',
      sweep_detected: 1,
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['atr', 'direction', 'sweep_detected']);
    expect(errors.find((e) => e.field === 'atr')?.value).toBe(0);
  });

  it('reports a missing field by name', () => {
    expectRejected(without('ofi_60s'), 'ofi_60s', 'missing');
  });

  it('rejects wrong types', () => {
    expectRejected(withField('spot', '6000'), 'spot', 'must be a number');
    expectRejected(withField('level_active', 'true'), 'level_active', 'boolean');
    expectRejected(withField('ts', 1_700_000_000_000), 'ts', 'string');
    expectRejected(withField('level_kind', 3), 'level_kind', 'one of');
  });

  it('rejects non-finite numbers', () => {
    expectRejected(withField('velocity_1min', Number.NaN), 'velocity_1min', 'finite');
    expectRejected(withField('ofi_300s', Number.POSITIVE_INFINITY), 'ofi_300s', 'finite');
  });

  it('allows null only where the type allows it', () => {
    expect(validateLevelFrame(withField('dist_to_pm_high_atr', null)).ok).toBeTrue();
    expectRejected(
      withField('distance_signed_atr', null),
      'distance_signed_atr',
      'must not be null',
    );
    expectRejected(withField('gamma_exposure', null), 'gamma_exposure', 'must not be null');
    expectRejected(withField('dist_to_or_low_atr', 'n/a'), 'dist_to_or_low_atr', 'or null');
  });

  it('rejects values outside enums', () => {
    expectRejected(withField('level_kind', 'VWAP'), 'level_kind', 'one of');
    expectRejected(withField('direction', 'up'), 'direction', 'one of');
    expectRejected(withField('barrier_state', 'STRONG'), 'barrier_state', 'one of');
    expectRejected(withField('fuel_effect', 'BOOST'), 'fuel_effect', 'one of');
  });

  it('checks the schema tag, timestamp and date formats', () => {
    expectRejected(withField('schema', 'level-frame/2'), 'schema', '"level-frame/1"');
    expectRejected(withField('ts', '2025-11-03 15:15:30'), 'ts', 'ISO-8601');
    expectRejected(withField('ts', '2025-11-03T15:15:30+01:00'), 'ts', 'ISO-8601');
    expectRejected(withField('ts', '2025-13-03T15:15:30Z'), 'ts', 'ISO-8601');
    expect(validateLevelFrame(withField('ts', '2025-11-03T15:15:30Z')).ok).toBeTrue();
    expectRejected(withField('session_date', '2025-02-30'), 'session_date', 'YYYY-MM-DD');
    expectRejected(withField('session_date', '20251103'), 'session_date', 'YYYY-MM-DD');
    expect(validateLevelFrame(withField('session_date', '2024-02-29')).ok).toBeTrue();
  });

  it('checks integers and lower bounds', () => {
    expectRejected(withField('seq', -1), 'seq', '≥ 0');
    expectRejected(withField('seq', 1.5), 'seq', 'integer');
    expectRejected(withField('prior_touches', 2.5), 'prior_touches', 'integer');
    expectRejected(withField('level_stacking_5pt', -1), 'level_stacking_5pt', '≥ 0');
    expectRejected(withField('tape_buy_vol', -3), 'tape_buy_vol', '≥ 0');
    expectRejected(withField('barrier_depth_current', -1), 'barrier_depth_current', '≥ 0');
    expectRejected(withField('atr', 0), 'atr', '> 0');
    expectRejected(withField('atr', -2), 'atr', '> 0');
  });

  it('checks bounded ranges', () => {
    expectRejected(withField('minutes_since_open', 180.5), 'minutes_since_open', '≤ 180');
    expectRejected(withField('minutes_since_open', -0.5), 'minutes_since_open', '≥ 0');
    expect(validateLevelFrame(withField('minutes_since_open', 180)).ok).toBeTrue();
    expectRejected(withField('tape_imbalance', 1.01), 'tape_imbalance', '≤ 1');
    expectRejected(withField('gex_ratio', -1.2), 'gex_ratio', '≥ -1');
    expectRejected(withField('momentum_trend_5min', 2), 'momentum_trend_5min', '≤ 1');
  });

  it('tolerates and reports unknown keys', () => {
    const r = validateLevelFrame({ ...sampleLevelFrame(), vendor_note: 'x', extra: 1 });
    expect(r.ok).toBeTrue();
    if (r.ok) expect([...r.unknownKeys].sort()).toEqual(['extra', 'vendor_note']);
  });
});
