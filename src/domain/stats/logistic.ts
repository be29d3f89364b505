// L2-regularised logistic regression fitted by Newton–Raphson (equivalently IRLS).
//
// Inputs are standardised internally (z = (x − mean)/sd with the training mean and the population
// sd; a constant column keeps sd = 1). On the standardised scale the fit maximises
//   ℓ(β) − (λ/2)·Σ_{j≥1} β_j²,   ℓ(β) = Σ [yᵢηᵢ − log(1 + e^{ηᵢ})],  ηᵢ = β₀ + Σ_j β_j z_ij,
// so the intercept is not penalised and λ acts on effects per standard deviation. Each Newton step
// solves (ZᵀWZ + λI′)·Δ = Zᵀ(y − p) − λβ′ (W = diag(p(1−p)), I′ = identity with 0 for the
// intercept) by Cholesky, halving the step while the penalised objective does not increase.
// Coefficients are reported on both scales; standard errors come from the inverse of the
// penalised Hessian at the optimum (exact Wald SEs when λ = 0).
import { chiSquareSf } from './distributions';
import { cholesky, choleskyInverse, choleskySolve } from './linear-algebra';
import {
  BinaryLabel,
  Degenerate,
  InsufficientData,
  assertSameLength,
  degenerate,
  insufficientData,
  toBinary,
} from './result';

export interface LogisticOptions {
  /** L2 penalty λ on the standardised slopes. Default 1. */
  readonly l2?: number;
  /** Default 100. */
  readonly maxIterations?: number;
  /** Convergence when the largest |Newton step| (standardised scale) is below this. Default 1e-9. */
  readonly tolerance?: number;
  /**
   * Starting point on the standardised scale, [intercept, ...slopes] (a warm start, e.g. a nested
   * model's `standardizedIntercept`/`standardizedCoefficients` padded with 0). Default: the
   * base-rate intercept and zero slopes.
   */
  readonly start?: readonly number[];
}

/** Minimum number of observations of each class to fit. */
export const LOGISTIC_MIN_PER_CLASS = 2;

