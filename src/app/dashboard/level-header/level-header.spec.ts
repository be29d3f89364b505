import { TestBed } from '@angular/core/testing';
import { LevelHeaderComponent } from './level-header';
import { LevelView } from '../level-view';
import { testIdText, testSignal } from '../testing/test-signals';

function view(over: Partial<LevelView>): LevelView {
  return {
    kind: 'OR_LOW',
    price: 5985.25,
    direction: 'UP',
    distanceAtr: 0.43,
    distanceLabel: 'Close',
    state: 'live',
    signal: null,
    signalAgeMs: 0,
    pBreakHistory: [],
    timeline: [],
    ...over,
  };
}

async function render(level: LevelView): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(LevelHeaderComponent);
  fixture.componentRef.setInput('level', level);
  await fixture.whenStable();
  return fixture.nativeElement;
}

const text = testIdText;

describe('LevelHeaderComponent', () => {
  it('shows kind @ price, an upward approach and the distance label', async () => {
    const root = await render(view({}));
    expect(text(root, 'level-kind')).toBe('OR_LOW');
    expect(text(root, 'level-price')).toBe('5,985.25');
    expect(text(root, 'level-direction')).toBe('↑ UP approaching from below');
    expect(text(root, 'level-distance')).toBe('0.43 ATR Close');
    expect(root.querySelector('[data-testid="level-time"]')).toBeNull();
  });

  it('shows the New York time of the signal', async () => {
    const root = await render(view({ signal: testSignal({ timestamp: '2025-11-03T15:14:30Z' }) }));
    expect(text(root, 'level-time')).toBe('10:14:30 ET');
  });

  it('shows a downward approach from above', async () => {
    const root = await render(
      view({ kind: 'PM_HIGH', direction: 'DOWN', distanceAtr: 0.1, distanceLabel: 'Very Close' }),
    );
    expect(text(root, 'level-direction')).toBe('↓ DOWN approaching from above');
    expect(text(root, 'level-distance')).toBe('0.10 ATR Very Close');
  });
});
