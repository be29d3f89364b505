import { TestBed } from '@angular/core/testing';
import { PredictionBarsComponent } from './prediction-bars';
import { LevelView } from '../level-view';
import { testIdText, testSignal, testView } from '../testing/test-signals';

async function render(level: LevelView): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(PredictionBarsComponent);
  fixture.componentRef.setInput('level', level);
  await fixture.whenStable();
  return fixture.nativeElement;
}

describe('PredictionBarsComponent', () => {
  it('shows BREAK and REJECT percentages with bars of those widths', async () => {
    const root = await render(testView());
    expect(testIdText(root, 'p-break')).toBe('BREAK 67%');
    expect(testIdText(root, 'p-reject')).toBe('REJECT 33%');
    const fills = root.querySelectorAll<HTMLElement>('.fill');
    expect(fills[0].style.width).toBe('67%');
    expect(fills[1].style.width).toBe('33%');
  });

  it('shows the signed edge, base rate, empirical rate, confidence and decision', async () => {
    const root = await render(
      testView({
        signal: testSignal({ empirical_break_rate: 0.44, threshold: 0.55, decision: 'BREAK' }),
      }),
    );
    expect(testIdText(root, 'edge')).toBe('Edge: +21.8 pp vs base rate (45%)');
    expect(testIdText(root, 'empirical-rate')).toBe('empirical break rate 44%');
    expect(testIdText(root, 'confidence')).toBe('HIGH');
    expect(testIdText(root, 'decision')).toBe('BREAK vs threshold 55%');
  });

  it('shows a negative edge with a minus and leaves out absent additions', async () => {
    const s = testSignal();
    const root = await render(
      testView({
        signal: {
          ...s,
          prediction: {
            ...s.prediction,
            p_break: 0.31,
            p_reject: 0.69,
            base_rate: 0.41,
            edge: -0.1,
            confidence: 'LOW',
          },
        },
      }),
    );
    expect(testIdText(root, 'edge')).toBe('Edge: \u221210.0 pp vs base rate (41%)');
    expect(root.querySelector('[data-testid="edge"]')?.classList).toContain('negative');
    expect(testIdText(root, 'confidence')).toBe('LOW');
    expect(root.querySelector('[data-testid="empirical-rate"]')).toBeNull();
    expect(root.querySelector('[data-testid="decision"]')).toBeNull();
  });

  for (const [state, title] of [
    ['stale', 'STALE'],
    ['unavailable', 'MODEL UNAVAILABLE'],
    ['far', 'FAR'],
    ['waiting', 'WAITING'],
  ] as const) {
    it(`hides the bars when the level is ${state}`, async () => {
      const root = await render(testView({ state, signalAgeMs: 150_000 }));
      expect(root.querySelector('[data-testid="p-break"]')).toBeNull();
      expect(root.querySelector('[data-testid="p-reject"]')).toBeNull();
      expect(root.querySelector('[data-testid="edge"]')).toBeNull();
      expect(root.textContent).not.toContain('67%');
      const message = root.querySelector('[data-testid="prediction-state"]');
      expect(message?.getAttribute('data-state')).toBe(state);
      expect(message?.textContent).toContain(title);
    });
  }

  it('says how old a stale signal is', async () => {
    const root = await render(testView({ state: 'stale', signalAgeMs: 150_000 }));
    expect(testIdText(root, 'prediction-state')).toContain('2 m 30 s');
  });
});