export interface LogisticModel {
  readonly status: 'ok';
  /** Intercept and slopes on the original scale of the columns. */
  readonly intercept: number;
  readonly coefficients: readonly number[];
  /** Standard errors on the original scale (slopes), from the penalised Hessian. */
  readonly standardErrors: readonly number[];
  readonly interceptStandardError: number;
  /** Intercept and slopes on the standardised scale. */
  readonly standardizedIntercept: number;
  readonly standardizedCoefficients: readonly number[];
  readonly means: readonly number[];
  readonly scales: readonly number[];
  /** Unpenalised log-likelihood at the estimate. */
  readonly logLikelihood: number;
  readonly deviance: number;
  readonly penalizedLogLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly n: number;
  readonly l2: number;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Fits P(y = 1) = σ(β₀ + Σ β_j x_j). `columns[j][i]` is feature j of observation i (all finite).
 * Zero columns is allowed (intercept-only model).
 */
export function fitLogistic(
  columns: readonly ArrayLike<number>[],
  labels: readonly BinaryLabel[] | Uint8Array,
  options: LogisticOptions = {},
): LogisticModel | InsufficientData | Degenerate {
  const y = toBinary(labels);
  const n = y.length;
  assertSameLength('fitLogistic', y, ...columns);
  const lambda = options.l2 ?? 1;
  if (!(lambda >= 0 && Number.isFinite(lambda)))
    throw new RangeError(`fitLogistic: l2 must be ≥ 0, got ${lambda}`);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-9;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const minority = Math.min(positives, n - positives);
  if (minority < LOGISTIC_MIN_PER_CLASS)
    return insufficientData(minority, LOGISTIC_MIN_PER_CLASS, 'observations of the rarer class');

  const m = columns.length;
  const p = m + 1;
  // Design on the standardised scale, row-major with a leading 1.
  const means: number[] = [];
  const scales: number[] = [];
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) z[i * p] = 1;
  columns.forEach((col, j) => {
    let mean = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(col[i]))
        throw new RangeError(`fitLogistic: column ${j} row ${i} is not finite`);
      mean += col[i];
    }
    mean /= n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (col[i] - mean) ** 2;
    const sd = Math.sqrt(ss / n);
    const scale = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1;
    means.push(mean);
    scales.push(scale);
    for (let i = 0; i < n; i++) z[i * p + j + 1] = (col[i] - mean) / scale;
  });

  const beta = new Float64Array(p);
  const rate = positives / n;
  if (options.start) {
    if (options.start.length !== p)
      throw new RangeError(`fitLogistic: start needs ${p} values, got ${options.start.length}`);
    beta.set(options.start);
  } else {
    beta[0] = Math.log(rate / (1 - rate)); // start at the base rate
  }
  const eta = new Float64Array(n);
  const objective = (b: Float64Array): { pen: number; ll: number } => {
    let ll = 0;
    for (let i = 0; i < n; i++) {
      let e = 0;
      for (let j = 0; j < p; j++) e += z[i * p + j] * b[j];
      eta[i] = e;
      ll += y[i] * e - softplus(e);
    }
    let penalty = 0;
    for (let j = 1; j < p; j++) penalty += b[j] * b[j];
    return { pen: ll - (lambda / 2) * penalty, ll };
  };

  let current = objective(beta);
  let converged = false;
  let iterations = 0;
  let factor: Float64Array | null = null;
  const hessian = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const buildSystem = (): void => {
    hessian.fill(0);
    gradient.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i]);
      const w = mu * (1 - mu);
      const r = y[i] - mu;
      const row = i * p;
      for (let a = 0; a < p; a++) {
        const za = z[row + a];
        gradient[a] += za * r;
        const wza = w * za;
        for (let b = 0; b <= a; b++) hessian[a * p + b] += wza * z[row + b];
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hessian[b * p + a] = hessian[a * p + b];
    for (let j = 1; j < p; j++) {
      hessian[j * p + j] += lambda;
      gradient[j] -= lambda * beta[j];
    }
  };

  for (iterations = 1; iterations <= maxIterations; iterations++) {
    buildSystem();
    factor = cholesky(hessian, p);
    if (!factor) return degenerate('singular Hessian (constant or collinear columns with l2 = 0)');
    const step = choleskySolve(factor, p, gradient);
    let size = 1;
    let accepted = false;
    const trial = new Float64Array(p);
    for (let halvings = 0; halvings < 30; halvings++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j] + size * step[j];
      const next = objective(trial);
      if (next.pen >= current.pen - 1e-12 * Math.abs(current.pen)) {
        beta.set(trial);
        current = next;
        accepted = true;
        break;
      }
      size /= 2;
    }
    let largest = 0;
    for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(size * step[j]));
    if (!accepted) {
      objective(beta); // restore eta for the final Hessian
      converged = largest < 1e-6;
      break;
    }
    if (largest < tolerance) {
      converged = true;
      break;
    }
  }
  iterations = Math.min(iterations, maxIterations);
  // Covariance from the Hessian at the final estimate.
  buildSystem();
  factor = cholesky(hessian, p);
  if (!factor) return degenerate('singular Hessian at the estimate');
  const covStd = choleskyInverse(factor, p);

  // Back to the original scale: β_j = β̃_j/s_j, β₀ = β̃₀ − Σ β̃_j m_j/s_j, i.e. β = A·β̃.
  const a = new Float64Array(p * p);
  a[0] = 1;
  for (let j = 1; j < p; j++) {
    a[j] = -means[j - 1] / scales[j - 1];
    a[j * p + j] = 1 / scales[j - 1];
  }
  const original = new Float64Array(p);
  for (let r = 0; r < p; r++) for (let c = 0; c < p; c++) original[r] += a[r * p + c] * beta[c];
  const variance = (r: number): number => {
    let v = 0;
    for (let c1 = 0; c1 < p; c1++)
      for (let c2 = 0; c2 < p; c2++) v += a[r * p + c1] * covStd[c1 * p + c2] * a[r * p + c2];
    return v;
  };
  return {
    status: 'ok',
    intercept: original[0],
    coefficients: Array.from(original.subarray(1)),
    standardErrors: Array.from({ length: m }, (_, j) => Math.sqrt(variance(j + 1))),
    interceptStandardError: Math.sqrt(variance(0)),
    standardizedIntercept: beta[0],
    standardizedCoefficients: Array.from(beta.subarray(1)),
    means,
    scales,
    logLikelihood: current.ll,
    deviance: -2 * current.ll,
    penalizedLogLikelihood: current.pen,
    iterations,
    converged,
    n,
    l2: lambda,
  };
}

/** Linear predictor β₀ + Σ β_j x_j for each observation of `columns` (same layout as the fit). */
export function logisticLinearPredictor(
  model: LogisticModel,
  columns: readonly ArrayLike<number>[],
): Float64Array {
  if (columns.length !== model.coefficients.length)
    throw new RangeError(
      `logistic: model has ${model.coefficients.length} columns, got ${columns.length}`,
    );
  const n = columns[0]?.length ?? 0;
  const out = new Float64Array(n).fill(model.intercept);
  columns.forEach((col, j) => {
    const b = model.coefficients[j];
    for (let i = 0; i < n; i++) out[i] += b * col[i];
  });
  return out;
}

/** P(y = 1) for each observation. */
export function predictLogistic(
  model: LogisticModel,
  columns: readonly ArrayLike<number>[],
): Float64Array {
  return logisticLinearPredictor(model, columns).map(sigmoid);
}

export interface LikelihoodRatioResult {
  /** 2·(ℓ_full − ℓ_reduced), floored at 0. */
  readonly statistic: number;
  readonly dof: number;
  readonly pValue: number;
}

/**
 * Likelihood-ratio test of nested models: 2Δℓ against χ²_dof. With λ > 0 the log-likelihoods are
 * those at the penalised estimates, so the test is approximate; it is exact asymptotically for λ = 0
 * and the difference is negligible when λ is small relative to n.
 */
export function likelihoodRatioTest(
  reducedLogLikelihood: number,
  fullLogLikelihood: number,
  dof: number,
): LikelihoodRatioResult {
  if (!(Number.isInteger(dof) && dof >= 1))
    throw new RangeError(`likelihoodRatioTest: dof must be a positive integer, got ${dof}`);
  const statistic = Math.max(0, 2 * (fullLogLikelihood - reducedLogLikelihood));
  return { statistic, dof, pValue: chiSquareSf(statistic, dof) };
}
