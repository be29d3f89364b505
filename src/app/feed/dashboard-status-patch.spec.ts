import { dashboardStatusPatch } from './dashboard-status-patch';
import { initialSourceStatus } from './frame-source';

describe('dashboardStatusPatch', () => {
  it('maps a live source with rejections, most frequent reason first', () => {
    const patch = dashboardStatusPatch(
      {
        ...initialSourceStatus('live'),
        state: 'open',
        lastFrameTs: '2025-11-03T15:00:00.000Z',
        framesPerSecond: 8,
        rejected: { count: 3, byReason: { 'invalid atr': 1, 'malformed JSON': 2 } },
      },
      'ws://127.0.0.1:8787/',
    );
    expect(patch).toEqual({
      source: 'live ws://127.0.0.1:8787/',
      connection: 'connected',
      framesPerSecond: 8,
      rejectedFrames: 3,
      rejectReasons: [
        { reason: 'malformed JSON', count: 2 },
        { reason: 'invalid atr', count: 1 },
      ],
    });
  });

  it('shows a paused replay as connected with a note, and no rate before any frame', () => {
    const patch = dashboardStatusPatch(
      { ...initialSourceStatus('replay'), state: 'paused' },
      '2025-11-03',
    );
    expect(patch.source).toBe('replay 2025-11-03 (paused)');
    expect(patch.connection).toBe('connected');
    expect(patch.framesPerSecond).toBeNull();
  });

  it('shows a refused token as disconnected with its reason', () => {
    const patch = dashboardStatusPatch(
      { ...initialSourceStatus('live'), state: 'error', detail: 'invalid token' },
      'ws://x/',
    );
    expect(patch).toEqual(
      jasmine.objectContaining({
        connection: 'disconnected',
        source: 'live ws://x/ (invalid token)',
      }),
    );
  });
});
