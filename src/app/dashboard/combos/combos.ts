import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SignalCombo } from '../../../domain/signal/level-signal';
import { formatSignedPoints } from '../format/signal-format';

/** The active interaction effects of the signal, largest edge first. */
@Component({
  selector: 'pv-combos',
  templateUrl: './combos.html',
  styleUrl: './combos.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CombosComponent {
  readonly combos = input.required<readonly SignalCombo[]>();

  protected readonly rows = computed(() =>
    this.combos()
      .filter((c) => c.active)
      .sort((a, b) => Math.abs(b.edge) - Math.abs(a.edge))
      .map((c) => ({
        description: c.description,
        edge: formatSignedPoints(c.edge),
        sign: Math.sign(c.edge),
      })),
  );
}
