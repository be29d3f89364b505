import { defaultManifestContent } from '../vector/feature-manifest';
import { evaluateCombos, type ComboDefinition } from './combos';
import { parseFeatureInteractions } from './parse-feature-interactions';
import { rampStratum } from './testing/hand-made-stats';

describe('evaluateCombos', () => {
  // feature quantiles ramp 0…10: the 75th percentile of every feature is 7.5
  const drivers = new Map([['Tape Aggression', [-1, -0.98, -0.5, 0, 0.5, 0.98, 1]]]);
  const stratum = rampStratum({ lo: 0, hi: 10, drivers });
  const combos: ComboDefinition[] = [
    {
      key: 'f3_x_f5',
      description: 'Close + Clean Setup',
      members: [
        { kind: 'feature', index: 3, name: 'f3' },
        { kind: 'feature', index: 5, name: 'f5' },
      ],
      edge: 0.12,
    },
    {
      key: 'tape_x_f5',
      description: 'Tape meets flow',
      members: [
        {
          kind: 'driver',
          name: 'Tape Aggression',
          reading: { kind: 'product', args: [{ kind: 'feature', index: 7 }, { kind: 'dir_sign' }] },
        },
        { kind: 'feature', index: 5, name: 'f5' },
      ],
      edge: 0.05,
    },
  ];
  const x = (values: Record<number, number>): Float32Array => {
    const v = new Float32Array(144);
    for (const [k, val] of Object.entries(values)) v[Number(k)] = val;
    return v;
  };

  it('is active only when both members are above their 75th percentile in the stratum', () => {
    const both = evaluateCombos(combos, x({ 3: 8, 5: 9 }), 'UP', stratum);
    expect(both.find((c) => c.description === 'Close + Clean Setup')?.active).toBeTrue();
    const one = evaluateCombos(combos, x({ 3: 8, 5: 7 }), 'UP', stratum);
    expect(one.find((c) => c.description === 'Close + Clean Setup')?.active).toBeFalse();
    const atThreshold = evaluateCombos(combos, x({ 3: 7.5, 5: 9 }), 'UP', stratum);
    expect(atThreshold.find((c) => c.description === 'Close + Clean Setup')?.active).toBeFalse();
  });

  it('reads driver members through their direction-aware reading', () => {
    const up = evaluateCombos(combos, x({ 7: 0.8, 5: 9 }), 'UP', stratum);
    expect(up.find((c) => c.description === 'Tape meets flow')?.active).toBeTrue();
    const down = evaluateCombos(combos, x({ 7: 0.8, 5: 9 }), 'DOWN', stratum);
    expect(down.find((c) => c.description === 'Tape meets flow')?.active).toBeFalse();
  });

  it('lists active combos first, keeps the measured edge, and is inactive without a stratum', () => {
    const r = evaluateCombos(combos, x({ 7: 0.8, 5: 9 }), 'UP', stratum);
    expect(r.map((c) => c.description)).toEqual(['Tape meets flow', 'Close + Clean Setup']);
    expect(r[0].edge).toBe(0.05);
    expect(
      evaluateCombos(combos, x({ 3: 8, 5: 9 }), 'UP', null).every((c) => !c.active),
    ).toBeTrue();
  });
});

