const ranges = (...parts: (number | [number, number])[]): number[] =>
  parts.flatMap((p) => (typeof p === 'number' ? [p] : Array.from({ length: p[1] - p[0] + 1 }, (_, k) => p[0] + k)));

/** The default drivers of docs/domain.md §5 as feature groups (the app reads them from the manifest). */
export const BENCH_DRIVER_GROUPS: readonly (readonly number[])[] = [
  ranges(61, [62, 66], 112),
  ranges([113, 119]),
  ranges([25, 46], 59, 60),
  ranges([47, 54], [77, 81], 101, 107, [120, 127]),
  ranges(55),
  ranges([67, 76], [104, 106], [136, 143]),
  ranges([56, 58], [82, 91], 100, 102, 103, [128, 135]),
  ranges([16, 18], 20, [92, 96]),
  ranges(19, [21, 24]),
  ranges([4, 12]),
  ranges([13, 15]),
  ranges(0, 1, 3),
  ranges(2),
  ranges([97, 99]),
  ranges([108, 111]),
];

