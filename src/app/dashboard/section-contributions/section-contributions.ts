import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SectionContribution } from '../../../domain/signal/level-signal';
import { formatSignedPoints } from '../format/signal-format';

/**
 * The edge split over the six vector sections A–F as signed horizontal bars around a zero line,
 * scaled to the largest |edge|.
 */
@Component({
  selector: 'pv-section-contributions',
  templateUrl: './section-contributions.html',
  styleUrl: './section-contributions.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SectionContributionsComponent {
  readonly sections = input.required<readonly SectionContribution[]>();

  protected readonly rows = computed(() => {
    const sections = this.sections();
    const scale = Math.max(...sections.map((s) => Math.abs(s.edge)), 1e-9);
    return sections.map((s) => ({
      section: s.section,
      name: s.name,
      edge: formatSignedPoints(s.edge),
      positive: s.edge >= 0,
      /** Width in % of one half of the track. */
      width: (Math.abs(s.edge) / scale) * 100,
    }));
  });
}
