import { groupFolds } from './folds';

describe('groupFolds', () => {
  it('keeps each date in one fold and cuts sorted dates into contiguous blocks', () => {
    const days = [
      '2025-11-05',
      '2025-11-03',
      '2025-11-04',
      '2025-11-03',
      '2025-11-07',
      '2025-11-06',
      '2025-11-05',
    ];
    const f = groupFolds(days, 2);
    // 5 dates → blocks of 3 and 2.
    expect(f.groupsPerFold).toEqual([
      ['2025-11-03', '2025-11-04', '2025-11-05'],
      ['2025-11-06', '2025-11-07'],
    ]);
    expect(Array.from(f.foldOf)).toEqual([0, 0, 0, 0, 1, 1, 0]);
  });

  it('sorts numeric keys numerically and refuses more folds than groups', () => {
    expect(groupFolds([10, 9, 100, 2], 2).groupsPerFold).toEqual([
      [2, 9],
      [10, 100],
    ]);
    expect(() => groupFolds(['a', 'b'], 3)).toThrowError(RangeError);
    expect(() => groupFolds(['a', 'b'], 1)).toThrowError(RangeError);
  });
});
