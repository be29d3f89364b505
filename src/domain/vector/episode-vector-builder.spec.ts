import { LevelFrame } from '../frame/level-frame';
import { sampleLevelFrame } from '../frame/sample-level-frame';
import { DctBasis } from './dct';
import { EpisodeVectorBuilder, signedLog1p, wallRatioLog } from './episode-vector-builder';
import { FEATURES, SECTIONS, featureIndex } from './feature-table';

/** A session of frames of one level whose per-frame series values encode the frame number. */
function frameAt(n: number, overrides: Partial<LevelFrame> = {}): LevelFrame {
  return sampleLevelFrame({
    seq: n,
    minutes_since_open: 15 + n * 0.5,
    distance_signed_atr: -2 + n * 0.01,
    tape_imbalance: n / 100,
    tape_velocity: n / 1000,
    ofi_60s: n * 10,
    barrier_delta_liq: -n * 3,
    wall_ratio: 1 + n / 10,
    gamma_exposure: 100 * n,
    ...overrides,
  });
}

function at(v: Float32Array, name: string): number {
  return v[featureIndex(name)];
}

describe('feature table', () => {
  it('has sections of 25/37/35/11/4/32 that tile 0…143', () => {
    expect(SECTIONS.map((s) => s.end - s.start + 1)).toEqual([25, 37, 35, 11, 4, 32]);
    expect(FEATURES.length).toBe(144);
    expect(new Set(FEATURES.map((f) => f.name)).size).toBe(144);
  });

  it('puts named features at the contract offsets', () => {
    const expected: [string, number][] = [
      ['minutes_since_open', 0],
      ['or_active', 3],
      ['dist_to_pm_high_atr', 7],
      ['dist_to_ema_20_atr', 12],
      ['gamma_exposure', 16],
      ['fuel_effect_encoded', 17],
      ['put_gex_below_2strike', 24],
      ['velocity_1min', 25],
      ['acceleration_1min', 31],
      ['jerk_1min', 37],
      ['momentum_trend_3min', 43],
      ['ofi_30s', 47],
      ['ofi_near_level_30s', 51],
      ['ofi_acceleration', 55],
      ['barrier_delta_1min', 56],
      ['approach_velocity', 59],
      ['approach_distance_atr', 61],
      ['micro_distance_signed_atr_t-4', 62],
      ['micro_distance_signed_atr_t0', 66],
      ['micro_tape_imbalance_t-4', 67],
      ['micro_gamma_exposure_t0', 96],
      ['predicted_accel', 97],
      ['flow_alignment', 107],
      ['barrier_replenishment_trend', 108],
      ['tape_imbalance_trend', 111],
      ['dct_distance_k0', 112],
      ['dct_ofi_60s_k0', 120],
      ['dct_barrier_delta_liq_log_k0', 128],
      ['dct_tape_imbalance_k7', 143],
    ];
    for (const [name, index] of expected) expect(featureIndex(name)).withContext(name).toBe(index);
  });
});

