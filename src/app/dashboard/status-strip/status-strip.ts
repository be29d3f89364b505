import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DecimalPipe } from '@angular/common';
import { MatTooltipModule } from '@angular/material/tooltip';
import { SourceStatus } from '../source-status';
import { PlaybackIntent } from '../dashboard-store';
import { formatAge, formatEasternTime } from '../format/signal-format';

/**
 * One line about the data behind the screen: source, connection, feed time, frame age, frames/s,
 * model and attribution times, rejected frames (reasons in a tooltip) and the pause intent.
 */
@Component({
  selector: 'pv-status-strip',
  imports: [DecimalPipe, MatTooltipModule],
  templateUrl: './status-strip.html',
  styleUrl: './status-strip.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusStripComponent {
  readonly status = input.required<SourceStatus>();
  /** Wall-clock time since the latest frame arrived, ms. */
  readonly frameAgeMs = input<number | null>(null);
  /** Newest feed timestamp (ISO). */
  readonly feedTime = input<string | null>(null);
  readonly timings = input<{ readonly model_ms: number; readonly attribution_ms: number } | null>(
    null,
  );
  readonly playback = input<PlaybackIntent>('playing');

  protected readonly frameAge = computed(() => formatAge(this.frameAgeMs()));
  protected readonly feedClock = computed(() => {
    const t = this.feedTime();
    return t === null ? '—' : `${formatEasternTime(t, true)} ET`;
  });
  protected readonly rejectTooltip = computed(() => {
    const reasons = this.status().rejectReasons;
    return reasons.length === 0
      ? 'No rejected frames'
      : reasons.map((r) => `${r.count} × ${r.reason}`).join('\n');
  });
}
