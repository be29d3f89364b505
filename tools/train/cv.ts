/**
 * Row splits for validation that respect groups (session dates): rows of one group never end up
 * on both sides of a split, so a model is never scored on a day it has seen.
 */
import { createPrng, shuffleInPlace } from './prng';

export interface Fold {
  /** Row indices used for fitting (ascending). */
  readonly train: Uint32Array;
  /** Row indices scored by the fold's model (ascending). */
  readonly test: Uint32Array;
  /** The groups whose rows form `test` (sorted). */
  readonly testGroups: readonly string[];
}

function rowsByGroup(groups: readonly string[]): Map<string, number[]> {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const rows = byGroup.get(g);
    if (rows === undefined) byGroup.set(g, [i]);
    else rows.push(i);
  });
  return byGroup;
}

/**
 * k folds with no group split across folds. Groups are shuffled with `seed`, then each in turn is
 * given to the fold with the fewest rows so far, so fold sizes differ by at most the largest
 * group's row count. Deterministic for a seed.
 */
export function groupKFold(groups: readonly string[], k: number, seed: number): Fold[] {
  const byGroup = rowsByGroup(groups);
  if (!Number.isInteger(k) || k < 2) throw new Error(`k must be an integer >= 2, got ${k}`);
  if (byGroup.size < k) throw new Error(`${byGroup.size} groups cannot fill ${k} folds`);
  const keys = [...byGroup.keys()].sort();
  shuffleInPlace(keys, createPrng(seed));
  const size = (g: string): number => byGroup.get(g)?.length ?? 0;
  const foldGroups: string[][] = Array.from({ length: k }, () => []);
  const foldRows = new Array<number>(k).fill(0);
  for (const g of keys) {
    let target = 0;
    for (let f = 1; f < k; f++) if (foldRows[f] < foldRows[target]) target = f;
    foldGroups[target].push(g);
    foldRows[target] += size(g);
  }
  const foldOfRow = new Int32Array(groups.length);
  foldGroups.forEach((gs, f) => {
    for (const g of gs) for (const i of byGroup.get(g) ?? []) foldOfRow[i] = f;
  });
  return foldGroups.map((gs, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < groups.length; i++) (foldOfRow[i] === f ? test : train).push(i);
    return {
      train: Uint32Array.from(train),
      test: Uint32Array.from(test),
      testGroups: [...gs].sort(),
    };
  });
}

export interface DateHoldout {
  /** Rows of all but the last dates (ascending). */
  readonly fit: Uint32Array;
  /** Rows of the last `nDates` dates (ascending), e.g. for early stopping. */
  readonly holdout: Uint32Array;
  readonly holdoutDates: readonly string[];
}

/**
 * Holds out the rows of the last `nDates` distinct dates. Dates are compared as strings, so use a
 * sortable form (ISO `YYYY-MM-DD`). `rows` restricts the split to a subset (e.g. a fold's train
 * rows); by default all rows.
 */
export function holdOutLastDates(
  dates: readonly string[],
  nDates: number,
  rows?: ArrayLike<number>,
): DateHoldout {
  const subset =
    rows === undefined ? Array.from({ length: dates.length }, (_, i) => i) : Array.from(rows);
  const distinct = [...new Set(subset.map((i) => dates[i]))].sort();
  if (!Number.isInteger(nDates) || nDates < 1 || nDates >= distinct.length) {
    throw new Error(
      `cannot hold out ${nDates} of ${distinct.length} dates and keep some for fitting`,
    );
  }
  const holdoutDates = distinct.slice(distinct.length - nDates);
  const held = new Set(holdoutDates);
  const fit: number[] = [];
  const holdout: number[] = [];
  for (const i of subset) (held.has(dates[i]) ? holdout : fit).push(i);
  return {
    fit: Uint32Array.from(fit).sort(),
    holdout: Uint32Array.from(holdout).sort(),
    holdoutDates,
  };
}
