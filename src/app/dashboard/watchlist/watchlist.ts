import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { DecimalPipe } from '@angular/common';
import { LevelKind } from '../../../domain/frame/level-frame';
import { LevelView } from '../level-view';
import { formatPercent } from '../format/signal-format';
import { sparklinePoints } from './sparkline-path';

const SPARK_W = 56;

const STATE_HINTS: Readonly<Record<LevelView['state'], string>> = {
  live: 'Live model prediction',
  far: 'Outside the approach zone: no prediction',
  waiting: 'No signal yet',
  stale: 'Stale: no signal for over 90 s of feed time',
  unavailable: 'Model unavailable: base rate only',
};
const SPARK_H = 16;

/**
 * Every level, nearest first: kind, price, direction, distance label, p_break (or "far" outside
 * the zone, "—" when there is no live prediction) and a sparkline of recent p_break values.
 * Clicking a row (or Enter on it) focuses that level.
 */
@Component({
  selector: 'pv-watchlist',
  imports: [DecimalPipe],
  templateUrl: './watchlist.html',
  styleUrl: './watchlist.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WatchlistComponent {
  readonly levels = input.required<readonly LevelView[]>();
  readonly focusedKind = input<LevelKind | null>(null);
  readonly selectLevel = output<LevelKind>();

  protected readonly sparkWidth = SPARK_W;
  protected readonly sparkHeight = SPARK_H;

  protected readonly rows = computed(() =>
    [...this.levels()]
      .sort((a, b) => a.distanceAtr - b.distanceAtr || a.kind.localeCompare(b.kind))
      .map((l) => ({
        kind: l.kind,
        price: l.price,
        arrow: l.direction === 'UP' ? '↑' : '↓',
        direction: l.direction,
        distanceLabel: l.distanceLabel,
        state: l.state,
        pBreak: probabilityText(l),
        stateHint: STATE_HINTS[l.state],
        spark: sparklinePoints(l.pBreakHistory, SPARK_W, SPARK_H),
      })),
  );
}

function probabilityText(level: LevelView): string {
  if (level.state === 'far') return 'far';
  if (level.state !== 'live' || level.signal === null) return '—';
  return formatPercent(level.signal.prediction.p_break);
}
