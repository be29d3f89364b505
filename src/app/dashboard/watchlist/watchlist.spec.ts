import { TestBed } from '@angular/core/testing';
import { WatchlistComponent } from './watchlist';
import { LevelKind } from '../../../domain/frame/level-frame';
import { LevelView } from '../level-view';
import { testSignal, testView, visibleText } from '../testing/test-signals';
import { sparklinePoints } from './sparkline-path';

const LEVELS: LevelView[] = [
  testView({
    kind: 'PM_HIGH',
    price: 6021.5,
    direction: 'DOWN',
    distanceAtr: 3.6,
    distanceLabel: 'Far',
    state: 'far',
    signal: null,
  }),
  testView({ kind: 'OR_LOW', distanceAtr: 0.43, pBreakHistory: [0.4, 0.5, 0.67] }),
  testView({
    kind: 'PM_LOW',
    price: 5978.5,
    distanceAtr: 1.32,
    distanceLabel: 'Approaching',
    state: 'stale',
    signal: testSignal(),
  }),
];

async function setup(focused: LevelKind | null = null) {
  const fixture = TestBed.createComponent(WatchlistComponent);
  fixture.componentRef.setInput('levels', LEVELS);
  fixture.componentRef.setInput('focusedKind', focused);
  const selected: LevelKind[] = [];
  fixture.componentInstance.selectLevel.subscribe((k) => selected.push(k));
  await fixture.whenStable();
  const root: HTMLElement = fixture.nativeElement;
  const rows = [...root.querySelectorAll<HTMLButtonElement>('[data-testid="watchlist-row"]')];
  return { root, rows, selected };
}

describe('WatchlistComponent', () => {
  it('sorts by proximity and shows p_break, "—" without a live prediction and "far"', async () => {
    const { rows } = await setup();
    expect(rows.map((r) => r.dataset['kind'])).toEqual(['OR_LOW', 'PM_LOW', 'PM_HIGH']);
    const texts = rows.map((r) => visibleText(r));
    expect(texts[0]).toBe('OR_LOW 5,985.25 ↑ Close 67%');
    expect(texts[1]).toBe('PM_LOW 5,978.50 ↑ Approaching —');
    expect(texts[2]).toBe('PM_HIGH 6,021.50 ↓ Far far');
  });

  it('draws a sparkline only with at least two points', async () => {
    const { rows } = await setup();
    expect(rows[0].querySelector('[data-testid="sparkline"]')?.getAttribute('points')).toBe(
      sparklinePoints([0.4, 0.5, 0.67], 56, 16),
    );
    expect(rows[1].querySelector('[data-testid="sparkline"]')).toBeNull();
  });

  it('marks the focused row and emits the level clicked', async () => {
    const { rows, selected } = await setup('PM_LOW');
    expect(rows[1].getAttribute('aria-current')).toBe('true');
    expect(rows[0].getAttribute('aria-current')).toBeNull();
    rows[2].click();
    expect(selected).toEqual(['PM_HIGH']);
  });
});

describe('sparklinePoints', () => {
  it('maps probabilities to a box with 1 at the top', () => {
    expect(sparklinePoints([0, 1, 0.5], 10, 20)).toBe('0.0,20.0 5.0,0.0 10.0,10.0');
    expect(sparklinePoints([0.5], 10, 20)).toBe('');
  });
});
