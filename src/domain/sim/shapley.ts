/**
 * Exact Shapley values of a cooperative game given as a value table over all 2^n coalitions
 * (bit i of the index = player i present). The values add up to v(all) − v(none).
 */
export function shapleyValues(values: Float64Array, players: number): Float64Array {
  const size = 1 << players;
  if (values.length !== size) throw new Error(`value table must have 2^${players} entries`);
  const weights = new Float64Array(players);
  // weight for a coalition of size k not containing the player: k!(n−k−1)!/n!
  for (let k = 0; k < players; k++) weights[k] = 1 / (players * binomial(players - 1, k));
  const phi = new Float64Array(players);
  for (let mask = 0; mask < size; mask++) {
    const w = weights[popcount(mask)] ?? 0;
    const v = values[mask] ?? 0;
    for (let j = 0; j < players; j++) {
      const bit = 1 << j;
      if ((mask & bit) !== 0) continue;
      phi[j] = (phi[j] ?? 0) + w * ((values[mask | bit] ?? 0) - v);
    }
  }
  return phi;
}

function popcount(x: number): number {
  let c = 0;
  let v = x;
  while (v !== 0) {
    v &= v - 1;
    c++;
  }
  return c;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}
