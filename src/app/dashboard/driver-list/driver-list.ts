import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Direction } from '../../../domain/frame/level-frame';
import { SignalDriver } from '../../../domain/signal/level-signal';
import { OTHER_DRIVERS } from '../../../domain/explain/fold-drivers';
import { formatPoints, formatSignedPoints, ordinal } from '../format/signal-format';

export type DriverListKind = 'break' | 'reject';

/**
 * BREAK (✓) or REJECT (✗) drivers, largest |edge| first: name (description in a tooltip), strength
 * bar 0–100, percentile, edge in signed percentage points and its standard error. Every row the
 * signal carries is shown, so the rows add up to the list total; the folded "Other drivers" row
 * (several small drivers summed) comes last whatever its size, since it names no single reason.
 */
@Component({
  selector: 'pv-driver-list',
  imports: [MatTooltipModule],
  templateUrl: './driver-list.html',
  styleUrl: './driver-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DriverListComponent {
  readonly kind = input.required<DriverListKind>();
  readonly drivers = input.required<readonly SignalDriver[]>();
  /** The level's approach direction, to say which way the drivers push. */
  readonly direction = input<Direction | null>(null);

  protected readonly title = computed(() => {
    const kind = this.kind();
    const dir = this.direction();
    const push =
      dir === null
        ? kind === 'break'
          ? 'pushing through'
          : 'holding'
        : (kind === 'break') === (dir === 'UP')
          ? 'pushing up'
          : 'pushing down';
    return `${kind === 'break' ? 'BREAK' : 'REJECT'} drivers (${push})`;
  });

  protected readonly icon = computed(() => (this.kind() === 'break' ? '✓' : '✗'));

  protected readonly rows = computed(() =>
    [...this.drivers()]
      .sort(
        (a, b) =>
          Number(a.name === OTHER_DRIVERS) - Number(b.name === OTHER_DRIVERS) ||
          Math.abs(b.edge) - Math.abs(a.edge),
      )
      .map((d) => ({
        name: d.name,
        description: d.description,
        strength: Math.min(100, Math.max(0, d.strength)),
        percentile: ordinal(d.strength),
        edge: formatSignedPoints(d.edge),
        se: d.edge_se === undefined ? null : formatPoints(d.edge_se),
      })),
  );

  protected readonly total = computed(() =>
    formatSignedPoints(this.drivers().reduce((sum, d) => sum + d.edge, 0)),
  );
}
