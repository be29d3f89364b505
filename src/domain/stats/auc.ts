// Area under the ROC curve via the Mann–Whitney identity: AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋), with R₊
// the sum of the positives' average ranks, so a tie between a positive and a negative counts ½.
import { averageRanks } from './ranks';
import {
  BinaryLabel,
  Degenerate,
  InsufficientData,
  assertSameLength,
  insufficientData,
  toBinary,
} from './result';

export interface AucResult {
  readonly status: 'ok';
  readonly auc: number;
  readonly nPositive: number;
  readonly nNegative: number;
}

/** Minimum number of positives and of negatives for an AUC. */
export const AUC_MIN_PER_CLASS = 1;

/** ROC AUC of `scores` for `labels` (1/true positive). Non-finite scores are an error. */
export function rocAuc(
  scores: ArrayLike<number>,
  labels: readonly BinaryLabel[] | Uint8Array,
): AucResult | InsufficientData | Degenerate {
  assertSameLength('rocAuc', scores, labels);
  const y = toBinary(labels);
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new RangeError(`rocAuc: score ${i} is not finite`);
  }
  let nPos = 0;
  for (let i = 0; i < y.length; i++) nPos += y[i];
  const nNeg = y.length - nPos;
  if (Math.min(nPos, nNeg) < AUC_MIN_PER_CLASS)
    return insufficientData(
      Math.min(nPos, nNeg),
      AUC_MIN_PER_CLASS,
      'observations of the rarer class',
    );
  const { ranks } = averageRanks(scores);
  let rankSum = 0;
  for (let i = 0; i < y.length; i++) if (y[i] === 1) rankSum += ranks[i];
  const auc = (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
  return { status: 'ok', auc, nPositive: nPos, nNegative: nNeg };
}
