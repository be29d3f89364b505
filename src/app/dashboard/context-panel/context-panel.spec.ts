import { TestBed } from '@angular/core/testing';
import { ContextPanelComponent } from './context-panel';
import { SignalContext } from '../../../domain/signal/level-signal';
import { testIdText, visibleText } from '../testing/test-signals';

async function render(context: SignalContext): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(ContextPanelComponent);
  fixture.componentRef.setInput('kind', 'OR_LOW');
  fixture.componentRef.setInput('context', context);
  await fixture.whenStable();
  return fixture.nativeElement;
}

describe('ContextPanelComponent', () => {
  it('shows the bucket with its label, the sequence and earlier outcomes in time order', async () => {
    const root = await render({
      time_bucket: 'T30_60',
      time_bucket_label: 'Peak Breakout Window',
      level_sequence: '2nd support of day',
      session_history: [
        { level_kind: 'OR_HIGH', ts: '2025-11-03T14:58:30Z', outcome: 'BREAK' },
        { level_kind: 'PM_LOW', ts: '2025-11-03T14:47:00Z', outcome: 'REJECT' },
      ],
    });
    expect(testIdText(root, 'context-time')).toBe('T30_60 · Peak Breakout Window');
    expect(testIdText(root, 'context-sequence')).toBe('OR_LOW · 2nd support of day');
    const rows = [...root.querySelectorAll('[data-testid="context-history-row"]')].map((r) =>
      visibleText(r),
    );
    expect(rows).toEqual(['PM_LOW: Rejected at 09:47', 'OR_HIGH: Broke at 09:58']);
  });

  it('says when nothing happened earlier today', async () => {
    const root = await render({
      time_bucket: 'T0_15',
      time_bucket_label: 'Opening Range Forming',
      level_sequence: '1st support of day',
    });
    expect(root.querySelectorAll('[data-testid="context-history-row"]').length).toBe(0);
    expect(root.textContent).toContain('No earlier level outcomes today');
  });
});