describe('parseFeatureInteractions + transforms', () => {
  const manifest = defaultManifestContent();
  const file = {
    meta: { alpha: 0.05 },
    hypothesized_interactions: {
      ofi_acceleration_x_barrier_delta: {
        description: 'Flow meets weak barrier',
        feat1: 'ofi_acceleration',
        feat1_transform: 'toward_break',
        feat2: 'micro_barrier_delta_liq_log_t0',
        feat2_transform: 'negated',
        significant: true,
        q_value: 0.01,
        combo_edge: 0.09,
        quantile_cut: { feat1: 0.5, feat2: 2 },
      },
      not_significant: {
        description: 'x',
        feat1: 'atr',
        feat1_transform: 'raw',
        feat2: 'atr',
        feat2_transform: 'raw',
        significant: false,
        combo_edge: 0.2,
      },
      no_edge: {
        description: 'y',
        feat1: 'atr',
        feat1_transform: 'raw',
        feat2: 'atr',
        feat2_transform: 'raw',
        significant: true,
        q_value: 0.01,
        combo_edge: null,
      },
    },
    discovered_interactions: {
      tape_x_flow: {
        description: 'Tape Aggression × Order Flow',
        feat1: 'Tape Aggression',
        feat1_transform: 'driver_reading',
        feat2: 'Nope',
        feat2_transform: 'driver_reading',
        significant: true,
        q_value: 0.01,
        combo_edge: 0.04,
      },
    },
  };

  it('keeps significant pairs with a measured edge and says why others were skipped', () => {
    const { combos, skipped } = parseFeatureInteractions(file, manifest);
    expect(combos.map((c) => c.key)).toEqual(['ofi_acceleration_x_barrier_delta']);
    expect(combos[0].edge).toBe(0.09);
    expect(skipped).toEqual([
      'no_edge: no measured combo edge',
      'tape_x_flow: unknown driver "Nope"',
    ]);
    expect(parseFeatureInteractions('nope', manifest).combos).toEqual([]);
  });

  it('activates through the transforms: toward_break uses the global cut, negated the stratum’s 25th percentile', () => {
    const [combo] = parseFeatureInteractions(file, manifest).combos;
    const ofiAcc = manifest.features.find((f) => f.name === 'ofi_acceleration')?.index ?? -1;
    const barrier =
      manifest.features.find((f) => f.name === 'micro_barrier_delta_liq_log_t0')?.index ?? -1;
    const stratum = rampStratum({ lo: 0, hi: 10 }); // 25th percentile 2.5
    const v = new Float32Array(144);
    v[ofiAcc] = -0.8; // × dir_sign(DOWN) = 0.8 > 0.5
    v[barrier] = 2; // −2 > −2.5
    expect(evaluateCombos([combo], v, 'DOWN', stratum)[0].active).toBeTrue();
    expect(evaluateCombos([combo], v, 'UP', stratum)[0].active).toBeFalse();
    v[barrier] = 3;
    expect(evaluateCombos([combo], v, 'DOWN', stratum)[0].active).toBeFalse();
  });

  it('keeps a pair listed twice (features, then the driver readings of those features) once', () => {
    const twice = {
      meta: { alpha: 0.05 },
      hypothesized_interactions: {
        gamma_x_flow: {
          description: 'Dealer short gamma × order flow',
          feat1: 'gamma_exposure',
          feat1_transform: 'negated',
          feat2: 'flow_alignment',
          feat2_transform: 'raw',
          significant: true,
        q_value: 0.01,
          combo_edge: 0.4,
        },
      },
      discovered_interactions: {
        flow_x_gamma: {
          description: 'Order Flow × Dealer Short Gamma',
          feat1: 'Order Flow',
          feat1_transform: 'driver_reading',
          feat2: 'Dealer Short Gamma',
          feat2_transform: 'driver_reading',
          significant: true,
        q_value: 0.01,
          combo_edge: 0.4,
        },
        flow_x_tape: {
          description: 'Order Flow × Tape Aggression',
          feat1: 'Order Flow',
          feat1_transform: 'driver_reading',
          feat2: 'Tape Aggression',
          feat2_transform: 'driver_reading',
          significant: true,
        q_value: 0.01,
          combo_edge: 0.1,
        },
      },
    };
    const { combos, skipped, merged } = parseFeatureInteractions(twice, manifest);
    expect(combos.map((c) => c.key)).toEqual(['gamma_x_flow', 'flow_x_tape']);
    // kept once; not a defect of the file, so not among the skipped entries the worker warns about
    expect(merged).toEqual(['flow_x_gamma: the same pair as gamma_x_flow']);
    expect(skipped).toEqual([]);
  });

  it('shows only pairs that survived the multiple-testing correction: q at most the file\'s threshold', () => {
    const pair = (q: unknown, significant = true) => ({
      description: 'Order Flow × Tape Aggression',
      feat1: 'Order Flow',
      feat1_transform: 'driver_reading',
      feat2: 'Tape Aggression',
      feat2_transform: 'driver_reading',
      significant,
      q_value: q,
      combo_edge: 0.1,
    });
    const withQ = (q: unknown, significant = true, alpha: unknown = 0.05) => ({
      meta: { alpha },
      discovered_interactions: { flow_x_tape: pair(q, significant) },
    });
    expect(parseFeatureInteractions(withQ(0.05), manifest).combos.length).toBe(1);
    expect(parseFeatureInteractions(withQ(0.0367), manifest).combos.length).toBe(1);
    // marked significant but above the threshold, or without a q-value: not shown
    expect(parseFeatureInteractions(withQ(0.11), manifest)).toEqual({
      combos: [],
      skipped: ["flow_x_tape: q 0.11 above the file's threshold 0.05"],
      merged: [],
    });
    expect(parseFeatureInteractions(withQ(null), manifest).skipped).toEqual([
      'flow_x_tape: no q-value',
    ]);
    // a small q is not enough without the file's significance flag
    expect(parseFeatureInteractions(withQ(0.01, false), manifest).combos).toEqual([]);
    // the threshold is the file's own
    expect(parseFeatureInteractions(withQ(0.03, true, 0.01), manifest).combos).toEqual([]);
    // no recorded threshold: no combos
    const noAlpha = parseFeatureInteractions(
      { discovered_interactions: { flow_x_tape: pair(0.01) } },
      manifest,
    );
    expect(noAlpha.combos).toEqual([]);
    expect(noAlpha.skipped[0]).toContain('no multiple-testing threshold');
  });

  it('a raw p below 0.05 is not enough: only Benjamini–Hochberg survivors become combos', () => {
    // entries as tools/analysis writes them (an earlier run of 110 pairs): the hypothesised pair has
    // p 0.026 but q 0.20, the discovered one q 0.037
    const file = {
      meta: { alpha: 0.05 },
      hypothesized_interactions: {
        gamma_exposure_x_order_flow: {
          description: 'Dealer short gamma × order flow',
          feat1: 'gamma_exposure',
          feat1_transform: 'negated',
          feat2: 'flow_alignment',
          feat2_transform: 'raw',
          significant: false,
          p_value: 0.026,
          q_value: 0.204286,
          combo_edge: 0.301413,
        },
      },
      discovered_interactions: {
        clean_setup_x_session_timing: {
          description: 'Clean Setup × Session Timing',
          feat1: 'Clean Setup',
          feat1_transform: 'driver_reading',
          feat2: 'Session Timing',
          feat2_transform: 'driver_reading',
          significant: true,
          p_value: 0.001,
          q_value: 0.0366667,
          combo_edge: 0.0301528,
        },
      },
    };
    expect(parseFeatureInteractions(file, manifest).combos.map((c) => c.key)).toEqual([
      'clean_setup_x_session_timing',
    ]);
  });
});
