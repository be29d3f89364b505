import { IntMap } from './int-map';

describe('IntMap', () => {
  it('stores and finds non-negative integer keys, −1 for a missing one, through growth', () => {
    const m = new IntMap(4);
    const ref = new Map<number, number>();
    let s = 12345;
    for (let i = 0; i < 5000; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      // keys well beyond 32 bits (coalition × background rows) and small ones alike
      const key = i % 3 === 0 ? s * 1024 + (i % 17) : s % 5000;
      m.set(key, i);
      ref.set(key, i);
    }
    for (const [k, v] of ref) expect(m.get(k)).toBe(v);
    expect(m.get(2 ** 45 + 3)).toBe(-1);
    expect(m.get(0) === (ref.get(0) ?? -1)).toBeTrue();
  });

  it('overwrites the value of a key already there', () => {
    const m = new IntMap();
    m.set(7, 1);
    m.set(7, 2);
    expect(m.get(7)).toBe(2);
    expect(m.get(8)).toBe(-1);
  });
});
