// Multiple-testing corrections. NaN p-values (tests that could not be run) stay NaN and are not
// counted in m, like R's p.adjust with NA.
//   Benjamini–Hochberg: with the m p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎,
//     q₍ᵢ₎ = min_{k ≥ i} min(1, m·p₍ₖ₎/k)  (step-up, monotone in p; tied p-values get equal q)
//   Bonferroni: min(1, m·p).

function validate(pValues: readonly number[]): number[] {
  const idx: number[] = [];
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) return;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${i} is outside [0, 1]: ${p}`);
    idx.push(i);
  });
  return idx;
}

/** Benjamini–Hochberg adjusted p-values (q-values), aligned with the input. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const idx = validate(pValues);
  const m = idx.length;
  const out = pValues.map(() => Number.NaN);
  // Ascending by p, ties by index so the result does not depend on sort stability.
  idx.sort((a, b) => pValues[a] - pValues[b] || a - b);
  let running = 1;
  for (let k = m; k >= 1; k--) {
    const i = idx[k - 1];
    running = Math.min(running, (m * pValues[i]) / k);
    out[i] = Math.min(1, running);
  }
  return out;
}

/** Bonferroni adjusted p-values, aligned with the input. */
export function bonferroni(pValues: readonly number[]): number[] {
  const m = validate(pValues).length;
  return pValues.map((p) => (Number.isNaN(p) ? Number.NaN : Math.min(1, m * p)));
}

/** Which adjusted p-values are ≤ alpha (NaN never is). */
export function rejectedAt(adjusted: readonly number[], alpha: number): boolean[] {
  return adjusted.map((q) => q <= alpha);
}
