/**
 * Group Shapley values straight from the definition, for checking the planner: average over all
 * m! orderings of each player's marginal contribution, v(S) = mean_b f(z(S, b)) computed row by
 * row with no de-duplication. Only for small m (m! orderings).
 */
export function bruteForceGroupShapley(
  f: (row: Float32Array) => number,
  x: Float32Array,
  background: Float32Array,
  groups: readonly (readonly number[])[],
): number[] {
  const d = x.length;
  const nBackground = background.length / d;
  const m = groups.length;
  const cache = new Map<number, number>();
  const value = (mask: number): number => {
    const known = cache.get(mask);
    if (known !== undefined) return known;
    let sum = 0;
    for (let b = 0; b < nBackground; b++) {
      const z = background.slice(b * d, (b + 1) * d);
      groups.forEach((group, i) => {
        if (mask & (1 << i)) for (const j of group) z[j] = x[j];
      });
      sum += f(z);
    }
    const v = sum / nBackground;
    cache.set(mask, v);
    return v;
  };
  const phi = new Array<number>(m).fill(0);
  let orderings = 0;
  const visit = (order: number[], used: number): void => {
    if (order.length === m) {
      orderings++;
      let mask = 0;
      for (const player of order) {
        phi[player] += value(mask | (1 << player)) - value(mask);
        mask |= 1 << player;
      }
      return;
    }
    for (let i = 0; i < m; i++) {
      if (used & (1 << i)) continue;
      order.push(i);
      visit(order, used | (1 << i));
      order.pop();
    }
  };
  visit([], 0);
  return phi.map((s) => s / orderings);
}
