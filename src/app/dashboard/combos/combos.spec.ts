import { TestBed } from '@angular/core/testing';
import { visibleText } from '../testing/test-signals';
import { CombosComponent } from './combos';
import { SignalCombo } from '../../../domain/signal/level-signal';

async function render(combos: readonly SignalCombo[]): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(CombosComponent);
  fixture.componentRef.setInput('combos', combos);
  await fixture.whenStable();
  return fixture.nativeElement;
}

describe('CombosComponent', () => {
  it('lists active combos by edge and leaves out inactive ones', async () => {
    const root = await render([
      { description: 'Dealer gamma aligned with flow', edge: 0.07, active: true },
      { description: 'Flow × barrier', edge: 0.3, active: false },
      { description: 'Close + Clean Setup', edge: 0.18, active: true },
    ]);
    const rows = [...root.querySelectorAll('[data-testid="combo-row"]')].map((r) => visibleText(r));
    expect(rows).toEqual([
      'Close + Clean Setup +18.0 pp',
      'Dealer gamma aligned with flow +7.0 pp',
    ]);
  });

  it('says so when no combo is active', async () => {
    const root = await render([{ description: 'Flow × barrier', edge: 0.05, active: false }]);
    expect(root.querySelectorAll('[data-testid="combo-row"]').length).toBe(0);
    expect(root.textContent).toContain('No active combos');
  });
});
