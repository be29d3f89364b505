import { VirtualTimeScheduler } from 'rxjs';

/** Runs every action due up to `ms` (virtual time) and leaves the clock at `ms`. */
export function advanceTo(scheduler: VirtualTimeScheduler, ms: number): void {
  if (ms < scheduler.frame) throw new Error(`cannot go back in time: ${ms} < ${scheduler.frame}`);
  scheduler.maxFrames = ms;
  scheduler.flush();
  scheduler.frame = ms;
}
