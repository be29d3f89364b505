import { evaluateCombos, type ComboDefinition } from './combos';
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
