/**
 * A map from non-negative integer keys (exact in a double) to non-negative int32 values, by open
 * addressing in typed arrays: no per-entry objects, for the planners' hot loops.
 */
export class IntMap {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected = 64) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(-1);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The value of `key`, or −1. */
  get(key: number): number {
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = keys[i];
      if (k === key) return this.values[i];
      if (k === -1) return -1;
      i = (i + 1) & this.mask;
    }
  }

  set(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    let i = hash(key) & this.mask;
    for (;;) {
      const k = keys[i];
      if (k === key) {
        this.values[i] = value;
        return;
      }
      if (k === -1) {
        keys[i] = key;
        this.values[i] = value;
        this.size++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(-1);
    this.values = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== -1) this.set(oldKeys[i], oldValues[i]);
  }
}

function hash(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  return Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1) >>> 7;
}
