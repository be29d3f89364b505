import type { LevelFrame, LevelKind } from '../frame/level-frame';
import { sampleLevelFrame } from '../frame/sample-level-frame';
import { SessionContextTracker } from './session-context';

const LEVELS: Record<string, number> = { PM_HIGH: 5020, PM_LOW: 4980, OR_HIGH: 5010, OR_LOW: 4990 };

/** A frame of `kind` at minute m with spot s (ATR 2, direction from the side of the level). */
function frame(kind: LevelKind, m: number, spot: number): LevelFrame {
  const level = LEVELS[kind];
  const t = Date.parse('2025-11-03T14:30:00.000Z') + m * 60_000;
  return sampleLevelFrame({
    level_kind: kind,
    level_price: level,
    spot,
    atr: 2,
    direction: spot < level ? 'UP' : 'DOWN',
    distance_signed_atr: (spot - level) / 2,
    minutes_since_open: m,
    ts: new Date(t).toISOString(),
    session_date: '2025-11-03',
    level_active: true,
  });
}

describe('SessionContextTracker', () => {
  it('orders supports and resistances by their first touch', () => {
    const t = new SessionContextTracker();
    t.observe(frame('PM_LOW', 1, 4980.5)); // touches PM_LOW from above: 1st support
    expect(t.levelSequence({ level_kind: 'PM_LOW', direction: 'DOWN' })).toBe('1st support of day');
    // OR_LOW approached from above but not touched yet: it would be the 2nd support
    t.observe(frame('OR_LOW', 2, 4993));
    expect(t.levelSequence({ level_kind: 'OR_LOW', direction: 'DOWN' })).toBe('2nd support of day');
    t.observe(frame('OR_LOW', 3, 4990.25));
    expect(t.levelSequence({ level_kind: 'OR_LOW', direction: 'DOWN' })).toBe('2nd support of day');
    expect(t.levelSequence({ level_kind: 'PM_LOW', direction: 'DOWN' })).toBe('1st support of day');
    // resistances are counted apart
    expect(t.levelSequence({ level_kind: 'PM_HIGH', direction: 'UP' })).toBe(
      '1st resistance of day',
    );
    t.observe(frame('OR_HIGH', 4, 5009.5));
    t.observe(frame('PM_HIGH', 5, 5019.5));
    expect(t.levelSequence({ level_kind: 'PM_HIGH', direction: 'UP' })).toBe(
      '2nd resistance of day',
    );
  });

  it('resolves touch clusters from later frames only: BREAK at +0.5 ATR through, REJECT at 1 ATR away', () => {
    const t = new SessionContextTracker();
    t.observe(frame('PM_LOW', 1, 4980.5)); // touch (DOWN)
    t.observe(frame('OR_HIGH', 1, 5009.5)); // touch (UP)
    expect(t.sessionHistory(frame('PM_LOW', 2, 4981)).map((h) => h.outcome)).toEqual([
      'UNRESOLVED',
      'UNRESOLVED',
    ]);
    t.observe(frame('PM_LOW', 2, 4982)); // 1 ATR above = 2 pts: DOWN cluster moved away → REJECT
    t.observe(frame('OR_HIGH', 2, 5010.5)); // 0.25 ATR through: not yet
    let h = t.sessionHistory(frame('PM_LOW', 3, 4982));
    expect(h).toEqual([
      { level_kind: 'PM_LOW', ts: frame('PM_LOW', 1, 0).ts, outcome: 'REJECT' },
      { level_kind: 'OR_HIGH', ts: frame('OR_HIGH', 1, 0).ts, outcome: 'UNRESOLVED' },
    ]);
    t.observe(frame('OR_HIGH', 3, 5011)); // 0.5 ATR through → BREAK
    h = t.sessionHistory(frame('PM_LOW', 4, 4982));
    expect(h[1].outcome).toBe('BREAK');
    // the history of a frame lists only touches that started before it
    expect(t.sessionHistory(frame('PM_LOW', 1, 4980.5))).toEqual([]);
  });

  it('keeps a re-touch within 15 minutes in the same cluster and starts a new one after re-arming later', () => {
    const t = new SessionContextTracker();
    t.observe(frame('PM_HIGH', 1, 5019.75)); // touch
    t.observe(frame('PM_HIGH', 2, 5018.5)); // 0.75 ATR away: re-armed, unresolved
    t.observe(frame('PM_HIGH', 3, 5019.75)); // second touch of the same cluster
    expect(t.sessionHistory(frame('PM_HIGH', 4, 5019)).length).toBe(1);
    t.observe(frame('PM_HIGH', 5, 5017)); // 1.5 ATR away → REJECT
    t.observe(frame('PM_HIGH', 30, 5019.75)); // new touch → new cluster
    const h = t.sessionHistory(frame('PM_HIGH', 31, 5019));
    expect(h.map((x) => x.outcome)).toEqual(['REJECT', 'UNRESOLVED']);
  });

  it('starts over on a new session date', () => {
    const t = new SessionContextTracker();
    t.observe(frame('PM_LOW', 1, 4980.5));
    const next = {
      ...frame('OR_LOW', 1, 4990.5),
      session_date: '2025-11-04',
      ts: '2025-11-04T14:31:00.000Z',
    };
    t.observe(next);
    expect(t.sessionHistory(next)).toEqual([]);
    expect(t.levelSequence({ level_kind: 'PM_LOW', direction: 'DOWN' })).toBe('2nd support of day');
  });
});
