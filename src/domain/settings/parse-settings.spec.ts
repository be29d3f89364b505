import { defaultSettings } from './analyst-settings';
import { cutoffOrderErrors, feedUrlError, parseSettings, replaySpeedError } from './parse-settings';

/** A deep, mutable copy of the defaults as plain JSON, as read from a file. */
function json(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(defaultSettings({ T30_60: 0.58 })));
}

function errorsOf(input: unknown): readonly string[] {
  const result = parseSettings(input);
  return result.ok ? [] : result.errors;
}

describe('parseSettings', () => {
  it('round-trips the defaults and an edited copy through JSON', () => {
    const edited = {
      ...defaultSettings(),
      globalThreshold: 0.61,
      timeAdjusted: true,
      feed: { url: 'wss://feed.example.com:8443/levels?x=1', token: 'abc' },
      replay: { speed: 8 },
    };
    for (const s of [defaultSettings({ T30_60: 0.58 }), edited]) {
      const result = parseSettings(JSON.parse(JSON.stringify(s)));
      expect(result).toEqual({ ok: true, settings: s });
    }
  });

  it('refuses what is not an object and other versions', () => {
    expect(errorsOf('x')).toEqual(['settings must be a JSON object']);
    expect(errorsOf([])).toEqual(['settings must be a JSON object']);
    const v2 = { ...json(), version: 2 };
    expect(errorsOf(v2)[0]).toMatch(/unsupported settings version 2 .*reads version 1/);
    const { version: _dropped, ...noVersion } = json();
    expect(errorsOf(noVersion)[0]).toMatch(/unsupported settings version nothing/);
  });

  it('checks ranges, booleans and types and reports every problem with its path', () => {
    const bad = json();
    bad['globalThreshold'] = 1.5;
    bad['timeAdjusted'] = 'yes';
    bad['perBucket'] = {
      ...(bad['perBucket'] as object),
      T30_60: { enabled: 1, threshold: -0.1 },
    };
    bad['replay'] = { speed: 0 };
    const errors = errorsOf(bad);
    expect(errors).toContain('globalThreshold must be a number from 0 to 1 (got 1.5)');
    expect(errors).toContain('timeAdjusted must be true or false (got "yes")');
    expect(errors).toContain('perBucket.T30_60.enabled must be true or false (got 1)');
    expect(errors).toContain('perBucket.T30_60.threshold must be a number from 0 to 1 (got -0.1)');
    expect(errors).toContain('replay.speed must be a number from 1 to 600 (got 0)');
    expect(errors.length).toBe(5);
  });

  it('reports missing sections and buckets, and unknown keys', () => {
    const bad = json();
    delete bad['confidence'];
    const perBucket = bad['perBucket'] as Record<string, unknown>;
    delete perBucket['T120_180'];
    perBucket['T60_90'] = { enabled: true, threshold: 0.5 };
    bad['extra'] = true;
    const errors = errorsOf(bad);
    expect(errors).toContain('confidence must be an object (got nothing)');
    expect(errors).toContain('perBucket.T120_180 must be an object (got nothing)');
    expect(errors).toContain('unknown setting perBucket.T60_90');
    expect(errors).toContain('unknown setting extra');
  });

  it('requires VERY HIGH > HIGH > MODERATE cut-offs', () => {
    const bad = json();
    bad['confidence'] = { veryHigh: 0.6, high: 0.62, moderate: 0.62 };
    expect(errorsOf(bad)).toEqual([
      'confidence: the VERY HIGH cut-off must be above the HIGH cut-off',
      'confidence: the HIGH cut-off must be above the MODERATE cut-off',
    ]);
  });

  it('accepts only ws:/wss: feed URLs (or none)', () => {
    const bad = json();
    bad['feed'] = { url: 'https://feed.example.com', token: 7 };
    expect(errorsOf(bad)).toEqual([
      'feed.url must use ws: or wss: (got https:)',
      'feed.token must be a string (got 7)',
    ]);
  });
});

describe('field checks shared with the form', () => {
  it('feedUrlError', () => {
    expect(feedUrlError('')).toBeNull();
    expect(feedUrlError('ws://localhost:8765/levels')).toBeNull();
    expect(feedUrlError('WSS://feed.example.com')).toBeNull();
    expect(feedUrlError('ws://')).toMatch(/not a ws:\/\/ or wss:\/\/ URL/);
    expect(feedUrlError('ws://host name')).toMatch(/not a ws/);
    expect(feedUrlError('feed.example.com')).toMatch(/not a ws/);
    expect(feedUrlError('http://x')).toBe('must use ws: or wss: (got http:)');
    expect(feedUrlError(3)).toMatch(/must be a string/);
  });

  it('replaySpeedError', () => {
    expect(replaySpeedError(1)).toBeNull();
    expect(replaySpeedError(600)).toBeNull();
    expect(replaySpeedError(0.5)).not.toBeNull();
    expect(replaySpeedError(600.5)).not.toBeNull();
    expect(replaySpeedError(Number.NaN)).not.toBeNull();
    expect(replaySpeedError(null)).not.toBeNull();
  });

  it('cutoffOrderErrors', () => {
    expect(cutoffOrderErrors({ veryHigh: 0.7, high: 0.62, moderate: 0.55 })).toEqual([]);
    expect(cutoffOrderErrors({ veryHigh: 0.7, high: 0.7, moderate: 0.55 }).length).toBe(1);
  });
});
