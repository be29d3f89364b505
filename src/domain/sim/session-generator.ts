import { Direction } from '../frame/level-frame';
import {
  DepthLevel,
  DepthSnapshot,
  MarketDay,
  OptionTrade,
  TopOfBook,
  Trade,
} from '../market/market-day';
import { PriceBar10s } from '../market/price-bar';
import { appliedDrift, levelTruth, PropensityCauses } from './break-propensity';
import { DRIVER_NAMES, DriverName, PLANTED_PLAYERS } from './drivers';
import { easternToUtcMs, parseIsoDate } from './eastern-time';
import { dealerGammaNear, OptionBook } from './option-book';
import { mixSeed, SeededRandom } from './seeded-random';
import { DEFAULT_SIM_PARAMS, SimParams, timeBucketOf } from './sim-params';
import { SwitchableRandom } from './switchable-random';

export const TICK = 0.25;
const SEC = 1000;
/** Levels the generator plants (the optional moving averages are not planted). */
export const PLANTED_LEVEL_KINDS = ['PM_HIGH', 'PM_LOW', 'OR_HIGH', 'OR_LOW'] as const;
export type PlantedLevelKind = (typeof PLANTED_LEVEL_KINDS)[number];
export const TRUTH_SCHEMA = 'pentaview-truth/1';

/** One ground-truth record: the generator's own probability for an in-zone (frame time, level). */
export interface TruthRecord {
  readonly schema: typeof TRUTH_SCHEMA;
  readonly ts: string;
  readonly session_date: string;
  readonly minutes_since_open: number;
  readonly level_kind: PlantedLevelKind;
  readonly level_price: number;
  readonly direction: Direction;
  readonly spot: number;
  readonly atr: number;
  readonly distance_signed_atr: number;
  /** True when this level is the one driving price (the closest in-zone level). */
  readonly engaged: boolean;
  readonly engaged_level_kind: PlantedLevelKind;
  /** Direction of the engagement (fixed for the whole visit; the causes are signed with it). */
  readonly engaged_direction: Direction;
  /** P(BREAK | BREAK or REJECT) at 2, 4 and 8 minutes. */
  readonly p_break: { readonly '2': number; readonly '4': number; readonly '8': number };
  readonly baseline_4: number;
  /** Exact Shapley contribution of every driver (0 for controls) and of the hidden term, 4-min horizon. */
  readonly contributions_4: Readonly<Record<DriverName | 'Hidden', number>>;
  /** The engaged level's cause values (dir-signed, standardised). */
  readonly causes: PropensityCausesRecord;
}

export type PropensityCausesRecord = Omit<PropensityCauses, 'levelKind' | 'direction' | 'bucket'>;

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

interface LevelState {
  readonly kind: PlantedLevelKind;
  price: number;
  /** Resting liquidity of the wall (contracts spread over ±1 pt of the level). */
  wall: number;
  /** Latent pull rate (positive = liquidity being pulled). */
  pull: number;
  hasWall: boolean;
  /** Wall size at each 10-s step (last WALL_HISTORY values). */
  wallHistory: number[];
  /** Touch tracker armed (the frame builder's hysteresis, docs/frame-fields.md). */
  armed: boolean;
  /** End of the last touching 10-s slot. */
  lastTouchMs: number;
  touchesInCluster: number;
}

/** One-second step of a unit-variance AR(1) (Ornstein–Uhlenbeck) latent with time constant τ. */
class Latent {
  private readonly rho: number;
  private readonly innovation: number;
  value = 0;

  constructor(tauSec: number) {
    this.rho = Math.exp(-1 / tauSec);
    this.innovation = Math.sqrt(1 - this.rho * this.rho);
  }

  step(rng: SeededRandom): number {
    this.value = this.value * this.rho + this.innovation * rng.normal();
    return this.value;
  }
}

const roundTick = (x: number): number => Math.round(x / TICK) * TICK;

