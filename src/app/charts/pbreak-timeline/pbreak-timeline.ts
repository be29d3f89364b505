import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ChartComponent } from '../chart/chart';
import { percent } from '../chart-format';
import {
  DEFAULT_GAP_MS,
  buildPBreakTimelineOption,
  timelineModel,
  type TimelineOutcome,
  type TimelinePoint,
} from './pbreak-timeline-option';

/**
 * P(BREAK) of one level over the session (09:30–12:30 ET, a fixed time axis): the model's
 * predictions as a line on a 0–100 % axis, the decision threshold (a dashed line, stepped where
 * per-bucket thresholds change), the points where the decision flipped (blue → BREAK, red →
 * REJECT) and the realised outcomes of the level's touches (diamonds with a dotted rule: blue
 * BREAK, red REJECT, grey unresolved). New predictions are merged into the drawn chart (the option
 * builder states every property it sets). Without predictions it says so instead of drawing an
 * empty chart.
 */
@Component({
  selector: 'pv-pbreak-timeline',
  imports: [ChartComponent],
  template: `
    @if (model().rows.length > 0) {
      <pv-chart [option]="option()" update="merge" [height]="height()" [label]="summary()" />
    } @else {
      <div class="empty" data-testid="pbreak-timeline-empty" [style.height.px]="height()">
        No model predictions for this level yet
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .empty {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--mat-sys-on-surface-variant);
      font-size: 12px;
      border: 1px dashed var(--pv-rule);
      border-radius: 4px;
    }
  `,
  host: { 'data-testid': 'pbreak-timeline' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PBreakTimelineComponent {
  /** The level's model predictions (any order; unusable times or probabilities are skipped). */
  readonly points = input.required<readonly TimelinePoint[]>();
  /** Threshold for points without their own `threshold`; null: none drawn, no derived decisions. */
  readonly threshold = input<number | null>(null);
  /** Realised outcomes of the level's touches. */
  readonly outcomes = input<readonly TimelineOutcome[]>([]);
  /** Chart height in pixels. */
  readonly height = input(160);
  /** A pause between predictions longer than this breaks the line (ms). */
  readonly gapMs = input(DEFAULT_GAP_MS);

  private readonly timelineInput = computed(() => ({
    points: this.points(),
    threshold: this.threshold(),
    outcomes: this.outcomes(),
    gapMs: this.gapMs(),
  }));
  protected readonly model = computed(() => timelineModel(this.timelineInput()));
  protected readonly option = computed(() => buildPBreakTimelineOption(this.timelineInput()));

  /** Accessible name of the chart: what a sighted user reads off it. */
  protected readonly summary = computed(() => {
    const { rows, outcomes } = this.model();
    const last = rows.at(-1);
    if (last === undefined) return 'P(BREAK) timeline: no predictions';
    const flips = rows.filter((r) => r.flippedTo !== null).length;
    const decision =
      last.decision === null
        ? ''
        : ` (${last.decision}${last.threshold === null ? '' : ` vs threshold ${percent(last.threshold)}`})`;
    return (
      `P(BREAK) timeline: ${rows.length} predictions, latest ${percent(last.pBreak)}${decision}, ` +
      `${flips} decision flips, ${outcomes.length} realised outcomes`
    );
  });
}
