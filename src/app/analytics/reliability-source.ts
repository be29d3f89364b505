import type {
  ConfidenceCalibration,
  IndependentReliability,
  ModelMetrics,
  ReliabilityBin,
} from '../../domain/analytics-artifacts/reliability-view';
import type { ArtifactState } from './artifact-resource';

/** Which bins the reliability panel draws, or why it cannot yet. */
export type ReliabilitySource =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly errors: readonly string[] }
  | {
      readonly status: 'ok';
      readonly kind: 'independent';
      readonly bins: readonly ReliabilityBin[];
      readonly independent: IndependentReliability;
    }
  | {
      readonly status: 'ok';
      readonly kind: 'out_of_fold';
      readonly bins: readonly ReliabilityBin[];
      readonly calibration: ConfidenceCalibration;
    };

/**
 * The model's reliability on independent days from its manifest (`metrics.independent.reliability`)
 * when the manifest has it; otherwise the out-of-fold bins of historical_stats.json. Waits for the
 * manifest before choosing, so the chart never switches source once drawn.
 */
export function reliabilitySource(
  manifest: ArtifactState<ModelMetrics>,
  calibration: ArtifactState<ConfidenceCalibration>,
): ReliabilitySource {
  if (manifest.status === 'loading') return { status: 'loading' };
  const independent = manifest.status === 'ok' ? manifest.value.independentReliability : null;
  if (independent !== null) {
    return { status: 'ok', kind: 'independent', bins: independent.bins, independent };
  }
  if (calibration.status !== 'ok') return calibration;
  return {
    status: 'ok',
    kind: 'out_of_fold',
    bins: calibration.value.bins,
    calibration: calibration.value,
  };
}
