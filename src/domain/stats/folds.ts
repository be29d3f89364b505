// Grouped folds for out-of-sample evaluation: every observation of a group (a session date) lands
// in the same fold, so no day is both trained on and tested on. Distinct keys are sorted (ISO dates
// sort chronologically) and cut into k contiguous blocks whose sizes differ by at most one key:
// the earlier blocks get the extra keys. The assignment is deterministic and needs no seed.

export type GroupKey = string | number;

export function compareKeys(a: GroupKey, b: GroupKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export interface GroupFolds {
  /** Fold index (0..k−1) per observation. */
  readonly foldOf: Int32Array;
  /** The group keys of each fold, in sorted order. */
  readonly groupsPerFold: readonly (readonly GroupKey[])[];
  readonly k: number;
}

/** Assigns observations to k folds by their group key; throws when there are fewer keys than folds. */
export function groupFolds(groups: readonly GroupKey[], k: number): GroupFolds {
  if (!(Number.isInteger(k) && k >= 2))
    throw new RangeError(`groupFolds: k must be an integer ≥ 2, got ${k}`);
  const keys = [...new Set(groups)].sort(compareKeys);
  if (keys.length < k)
    throw new RangeError(`groupFolds: ${keys.length} distinct groups for ${k} folds`);
  const base = Math.floor(keys.length / k);
  const extra = keys.length % k;
  const foldOfKey = new Map<GroupKey, number>();
  const groupsPerFold: GroupKey[][] = [];
  let cursor = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < extra ? 1 : 0);
    const block = keys.slice(cursor, cursor + size);
    block.forEach((key) => foldOfKey.set(key, f));
    groupsPerFold.push(block);
    cursor += size;
  }
  const foldOf = new Int32Array(groups.length);
  groups.forEach((g, i) => {
    foldOf[i] = foldOfKey.get(g) ?? -1;
  });
  return { foldOf, groupsPerFold, k };
}

/** Number of distinct group keys. */
export function distinctGroups(groups: readonly GroupKey[]): number {
  return new Set(groups).size;
}