/** Mean resting size of a level's wall (contracts over ±1 pt of the level). */
const WALL_MEAN = 2000;
/** Contracts pulled from the wall per second per unit of the latent pull rate. */
const WALL_PULL = 1.5;
/** Noise of the wall's size (contracts per √s). */
const WALL_NOISE = 3;
/** The wall rests at the level and one tick either side (half its size at the level). */
const WALL_HALF_WIDTH = TICK;
/** Time constant (s) of the latent flow burst, and its scale into the acceleration cause. */
const BURST_TAU = 90;
const BURST_TO_CAUSE = 1.8;
/** 10-s steps kept per wall: 4 minutes back plus the current one. */
const WALL_HISTORY = 25;
/** Contracts pulled over 4 minutes per unit of the barrier-weakness cause. */
const WALL_PULL_SCALE = 300;
/** Tape-aggression cause per unit of near-level aggressor imbalance. */
const TAPE_CAUSE_SCALE = 1.5;
/** Per-second Cont OFI per unit of latent flow and of latent burst; noise per second. */
const OFI_PER_FLOW = 10;
const OFI_PER_BURST = 6;
const OFI_NOISE = 3;
/** Aggressor mix: logit of the buy share per unit of tape aggression and of flow. */
const TAPE_LOGIT = 1.6;
const TAPE_FLOW_LOGIT = 0.2;
/** Slots (10 s) in the 20-minute window of the clean-setup measure. */
const SETUP_SLOTS = 120;
/** Scale of the clean-setup cause per unit of the 20-min share of moves toward the level. */
const SETUP_SCALE = 4;

/** Moves a level to its current price; its resting wall appears the first time. */
function placeLevel(lv: LevelState, price: number, rng: SeededRandom): void {
  lv.price = price;
  if (!lv.hasWall) {
    lv.hasWall = true;
    lv.wall = WALL_MEAN * Math.exp(0.3 * rng.normal());
  }
}

/**
 * Simulates one ES session (04:00–12:45 ET) at 1-s resolution, deterministic for (date, seed).
 * Price follows a Brownian motion whose drift, inside the approach zone of the closest active
 * level, is the generator's break propensity (see docs/simulator.md); the truth records hold the
 * probability that drift implies and its exact Shapley decomposition.
 */
