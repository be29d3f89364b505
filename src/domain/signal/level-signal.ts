/**
 * The `level_signal` message (docs/domain-contract.md §6): the explained prediction for one level
 * at one frame. The keys of the original WebSocket format keep their meaning; the additions are
 * marked below and documented in docs/level-signal.md.
 */
import { Direction, LevelKind } from '../frame/level-frame';

export const CONFIDENCE_TIERS = ['VERY HIGH', 'HIGH', 'MODERATE', 'LOW'] as const;
export type ConfidenceTier = (typeof CONFIDENCE_TIERS)[number];

export type PredictionMethod = 'model' | 'base_rate';
export type Decision = 'BREAK' | 'REJECT';

export interface SignalLevel {
  readonly kind: LevelKind;
  readonly price: number;
  readonly direction: Direction;
  /** |distance_signed_atr| at the frame. */
  readonly distance_atr: number;
}

export interface SignalPrediction {
  readonly p_break: number;
  readonly p_reject: number;
  /** Mean model output over the stratum's background sample (what the edge is measured from). */
  readonly base_rate: number;
  /** p_break − base_rate, probability points. */
  readonly edge: number;
  readonly confidence: ConfidenceTier;
  readonly method: PredictionMethod;
  /** Addition: why the method is `base_rate` (model unavailable, self-test failed, no background). */
  readonly method_reason?: string;
  /** Addition: why the confidence was lowered to LOW (empty or absent when it was not). */
  readonly confidence_reasons?: readonly string[];
}

export interface SignalDriver {
  readonly name: string;
  /** Percentile 0–100 of the driver's reading among historical frames of the stratum. */
  readonly strength: number;
  /** Share of the edge, probability points; positive pushes toward BREAK. */
  readonly edge: number;
  readonly description: string;
  /** Addition: standard error of the edge (0 when computed exactly). */
  readonly edge_se?: number;
}

export interface SignalCombo {
  readonly description: string;
  readonly edge: number;
  readonly active: boolean;
}

export interface SignalContext {
  readonly time_bucket: string;
  readonly time_bucket_label: string;
  readonly level_sequence: string;
  /** Addition: today's earlier touches of levels and their observed outcomes. */
  readonly session_history?: readonly SessionHistoryItem[];
}

export interface SessionHistoryItem {
  readonly level_kind: LevelKind;
  /** ISO time of the touch. */
  readonly ts: string;
  readonly outcome: 'BREAK' | 'REJECT' | 'UNRESOLVED';
}

export interface SectionContribution {
  readonly section: string;
  readonly name: string;
  readonly edge: number;
  /** Standard error of `edge` when the section split is sampled (absent when it is exact). */
  readonly edge_se?: number;
}

export interface LevelSignal {
  readonly type: 'level_signal';
  readonly timestamp: string;
  readonly level: SignalLevel;
  readonly prediction: SignalPrediction;
  readonly drivers: {
    readonly break: readonly SignalDriver[];
    readonly reject: readonly SignalDriver[];
  };
  readonly combos: readonly SignalCombo[];
  readonly context: SignalContext;
  // additions
  readonly section_contributions?: readonly SectionContribution[];
  /** The stratum's empirical break rate among resolved historical frames, shown beside base_rate. */
  readonly empirical_break_rate?: number;
  readonly threshold?: number;
  readonly decision?: Decision;
  readonly timings?: { readonly model_ms: number; readonly attribution_ms: number };
}
