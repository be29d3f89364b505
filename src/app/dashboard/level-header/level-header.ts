import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DecimalPipe } from '@angular/common';
import { LevelView } from '../level-view';
import { formatEasternTime } from '../format/signal-format';

/**
 * The focused level: kind @ price, approach direction, distance in ATR with its label, and the time
 * of the signal shown.
 */
@Component({
  selector: 'pv-level-header',
  imports: [DecimalPipe],
  templateUrl: './level-header.html',
  styleUrl: './level-header.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LevelHeaderComponent {
  readonly level = input.required<LevelView>();

  protected readonly directionText = computed(() =>
    this.level().direction === 'UP'
      ? '↑ UP approaching from below'
      : '↓ DOWN approaching from above',
  );

  /** New York time of the signal shown, null without a signal. */
  protected readonly signalTime = computed(() => {
    const s = this.level().signal;
    return s === null ? null : `${formatEasternTime(s.timestamp, true)} ET`;
  });
}
