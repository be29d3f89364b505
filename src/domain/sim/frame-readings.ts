import { Direction } from '../frame/level-frame';
import { BarrierCalculator, BARRIER_FLOW_WINDOW_MS } from '../frames/barrier';
import { contOfi } from '../frames/order-flow';
import { countAtOrBefore } from '../frames/sorted-search';
import { TAPE_NEAR_LEVEL_PTS, TAPE_WINDOW_MS } from '../frames/tape';
import {
  CLUSTER_GAP_MS,
  MIN_REARM_PTS,
  MIN_TOUCH_BAND_PTS,
  REARM_ATR,
  TOUCH_BAND_ATR,
} from '../frames/touch-memory';
import { DepthSnapshot, TopOfBook, Trade } from '../market/market-day';
import { DctBasis } from '../vector/dct';
import { evaluateReading } from '../vector/driver-reading';
import {
  DCT_COEFFICIENTS,
  DCT_FRAMES,
  featureIndex,
  VECTOR_DIMENSION,
} from '../vector/feature-table';
import { DEFAULT_DRIVERS } from '../vector/default-drivers';

/*
 * Incremental readers of the generated market data that read it exactly as the frame builder
 * (src/domain/frames) and the vector builder (src/domain/vector) do, so that the generator's
 * planted causes are what the frames show. Each reads only data stamped at or before its time.
 */

const SLOT_MS = 10_000;

/**
 * OFI window sums over the quotes so far, as OrderFlowCalculator computes them: Cont OFI of each
 * update against the previous quote (none for the first), summed over (t − W, t] from prefix sums
 * built in the same order, so the doubles are identical.
 */
export class OfiWindows {
  private readonly quotes: TopOfBook[] = [];
  private prefix = new Float64Array(4096);

  push(q: TopOfBook): void {
    const n = this.quotes.length;
    const e = n > 0 ? contOfi(this.quotes[n - 1] as TopOfBook, q) : 0;
    this.quotes.push(q);
    if (n + 1 >= this.prefix.length) {
      const grown = new Float64Array(this.prefix.length * 2);
      grown.set(this.prefix);
      this.prefix = grown;
    }
    this.prefix[n + 1] = (this.prefix[n] ?? 0) + e;
  }

  /** Σ OFI over the updates in (t − windowSec, t]. */
  sum(tMs: number, windowSec: number): number {
    const hi = countAtOrBefore(this.quotes, tMs);
    const lo = countAtOrBefore(this.quotes, tMs - windowSec * 1000);
    return (this.prefix[hi] ?? 0) - (this.prefix[lo] ?? 0);
  }

  /** The frame's ofi_acceleration: ofi_30s/30 − ofi_120s/120. */
  acceleration(tMs: number): number {
    return this.sum(tMs, 30) / 30 - this.sum(tMs, 120) / 120;
  }

  get all(): TopOfBook[] {
    return this.quotes;
  }
}

/** Snapshots (10 s apart) the 4-min barrier window needs: the one 4 min back and every later one. */
const BARRIER_SNAPSHOTS = BARRIER_FLOW_WINDOW_MS / SLOT_MS + 1;

/**
 * The frame's barrier_delta_liq for a level and side at t: depth within 2 pts of the level on the
 * approached side (asks for UP, bids for DOWN) now minus 4 min ago, read by the frame builder's
 * own BarrierCalculator on the snapshots of the window (the snapshots are 10 s apart, so the
 * window's first snapshot is the one 4 min back, exactly as on the whole day).
 */
export function barrierDeltaLiq(
  depth: readonly DepthSnapshot[],
  tMs: number,
  level: number,
  direction: Direction,
): number {
  const to = countAtOrBefore(depth, tMs);
  if (to === 0) return 0;
  const from = Math.max(0, countAtOrBefore(depth, tMs - BARRIER_FLOW_WINDOW_MS) - 1);
  if (to - from > BARRIER_SNAPSHOTS) throw new RangeError('depth snapshots are not 10 s apart');
  return new BarrierCalculator(depth.slice(from, to)).at(tMs, level, direction).deltaLiq;
}

