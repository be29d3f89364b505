/** A contiguous feature range, inclusive at both ends (as in the feature manifest's sections). */
export interface FeatureRange {
  readonly start: number;
  readonly end: number;
}

/** The six sections A–F of the 144-D episode vector (docs/domain.md §3). */
export const VECTOR_SECTIONS: readonly FeatureRange[] = [
  { start: 0, end: 24 },
  { start: 25, end: 61 },
  { start: 62, end: 96 },
  { start: 97, end: 107 },
  { start: 108, end: 111 },
  { start: 112, end: 143 },
];

/** Players for a section attribution: one group of feature indices per section. */
export function sectionGroups(sections: readonly FeatureRange[] = VECTOR_SECTIONS): number[][] {
  return sections.map(({ start, end }) => {
    if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) throw new Error(`bad section ${start}…${end}`);
    return Array.from({ length: end - start + 1 }, (_, k) => start + k);
  });
}

/**
 * Players from a per-feature assignment (e.g. the manifest's driver of each feature): one group
 * per distinct name, in order of first appearance.
 */
export function groupsByName(nameOfFeature: readonly string[]): { names: string[]; groups: number[][] } {
  const names: string[] = [];
  const groups: number[][] = [];
  const index = new Map<string, number>();
  nameOfFeature.forEach((name, j) => {
    let g = index.get(name);
    if (g === undefined) {
      g = names.length;
      index.set(name, g);
      names.push(name);
      groups.push([]);
    }
    groups[g].push(j);
  });
  return { names, groups };
}
