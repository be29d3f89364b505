import { Direction } from '../frame/level-frame';
import { MarketDay, OptionTrade, Trade } from '../market/market-day';
import { appliedDrift, levelTruth, PropensityCauses } from './break-propensity';
import { easternToUtcMs, parseIsoDate } from './eastern-time';
import {
  barrierDeltaLiq,
  DistancePath,
  OfiWindows,
  tapeImbalanceNear,
  TouchCount,
} from './frame-readings';
import { Latent } from './latent';
import {
  BaseDepth,
  consumeWallOnCross,
  depthSnapshot,
  newWall,
  placeWall,
  printsOfSecond,
  roundTick,
  stepWall,
  TICK,
  TopOfBookMaker,
  trackWallSide,
  Wall,
} from './market-book';
import { dealerGammaNear, OptionBook } from './option-book';
import { PriceRecorder } from './price-recorder';
import {
  barrierWeaknessCause,
  cleanSetupCause,
  dealerShortGammaCause,
  flowAccelerationCause,
  OFI_PER_FLOW,
  orderFlowCause,
  tapeAggressionCause,
  touchHistoryCause,
} from './planted-causes';
import { mixSeed, SeededRandom } from './seeded-random';
import { DEFAULT_SIM_PARAMS, SimParams, timeBucketOf } from './sim-params';
import type { SessionCharacter, SimulatedSession, SimulateOptions } from './session-types';
import { SwitchableRandom } from './switchable-random';
import { PLANTED_LEVEL_KINDS, PlantedLevelKind, TruthRecord, truthRecord } from './truth-record';

const SEC = 1000;
const SLOT = 10 * SEC;
const FRAME_STEP = 30 * SEC;

interface LevelState {
  readonly kind: PlantedLevelKind;
  price: number;
  readonly wall: Wall;
  /** Latent pull rate of the wall (positive = liquidity being pulled). */
  readonly pull: Latent;
  readonly touches: TouchCount;
  /** The level's distance_signed_atr on the 30-s frame grid while active (the vector's history). */
  readonly path: DistancePath;
  /** Clean setup and touch history as read at the last frame time. */
  cleanSetup: number;
  touchHistory: number;
}

/** Moves a level to its current price; its resting wall follows (and appears the first time). */
function placeLevel(lv: LevelState, price: number, rng: SeededRandom): void {
  lv.price = price;
  placeWall(lv.wall, price, rng);
}

/** Time constant (s) of the latent flow burst. */
const BURST_TAU = 90;
/** Per-second Cont OFI per unit of latent burst (above its 120-s mean) and per tick moved; noise. */
const OFI_PER_BURST = 6;
const OFI_PER_TICK = 3;
const OFI_NOISE = 3;
/** Aggressor mix: logit of the buy share per unit of tape aggression and of flow. */
const TAPE_LOGIT = 1.6;
const TAPE_FLOW_LOGIT = 0.2;

