import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { readTimeStratification } from '../../domain/analytics-artifacts/time-stratification-view';
import { readLevelSpecificity } from '../../domain/analytics-artifacts/level-specificity-view';
import { readFeatureInteractions } from '../../domain/analytics-artifacts/feature-interactions-view';
import {
  readConfidenceCalibration,
  readModelMetrics,
} from '../../domain/analytics-artifacts/reliability-view';
import type {
  ChiSquare,
  Insufficient,
  RateBlock,
} from '../../domain/analytics-artifacts/common-blocks';
import { ChartComponent } from '../charts/chart/chart';
import { count, percent, pValue, signedPoints } from '../charts/chart-format';
import { SettingsStore } from '../settings/settings-store';
import { AnalyticsPanelComponent } from './analytics-panel';
import { artifactResource, type ArtifactState } from './artifact-resource';
import { levelsOption, thresholdsOption, timeBucketsOption } from './analytics-option-builders';
import { interactionGridOption } from './interaction-grid-option';
import { reliabilityOption } from './reliability-option';
import { reliabilitySource } from './reliability-source';

export const ARTIFACT_PATHS = {
  timeStratification: 'artifacts/time_stratification.json',
  levelSpecificity: 'artifacts/level_specificity.json',
  featureInteractions: 'artifacts/feature_interactions.json',
  historicalStats: 'artifacts/historical_stats.json',
  modelManifest: 'models/break-predictor.manifest.json',
} as const;

function valueOf<T>(state: ArtifactState<T>): T | null {
  return state.status === 'ok' ? state.value : null;
}

function errorsOf(state: {
  readonly status: string;
  readonly errors?: readonly string[];
}): readonly string[] | null {
  return state.status === 'error' ? (state.errors ?? null) : null;
}

/**
 * The analysts' view of the offline analyses and the model's calibration (route `/analytics`):
 * every chart is drawn from a validated artifact and shows the n behind each number. A missing
 * or invalid artifact turns only its own panel into an error message.
 */
@Component({
  selector: 'pv-analytics-page',
  imports: [AnalyticsPanelComponent, ChartComponent],
  templateUrl: './analytics-page.html',
  styleUrl: './analytics-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsPage {
  private readonly settings = inject(SettingsStore);

  /**
   * The analysis' bucket thresholds are the settings' defaults (docs/settings.md); this page loads
   * the artifact, so it hands a valid one to the settings, as the dashboard's pipeline does.
   */
  protected readonly timeState = artifactResource(ARTIFACT_PATHS.timeStratification, (json) => {
    const result = readTimeStratification(json);
    if (result.ok) this.settings.applyTimeStratification(json);
    return result;
  });
  protected readonly levelState = artifactResource(
    ARTIFACT_PATHS.levelSpecificity,
    readLevelSpecificity,
  );
  protected readonly interactionState = artifactResource(
    ARTIFACT_PATHS.featureInteractions,
    readFeatureInteractions,
  );
  protected readonly calibrationState = artifactResource(
    ARTIFACT_PATHS.historicalStats,
    readConfidenceCalibration,
  );
  protected readonly manifestState = artifactResource(
    ARTIFACT_PATHS.modelManifest,
    readModelMetrics,
  );

  protected readonly valueOf = valueOf;
  protected readonly errorsOf = errorsOf;
  protected readonly count = count;
  protected readonly percent = percent;
  protected readonly pValue = pValue;
  protected readonly signedPoints = signedPoints;

  protected readonly time = computed(() => valueOf(this.timeState()));
  protected readonly levels = computed(() => valueOf(this.levelState()));
  protected readonly interactions = computed(() => valueOf(this.interactionState()));
  protected readonly calibration = computed(() => valueOf(this.calibrationState()));
  protected readonly manifest = computed(() => valueOf(this.manifestState()));

  protected readonly timeOption = computed(() => {
    const t = this.time();
    return t === null ? null : timeBucketsOption(t);
  });
  protected readonly thresholdOption = computed(() => {
    const t = this.time();
    return t === null ? null : thresholdsOption(t, this.settings.activeThresholds());
  });
  protected readonly timeAdjusted = computed(() => this.settings.settings().timeAdjusted);
  protected readonly levelOption = computed(() => {
    const l = this.levels();
    return l === null ? null : levelsOption(l);
  });
  /** The manifest's bins on independent days, else the out-of-fold bins of historical_stats. */
  protected readonly reliabilitySource = computed(() =>
    reliabilitySource(this.manifestState(), this.calibrationState()),
  );
  protected readonly reliability = computed(() => {
    const s = this.reliabilitySource();
    if (s.status !== 'ok') return null;
    return reliabilityOption(
      s.bins,
      s.kind === 'independent' ? 'observed (independent days)' : 'observed (out of fold)',
    );
  });
  protected readonly independentReliability = computed(() => {
    const s = this.reliabilitySource();
    return s.status === 'ok' && s.kind === 'independent' ? s.independent : null;
  });
  protected readonly outOfFold = computed(() => {
    const s = this.reliabilitySource();
    return s.status === 'ok' && s.kind === 'out_of_fold' ? s.calibration : null;
  });
  /** Whether the stats' out-of-fold bins belong to the shipped model (same sha256). */
  protected readonly modelMatches = computed(() => {
    const c = this.calibration();
    const m = this.manifest();
    return c === null || m === null ? null : c.modelSha256 === m.sha256;
  });

  /** Significant pairs (after the multiple-testing correction), each with its heatmap. */
  protected readonly significantPairs = computed(() =>
    (this.interactions()?.pairs ?? [])
      .filter((p) => p.significant)
      .map((p) => ({
        pair: p,
        option: p.grid.status === 'ok' ? interactionGridOption(p.grid, p.feat1, p.feat2) : null,
      })),
  );
  protected readonly otherHypothesized = computed(() =>
    (this.interactions()?.pairs ?? []).filter((p) => p.source === 'hypothesized' && !p.significant),
  );

  protected chi(test: ChiSquare | Insufficient): string {
    if (test.status !== 'ok') return `insufficient data (${test.what})`;
    return `p ${pValue(test.pValue)} (χ² ${test.chi2.toFixed(1)}, dof ${test.dof}, n ${count(test.n)})`;
  }

  protected rate(block: RateBlock): string {
    return block.breakRate === null
      ? `insufficient data (n ${count(block.nResolved)})`
      : `${percent(block.breakRate, 1)} (n ${count(block.nResolved)})`;
  }

  protected insufficient(i: Insufficient): string {
    const n = i.n === null ? '' : `: ${count(i.n)} ${i.what}`;
    return `insufficient data${n}${i.minimum === null ? '' : `, minimum ${count(i.minimum)}`}`;
  }
}
