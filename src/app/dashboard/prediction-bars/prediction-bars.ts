import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { LevelView } from '../level-view';
import { formatAge, formatPercent, formatSignedPoints } from '../format/signal-format';

/**
 * The model's BREAK/REJECT probabilities as two bars, the edge over the stratum's base rate, the
 * confidence tier and the decision against the threshold. Shows no probabilities unless the level
 * is `live` (honest silence for stale, base-rate, far and waiting levels).
 */
@Component({
  selector: 'pv-prediction-bars',
  templateUrl: './prediction-bars.html',
  styleUrl: './prediction-bars.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PredictionBarsComponent {
  readonly level = input.required<LevelView>();

  protected readonly prediction = computed(() => {
    const view = this.level();
    const s = view.signal;
    if (view.state !== 'live' || s === null) return null;
    const p = s.prediction;
    return {
      pBreakValue: p.p_break,
      timestamp: s.timestamp,
      pBreak: formatPercent(p.p_break),
      pReject: formatPercent(p.p_reject),
      breakWidth: clampPercent(p.p_break),
      rejectWidth: clampPercent(p.p_reject),
      edge: formatSignedPoints(p.edge),
      edgeSign: Math.sign(Number((p.edge * 100).toFixed(1))),
      baseRate: formatPercent(p.base_rate),
      empirical:
        s.empirical_break_rate === undefined ? null : formatPercent(s.empirical_break_rate),
      confidence: p.confidence,
      decision: s.decision ?? null,
      threshold: s.threshold === undefined ? null : formatPercent(s.threshold),
    };
  });

  /** The message shown instead of probabilities. */
  protected readonly silence = computed(() => {
    const view = this.level();
    switch (view.state) {
      case 'live':
        return null;
      case 'stale':
        return {
          title: 'STALE',
          detail: `Last signal ${formatAge(view.signalAgeMs)} ago in feed time (over 90 s): no prediction shown.`,
        };
      case 'unavailable':
        return {
          title: 'MODEL UNAVAILABLE',
          detail: 'Only the base rate is available for this frame: no prediction shown.',
        };
      case 'far':
        return {
          title: 'FAR',
          detail: 'Outside the approach zone (more than 2 ATR): no prediction.',
        };
      case 'waiting':
        return { title: 'WAITING', detail: 'No signal for this level yet.' };
    }
  });
}

function clampPercent(p: number): number {
  return Math.min(100, Math.max(0, p * 100));
}
