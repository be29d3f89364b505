import { VirtualTimeScheduler } from 'rxjs';
import type { FrameTick } from '../../domain/feed/frame-tick';
import { advanceTo } from '../feed/testing/virtual-feed-time';
import { ExplainSchedule, type ExplainJob } from './explain-schedule';

const T0 = Date.parse('2025-11-03T14:30:00.000Z');
const tick = (i: number): FrameTick => ({
  index: i,
  ts: new Date(T0 + i * 30_000).toISOString(),
  feedTimeMs: T0 + i * 30_000,
  frames: [],
});

/** Jobs as short strings: `full 3`, `history 1,2`. */
function setup(): {
  time: VirtualTimeScheduler;
  schedule: ExplainSchedule;
  jobs: string[];
} {
  const time = new VirtualTimeScheduler();
  const jobs: string[] = [];
  const schedule = new ExplainSchedule(
    time,
    (job: ExplainJob) =>
      jobs.push(
        job.kind === 'full'
          ? `full ${job.tick.index}`
          : `history ${job.ticks.map((t) => t.index).join(',')}`,
      ),
    { holdMs: 200, fullSpacingMs: 250 },
  );
  return { time, schedule, jobs };
}

describe('ExplainSchedule', () => {
  it('explains every tick in full when they arrive slower than the spacing', () => {
    const { time, schedule, jobs } = setup();
    for (let i = 0; i < 3; i++) {
      advanceTo(time, i * 500);
      schedule.push([tick(i)]);
      schedule.fullAnswered();
    }
    expect(jobs).toEqual(['full 0', 'full 1', 'full 2']);
  });

  it('at a tick every 50 ms: one full explanation per spacing, the skipped ticks as history, the last in full after the hold', () => {
    const { time, schedule, jobs } = setup();
    for (let i = 0; i < 8; i++) {
      advanceTo(time, i * 50);
      schedule.push([tick(i)]);
      if (jobs.at(-1)?.startsWith('full')) schedule.fullAnswered();
    }
    expect(jobs).toEqual([
      'full 0',
      'history 1',
      'history 2',
      'history 3',
      'history 4',
      'full 5',
      'history 6',
    ]);
    advanceTo(time, 350 + 199);
    expect(jobs.length).toBe(7);
    advanceTo(time, 350 + 200);
    expect(jobs.at(-1)).toBe('full 7');
  });

  it('holds the newest tick while a full explanation runs, and sends it when that answers', () => {
    const { time, schedule, jobs } = setup();
    schedule.push([tick(0)]);
    advanceTo(time, 300);
    schedule.push([tick(1)]);
    advanceTo(time, 350);
    schedule.push([tick(2)]);
    expect(jobs).toEqual(['full 0', 'history 1']);
    schedule.fullAnswered();
    expect(jobs).toEqual(['full 0', 'history 1', 'full 2']);
  });

  it('a catch-up hand-over: every tick but the last as one history job; clear() drops the held tick', () => {
    const { time, schedule, jobs } = setup();
    schedule.push([tick(0), tick(1), tick(2)]);
    expect(jobs).toEqual(['history 0,1', 'full 2']);
    schedule.push([tick(3)]);
    schedule.clear();
    advanceTo(time, 1000);
    expect(jobs).toEqual(['history 0,1', 'full 2']);
    schedule.push([tick(0)]);
    expect(jobs.at(-1)).toBe('full 0');
  });
});
