/**
 * A fixed, seeded feature row for the start screen's model check (not market data): the same
 * seed always gives the same 144 values, so the number on screen is reproducible.
 */
export const DEMO_ROW_SEED = 20240611;

export function demoFeatureRow(nFeatures: number, seed = DEMO_ROW_SEED): Float32Array<ArrayBuffer> {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const row = new Float32Array(nFeatures);
  // Roughly standard normal values (sum of uniforms), like the placeholder's training data.
  for (let i = 0; i < nFeatures; i++)
    row[i] = (next() + next() + next() + next() - 2) * Math.sqrt(3);
  return row;
}
