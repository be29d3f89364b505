import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { testIdText } from '../testing/test-signals';
import { ReplayControlsComponent, SourceChoice } from './replay-controls';

interface Emitted {
  readonly source: SourceChoice[];
  readonly toggles: number[];
  readonly speeds: number[];
  readonly seeks: number[];
}

async function setup(inputs: Record<string, unknown> = {}) {
  const fixture = TestBed.createComponent(ReplayControlsComponent);
  const all: Record<string, unknown> = {
    source: 'replay',
    playback: 'paused',
    speed: 60,
    speeds: [1, 10, 60, 600],
    ticks: 361,
    position: 30,
    feedTimeMs: Date.parse('2025-11-03T14:45:00Z'),
    ...inputs,
  };
  for (const [k, v] of Object.entries(all)) fixture.componentRef.setInput(k, v);
  const emitted: Emitted = { source: [], toggles: [], speeds: [], seeks: [] };
  const c = fixture.componentInstance;
  c.sourceChange.subscribe((s) => emitted.source.push(s));
  c.togglePlayback.subscribe(() => emitted.toggles.push(1));
  c.speedChange.subscribe((s) => emitted.speeds.push(s));
  c.seek.subscribe((i) => emitted.seeks.push(i));
  await fixture.whenStable();
  const root: HTMLElement = fixture.nativeElement;
  return { fixture, root, emitted, loader: TestbedHarnessEnvironment.loader(fixture) };
}

describe('ReplayControlsComponent', () => {
  it('shows the replay clock in ET and the position among the ticks', async () => {
    const { root } = await setup();
    expect(testIdText(root, 'replay-time')).toBe('09:45:00 ET');
    expect(testIdText(root, 'replay-tick')).toBe('31 / 361');
    expect(root.querySelector('[data-testid="replay-play"]')?.getAttribute('aria-label')).toBe(
      'Play (Space)',
    );
  });

  it('emits play/pause, speed and seek (the slider input`s change)', async () => {
    const { root, emitted, loader } = await setup({ playback: 'playing' });
    const play = root.querySelector<HTMLButtonElement>('[data-testid="replay-play"]');
    expect(play?.getAttribute('aria-label')).toBe('Pause (Space)');
    play?.click();
    expect(emitted.toggles.length).toBe(1);

    const fast = await loader.getHarness(MatButtonToggleHarness.with({ text: '600×' }));
    await fast.check();
    expect(emitted.speeds).toEqual([600]);

    const seek = root.querySelector<HTMLInputElement>('[data-testid="replay-seek"]');
    expect(seek).not.toBeNull();
    if (seek === null) return;
    expect(seek.value).toBe('30');
    seek.value = '120';
    seek.dispatchEvent(new Event('change'));
    expect(emitted.seeks).toEqual([120]);
  });

  it('disables Live without a feed URL and switches source with one', async () => {
    const none = await setup();
    const liveNone = await none.loader.getHarness(MatButtonToggleHarness.with({ text: 'Live' }));
    expect(await liveNone.isDisabled()).toBeTrue();
    TestBed.resetTestingModule();

    const withUrl = await setup({ liveUrl: 'ws://127.0.0.1:8787/' });
    const live = await withUrl.loader.getHarness(MatButtonToggleHarness.with({ text: 'Live' }));
    await live.check();
    expect(withUrl.emitted.source).toEqual(['live']);
  });

  it('shows the live URL and no replay controls on the live source', async () => {
    const { root } = await setup({ source: 'live', liveUrl: 'ws://127.0.0.1:8787/' });
    expect(testIdText(root, 'live-url')).toBe('ws://127.0.0.1:8787/');
    expect(root.querySelector('[data-testid="replay-play"]')).toBeNull();
    expect(root.querySelector('[data-testid="replay-seek"]')).toBeNull();
  });
});