describe('EpisodeVectorBuilder', () => {
  it('copies frame fields to the features of the same name (sections A, B, E)', () => {
    const frame = sampleLevelFrame();
    const v = new EpisodeVectorBuilder().push(frame);
    expect(v.length).toBe(144);
    const fields: Readonly<Record<string, unknown>> = { ...frame };
    let compared = 0;
    FEATURES.forEach((f, i) => {
      if (i >= 62 && i <= 107) return;
      const value = fields[f.name];
      if (typeof value === 'number') {
        expect(v[i]).withContext(f.name).toBe(Math.fround(value));
        compared++;
      }
    });
    expect(compared).toBeGreaterThan(50);
  });

  it('encodes context values', () => {
    const v = new EpisodeVectorBuilder().push(
      sampleLevelFrame({
        minutes_since_open: 14.5,
        fuel_effect: 'DAMPEN',
        dist_to_or_low_atr: null,
      }),
    );
    expect(at(v, 'bars_since_open')).toBe(14);
    expect(at(v, 'or_active')).toBe(0);
    expect(at(v, 'fuel_effect_encoded')).toBe(-1);
    expect(at(v, 'dist_to_or_low_atr')).toBe(0);
    const later = new EpisodeVectorBuilder().push(
      sampleLevelFrame({ minutes_since_open: 15, fuel_effect: 'AMPLIFY' }),
    );
    expect(at(later, 'or_active')).toBe(1);
    expect(at(later, 'fuel_effect_encoded')).toBe(1);
  });

  it('computes the derived physics of §3', () => {
    const fr = sampleLevelFrame({
      direction: 'DOWN',
      barrier_state: 'ABSORPTION',
      sweep_detected: false,
    });
    const v = new EpisodeVectorBuilder().push(fr);
    const mass = Math.max(Math.abs(fr.barrier_delta_liq), 1);
    const force = 10 * fr.tape_imbalance + fr.ofi_60s / 100;
    const massProxy = Math.log(1 + Math.abs(fr.barrier_depth_current));
    expect(at(v, 'predicted_accel')).toBeCloseTo((0.01 * force) / mass, 7);
    expect(at(v, 'accel_residual')).toBeCloseTo(fr.acceleration_1min - (0.01 * force) / mass, 7);
    expect(at(v, 'force_mass_ratio')).toBeCloseTo(force / mass, 6);
    expect(at(v, 'mass_proxy')).toBeCloseTo(massProxy, 5);
    expect(at(v, 'force_proxy')).toBeCloseTo(fr.ofi_60s / (massProxy + 1e-6), 4);
    expect(at(v, 'barrier_state_encoded')).toBe(1);
    expect(at(v, 'sweep_detected')).toBe(0);
    expect(at(v, 'tape_log_ratio')).toBeCloseTo(
      Math.log((fr.tape_buy_vol + 1) / (fr.tape_sell_vol + 1)),
      6,
    );
    expect(at(v, 'tape_log_total')).toBeCloseTo(
      Math.log(fr.tape_buy_vol + fr.tape_sell_vol + 2),
      5,
    );
    expect(at(v, 'flow_alignment')).toBe(-fr.ofi_60s);
  });

  it('writes micro-history oldest first, feature-major', () => {
    const b = new EpisodeVectorBuilder();
    let v = new Float32Array(144);
    for (let n = 0; n < 8; n++) v = b.push(frameAt(n));
    // Last frame is n = 7, so slots t-4…t0 hold frames 3…7.
    const frames = [3, 4, 5, 6, 7];
    const lags = ['t-4', 't-3', 't-2', 't-1', 't0'];
    lags.forEach((lag, j) => {
      const n = frames[j];
      expect(at(v, `micro_distance_signed_atr_${lag}`)).toBe(Math.fround(-2 + n * 0.01));
      expect(at(v, `micro_tape_imbalance_${lag}`)).toBe(Math.fround(n / 100));
      expect(at(v, `micro_tape_velocity_${lag}`)).toBe(Math.fround(n / 1000));
      expect(at(v, `micro_ofi_60s_${lag}`)).toBe(n * 10);
      expect(at(v, `micro_barrier_delta_liq_log_${lag}`)).toBe(Math.fround(signedLog1p(-n * 3)));
      expect(at(v, `micro_wall_ratio_log_${lag}`)).toBe(Math.fround(wallRatioLog(1 + n / 10)));
      expect(at(v, `micro_gamma_exposure_${lag}`)).toBe(100 * n);
    });
  });

  it('pads a short micro-history by repeating the oldest frame', () => {
    const b = new EpisodeVectorBuilder();
    b.push(frameAt(1));
    const v = b.push(frameAt(2));
    expect(['t-4', 't-3', 't-2', 't-1', 't0'].map((l) => at(v, `micro_ofi_60s_${l}`))).toEqual([
      10, 10, 10, 10, 20,
    ]);
    const single = new EpisodeVectorBuilder().push(frameAt(5));
    expect(
      ['t-4', 't-3', 't-2', 't-1', 't0'].map((l) => at(single, `micro_gamma_exposure_${l}`)),
    ).toEqual([500, 500, 500, 500, 500]);
  });

  it('computes the trajectory basis over the last 40 frames, front-padded with the oldest', () => {
    const basis = new DctBasis(40, 8);
    const b = new EpisodeVectorBuilder();
    let v = new Float32Array(144);
    for (let n = 0; n < 10; n++) v = b.push(frameAt(n));
    const padded = Array.from({ length: 40 }, (_, i) => Math.max(0, i - 30) * 10);
    const expected = basis.transform(padded);
    for (let k = 0; k < 8; k++) expect(at(v, `dct_ofi_60s_k${k}`)).toBeCloseTo(expected[k], 3);

    for (let n = 10; n < 50; n++) v = b.push(frameAt(n));
    const full = basis.transform(Array.from({ length: 40 }, (_, i) => (10 + i) / 100));
    for (let k = 0; k < 8; k++) expect(at(v, `dct_tape_imbalance_k${k}`)).toBeCloseTo(full[k], 5);
    const dist = basis.transform(Array.from({ length: 40 }, (_, i) => -2 + (10 + i) * 0.01));
    for (let k = 0; k < 8; k++) expect(at(v, `dct_distance_k${k}`)).toBeCloseTo(dist[k], 5);
    const bdl = basis.transform(Array.from({ length: 40 }, (_, i) => signedLog1p(-(10 + i) * 3)));
    for (let k = 0; k < 8; k++)
      expect(at(v, `dct_barrier_delta_liq_log_k${k}`)).toBeCloseTo(bdl[k], 4);
  });

  it('keeps levels apart and resets on a new session', () => {
    const b = new EpisodeVectorBuilder();
    b.push(frameAt(1, { level_kind: 'PM_HIGH' }));
    b.push(frameAt(1, { level_kind: 'PM_LOW', ofi_60s: 999 }));
    const v = b.push(frameAt(2, { level_kind: 'PM_HIGH' }));
    expect(at(v, 'micro_ofi_60s_t-1')).toBe(10);
    expect(b.historyLength('PM_HIGH')).toBe(2);
    expect(b.historyLength('PM_LOW')).toBe(1);
    const next = b.push(frameAt(3, { level_kind: 'PM_HIGH', session_date: '2025-11-04' }));
    expect(b.historyLength('PM_HIGH')).toBe(1);
    expect(b.historyLength('PM_LOW')).toBe(0);
    expect(at(next, 'micro_ofi_60s_t-1')).toBe(30);
  });

  it('replaces a re-sent frame and restarts on time going backwards', () => {
    const b = new EpisodeVectorBuilder();
    b.push(frameAt(1));
    b.push(frameAt(2));
    const v = b.push(frameAt(2, { ofi_60s: 77 }));
    expect(b.historyLength('OR_HIGH')).toBe(2);
    expect(at(v, 'micro_ofi_60s_t0')).toBe(77);
    expect(at(v, 'micro_ofi_60s_t-1')).toBe(10);
    b.push(frameAt(0));
    expect(b.historyLength('OR_HIGH')).toBe(1);
  });

  it('does not keep inactive frames in the history', () => {
    const b = new EpisodeVectorBuilder();
    b.push(frameAt(1, { level_active: false }));
    b.push(frameAt(2, { level_active: false }));
    expect(b.historyLength('OR_HIGH')).toBe(0);
    const v = b.push(frameAt(3));
    expect(at(v, 'micro_ofi_60s_t-1')).toBe(30);
  });

  it('writes into a caller-supplied array', () => {
    const out = new Float32Array(144);
    const v = new EpisodeVectorBuilder().push(sampleLevelFrame(), out);
    expect(v).toBe(out);
    expect(() =>
      new EpisodeVectorBuilder().push(sampleLevelFrame(), new Float32Array(10)),
    ).toThrowError(RangeError);
  });
});
