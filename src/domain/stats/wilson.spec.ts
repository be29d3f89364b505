import { wilsonInterval } from './wilson';

describe('wilsonInterval', () => {
  it('matches published values: 81/263 → (0.2553, 0.3662) (Newcombe 1998)', () => {
    const r = wilsonInterval(81, 263);
    if (r.status !== 'ok') throw new Error('expected an interval');
    expect(r.lower).toBeCloseTo(0.2552885198782742, 9);
    expect(r.upper).toBeCloseTo(0.36620957698280004, 9);
    expect(r.proportion).toBeCloseTo(81 / 263, 12);
  });

  it('8/10 → (0.4902, 0.9433); 0/10 → (0, 0.2775); 10/10 → (0.7225, 1)', () => {
    const a = wilsonInterval(8, 10);
    const b = wilsonInterval(0, 10);
    const c = wilsonInterval(10, 10);
    if (a.status !== 'ok' || b.status !== 'ok' || c.status !== 'ok')
      throw new Error('expected intervals');
    expect(a.lower).toBeCloseTo(0.49016247153664183, 9);
    expect(a.upper).toBeCloseTo(0.9433178485456247, 9);
    expect(b.lower).toBe(0);
    expect(b.upper).toBeCloseTo(0.2775327998628892, 9);
    expect(c.lower).toBeCloseTo(0.7224672001371107, 9);
    expect(c.upper).toBe(1);
  });

  it('uses the requested level (99%: 15/148 → (0.0536, 0.1833))', () => {
    const r = wilsonInterval(15, 148, 0.99);
    if (r.status !== 'ok') throw new Error('expected an interval');
    expect(r.lower).toBeCloseTo(0.05364486961396486, 8);
    expect(r.upper).toBeCloseTo(0.1832673501131525, 8);
    const r95 = wilsonInterval(15, 148);
    if (r95.status !== 'ok') throw new Error('expected an interval');
    expect(r95.upper - r95.lower).toBeLessThan(r.upper - r.lower);
  });

  it('n = 0 is insufficient data; impossible counts throw', () => {
    expect(wilsonInterval(0, 0)).toEqual({
      status: 'insufficient_data',
      n: 0,
      minimum: 1,
      what: 'trials',
    });
    expect(() => wilsonInterval(5, 4)).toThrowError(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrowError(RangeError);
    expect(() => wilsonInterval(1, 4, 1)).toThrowError(RangeError);
  });
});
