/**
 * Synthetic binary-classification data with a known nonlinear signal, for tests and benchmarks.
 *
 * Features are standard normal, except: feature 5 takes 4 discrete values, feature 6 is constant,
 * feature 7 is missing (NaN) in 10% of rows. The true log-odds uses features 0–5 and 7:
 *   z = 1.5·sin(2·x0) + x1·x2 + 0.8·sign(x3 − 0.5) + 0.6·(x4² − 1) + 0.5·(x5 − 1.5) + m7
 * where m7 = +0.7 when x7 is missing, else 0.4·x7. All other features are noise.
 */
import type { Dataset } from './dataset';
import { createPrng, type Prng } from './prng';

function gaussian(rand: Prng): number {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function syntheticLogOdds(row: ArrayLike<number>): number {
  const x7 = row[7];
  return (
    1.5 * Math.sin(2 * row[0]) +
    row[1] * row[2] +
    0.8 * Math.sign(row[3] - 0.5) +
    0.6 * (row[4] * row[4] - 1) +
    0.5 * (row[5] - 1.5) +
    (Number.isNaN(x7) ? 0.7 : 0.4 * x7)
  );
}

/** `n` rows × `nFeatures` (≥ 8) with labels drawn from sigmoid(syntheticLogOdds). */
export function makeSyntheticDataset(n: number, nFeatures: number, seed: number): Dataset {
  if (nFeatures < 8) throw new Error('synthetic data needs at least 8 features');
  const rand = createPrng(seed);
  const rows = new Float32Array(n * nFeatures);
  const labels = new Uint8Array(n);
  const row = new Float32Array(nFeatures);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < nFeatures; f++) row[f] = gaussian(rand);
    row[5] = Math.floor(rand() * 4);
    row[6] = 2.5;
    if (rand() < 0.1) row[7] = Number.NaN;
    rows.set(row, i * nFeatures);
    const z = syntheticLogOdds(row);
    labels[i] = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { rows, nFeatures, labels };
}
