import {
  formatAge,
  formatEasternTime,
  formatPercent,
  formatPoints,
  formatSignedPoints,
  ordinal,
} from './signal-format';

describe('signal formats', () => {
  it('shows probabilities as whole percents', () => {
    expect(formatPercent(0.6712)).toBe('67%');
    expect(formatPercent(0.455)).toBe('46%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('signs percentage points with + and a typographic minus', () => {
    expect(formatSignedPoints(0.2213)).toBe('+22.1');
    expect(formatSignedPoints(-0.05)).toBe('\u22125.0');
    expect(formatSignedPoints(-0.0004)).toBe('0.0');
    expect(formatSignedPoints(0.12, 0)).toBe('+12');
    expect(formatPoints(-0.012)).toBe('1.2');
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 85, 100].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '85th',
      '100th',
    ]);
  });

  it('shows instants on the New York clock', () => {
    // 14:47 UTC on a November (EST) day is 09:47 in New York.
    expect(formatEasternTime('2025-11-03T14:47:00Z')).toBe('09:47');
    expect(formatEasternTime('2025-11-03T14:47:09Z', true)).toBe('09:47:09');
    expect(formatEasternTime('not a date')).toBe('—');
  });

  it('writes ages in seconds and minutes', () => {
    expect(formatAge(null)).toBe('—');
    expect(formatAge(4_900)).toBe('4 s');
    expect(formatAge(125_000)).toBe('2 m 05 s');
  });
});
