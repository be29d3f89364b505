import { contOfi } from '../frames/order-flow';
import { DepthLevel, DepthSnapshot, TopOfBook, Trade } from '../market/market-day';
import { mixSeed, SeededRandom } from './seeded-random';

export const TICK = 0.25;
export const roundTick = (x: number): number => Math.round(x / TICK) * TICK;

/** Mean resting size of a level's wall (contracts over ±1 tick of the level). */
export const WALL_MEAN = 2000;
/** Contracts pulled from the wall per second per unit of the latent pull rate. */
const WALL_PULL = 1.5;
/** Noise of the wall's size (contracts per √s). */
const WALL_NOISE = 3;
/** Share of the wall left when price trades through the level (the rest was filled). */
const WALL_LEFT_AFTER_CROSS = 0.1;
/** The wall rests at the level and one tick either side (half its size at the level). */
const WALL_HALF_WIDTH = TICK;
/** Prices on each side of a depth snapshot: 20 points. */
const DEPTH_TICKS = 81;

/** The resting wall at one level, as the book shows it. */
export interface Wall {
  /** Level price the wall rests at (NaN until the level exists). */
  price: number;
  /** Contracts at the level and one tick either side. */
  size: number;
  exists: boolean;
  /** True while the level's price is on the ask side of the book (at or above the ask). */
  above: boolean;
}

export function newWall(): Wall {
  return { price: NaN, size: 0, exists: false, above: true };
}

/** Moves a wall to its level's current price; the wall appears the first time. */
export function placeWall(w: Wall, price: number, rng: SeededRandom): void {
  w.price = price;
  if (!w.exists) {
    w.exists = true;
    w.size = WALL_MEAN * Math.exp(0.3 * rng.normal());
  }
}

/** One second of a wall: reverts to its mean over 15 min, shrinks with the latent pull rate, noise. */
export function stepWall(w: Wall, pull: number, noise: number): void {
  if (w.exists)
    w.size = Math.max(
      0,
      w.size + (WALL_MEAN - w.size) / 900 - WALL_PULL * pull + WALL_NOISE * noise,
    );
}

/**
 * Price trading through a fixed level fills its wall: when the level passes from the ask side to
 * the bid side (or back), only a tenth of the wall is left; it rebuilds at the mean reversion.
 */
export function consumeWallOnCross(w: Wall, bid: number, ask: number): void {
  if (!w.exists) return;
  if (w.above && bid >= w.price) {
    w.above = false;
    w.size *= WALL_LEFT_AFTER_CROSS;
  } else if (!w.above && ask <= w.price) {
    w.above = true;
    w.size *= WALL_LEFT_AFTER_CROSS;
  }
}

/** Keeps the wall's side in step with the book while the level still moves (no fill). */
export function trackWallSide(w: Wall, ask: number): void {
  w.above = w.price >= ask;
}

/** Persistent resting size per price for the day (8–38 contracts). */
export class BaseDepth {
  private readonly cache = new Map<number, number>();

  constructor(private readonly seed: number) {}

  at(price: number): number {
    const key = Math.round(price * 4);
    let v = this.cache.get(key);
    if (v === undefined) {
      v = 8 + 30 * (mixSeed(this.seed, key) / 4294967296);
      this.cache.set(key, v);
    }
    return v;
  }
}

/** The 10-s depth snapshot: base size × noise per price plus the walls resting there. */
export function depthSnapshot(
  t: number,
  bid: number,
  ask: number,
  walls: readonly Wall[],
  base: BaseDepth,
  rng: SeededRandom,
): DepthSnapshot {
  const present = walls.filter((w) => w.exists);
  const side = (best: number, step: number): DepthLevel[] => {
    const out: DepthLevel[] = [];
    for (let k = 0; k < DEPTH_TICKS; k++) {
      const price = best + k * step;
      let size = base.at(price) * (0.85 + 0.3 * rng.next());
      for (const w of present) {
        const gap = Math.abs(price - w.price);
        if (gap <= WALL_HALF_WIDTH) size += w.size * (gap === 0 ? 0.5 : 0.25);
      }
      out.push([price, Math.max(1, Math.round(size))]);
    }
    return out;
  };
  return { t, bids: side(bid, -TICK), asks: side(ask, TICK) };
}

/**
 * The 1-s top of book. The bid is the latent price floored to the tick, the ask one tick above;
 * queue sizes are chosen so that the Cont OFI of each update (the frame builder's `contOfi`)
 * tracks a target accumulating whatever the caller adds each second.
 */
export class TopOfBookMaker {
  private target = 0;
  private done = 0;
  private prev: TopOfBook;

  constructor(latentPrice: number) {
    const bid = Math.floor(latentPrice / TICK) * TICK;
    this.prev = { t: 0, bid, ask: bid + TICK, bidSize: 30, askSize: 30 };
  }

  /** The quote at `t` for the latent price `x`, after adding `ofi` to the target. */
  next(t: number, x: number, ofi: number, rng: SeededRandom): TopOfBook {
    this.target += ofi;
    const want = this.target - this.done;
    const p = this.prev;
    const bid = Math.floor(x / TICK) * TICK;
    const ask = bid + TICK;
    const fresh = (): number => 10 + rng.poisson(20);
    const clampSize = (v: number): number => Math.max(1, Math.min(5000, Math.round(v)));
    let bidSize: number;
    let askSize: number;
    if (bid === p.bid) {
      bidSize = clampSize(p.bidSize + want / 2);
      askSize = clampSize(p.askSize - want / 2);
    } else if (bid > p.bid) {
      bidSize = clampSize(want - p.askSize);
      askSize = fresh();
    } else {
      askSize = clampSize(-want - p.bidSize);
      bidSize = fresh();
    }
    const q: TopOfBook = { t, bid, ask, bidSize, askSize };
    this.done += contOfi(p, q);
    this.prev = q;
    return q;
  }
}

/**
 * The prints of one second at `t`: a move of 3 ticks or more first sweeps through every skipped
 * tick (aggressor in the move's direction), then 1 + Poisson(activity) prints at the new price,
 * each a buy with probability `buyShare`.
 */
export function printsOfSecond(
  t: number,
  prevPrice: number,
  price: number,
  buyShare: number,
  activity: number,
  rng: SeededRandom,
): Trade[] {
  const out: Trade[] = [];
  const ticksMoved = Math.round((price - prevPrice) / TICK);
  if (Math.abs(ticksMoved) >= 3) {
    const side = ticksMoved > 0 ? 'BUY' : 'SELL';
    const step = Math.sign(ticksMoved) * TICK;
    for (let k = 1; k < Math.abs(ticksMoved); k++)
      out.push({ t, price: prevPrice + k * step, size: 3 + rng.poisson(6), aggressor: side });
  }
  const count = 1 + rng.poisson(activity);
  for (let k = 0; k < count; k++) {
    const aggressor = rng.chance(buyShare) ? 'BUY' : 'SELL';
    out.push({ t, price, size: 1 + rng.poisson(2), aggressor });
  }
  return out;
}
