import { MarketDay } from '../market/market-day';
import { SimParams } from './sim-params';
import { TruthRecord } from './truth-record';

export interface SessionLevels {
  readonly pmHigh: number;
  readonly pmLow: number;
  readonly orHigh: number;
  readonly orLow: number;
}

export interface SessionCharacter {
  readonly regime: 'quiet' | 'normal' | 'volatile';
  readonly trendDay: boolean;
  readonly sigmaPerSqrtSec: number;
}

export interface SimulatedSession {
  readonly day: MarketDay;
  readonly truth: readonly TruthRecord[];
  readonly levels: SessionLevels;
  readonly character: SessionCharacter;
}

export interface SimulateOptions {
  readonly params?: SimParams;
  /** Replace the random stream by one seeded with `seed` for everything strictly after `tMs`. */
  readonly switchAfter?: { readonly tMs: number; readonly seed: number };
}
