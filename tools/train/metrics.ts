/**
 * Evaluation metrics for binary probabilities: labels are 0/1, optional non-negative weights.
 */

function weightAt(weights: ArrayLike<number> | undefined, i: number): number {
  return weights === undefined ? 1 : weights[i];
}

function assertSameLength(
  labels: ArrayLike<number>,
  values: ArrayLike<number>,
  weights?: ArrayLike<number>,
): void {
  if (labels.length !== values.length)
    throw new Error(`${labels.length} labels for ${values.length} predictions`);
  if (weights !== undefined && weights.length !== labels.length) {
    throw new Error(`${weights.length} weights for ${labels.length} labels`);
  }
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half. Equals the Mann–Whitney U statistic / (n₊·n₋), i.e. the
 * rank-sum formula with average ranks for ties. Computed by sorting and sweeping groups of tied
 * scores, so weights are supported. NaN when one class is absent.
 */
export function rocAuc(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  assertSameLength(labels, scores, weights);
  for (let i = 0; i < scores.length; i++)
    if (Number.isNaN(scores[i])) throw new Error(`score ${i} is NaN`);
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => scores[a] - scores[b],
  );
  let negBelow = 0;
  let pairs = 0;
  let posTotal = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    let pos = 0;
    let neg = 0;
    while (end < order.length && scores[order[end]] === scores[order[start]]) {
      const i = order[end];
      if (labels[i] === 1) pos += weightAt(weights, i);
      else neg += weightAt(weights, i);
      end++;
    }
    pairs += pos * negBelow + 0.5 * pos * neg;
    negBelow += neg;
    posTotal += pos;
    start = end;
  }
  return posTotal > 0 && negBelow > 0 ? pairs / (posTotal * negBelow) : Number.NaN;
}

/** Mean negative log-likelihood; probabilities are clipped to [eps, 1 − eps]. */
export function logLoss(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  weights?: ArrayLike<number>,
  eps = 1e-15,
): number {
  assertSameLength(labels, probs, weights);
  let sum = 0;
  let wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    const p = Math.min(1 - eps, Math.max(eps, probs[i]));
    sum -= w * (labels[i] === 1 ? Math.log(p) : Math.log(1 - p));
    wSum += w;
  }
  return wSum > 0 ? sum / wSum : Number.NaN;
}

/** Mean squared difference between probability and label. */
export function brierScore(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  assertSameLength(labels, probs, weights);
  let sum = 0;
  let wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    sum += w * (probs[i] - labels[i]) ** 2;
    wSum += w;
  }
  return wSum > 0 ? sum / wSum : Number.NaN;
}

/** Share of rows where (prob >= threshold) matches the label. */
export function accuracyAt(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  threshold = 0.5,
  weights?: ArrayLike<number>,
): number {
  assertSameLength(labels, probs, weights);
  let hit = 0;
  let wSum = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weightAt(weights, i);
    if ((probs[i] >= threshold ? 1 : 0) === labels[i]) hit += w;
    wSum += w;
  }
  return wSum > 0 ? hit / wSum : Number.NaN;
}

export interface ReliabilityBin {
  /** Probability interval [lo, hi) (the last bin includes 1). */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
  /** Sum of weights in the bin (= count without weights). */
  readonly weight: number;
  /** Weighted mean predicted probability (NaN for an empty bin). */
  readonly meanPredicted: number;
  /** Weighted observed positive rate (NaN for an empty bin). */
  readonly observedRate: number;
}

export interface CalibrationReport {
  /** Expected calibration error: Σ_bins (weight/total)·|observedRate − meanPredicted|. */
  readonly ece: number;
  /** Largest |observedRate − meanPredicted| over non-empty bins. */
  readonly mce: number;
  readonly bins: readonly ReliabilityBin[];
}

/** Reliability bins over `nBins` equal-width probability intervals and the ECE over them. */
export function calibrationReport(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  nBins = 10,
  weights?: ArrayLike<number>,
): CalibrationReport {
  assertSameLength(labels, probs, weights);
  const count = new Array<number>(nBins).fill(0);
  const wSum = new Array<number>(nBins).fill(0);
  const pSum = new Array<number>(nBins).fill(0);
  const ySum = new Array<number>(nBins).fill(0);
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i];
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(p * nBins)));
    const w = weightAt(weights, i);
    count[b]++;
    wSum[b] += w;
    pSum[b] += w * p;
    ySum[b] += w * labels[i];
    total += w;
  }
  let ece = 0;
  let mce = 0;
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < nBins; b++) {
    const meanPredicted = wSum[b] > 0 ? pSum[b] / wSum[b] : Number.NaN;
    const observedRate = wSum[b] > 0 ? ySum[b] / wSum[b] : Number.NaN;
    if (wSum[b] > 0) {
      const gap = Math.abs(observedRate - meanPredicted);
      ece += (wSum[b] / total) * gap;
      mce = Math.max(mce, gap);
    }
    bins.push({
      lo: b / nBins,
      hi: (b + 1) / nBins,
      count: count[b],
      weight: wSum[b],
      meanPredicted,
      observedRate,
    });
  }
  return { ece: total > 0 ? ece : Number.NaN, mce, bins };
}

/** ECE over `nBins` equal-width bins (10 by default). */
export function expectedCalibrationError(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  nBins = 10,
  weights?: ArrayLike<number>,
): number {
  return calibrationReport(labels, probs, nBins, weights).ece;
}
