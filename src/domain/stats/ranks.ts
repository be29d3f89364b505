// Ranks with ties averaged ("midranks"), the basis of Mann–Whitney U and the AUC.

export interface RankResult {
  /** 1-based ranks, tied values sharing the mean of the ranks they span. */
  readonly ranks: Float64Array;
  /** Σ (t³ − t) over groups of tied values (0 when all values are distinct). */
  readonly tieTerm: number;
  /** True when at least two values are equal. */
  readonly hasTies: boolean;
}

/** Average ranks of `values` (which must not contain NaN). */
export function averageRanks(values: ArrayLike<number>): RankResult {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`averageRanks: NaN at index ${i}`);
    order[i] = i;
  }
  order.sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]] === values[order[i]]) j++;
    const t = j - i;
    const rank = (i + 1 + j) / 2; // mean of ranks i+1 .. j
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j;
  }
  return { ranks, tieTerm, hasTies: tieTerm > 0 };
}
