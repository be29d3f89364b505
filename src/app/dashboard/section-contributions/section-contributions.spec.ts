import { TestBed } from '@angular/core/testing';
import { SectionContributionsComponent } from './section-contributions';
import { SectionContribution } from '../../../domain/signal/level-signal';

async function render(sections: readonly SectionContribution[]): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(SectionContributionsComponent);
  fixture.componentRef.setInput('sections', sections);
  await fixture.whenStable();
  return fixture.nativeElement;
}

describe('SectionContributionsComponent', () => {
  it('draws signed bars scaled to the largest contribution', async () => {
    const root = await render([
      { section: 'A', name: 'Context & Regime', edge: 0.02 },
      { section: 'B', name: 'Multi-Scale Dynamics', edge: 0.08 },
      { section: 'C', name: 'Micro-History', edge: -0.04 },
    ]);
    const edges = [...root.querySelectorAll('[data-testid="section-edge"]')].map((e) =>
      e.textContent?.trim(),
    );
    expect(edges).toEqual(['+2.0', '+8.0', '\u22124.0']);
    const rows = root.querySelectorAll('[data-testid="section-row"]');
    expect(rows[1].querySelector<HTMLElement>('.fill.positive')?.style.width).toBe('100%');
    expect(rows[2].querySelector<HTMLElement>('.fill.negative')?.style.width).toBe('50%');
    expect(rows[2].querySelector('.fill.positive')).toBeNull();
  });

  it('says so when the signal has no section split', async () => {
    const root = await render([]);
    expect(root.textContent).toContain('Not in this signal');
  });
});
