import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { MatSliderModule } from '@angular/material/slider';
import { MatTooltipModule } from '@angular/material/tooltip';
import { PlaybackIntent } from '../dashboard-store';
import { formatEasternTime } from '../format/signal-format';

export type SourceChoice = 'replay' | 'live';

/**
 * The source switch (Replay / Live) and, for the replay, play/pause, the speed and a seek slider
 * over the session's ticks with the feed time. Every control is a native button or input.
 */
@Component({
  selector: 'pv-replay-controls',
  imports: [
    MatButtonModule,
    MatButtonToggleModule,
    MatIconModule,
    MatSliderModule,
    MatTooltipModule,
  ],
  templateUrl: './replay-controls.html',
  styleUrl: './replay-controls.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReplayControlsComponent {
  readonly source = input.required<SourceChoice>();
  /** Live feed URL, null when none is set (the Live choice is then disabled). */
  readonly liveUrl = input<string | null>(null);
  readonly playback = input.required<PlaybackIntent>();
  readonly speed = input.required<number>();
  readonly speeds = input.required<readonly number[]>();
  /** Number of ticks in the recording (0 before it is loaded). */
  readonly ticks = input(0);
  /** Index of the last tick shown, −1 before the first. */
  readonly position = input(-1);
  /** Feed time of the replay clock (epoch ms), null before any. */
  readonly feedTimeMs = input<number | null>(null);

  readonly sourceChange = output<SourceChoice>();
  readonly togglePlayback = output<void>();
  readonly speedChange = output<number>();
  readonly seek = output<number>();

  protected readonly feedClock = computed(() => {
    const ms = this.feedTimeMs();
    return ms === null ? '—' : `${formatEasternTime(new Date(ms).toISOString(), true)} ET`;
  });
  protected readonly tickLabel = computed(() => {
    const n = this.ticks();
    return n === 0 ? '—' : `${Math.max(0, this.position() + 1)} / ${n}`;
  });

  protected onSource(value: unknown): void {
    if (value === 'replay' || value === 'live') this.sourceChange.emit(value);
  }

  protected onSpeed(value: unknown): void {
    if (typeof value === 'number') this.speedChange.emit(value);
  }

  /** The slider's native `change` (released, or a key press): seek to its tick. */
  protected onSeek(event: Event): void {
    const target = event.target;
    if (!(target instanceof HTMLInputElement)) return;
    const value = Number(target.value);
    if (Number.isFinite(value)) this.seek.emit(value);
  }
}
