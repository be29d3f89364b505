/** Builders of LevelSignals and LevelViews for the dashboard specs. */
import { LevelSignal } from '../../../domain/signal/level-signal';
import { LevelView } from '../level-view';

export function testSignal(over: Partial<LevelSignal> = {}): LevelSignal {
  return {
    type: 'level_signal',
    timestamp: '2025-11-03T15:14:30Z',
    level: { kind: 'OR_LOW', price: 5985.25, direction: 'UP', distance_atr: 0.43 },
    prediction: {
      p_break: 0.67,
      p_reject: 0.33,
      base_rate: 0.452,
      edge: 0.218,
      confidence: 'HIGH',
      method: 'model',
    },
    drivers: { break: [], reject: [] },
    combos: [],
    context: {
      time_bucket: 'T30_60',
      time_bucket_label: 'Peak Breakout Window',
      level_sequence: '2nd support of day',
    },
    ...over,
  };
}

export function testView(over: Partial<LevelView> = {}): LevelView {
  const signal = over.signal === undefined ? testSignal() : over.signal;
  return {
    kind: signal?.level.kind ?? 'OR_LOW',
    price: signal?.level.price ?? 5985.25,
    direction: signal?.level.direction ?? 'UP',
    distanceAtr: signal?.level.distance_atr ?? 0.43,
    distanceLabel: 'Close',
    state: 'live',
    signalAgeMs: 0,
    pBreakHistory: [],
    timeline: [],
    ...over,
    signal,
  };
}

/** Text of the first element with the test id (see `visibleText`). */
export function testIdText(root: HTMLElement, id: string): string | undefined {
  const el = root.querySelector(`[data-testid="${id}"]`);
  return el === null ? undefined : visibleText(el);
}

/**
 * The element's text nodes, trimmed and joined by one space. Templates drop the whitespace between
 * elements (the layout spaces them), so plain textContent would run "BREAK" and "67%" together.
 */
export function visibleText(el: Element): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const t = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (t !== '') parts.push(t);
  }
  return parts.join(' ');
}
