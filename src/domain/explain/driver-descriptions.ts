/**
 * Trader-language descriptions of a driver's current reading (docs/explanations.md). One template
 * per default driver name; a renamed or new driver gets the generic template. The words depend on
 * the reading's sign and the level's direction (an UP approach meets the offer, a DOWN approach
 * the bid); the rank ("top 12%") is the reading's percentile among historical frames of the same
 * level kind and time bucket.
 */
import type { Direction, LevelFrame } from '../frame/level-frame';
import { timeBucket, timeBucketLabel } from '../time/time-bucket';
import { rankPhrase } from './percentile';

export interface DriverReadingContext {
  /** The driver's reading (manifest `reading` evaluated on the vector). */
  readonly reading: number;
  /** Percentile 0–100 of the reading in its stratum; null when there is no history. */
  readonly percentile: number | null;
  readonly frame: LevelFrame;
}

type Template = (c: DriverReadingContext) => string;

const rank = (c: DriverReadingContext): string =>
  c.percentile === null ? '' : ` (${rankPhrase(c.percentile)})`;
const side = (d: Direction): string => (d === 'UP' ? 'offer' : 'bid');
const fmt = (x: number, digits: number): string =>
  Math.abs(x) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : x.toFixed(digits);

export function ordinal(n: number): string {
  const k = Math.round(n);
  const tens = k % 100;
  if (tens >= 11 && tens <= 13) return `${k}th`;
  switch (k % 10) {
    case 1:
      return `${k}st`;
    case 2:
      return `${k}nd`;
    case 3:
      return `${k}rd`;
    default:
      return `${k}th`;
  }
}

const TEMPLATES: Readonly<Record<string, Template>> = {
  'Very Close Approach': (c) => `Price ${fmt(Math.abs(c.reading), 2)} ATR from the level${rank(c)}`,
  'Clean Setup': (c) =>
    (c.percentile ?? 50) >= 50
      ? `Clean, steady path into the level${rank(c)}`
      : `Choppy path into the level${rank(c)}`,
  'Approach Momentum': (c) =>
    c.reading > 0
      ? `Approaching at ${fmt(c.reading, 2)} pts/min${rank(c)}`
      : `Drifting away from the level at ${fmt(-c.reading, 2)} pts/min${rank(c)}`,
  'Order Flow': (c) =>
    c.reading > 0
      ? `Order flow pushing into the level: ${fmt(c.reading, 0)} contracts in 60 s${rank(c)}`
      : `Order flow leaning away from the level: ${fmt(-c.reading, 0)} contracts in 60 s${rank(c)}`,
  'Flow Acceleration': (c) =>
    c.reading > 0
      ? `Flow accelerating toward the level${rank(c)}`
      : `Flow toward the level fading${rank(c)}`,
  'Tape Aggression': (c) => {
    const up = c.frame.direction === 'UP';
    if (c.reading > 0)
      return `${up ? 'Buyers lifting offers' : 'Sellers hitting bids'} at the level${rank(c)}`;
    if (c.reading < 0)
      return `${up ? 'Sellers' : 'Buyers'} defending the level on the tape${rank(c)}`;
    return `No tape imbalance at the level${rank(c)}`;
  },
  'Barrier Weakness': (c) => {
    const s = side(c.frame.direction);
    if (c.reading > 0) return `Liquidity pulled from the ${s}${rank(c)}`;
    if (c.reading < 0) return `Liquidity stacking on the ${s}${rank(c)}`;
    return `Resting liquidity on the ${s} unchanged${rank(c)}`;
  },
  'Dealer Short Gamma': (c) =>
    c.reading > 0
      ? `Dealers short gamma near the level: moves get chased${rank(c)}`
      : `Dealers long gamma near the level: moves get dampened${rank(c)}`,
  'Gamma Walls': (c) =>
    c.reading > 0
      ? `Gamma wall beyond the level${rank(c)}`
      : `Little gamma beyond the level: room to run${rank(c)}`,
  'Level Confluence': (c) => {
    const n = Math.round(c.reading);
    if (n <= 0) return 'No other level within 5 pts';
    return `${n} other level${n === 1 ? '' : 's'} within 5 pts${rank(c)}`;
  },
  'Touch History': (c) => {
    const n = Math.round(c.reading);
    return n <= 1 ? 'First test of the level' : `${ordinal(n)} touch attempt`;
  },
  'Session Timing': (c) =>
    `Minute ${Math.floor(c.frame.minutes_since_open)} of the session (${timeBucketLabel(timeBucket(c.frame.minutes_since_open))})`,
  'Volatility Regime': (c) =>
    `${(c.percentile ?? 50) >= 50 ? 'High' : 'Low'} volatility: ATR ${fmt(c.reading, 2)} pts${rank(c)}`,
  'Force Balance': (c) =>
    c.reading > 0
      ? `Aggression outweighs resting liquidity${rank(c)}`
      : `Resting liquidity outweighs aggression${rank(c)}`,
  'Persistence Trends': (c) => {
    const toward = c.reading * (c.frame.direction === 'UP' ? 1 : -1);
    return toward > 0
      ? `Tape growing more aggressive across attempts${rank(c)}`
      : `Tape aggression fading across attempts${rank(c)}`;
  },
};

/** The description of a driver's reading; `name` not among the default drivers → generic text. */
export function describeDriver(name: string, context: DriverReadingContext): string {
  const template = TEMPLATES[name];
  if (template !== undefined) return template(context);
  return `${name}: reading ${fmt(context.reading, 3)}${rank(context)}`;
}

/** Driver names with their own template. */
export const DESCRIBED_DRIVERS: readonly string[] = Object.keys(TEMPLATES);
