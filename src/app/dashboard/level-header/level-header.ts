import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DecimalPipe } from '@angular/common';
import { LevelView } from '../level-view';

/** The focused level: kind @ price, approach direction, distance in ATR with its label. */
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
}
