import { AttributionMethod, AttributionPlan, ExactAttributionPlan, PermutationAttributionPlan } from './attribution-plan';

export interface AttributionResult {
  /** φ per player (input order), in model-output units (probability points for P(BREAK)). */
  readonly values: number[];
  /** Monte Carlo standard error per player; 0 when exact (and for players that never differ from x). */
  readonly standardErrors: number[];
  /** f(x). */
  readonly fx: number;
  /** Mean model output over the background rows: v(∅). Σ values = fx − baseRate. */
  readonly baseRate: number;
  readonly method: AttributionMethod;
  /** Coalition values v(S) computed (for permutation mode, per background block). */
  readonly coalitionsEvaluated: number;
  /** Model rows the plan needed (after de-duplication). */
  readonly rowsEvaluated: number;
}

/** Turns the model outputs of `plan.rows` into the players' Shapley values. */
export function finishAttribution(plan: AttributionPlan, outputs: Float32Array | Float64Array): AttributionResult {
  if (outputs.length !== plan.nRows) {
    throw new Error(`expected ${plan.nRows} model outputs, got ${outputs.length}`);
  }
  const fx = outputs[plan.xRow];
  let sum = 0;
  for (const row of plan.backgroundRows) sum += outputs[row];
  const baseRate = sum / plan.nBackground;
  const nEval = plan.evalStart.length - 1;
  const v = new Float64Array(nEval);
  for (let c = 0; c < nEval; c++) {
    const start = plan.evalStart[c];
    const end = plan.evalStart[c + 1];
    let s = 0;
    for (let k = start; k < end; k++) s += outputs[plan.evalRows[k]];
    v[c] = s / (end - start);
  }
  const { phi, se } = plan.method === 'exact' ? exactShapley(plan, v) : permutationShapley(plan, v, baseRate);
  const values = new Array<number>(plan.nPlayers).fill(0);
  const standardErrors = new Array<number>(plan.nPlayers).fill(0);
  plan.activePlayers.forEach((player, k) => {
    values[player] = phi[k];
    standardErrors[player] = se[k];
  });
  return { values, standardErrors, fx, baseRate, method: plan.method, coalitionsEvaluated: nEval, rowsEvaluated: plan.nRows };
}

interface Estimate {
  readonly phi: Float64Array;
  readonly se: Float64Array;
}

/** Shapley weight of a coalition of size s among m players: s!(m−s−1)!/m! = 1 / (m · C(m−1, s)). */
export function shapleyWeights(m: number): Float64Array {
  const w = new Float64Array(Math.max(m, 1));
  let binom = 1; // C(m−1, s)
  for (let s = 0; s < m; s++) {
    w[s] = 1 / (m * binom);
    binom = (binom * (m - 1 - s)) / (s + 1);
  }
  return w;
}

function exactShapley(plan: ExactAttributionPlan, v: Float64Array): Estimate {
  const m = plan.activePlayers.length;
  const w = shapleyWeights(m);
  const phi = new Float64Array(m);
  const n = 1 << m;
  for (let mask = 0; mask < n; mask++) {
    const weight = w[popcount(mask)];
    for (let i = 0; i < m; i++) {
      const bit = 1 << i;
      if ((mask & bit) === 0) phi[i] += weight * (v[mask | bit] - v[mask]);
    }
  }
  return { phi, se: new Float64Array(m) };
}

/**
 * Each pair p gives g[p][i] = mean over its two orders of player i's marginal contribution; each
 * order telescopes, so Σ_i g[p][i] = v_p(all) − v_p(∅) = f(x) − v_p(∅) exactly.
 *
 * When pairs average over a block of the background (e_p = v_p(∅) − baseRate ≠ 0), the block's
 * offset is removed with a control variate: h[p][i] = g[p][i] − β_i e_p, β_i the regression slope
 * of g[·][i] on e; with fewer than 4 pairs, β_i = −|ḡ_i| / Σ_k |ḡ_k| (the offset shared in
 * proportion to the players' sizes, so a null player keeps exactly 0). Σ_i β_i = −1 either way, so
 * Σ_i h[p][i] = f(x) − baseRate for every pair and the estimate adds up exactly.
 *
 * Standard error: the spread of the pair estimates over √P; when every background block has at
 * least 2 pairs, the stratified form (spread within blocks only), since the blocks are a design
 * choice and not sampled.
 */
