import { evaluateReading, parseReadingExpr } from './driver-reading';
import {
  FEATURE_MANIFEST_SCHEMA,
  defaultManifestContent,
  manifestHash,
  parseFeatureManifest,
} from './feature-manifest';
import { featureIndex } from './feature-table';
import { DEFAULT_DRIVERS } from './default-drivers';
import { sha256Hex } from './sha256';

const DRIVER_NAMES = [
  'Very Close Approach',
  'Clean Setup',
  'Approach Momentum',
  'Order Flow',
  'Flow Acceleration',
  'Tape Aggression',
  'Barrier Weakness',
  'Dealer Short Gamma',
  'Gamma Walls',
  'Level Confluence',
  'Touch History',
  'Session Timing',
  'Volatility Regime',
  'Force Balance',
  'Persistence Trends',
];

function defaultManifest(): Record<string, unknown> {
  const content = defaultManifestContent();
  return JSON.parse(JSON.stringify({ ...content, hash: manifestHash(content) }));
}

function errorsOf(input: unknown, verifyHash = false): readonly string[] {
  const r = parseFeatureManifest(input, { verifyHash });
  return r.ok ? [] : r.errors;
}

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1000))).toBe(
      '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3',
    );
    expect(sha256Hex('é€😀')).toBe(
      'df9226927fd572c1ee66eec85de1bb139497614899f36e4e90474cb71f6ef9d0',
    );
  });
});

describe('default drivers', () => {
  it('are the 15 drivers of the contract and partition the 144 features', () => {
    expect(DEFAULT_DRIVERS.map((d) => d.name)).toEqual(DRIVER_NAMES);
    const owners = new Array<number>(144).fill(0);
    for (const d of DEFAULT_DRIVERS)
      for (const [a, b] of d.ranges) for (let i = a; i <= b; i++) owners[i]++;
    expect(owners.every((n) => n === 1))
      .withContext(JSON.stringify(owners))
      .toBeTrue();
  });

  it('have readings that survive a JSON round trip through the parser', () => {
    for (const d of DEFAULT_DRIVERS) {
      const parsed = parseReadingExpr(JSON.parse(JSON.stringify(d.reading)), d.name, 144);
      expect(parsed).withContext(d.name).toEqual(d.reading);
    }
    expect(parseReadingExpr({ kind: 'log' }, 'r', 144)).toEqual({
      error: 'r.kind: unknown reading kind "log"',
    });
    expect('error' in parseReadingExpr({ kind: 'sum', args: [] }, 'r', 144)).toBeTrue();
  });

  it('read the contract quantities', () => {
    const v = new Float32Array(144);
    v[featureIndex('micro_distance_signed_atr_t0')] = -0.4;
    v[featureIndex('approach_velocity')] = 1.5;
    v[featureIndex('ofi_acceleration')] = 2;
    v[featureIndex('micro_tape_imbalance_t0')] = 0.3;
    v[featureIndex('gamma_exposure')] = -500;
    v[featureIndex('gex_above_1strike')] = 7;
    v[featureIndex('gex_below_1strike')] = 9;
    const reading = (name: string, dir: 'UP' | 'DOWN') => {
      const d = DEFAULT_DRIVERS.find((x) => x.name === name);
      if (d === undefined) throw new Error(name);
      return evaluateReading(d.reading, v, dir);
    };
    expect(reading('Very Close Approach', 'UP')).toBeCloseTo(-0.4, 6);
    expect(reading('Approach Momentum', 'UP')).toBe(1.5);
    expect(reading('Flow Acceleration', 'DOWN')).toBe(-2);
    expect(reading('Tape Aggression', 'DOWN')).toBeCloseTo(-0.3, 6);
    expect(reading('Dealer Short Gamma', 'UP')).toBe(500);
    expect(reading('Gamma Walls', 'UP')).toBe(7);
    expect(reading('Gamma Walls', 'DOWN')).toBe(9);
  });

  it('score a straight path as cleaner than a zig-zag (Clean Setup)', () => {
    const clean = DEFAULT_DRIVERS.find((d) => d.name === 'Clean Setup');
    if (clean === undefined) throw new Error('missing');
    const v = new Float32Array(144);
    v[featureIndex('dct_distance_k1')] = -3;
    v[featureIndex('dct_distance_k3')] = -0.1;
    const straight = evaluateReading(clean.reading, v, 'UP');
    v[featureIndex('dct_distance_k6')] = 2;
    const choppy = evaluateReading(clean.reading, v, 'UP');
    expect(straight).toBeGreaterThan(0.95);
    expect(choppy).toBeLessThan(straight);
  });
});

describe('parseFeatureManifest', () => {
  it('accepts the default manifest and verifies its hash', () => {
    const r = parseFeatureManifest(defaultManifest(), { verifyHash: true });
    expect(r.ok).withContext(JSON.stringify(r)).toBeTrue();
    if (r.ok) {
      expect(r.manifest.schema).toBe(FEATURE_MANIFEST_SCHEMA);
      expect(r.manifest.features[featureIndex('velocity_1min')].driver).toBe('Approach Momentum');
      expect(r.manifest.features[119].driver).toBe('Clean Setup');
      expect(r.manifest.features[112].driver).toBe('Very Close Approach');
    }
  });

  it('rejects a content change that the hash does not cover', () => {
    const m = defaultManifest();
    const drivers = m['drivers'];
    if (!Array.isArray(drivers)) throw new Error('drivers');
    drivers[0] = { ...drivers[0], description: 'edited' };
    expect(errorsOf(m, true).join()).toContain('hash');
    expect(errorsOf(m, false)).toEqual([]);
  });

  it('rejects a missing or duplicated index', () => {
    const m = defaultManifest();
    const features = m['features'];
    if (!Array.isArray(features)) throw new Error('features');
    features[5] = { ...features[5], index: 4 };
    expect(errorsOf(m).join()).toContain('features[5].index');
    features.pop();
    expect(errorsOf(m).join()).toContain('array of 144');
  });

  it('rejects an unknown driver, a driver without features and duplicate names', () => {
    const m = defaultManifest();
    const features = m['features'];
    if (!Array.isArray(features)) throw new Error('features');
    features[2] = { ...features[2], driver: 'Mystery' };
    features[3] = { ...features[3], name: 'atr' };
    const errors = errorsOf(m).join('\n');
    expect(errors).toContain('unknown driver "Mystery"');
    expect(errors).toContain('driver "Volatility Regime" has no feature');
    expect(errors).toContain('duplicate "atr"');
  });

  it('rejects malformed readings and sections', () => {
    const m = defaultManifest();
    const drivers = m['drivers'];
    if (!Array.isArray(drivers)) throw new Error('drivers');
    drivers[1] = { ...drivers[1], reading: { kind: 'feature', index: 144 } };
    m['sections'] = [];
    const errors = errorsOf(m).join('\n');
    expect(errors).toContain('drivers[1].reading.index');
    expect(errors).toContain('sections');
  });
});
