import { ConnectionState, SourceStatus } from '../dashboard/source-status';
import { FrameSourceStatus } from './frame-source';

/** How a source state reads in the dashboard's status strip. */
const CONNECTION: Readonly<Record<FrameSourceStatus['state'], ConnectionState>> = {
  playing: 'connected',
  paused: 'connected',
  open: 'connected',
  connecting: 'connecting',
  reconnecting: 'connecting',
  closed: 'disconnected',
  error: 'disconnected',
};

/**
 * The part of the dashboard's `SourceStatus` a frame source provides, for
 * `DashboardStore.setStatus`. `name` is the human source name (e.g. "replay 2025-11-03"); the
 * state is appended when it adds information ("paused", "reconnecting", an error's detail).
 */
export function dashboardStatusPatch(
  status: FrameSourceStatus,
  name: string,
): Pick<
  SourceStatus,
  'source' | 'connection' | 'framesPerSecond' | 'rejectedFrames' | 'rejectReasons'
> {
  const note =
    status.state === 'paused' || status.state === 'reconnecting'
      ? ` (${status.state})`
      : status.state === 'error' && status.detail !== null
        ? ` (${status.detail})`
        : '';
  return {
    source: `${status.kind === 'live' ? 'live' : 'replay'} ${name}${note}`.trim(),
    connection: CONNECTION[status.state],
    framesPerSecond: status.lastFrameTs === null ? null : status.framesPerSecond,
    rejectedFrames: status.rejected.count,
    rejectReasons: Object.entries(status.rejected.byReason)
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}