function permutationShapley(plan: PermutationAttributionPlan, v: Float64Array, baseRate: number): Estimate {
  const m = plan.activePlayers.length;
  const P = plan.nPairs;
  const g = new Float64Array(P * m);
  const e = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    for (let o = 0; o < 2; o++) {
      const slot = (2 * p + o) * (m + 1);
      for (let k = 1; k <= m; k++) {
        const player = o === 0 ? plan.orders[p * m + k - 1] : plan.orders[p * m + m - k];
        g[p * m + player] += 0.5 * (v[plan.prefixEval[slot + k]] - v[plan.prefixEval[slot + k - 1]]);
      }
    }
    e[p] = plan.pairBackgroundRows < plan.nBackground ? v[plan.prefixEval[2 * p * (m + 1)]] - baseRate : 0;
  }
  let dfLost = 1;
  if (e.some((x) => x !== 0)) {
    const eMean = mean(e);
    let see = 0;
    for (const x of e) see += (x - eMean) ** 2;
    const regress = P >= 4 && see > 0;
    if (regress) dfLost = 2;
    const gMeans = new Float64Array(m);
    for (let p = 0; p < P; p++) for (let i = 0; i < m; i++) gMeans[i] += g[p * m + i] / P;
    let size = 0;
    for (const x of gMeans) size += Math.abs(x);
    for (let i = 0; i < m; i++) {
      let beta = size > 0 ? -Math.abs(gMeans[i]) / size : -1 / m;
      if (regress) {
        const gMean = gMeans[i];
        let sge = 0;
        for (let p = 0; p < P; p++) sge += (g[p * m + i] - gMean) * (e[p] - eMean);
        beta = sge / see;
      }
      for (let p = 0; p < P; p++) g[p * m + i] -= beta * e[p];
    }
  }
  const phi = new Float64Array(m);
  const se = new Float64Array(m);
  const strata = blockStrata(plan.pairBlock);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let p = 0; p < P; p++) s += g[p * m + i];
    const mu = s / P;
    phi[i] = mu;
    if (strata !== null) {
      // Blocks are fixed by design, so only the spread within a block is sampling error.
      let variance = 0;
      for (const pairs of strata) {
        let blockSum = 0;
        for (const p of pairs) blockSum += g[p * m + i];
        const blockMean = blockSum / pairs.length;
        let ss = 0;
        for (const p of pairs) ss += (g[p * m + i] - blockMean) ** 2;
        variance += (pairs.length * (ss / (pairs.length - 1))) / (P * P);
      }
      se[i] = Math.sqrt(variance);
    } else {
      let ss = 0;
      for (let p = 0; p < P; p++) ss += (g[p * m + i] - mu) ** 2;
      se[i] = Math.sqrt(ss / Math.max(P - dfLost, 1) / P);
    }
  }
  return { phi, se };
}

/** Pairs grouped by background block, when there are several blocks with at least 2 pairs each; else null. */
function blockStrata(pairBlock: Int32Array): number[][] | null {
  const byBlock = new Map<number, number[]>();
  pairBlock.forEach((block, p) => {
    const pairs = byBlock.get(block);
    if (pairs === undefined) byBlock.set(block, [p]);
    else pairs.push(p);
  });
  const strata = [...byBlock.values()];
  return strata.length > 1 && strata.every((pairs) => pairs.length >= 2) ? strata : null;
}

function mean(values: Float64Array): number {
  let s = 0;
  for (const x of values) s += x;
  return s / values.length;
}

function popcount(mask: number): number {
  let n = 0;
  for (let x = mask; x !== 0; x &= x - 1) n++;
  return n;
}