/**
 * Simulates one ES session (04:00–12:45 ET) at 1-s resolution, deterministic for (date, seed).
 * Price follows a Brownian motion whose drift, inside the approach zone of the closest active
 * level, is the generator's break propensity (see docs/simulator.md); every planted cause is read
 * off the generated data as the frame and vector builders read it. The truth records hold the
 * probability that drift implies and its exact Shapley decomposition.
 *
 * Within each second: the latent causes and walls move; the book at t is published (quote, and
 * every 10 s a depth snapshot); every 10 s the control step reads the data stamped ≤ t (prints
 * before t) and sets the drift; then price moves and prints at t.
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
    wall: newWall(),
    pull: new Latent(params.tauBarrier),
    touches: new TouchCount(),
    path: new DistancePath(),
    cleanSetup: 0,
    touchHistory: 0,
  }));
  const walls = levels.map((lv) => lv.wall);
  const isActive = (lv: LevelState, t: number): boolean =>
    t >= openMs && (lv.kind.startsWith('PM') || t >= orEndMs);

  // Latent drivers of the data.
  const flowLatent = new Latent(params.tauFlow);
  const burstLatent = new Latent(BURST_TAU);
  const burstWindow = new Float64Array(120);
  let burst120 = 0;
  const tapeLatent = new Latent(params.tauTape);
  const hiddenLatent = new Latent(params.tauHidden);
  const volLatent = new Latent(600);
  const wanderLatent = new Latent(1200);

  const book = new OfiWindows();
  const depth: MarketDay['depth'][number][] = [];
  const trades: Trade[] = [];
  const optionTrades: OptionTrade[] = [];
  const truth: TruthRecord[] = [];
  const topOfBook = new TopOfBookMaker(x);

  const prices = new PriceRecorder(startMs, openMs, orEndMs, x);
  let ticksMoved = 0;
  let bid = NaN;
  let ask = NaN;
  let drift = 0;
  let engagement: { readonly level: LevelState; readonly direction: Direction } | null = null;
  let sigma = sigmaDay;

  const volMultiplier = (t: number): number => {
    if (t < openMs) return 0.55;
    const m = (t - openMs) / 60_000;
    return 1 + 1.2 * Math.exp(-m / 12);
  };

  const totalSeconds = Math.round((endMs - startMs) / SEC);
  for (let s = 0; s < totalSeconds; s++) {
    const t = startMs + s * SEC;
    const rng = stream.at(t);

    // Latent drivers evolve every second.
    const flow = flowLatent.step(rng);
    const burst = burstLatent.step(rng);
    burst120 += burst - (burstWindow[s % 120] ?? 0);
    burstWindow[s % 120] = burst;
    const tape = tapeLatent.step(rng);
    const hidden = hiddenLatent.step(rng);
    const volLog = 0.25 * volLatent.step(rng);
    const wander = wanderLatent.step(rng);
    for (const lv of levels) {
      const pull = lv.pull.step(rng);
      stepWall(lv.wall, pull, rng.normal());
    }
    sigma = sigmaDay * volMultiplier(t) * Math.exp(volLog);

    // Level prices as known now (running extremes until the window closes; walls sit at them).
    if (t >= warmupMs) {
      placeLevel(levels[0] as LevelState, prices.pmHigh, rng);
      placeLevel(levels[1] as LevelState, prices.pmLow, rng);
    }
    if (t > openMs) {
      placeLevel(levels[2] as LevelState, prices.orHigh, rng);
      placeLevel(levels[3] as LevelState, prices.orLow, rng);
    }

    // The book at t: the quote straddles the latent price, its queues carry the order-flow
    // imbalance (latent flow, the burst above its 120-s mean, the last move and noise); the walls
    // of fixed levels are filled when price trades through them; depth every 10 s.
    if (t >= warmupMs) {
      const ofi =
        OFI_PER_FLOW * flow +
        OFI_PER_BURST * (burst - burst120 / 120) +
        OFI_PER_TICK * ticksMoved +
        OFI_NOISE * rng.normal();
      const q = topOfBook.next(t, x, ofi, rng);
      book.push(q);
      bid = q.bid;
      ask = q.ask;
      for (const lv of levels) {
        if (isActive(lv, t)) consumeWallOnCross(lv.wall, bid, ask);
        else if (lv.wall.exists) trackWallSide(lv.wall, ask);
      }
      if (s % 10 === 0) depth.push(depthSnapshot(t, bid, ask, walls, baseDepth, rng));
    }

    // Control step every 10 s: touches, frame-grid readings, engaged level, drift, truth.
    if (s % 10 === 0) {
      prices.closeMinuteBefore(t);
      const atr = prices.atr(sigma);
      const spot = prices.last;
      const onFrameGrid = t >= openMs && (t - openMs) % FRAME_STEP === 0;
      const slot = prices.currentBar;
      for (const lv of levels) {
        // The slot that ended at t, counted from the open (the frame builder's touch memory).
        if (slot && t >= openMs + SLOT)
          lv.touches.slot(t, slot.low, slot.high, lv.price, atr, isActive(lv, t));
        if (onFrameGrid && isActive(lv, t)) {
          lv.path.push((spot - lv.price) / atr);
          lv.cleanSetup = cleanSetupCause(lv.path.cleanliness());
          lv.touchHistory = touchHistoryCause(lv.touches.attemptIndex(t));
        }
      }
      const active = levels.filter((lv) => isActive(lv, t));
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
      }
      // An engagement keeps its level and direction for the whole visit: until price is 3.5 ATR
      // from the level on either side (beyond every barrier of a frame in the zone).
      if (engagement && Math.abs(spot - engagement.level.price) > 3.5 * atr) engagement = null;
      if (!engagement && closest)
        engagement = { level: closest, direction: spot < closest.price ? 'UP' : 'DOWN' };
      const minutes = (t - openMs) / 60_000;
      const bucket = timeBucketOf(Math.max(0, minutes));
      const scale = (sigma * sigma) / atr; // drift per second (points) per unit ν
      if (engagement) {
        const engaged = engagement.level;
        const dir = engagement.direction;
        const ds = dir === 'UP' ? 1 : -1;
        // The side a frame of the engaged level approaches now (it flips when price crosses).
        const frameDir: Direction = spot < engaged.price ? 'UP' : 'DOWN';
        const gamma = dealerGammaNear(optionBook, engaged.price, spot, impliedVol, closeMs - t);
        const causes: PropensityCauses = {
          levelKind: engaged.kind,
          direction: dir,
          bucket,
          cleanSetup: engaged.cleanSetup,
          orderFlow: orderFlowCause(ds, book.sum(t, 60)),
          flowAcceleration: flowAccelerationCause(ds, book.acceleration(t)),
          tapeAggression: tapeAggressionCause(ds, tapeImbalanceNear(trades, t, engaged.price)),
          barrierWeakness: barrierWeaknessCause(
            frameDir === dir ? 1 : -1,
            barrierDeltaLiq(depth, t, engaged.price, frameDir),
          ),
          dealerShortGamma: dealerShortGammaCause(gamma),
          touchHistory: engaged.touchHistory,
          volatilityRegime: Math.log(atr / params.propensity.referenceAtr),
          hidden: hidden * params.propensity.hiddenSd[bucket],
        };
        drift = ds * appliedDrift(causes, params) * scale;
        if (onFrameGrid && t <= lastFrameMs) {
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
            truth.push(
              truthRecord({
                tMs: t,
                date,
                minutesSinceOpen: minutes,
                levelKind: lv.kind,
                levelPrice: lv.price,
                direction: lvDir,
                spot,
                atr,
                engaged: lv === engaged,
                engagedKind: engaged.kind,
                engagedDirection: dir,
                causes,
                truth: lt,
              }),
            );
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
    const prevLast = prices.last;
    x += drift + sigma * rng.normal();
    const price = roundTick(x);
    ticksMoved = Math.round((price - prevLast) / TICK);
    if (t < warmupMs) {
      prices.print(t, price);
      continue;
    }

    // Trades: every print of this second (activity clusters within 1 pt of the engaged level).
    const buyShare = 1 / (1 + Math.exp(-(TAPE_FLOW_LOGIT * flow + TAPE_LOGIT * tape)));
    const atLevel = engagement !== null && Math.abs(price - engagement.level.price) <= 1;
    const activity = (atLevel ? 4 : 1.5) * volMultiplier(t);
    for (const trade of printsOfSecond(t, prevLast, price, buyShare, activity, rng)) {
      trades.push(trade);
      prices.print(t, trade.price);
    }

    // Same-day option flow (customer side), from the open.
    if (t >= openMs && rng.chance(0.2)) optionTrades.push(optionBook.trade(t, price, rng));
  }

  const day: MarketDay = {
    sessionDate: date,
    openMs,
    bars: prices.finish(),
    quotes: book.all,
    depth,
    trades,
    optionTrades,
    impliedVol,
  };
  return {
    day,
    truth,
    levels: {
      pmHigh: prices.pmHigh,
      pmLow: prices.pmLow,
      orHigh: prices.orHigh,
      orLow: prices.orLow,
    },
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