/**
 * Aggressor imbalance (buy − sell)/(buy + sell) of the prints within 0.5 pt of the level over
 * (t − 60 s, t], the frame's tape_imbalance; 0 when nothing printed there.
 */
export function tapeImbalanceNear(trades: readonly Trade[], tMs: number, level: number): number {
  let buy = 0;
  let sell = 0;
  for (let i = trades.length - 1; i >= 0; i--) {
    const tr = trades[i] as Trade;
    if (tr.t <= tMs - TAPE_WINDOW_MS) break;
    if (tr.t > tMs || Math.abs(tr.price - level) > TAPE_NEAR_LEVEL_PTS + 1e-9) continue;
    if (tr.aggressor === 'BUY') buy += tr.size;
    else sell += tr.size;
  }
  return buy + sell > 0 ? (buy - sell) / (buy + sell) : 0;
}

/**
 * Touch memory of one level, fed with each completed 10-s slot, as the frame builder's
 * TouchTracker keeps it (docs/frame-fields.md): a slot touches when the level is active and the
 * slot's range comes within max(0.25 ATR, 0.5 pt); re-armed once a whole slot is farther than
 * max(0.5 ATR, 1 pt); a touch starting 15 min or more after the end of the last touching slot
 * opens a new cluster.
 */
export class TouchCount {
  private armed = true;
  private lastTouchEndMs: number | null = null;
  private clusterCount = 0;

  /** One completed slot [endMs − 10 s, endMs) judged with the level price and ATR at its end. */
  slot(
    endMs: number,
    low: number,
    high: number,
    level: number,
    atr: number,
    active: boolean,
  ): void {
    const gap = Math.max(0, low - level, level - high);
    const touching = active && gap <= Math.max(TOUCH_BAND_ATR * atr, MIN_TOUCH_BAND_PTS);
    if (gap > Math.max(REARM_ATR * atr, MIN_REARM_PTS)) this.armed = true;
    if (touching && this.armed) {
      this.armed = false;
      const last = this.lastTouchEndMs;
      if (last === null || endMs - SLOT_MS - last >= CLUSTER_GAP_MS) this.clusterCount = 1;
      else this.clusterCount++;
    }
    if (touching) this.lastTouchEndMs = endMs;
  }

  /** The frame's attempt_index at t: touches in the live cluster, 0 when none is live. */
  attemptIndex(tMs: number): number {
    const last = this.lastTouchEndMs;
    return last !== null && tMs - last < CLUSTER_GAP_MS ? this.clusterCount : 0;
  }
}

const CLEAN_SETUP = DEFAULT_DRIVERS.find((d) => d.name === 'Clean Setup');
if (!CLEAN_SETUP) throw new Error('the feature manifest has no Clean Setup driver');
const CLEAN_SETUP_READING = CLEAN_SETUP.reading;
const DCT_DISTANCE_K0 = featureIndex('dct_distance_k0');
const BASIS = new DctBasis(DCT_FRAMES, DCT_COEFFICIENTS);

/**
 * The last 40 frames of one level's distance_signed_atr, kept as the vector builder keeps them
 * (from the level's first active frame), and the manifest's Clean Setup reading of their DCT:
 * the share of the shape energy in k1, k2 out of k1…k7, on the float32 vector the model reads.
 */
export class DistancePath {
  private readonly values: number[] = [];
  private readonly window = new Float64Array(DCT_FRAMES);
  private readonly vector = new Float32Array(VECTOR_DIMENSION);

  push(distanceAtr: number): void {
    this.values.push(distanceAtr);
    if (this.values.length > DCT_FRAMES) this.values.shift();
  }

  get length(): number {
    return this.values.length;
  }

  /** Trend cleanliness in [0, 1]; NaN before the first frame. */
  cleanliness(): number {
    const held = this.values.length;
    if (held === 0) return NaN;
    const pad = DCT_FRAMES - held;
    for (let n = 0; n < DCT_FRAMES; n++) this.window[n] = this.values[Math.max(0, n - pad)] ?? 0;
    BASIS.transformInto(this.window, this.vector, DCT_DISTANCE_K0);
    return evaluateReading(CLEAN_SETUP_READING, this.vector, 'UP');
  }
}
