import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatTooltipHarness } from '@angular/material/tooltip/testing';
import { StatusStripComponent } from './status-strip';
import { INITIAL_SOURCE_STATUS, SourceStatus } from '../source-status';
import { testIdText } from '../testing/test-signals';

const STATUS: SourceStatus = {
  source: 'replay 2025-11-03',
  connection: 'connected',
  model: 'ready',
  modelDetail: null,
  framesPerSecond: 12.34,
  rejectedFrames: 3,
  rejectReasons: [
    { reason: 'spot is not a finite number', count: 2 },
    { reason: 'seq not increasing', count: 1 },
  ],
};

async function setup(status: SourceStatus, extra: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(StatusStripComponent);
  fixture.componentRef.setInput('status', status);
  for (const [k, v] of Object.entries(extra)) fixture.componentRef.setInput(k, v);
  await fixture.whenStable();
  const root: HTMLElement = fixture.nativeElement;
  return { root, loader: TestbedHarnessEnvironment.loader(fixture) };
}

describe('StatusStripComponent', () => {
  it('shows source, connection, feed clock, frame age, rate and latencies', async () => {
    const { root } = await setup(STATUS, {
      frameAgeMs: 2_400,
      feedTime: '2025-11-03T15:14:30Z',
      timings: { model_ms: 0.061, attribution_ms: 3.84 },
    });
    expect(testIdText(root, 'status-source')).toBe('replay 2025-11-03');
    expect(testIdText(root, 'status-connection')).toBe('connected');
    expect(testIdText(root, 'status-feed-time')).toBe('10:14:30 ET');
    expect(testIdText(root, 'status-frame-age')).toBe('2 s');
    expect(testIdText(root, 'status-fps')).toBe('12.3');
    expect(testIdText(root, 'status-model-ms')).toBe('0.06 ms');
    expect(testIdText(root, 'status-attribution-ms')).toBe('3.8 ms');
    expect(testIdText(root, 'status-rejected')).toBe('Rejected 3');
    expect(root.querySelector('[data-testid="status-paused"]')).toBeNull();
  });

  it('lists the rejection reasons in a tooltip', async () => {
    const { loader } = await setup(STATUS);
    const tooltip = await loader.getHarness(MatTooltipHarness);
    await tooltip.show();
    expect(await tooltip.getTooltipText()).toBe(
      '2 × spot is not a finite number\n1 × seq not increasing',
    );
    await tooltip.hide();
  });

  it('shows dashes before any data and the pause intent', async () => {
    const { root } = await setup(INITIAL_SOURCE_STATUS, { playback: 'paused' });
    expect(testIdText(root, 'status-frame-age')).toBe('—');
    expect(testIdText(root, 'status-fps')).toBe('—');
    expect(testIdText(root, 'status-model-ms')).toBe('—');
    expect(testIdText(root, 'status-paused')).toBe('PAUSED');
  });
});