export function simulateMarketDay(
  date: string,
  seed: number,
  options: SimulateOptions = {},
): SimulatedSession {
  const params = options.params ?? DEFAULT_SIM_PARAMS;
  const civil = parseIsoDate(date);
  const startMs = easternToUtcMs(civil, 4, 0, 0);
  const warmupMs = easternToUtcMs(civil, 9, 0, 0);
  const openMs = easternToUtcMs(civil, 9, 30, 0);
  const orEndMs = openMs + 15 * 60 * SEC;
  const lastFrameMs = openMs + 180 * 60 * SEC;
  const endMs = easternToUtcMs(civil, 12, 45, 0);
  const closeMs = easternToUtcMs(civil, 16, 0, 0);
  const daySeed = mixSeed(seed, date);
  const stream = new SwitchableRandom(daySeed, options.switchAfter);

  // Day character (drawn first, before any switch can apply).
  const dayRng = new SeededRandom(mixSeed(daySeed, 'day'));
  const regimeDraw = dayRng.next();
  const regime: SessionCharacter['regime'] =
    regimeDraw < 0.3 ? 'quiet' : regimeDraw < 0.8 ? 'normal' : 'volatile';
  const sigmaDay =
    { quiet: 0.16, normal: 0.22, volatile: 0.32 }[regime] * Math.exp(0.12 * dayRng.normal());
  const impliedVol =
    { quiet: 0.11, normal: 0.15, volatile: 0.22 }[regime] * Math.exp(0.1 * dayRng.normal());
  const trendDay = dayRng.chance(params.trendDayShare);
  const trendSign = dayRng.chance(0.5) ? 1 : -1;
  let x = roundTick(dayRng.uniform(5200, 6800));
  const optionBook = new OptionBook(mixSeed(daySeed, 'options'), 0.9 * dayRng.normal());
  const baseDepth = new BaseDepth(mixSeed(daySeed, 'depth'));

  const levels: LevelState[] = PLANTED_LEVEL_KINDS.map((kind) => ({
    kind,
    price: NaN,
    wall: 0,
    pull: 0,
    wallHistory: [],
    hasWall: false,
    armed: true,
    lastTouchMs: -Infinity,
    touchesInCluster: 0,
  }));
  const level = (kind: PlantedLevelKind): LevelState =>
    levels[PLANTED_LEVEL_KINDS.indexOf(kind)] as LevelState;

  // Latent causes.
  const flowLatent = new Latent(params.tauFlow);
  const burstLatent = new Latent(BURST_TAU);
  const burstWindow = new Float64Array(120);
  let burst30 = 0;
  let burst120 = 0;
  const tapeLatent = new Latent(params.tauTape);
  const hiddenLatent = new Latent(params.tauHidden);
  const volLatent = new Latent(600);
  const wanderLatent = new Latent(1200);
  const pullLatents = levels.map(() => new Latent(params.tauBarrier));
  let flow = 0;
  let flowAccel = 0;
  let tape = 0;
  let hidden = 0;
  let wander = 0;

  const bars: PriceBar10s[] = [];
  const quotes: TopOfBook[] = [];
  const depth: DepthSnapshot[] = [];
  const trades: Trade[] = [];
  const optionTrades: OptionTrade[] = [];
  const truth: TruthRecord[] = [];
  const minuteTrueRanges: number[] = [];
  const closes10s: number[] = [];

  let bar: { t: number; open: number; high: number; low: number; close: number } | null = null;
  let minute: { t: number; high: number; low: number; close: number } | null = null;
  let prevMinuteClose = NaN;
  let last = x;
  let bid = x - TICK;
  let ask = x;
  let bidSize = 30;
  let askSize = 30;
  let ofiTarget = 0;
  let ofiDone = 0;
  let pmHigh = -Infinity;
  let pmLow = Infinity;
  let orHigh = -Infinity;
  let orLow = Infinity;
  let drift = 0;
  let engagement: { readonly level: LevelState; readonly direction: Direction } | null = null;
  let sigma = sigmaDay;

  const printPrice = (t: number, price: number): void => {
    const barStart = t - ((t - startMs) % (10 * SEC));
    if (!bar || bar.t !== barStart) {
      if (bar)
        bars.push({ t: bar.t, open: bar.open, high: bar.high, low: bar.low, close: bar.close });
      bar = { t: barStart, open: price, high: price, low: price, close: price };
    } else {
      bar.high = Math.max(bar.high, price);
      bar.low = Math.min(bar.low, price);
      bar.close = price;
    }
    const minuteStart = t - ((t - startMs) % (60 * SEC));
    closeMinuteBefore(t);
    if (!minute) {
      minute = { t: minuteStart, high: price, low: price, close: price };
    } else {
      minute.high = Math.max(minute.high, price);
      minute.low = Math.min(minute.low, price);
      minute.close = price;
    }
    if (t < openMs) {
      pmHigh = Math.max(pmHigh, price);
      pmLow = Math.min(pmLow, price);
    } else if (t < orEndMs) {
      orHigh = Math.max(orHigh, price);
      orLow = Math.min(orLow, price);
    }
    last = price;
  };

  /** Completes the 1-min bar once `t` is past its end (its true range enters the ATR). */
  const closeMinuteBefore = (t: number): void => {
    if (!minute || t < minute.t + 60 * SEC) return;
    const m = minute;
    const tr = Number.isNaN(prevMinuteClose)
      ? m.high - m.low
      : Math.max(m.high, prevMinuteClose) - Math.min(m.low, prevMinuteClose);
    minuteTrueRanges.push(tr);
    prevMinuteClose = m.close;
    minute = null;
  };

  /**
   * Aggressor imbalance of the prints within 0.5 pt of the level over the last minute (the tape a
   * frame reads as tape_imbalance), scaled; 0 when nothing printed there.
   */
  const tapeAtLevel = (levelPrice: number, t: number): number => {
    let buy = 0;
    let sell = 0;
    for (let i = trades.length - 1; i >= 0; i--) {
      const tr = trades[i] as Trade;
      if (tr.t <= t - 60 * SEC) break;
      if (Math.abs(tr.price - levelPrice) > 0.5) continue;
      if (tr.aggressor === 'BUY') buy += tr.size;
      else sell += tr.size;
    }
    return buy + sell > 0 ? (TAPE_CAUSE_SCALE * (buy - sell)) / (buy + sell) : 0;
  };

  /** Liquidity pulled from the level's wall over the last 4 minutes, standardised. */
  const wallPulled = (lv: LevelState): number => {
    const h = lv.wallHistory;
    if (h.length === 0) return 0;
    const then = h[Math.max(0, h.length - WALL_HISTORY)] ?? 0;
    return Math.max(-3, Math.min(3, (then - lv.wall) / WALL_PULL_SCALE));
  };

  /** The 10-s slot that ended at the current control step. */
  const completedSlot = (): { readonly high: number; readonly low: number } | null => bar;

  const currentAtr = (): number => {
    const n = minuteTrueRanges.length;
    if (n === 0) return Math.max(TICK, 12.4 * sigma);
    const k = Math.min(14, n);
    let sum = 0;
    for (let i = n - k; i < n; i++) sum += minuteTrueRanges[i] ?? 0;
    return Math.max(TICK, sum / k);
  };

  const volMultiplier = (t: number): number => {
    if (t < openMs) return 0.55;
    const m = (t - openMs) / 60_000;
    return 1 + 1.2 * Math.exp(-m / 12);
  };

  /** Share of 10-s moves toward the level minus away over the last 20 min (momentum_trend_20min). */
  const cleanSetupToward = (dirSign: number): number => {
    const n = closes10s.length;
    if (n < 2) return 0;
    const from = Math.max(1, n - SETUP_SLOTS);
    let net = 0;
    for (let i = from; i < n; i++) {
      const d = ((closes10s[i] ?? 0) - (closes10s[i - 1] ?? 0)) * dirSign;
      if (d > 0) net++;
      else if (d < 0) net--;
    }
    return Math.max(-2, Math.min(2, (SETUP_SCALE * net) / SETUP_SLOTS));
  };

  const totalSeconds = Math.round((endMs - startMs) / SEC);
  for (let s = 0; s < totalSeconds; s++) {
    const t = startMs + s * SEC;
    const rng = stream.at(t);

    // Latent causes evolve every second.
    flow = flowLatent.step(rng);
    // Flow burst: the acceleration cause is the change of its rate between the last 30 s and the
    // last 120 s, exactly what ofi_acceleration measures in the book.
    {
      const b = burstLatent.step(rng);
      const slot = s % 120;
      burst120 += b - (burstWindow[slot] ?? 0);
      burst30 += b - (burstWindow[(s + 90) % 120] ?? 0);
      burstWindow[slot] = b;
      flowAccel = BURST_TO_CAUSE * (burst30 / 30 - burst120 / 120);
    }
    tape = tapeLatent.step(rng);
    hidden = hiddenLatent.step(rng);
    const volLog = 0.25 * volLatent.step(rng);
    wander = wanderLatent.step(rng);
    for (let i = 0; i < levels.length; i++) {
      const lv = levels[i] as LevelState;
      lv.pull = (pullLatents[i] as Latent).step(rng);
      const noise = rng.normal();
      if (lv.hasWall)
        lv.wall = Math.max(
          0,
          lv.wall + (WALL_MEAN - lv.wall) / 900 - WALL_PULL * lv.pull + WALL_NOISE * noise,
        );
    }
    sigma = sigmaDay * volMultiplier(t) * Math.exp(volLog);

    // Level prices as known now (running extremes until the window closes; walls sit at them).
    if (t >= warmupMs) {
      placeLevel(level('PM_HIGH'), pmHigh, rng);
      placeLevel(level('PM_LOW'), pmLow, rng);
    }
    if (t > openMs) {
      placeLevel(level('OR_HIGH'), orHigh, rng);
      placeLevel(level('OR_LOW'), orLow, rng);
    }

    // Control step every 10 s: engaged level, drift, ground truth on the 30-s frame grid.
    if (s % 10 === 0) {
      closeMinuteBefore(t);
      if (s > 0) closes10s.push(last);
      for (const lv of levels) {
        lv.wallHistory.push(lv.wall);
        if (lv.wallHistory.length > WALL_HISTORY) lv.wallHistory.shift();
      }
      if (closes10s.length > 240) closes10s.splice(0, closes10s.length - 240);
      const atr = currentAtr();
      const spot = last;
      const slot = completedSlot();
      const active =
        t >= openMs ? levels.filter((lv) => lv.kind.startsWith('PM') || t >= orEndMs) : [];
      let nearest: LevelState | null = null;
      let nearestDist = Infinity;
      let closest: LevelState | null = null;
      let closestDist = Infinity;
      for (const lv of active) {
        const dist = Math.abs(spot - lv.price) / atr;
        if (dist < nearestDist) {
          nearestDist = dist;
          nearest = lv;
        }
        if (dist <= 2 && dist < closestDist) {
          closestDist = dist;
          closest = lv;
        }
        // Touch memory, as the frame builder keeps it: the 10-s slot that just ended touches when
        // its range comes within max(0.25 ATR, 0.5 pt); re-armed once a whole slot is farther than
        // max(0.5 ATR, 1 pt); a touch 15 min after the last touching slot starts a new cluster.
        if (slot) {
          const gap = Math.max(0, slot.low - lv.price, lv.price - slot.high);
          if (gap <= Math.max(0.25 * atr, 0.5)) {
            if (lv.armed) {
              if (t - lv.lastTouchMs >= 15 * 60 * SEC) lv.touchesInCluster = 0;
              lv.touchesInCluster++;
              lv.armed = false;
            }
            lv.lastTouchMs = t;
          } else if (gap > Math.max(0.5 * atr, 1)) lv.armed = true;
        }
      }
      // An engagement keeps its level, direction, setup cleanliness and attempt count for the
      // whole visit: until price is 3.5 ATR from the level on either side (beyond every barrier of
      // a frame in the zone).
      if (engagement && Math.abs(spot - engagement.level.price) > 3.5 * atr) engagement = null;
      if (!engagement && closest) {
        engagement = { level: closest, direction: spot < closest.price ? 'UP' : 'DOWN' };
      }
      const engaged = engagement?.level ?? null;
      const minutes = (t - openMs) / 60_000;
      const bucket = timeBucketOf(Math.max(0, minutes));
      const scale = (sigma * sigma) / atr; // drift per second (points) per unit ν
      if (engaged) {
        const dir: Direction = engagement?.direction ?? 'UP';
        const ds = dir === 'UP' ? 1 : -1;
        const attempt = t - engaged.lastTouchMs < 15 * 60 * SEC ? engaged.touchesInCluster : 0;
        const gamma = dealerGammaNear(optionBook, engaged.price, spot, impliedVol, closeMs - t);
        const causes: PropensityCauses = {
          levelKind: engaged.kind,
          direction: dir,
          bucket,
          cleanSetup: cleanSetupToward(ds),
          orderFlow: ds * flow,
          flowAcceleration: ds * flowAccel,
          tapeAggression: ds * tapeAtLevel(engaged.price, t),
          barrierWeakness: wallPulled(engaged),
          dealerShortGamma: Math.max(-3, Math.min(3, -gamma / 25)),
          touchHistory: Math.min(attempt, 3),
          volatilityRegime: Math.log(atr / params.propensity.referenceAtr),
          hidden: hidden * params.propensity.hiddenSd[bucket],
        };
        drift = ds * appliedDrift(causes, params) * scale;
        if (t >= openMs && t <= lastFrameMs && (t - openMs) % (30 * SEC) === 0) {
          for (const lv of active) {
            const signed = (spot - lv.price) / atr;
            if (Math.abs(signed) > 2) continue;
            const lvDir: Direction = spot < lv.price ? 'UP' : 'DOWN';
            const lt = levelTruth(
              {
                causes,
                driftSign: lvDir === dir ? 1 : -1,
                positionAtr: -Math.abs(signed),
                volPerSqrtSecAtr: sigma / atr,
              },
              params,
            );
            const contributions = {} as Record<DriverName | 'Hidden', number>;
            for (const name of DRIVER_NAMES) contributions[name] = 0;
            for (const name of PLANTED_PLAYERS) contributions[name] = lt.contributions4[name];
            const { levelKind: _k, direction: _d, bucket: _b, ...causeValues } = causes;
            truth.push({
              schema: TRUTH_SCHEMA,
              ts: new Date(t).toISOString(),
              session_date: date,
              minutes_since_open: minutes,
              level_kind: lv.kind,
              level_price: lv.price,
              direction: lvDir,
              spot,
              atr,
              distance_signed_atr: signed,
              engaged: lv === engaged,
              engaged_level_kind: engaged.kind,
              engaged_direction: dir,
              p_break: lt.pBreak,
              baseline_4: lt.baseline4,
              contributions_4: contributions,
              causes: causeValues,
            });
          }
        }
      } else {
        let nu = 0.3 * wander + 0.15 * flow;
        if (t >= openMs && nearest) {
          const toward = nearest.price > spot ? 1 : -1;
          if (trendDay && t >= orEndMs) nu += 0.8 * trendSign;
          else if (nearestDist < 10) nu += params.magnet * toward;
        }
        drift = nu * scale;
      }
    }

    // Price.
    const prevLast = last;
    x += drift + sigma * rng.normal();
    const price = roundTick(x);
    const inWarmup = t >= warmupMs;
    if (!inWarmup) {
      printPrice(t, price);
      continue;
    }

    // Trades: every print of this second, sweeps through skipped ticks.
    const buyShare = 1 / (1 + Math.exp(-(TAPE_FLOW_LOGIT * flow + TAPE_LOGIT * tape)));
    const ticksMoved = Math.round((price - prevLast) / TICK);
    if (Math.abs(ticksMoved) >= 3) {
      const side = ticksMoved > 0 ? 'BUY' : 'SELL';
      const step = Math.sign(ticksMoved) * TICK;
      for (let k = 1; k < Math.abs(ticksMoved); k++) {
        const p = prevLast + k * step;
        trades.push({ t, price: p, size: 3 + rng.poisson(6), aggressor: side });
        printPrice(t, p);
      }
    }
    // Activity clusters at the engaged level: more prints within 1 pt of it.
    const atLevel = engagement !== null && Math.abs(price - engagement.level.price) <= 1;
    const count = 1 + rng.poisson((atLevel ? 4 : 1.5) * volMultiplier(t));
    for (let k = 0; k < count; k++) {
      const aggressor = rng.chance(buyShare) ? 'BUY' : 'SELL';
      trades.push({ t, price, size: 1 + rng.poisson(2), aggressor });
      printPrice(t, price);
    }

    // Top of book straddles the latent price (the last trade is at the bid or the ask). Queue
    // sizes are chosen so that the order-flow imbalance of each update (Cont's definition) tracks
    // a target that accumulates the latent flow, a share of the price move and noise: the
    // latent flow is what OFI reveals, whatever the price did.
    const newBid = Math.floor(x / TICK) * TICK;
    const newAsk = newBid + TICK;
    ofiTarget +=
      OFI_PER_FLOW * flow +
      OFI_PER_BURST * ((burstWindow[s % 120] ?? 0) - burst120 / 120) +
      3 * ticksMoved +
      OFI_NOISE * rng.normal();
    const want = ofiTarget - ofiDone;
    const fresh = (): number => 10 + rng.poisson(20);
    const clampSize = (v: number): number => Math.max(1, Math.min(5000, Math.round(v)));
    let nextBidSize: number;
    let nextAskSize: number;
    if (newBid === bid) {
      nextBidSize = clampSize(bidSize + want / 2);
      nextAskSize = clampSize(askSize - want / 2);
    } else if (newBid > bid) {
      nextBidSize = clampSize(want - askSize);
      nextAskSize = fresh();
    } else {
      nextAskSize = clampSize(-want - bidSize);
      nextBidSize = fresh();
    }
    ofiDone += contOfi(bid, ask, bidSize, askSize, newBid, newAsk, nextBidSize, nextAskSize);
    bid = newBid;
    ask = newAsk;
    bidSize = nextBidSize;
    askSize = nextAskSize;
    quotes.push({ t, bid, ask, bidSize, askSize });

    // Same-day option flow (customer side), from the open.
    if (t >= openMs && rng.chance(0.2)) optionTrades.push(optionBook.trade(t, price, rng));

    // Depth snapshot every 10 s.
    if (s % 10 === 0) depth.push(depthSnapshot(t, bid, ask, levels, baseDepth, rng));
  }
  if (bar !== null) {
    const b: { t: number; open: number; high: number; low: number; close: number } = bar;
    bars.push({ t: b.t, open: b.open, high: b.high, low: b.low, close: b.close });
  }

  const day: MarketDay = {
    sessionDate: date,
    openMs,
    bars,
    quotes,
    depth,
    trades,
    optionTrades,
    impliedVol,
  };
  return {
    day,
    truth,
    levels: { pmHigh, pmLow, orHigh, orLow },
    character: { regime, trendDay, sigmaPerSqrtSec: sigmaDay },
  };
}

