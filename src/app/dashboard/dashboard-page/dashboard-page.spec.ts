import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { DashboardPage } from './dashboard-page';
import { DashboardStore } from '../dashboard-store';
import { testIdText, testSignal } from '../testing/test-signals';

async function setup(
  fixtureName?: string,
  before: (live: DashboardStore) => void = () => undefined,
) {
  TestBed.configureTestingModule({ providers: [provideRouter([])] });
  before(TestBed.inject(DashboardStore));
  const fixture = TestBed.createComponent(DashboardPage);
  if (fixtureName !== undefined) fixture.componentRef.setInput('fixture', fixtureName);
  await fixture.whenStable();
  const root: HTMLElement = fixture.nativeElement;
  const press = async (key: string) => {
    document.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    await fixture.whenStable();
  };
  const focusedKind = () =>
    root.querySelector('[data-testid="level-header"]')?.getAttribute('data-kind');
  return { fixture, root, press, focusedKind, store: TestBed.inject(DashboardStore) };
}

describe('DashboardPage', () => {
  it('shows an honest empty state without data', async () => {
    const { root } = await setup();
    expect(testIdText(root, 'dashboard-empty')).toContain('Waiting for frames…');
    expect(root.querySelector('[data-testid="level-header"]')).toBeNull();
    expect(root.querySelector('[data-testid="p-break"]')).toBeNull();
    expect(root.querySelector('[data-testid="fixture-banner"]')).toBeNull();
    expect(root.querySelector('[data-testid="status-strip"]')).not.toBeNull();
  });

  it('renders the live store for the focused level', async () => {
    const { fixture, root, store } = await setup();
    store.ingest(testSignal({ empirical_break_rate: 0.44 }));
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="dashboard-empty"]')).toBeNull();
    expect(testIdText(root, 'level-kind')).toBe('OR_LOW');
    expect(testIdText(root, 'p-break')).toBe('BREAK 67%');
    expect(root.querySelector('[data-testid="break-drivers"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="context"]')).not.toBeNull();
  });

  it('shows the fixture with its banner and never the live data', async () => {
    const { root, focusedKind } = await setup('demo', (live) =>
      live.ingest(
        testSignal({ level: { kind: 'EMA_20', price: 6000, direction: 'UP', distance_atr: 0.01 } }),
      ),
    );
    expect(testIdText(root, 'fixture-banner')).toContain('FIXTURE DATA');
    const kinds = [...root.querySelectorAll('[data-testid="watchlist-row"]')].map((r) =>
      r.getAttribute('data-kind'),
    );
    expect(kinds).toEqual(['OR_LOW', 'SMA_90', 'PM_LOW', 'OR_HIGH', 'PM_HIGH']);
    expect(focusedKind()).toBe('OR_LOW');
    for (const id of [
      'level-header',
      'p-break',
      'p-reject',
      'edge',
      'confidence',
      'break-drivers',
      'reject-drivers',
      'combos',
      'context',
      'sections',
      'watchlist',
      'status-strip',
    ]) {
      expect(root.querySelector(`[data-testid="${id}"]`))
        .withContext(id)
        .not.toBeNull();
    }
    expect(testIdText(root, 'status-source')).toBe('fixture: demo');
  });

  it('moves the focus with j/k and the arrows, and a click on a watchlist row', async () => {
    const { fixture, root, press, focusedKind } = await setup('demo');
    await press('j');
    expect(focusedKind()).toBe('SMA_90');
    await press('ArrowDown');
    expect(focusedKind()).toBe('PM_LOW');
    await press('k');
    await press('ArrowUp');
    expect(focusedKind()).toBe('OR_LOW');
    root
      .querySelector<HTMLButtonElement>('[data-testid="watchlist-row"][data-kind="OR_HIGH"]')
      ?.click();
    await fixture.whenStable();
    expect(focusedKind()).toBe('OR_HIGH');
  });

  it('hides the bars and drivers of stale and base-rate levels', async () => {
    const { root, press, focusedKind } = await setup('demo');
    await press('j');
    expect(focusedKind()).toBe('SMA_90');
    expect(root.querySelector('[data-testid="prediction-state"]')?.getAttribute('data-state')).toBe(
      'stale',
    );
    expect(root.querySelector('[data-testid="p-break"]')).toBeNull();
    expect(root.querySelector('[data-testid="break-drivers"]')).toBeNull();
    await press('j');
    await press('j');
    expect(focusedKind()).toBe('OR_HIGH');
    expect(root.querySelector('[data-testid="prediction-state"]')?.getAttribute('data-state')).toBe(
      'unavailable',
    );
    expect(root.querySelector('[data-testid="p-break"]')).toBeNull();
  });

  it('toggles pause with Space and opens the settings with s', async () => {
    const { root, press } = await setup('demo');
    const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
    await press(' ');
    expect(testIdText(root, 'status-paused')).toBe('PAUSED');
    await press(' ');
    expect(root.querySelector('[data-testid="status-paused"]')).toBeNull();
    await press('s');
    expect(navigate).toHaveBeenCalledWith(['/settings']);
  });
});