/**
 * The same session as `simulateMarketDay(date, seed)` up to and including `tMs`, with every random
 * draw after `tMs` taken from a stream seeded by `otherSeed`. Data at or before `tMs` is identical;
 * what follows differs. Day-level constants (regime, trend day, option customers' preferences,
 * the book's base profile) are fixed for the date and seed and do not change.
 */
export function resimulateAfter(
  date: string,
  seed: number,
  tMs: number,
  otherSeed: number,
  params?: SimParams,
): SimulatedSession {
  return simulateMarketDay(date, seed, { params, switchAfter: { tMs, seed: otherSeed } });
}

const DEPTH_TICKS = 81; // 20 points on each side

/** Order-flow imbalance of one top-of-book update (Cont, Kukanov & Stoikov). */
function contOfi(
  bid: number,
  ask: number,
  bidSize: number,
  askSize: number,
  nBid: number,
  nAsk: number,
  nBidSize: number,
  nAskSize: number,
): number {
  let e = 0;
  if (nBid >= bid) e += nBidSize;
  if (nBid <= bid) e -= bidSize;
  if (nAsk <= ask) e -= nAskSize;
  if (nAsk >= ask) e += askSize;
  return e;
}

function depthSnapshot(
  t: number,
  bid: number,
  ask: number,
  levels: readonly LevelState[],
  base: BaseDepth,
  rng: SeededRandom,
): DepthSnapshot {
  const walls = levels.filter((lv) => lv.hasWall);
  const side = (best: number, step: number): DepthLevel[] => {
    const out: DepthLevel[] = [];
    for (let k = 0; k < DEPTH_TICKS; k++) {
      const price = best + k * step;
      let size = base.at(price) * (0.85 + 0.3 * rng.next());
      for (const lv of walls) {
        const gap = Math.abs(price - lv.price);
        if (gap <= WALL_HALF_WIDTH) size += lv.wall * (gap === 0 ? 0.5 : 0.25);
      }
      out.push([price, Math.max(1, Math.round(size))]);
    }
    return out;
  };
  return { t, bids: side(bid, -TICK), asks: side(ask, TICK) };
}

/** Persistent resting size per price for the day (8–38 contracts). */
class BaseDepth {
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
