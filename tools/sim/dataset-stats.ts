import { labelFrame, Outcome } from '../../src/domain/labels/label-frame';
import { detectEpisodes } from '../../src/domain/labels/episode-tracker';
import { PriceBar10s } from '../../src/domain/market/price-bar';
import { timeBucketOf, TimeBucket } from '../../src/domain/sim/sim-params';
import { PLANTED_LEVEL_KINDS, TruthRecord } from '../../src/domain/sim/truth-record';
import { ObservedFrame } from './dataset-reader';

/** What the dataset report needs from one session. */
export interface SessionSample {
  readonly date: string;
  readonly bars: readonly PriceBar10s[];
  readonly truth: readonly TruthRecord[];
  /** Frames per level kind in the session's frame file (null when frames were not read). */
  readonly framesPerLevel: Readonly<Record<string, number>> | null;
  /** Frame fields per `${ts}|${level_kind}` (null when frames were not read). */
  readonly observed: ReadonlyMap<string, ObservedFrame> | null;
}

/** How a planted cause shows in the frames: Pearson r over engaged in-zone frames. */
export interface Observability {
  readonly cause: string;
  readonly field: string;
  readonly r: number;
  readonly n: number;
}

export interface RateCell {
  n: number;
  breaks: number;
  rejects: number;
  chops: number;
}

export interface DatasetStats {
  readonly sessions: number;
  readonly inZoneFramesPerSessionPerLevel: Readonly<Record<string, number>>;
  readonly framesPerSessionPerLevel: Readonly<Record<string, number>> | null;
  readonly episodesPerDay: number;
  readonly episodesPerDayPerLevel: Readonly<Record<string, number>>;
  /** Key `${kind}:${direction}:${bucket}`, labels of every in-zone frame at 4 min. */
  readonly rates: ReadonlyMap<string, RateCell>;
  /** Key `${kind}:${direction}:${bucket}`, episode labels at 4 min. */
  readonly episodeRates: ReadonlyMap<string, RateCell>;
  readonly bayesAuc: Readonly<Record<'2' | '4' | '8', { auc: number; resolved: number }>>;
  readonly bayesAucByBucket: Readonly<Record<TimeBucket, { auc: number; resolved: number }>>;
  /** Deciles of p_true(4 min): mean prediction vs observed break share among resolved frames. */
  readonly calibration: readonly {
    readonly meanP: number;
    readonly observed: number;
    readonly n: number;
  }[];
  readonly contributionCheckMaxError: number;
  readonly observability: readonly Observability[];
  /** Truth records compared with their frame, and how many disagree on spot, atr or level price (or have no frame). */
  readonly frameAgreement: { readonly checked: number; readonly mismatched: number };
}

type Reading = (rec: TruthRecord, frame: ObservedFrame) => [number, number] | null;

/**
 * Cause ↔ frame field pairs; directional ones are signed with the engagement's direction, and
 * those read on the side the frame approaches with ±1 for whether the frame's direction is the
 * engagement's (it flips when price crosses the level). The last pairs are controls: the clean
 * setup cause against the Approach Momentum fields it must not copy.
 */
const OBSERVABILITY_PAIRS: readonly (readonly [string, string, Reading])[] = [
  ['orderFlow', 'ofi_60s·dir', (r, f) => [r.causes.orderFlow, f.ofi_60s * sign(r)]],
  ['orderFlow', 'ofi_300s·dir', (r, f) => [r.causes.orderFlow, f.ofi_300s * sign(r)]],
  [
    'flowAcceleration',
    'ofi_acceleration·dir',
    (r, f) => [r.causes.flowAcceleration, f.ofi_acceleration * sign(r)],
  ],
  [
    'tapeAggression',
    'tape_imbalance·dir (frames with tape)',
    (r, f) =>
      f.tape_buy_vol + f.tape_sell_vol > 0
        ? [r.causes.tapeAggression, f.tape_imbalance * sign(r)]
        : null,
  ],
  [
    'barrierWeakness',
    '−barrier_delta_liq·side',
    (r, f) => [r.causes.barrierWeakness, -f.barrier_delta_liq * side(r)],
  ],
  ['dealerShortGamma', '−gamma_exposure', (r, f) => [r.causes.dealerShortGamma, -f.gamma_exposure]],
  ['touchHistory', 'attempt_index', (r, f) => [r.causes.touchHistory, f.attempt_index]],
  [
    'touchHistory',
    'min(attempt_index, 8)',
    (r, f) => [r.causes.touchHistory, Math.min(f.attempt_index, 8)],
  ],
  ['volatilityRegime', 'ln(atr)', (r, f) => [r.causes.volatilityRegime, Math.log(f.atr)]],
  [
    'cleanSetup',
    'Clean Setup reading (k1,k2 share of dct_distance k1…k7)',
    (r, f) => [r.causes.cleanSetup, f.clean_setup_reading],
  ],
  [
    'cleanSetup',
    'control: momentum_trend_20min·side',
    (r, f) => [r.causes.cleanSetup, f.momentum_trend_20min * side(r)],
  ],
  [
    'cleanSetup',
    'control: approach_velocity·side',
    (r, f) => [r.causes.cleanSetup, f.approach_velocity * side(r)],
  ],
  [
    'cleanSetup',
    'control: |velocity_20min|',
    (r, f) => [r.causes.cleanSetup, Math.abs(f.velocity_20min)],
  ],
];

/** +1 when the frame approaches the level from the engagement's side, −1 after a cross. */
function side(r: TruthRecord): number {
  return r.direction === r.engaged_direction ? 1 : -1;
}

function sign(r: TruthRecord): number {
  return r.engaged_direction === 'UP' ? 1 : -1;
}

const HORIZONS = ['2', '4', '8'] as const;

export function datasetStats(samples: readonly SessionSample[]): DatasetStats {
  const inZoneCounts: Record<string, number> = {};
  const frameCounts: Record<string, number> = {};
  const episodesPerLevel: Record<string, number> = {};
  const rates = new Map<string, RateCell>();
  const episodeRates = new Map<string, RateCell>();
  const scored: Record<'2' | '4' | '8', { p: number; y: number }[]> = { '2': [], '4': [], '8': [] };
  const byBucket = new Map<TimeBucket, { p: number; y: number }[]>();
  let episodes = 0;
  let maxError = 0;
  let framesSeen = false;
  const pairs = OBSERVABILITY_PAIRS.map(() => [] as [number, number][]);
  let checked = 0;
  let mismatched = 0;

  for (const sample of samples) {
    if (sample.framesPerLevel) {
      framesSeen = true;
      for (const [kind, n] of Object.entries(sample.framesPerLevel))
        frameCounts[kind] = (frameCounts[kind] ?? 0) + n;
    }
    const byLevel = new Map<string, Map<number, TruthRecord>>();
    for (const rec of sample.truth) {
      inZoneCounts[rec.level_kind] = (inZoneCounts[rec.level_kind] ?? 0) + 1;
      const tMs = Date.parse(rec.ts);
      let m = byLevel.get(rec.level_kind);
      if (!m) byLevel.set(rec.level_kind, (m = new Map()));
      m.set(Math.round(rec.minutes_since_open * 2), rec);

      const anyFrame = sample.observed?.get(`${rec.ts}|${rec.level_kind}`);
      if (sample.observed) {
        checked++;
        const same = (a: number, b: number): boolean =>
          Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
        if (
          !anyFrame ||
          !same(anyFrame.spot, rec.spot) ||
          !same(anyFrame.atr, rec.atr) ||
          !same(anyFrame.level_price, rec.level_price)
        )
          mismatched++;
      }
      const frame = rec.engaged ? anyFrame : undefined;
      if (frame) {
        OBSERVABILITY_PAIRS.forEach(([, , read], i) => {
          const xy = read(rec, frame);
          if (xy) pairs[i]?.push(xy);
        });
      }

      const sum = Object.values(rec.contributions_4).reduce((a, b) => a + b, 0);
      maxError = Math.max(maxError, Math.abs(sum - (rec.p_break['4'] - rec.baseline_4)));

      const bucket = timeBucketOf(rec.minutes_since_open);
      for (const h of HORIZONS) {
        const outcome = labelFrame(
          sample.bars,
          tMs,
          rec.level_price,
          rec.direction,
          rec.atr,
          Number(h),
          rec.spot,
        );
        if (h === '4') {
          addRate(rates, `${rec.level_kind}:${rec.direction}:${bucket}`, outcome);
          if (outcome !== 'CHOP') {
            let list = byBucket.get(bucket);
            if (!list) byBucket.set(bucket, (list = []));
            list.push({ p: rec.p_break['4'], y: outcome === 'BREAK' ? 1 : 0 });
          }
        }
        if (outcome !== 'CHOP')
          scored[h].push({ p: rec.p_break[h], y: outcome === 'BREAK' ? 1 : 0 });
      }
    }
    for (const kind of PLANTED_LEVEL_KINDS) {
      const m = byLevel.get(kind) ?? new Map<number, TruthRecord>();
      const flags: boolean[] = [];
      for (let i = 0; i <= 360; i++) flags.push(m.has(i));
      detectEpisodes(flags).forEach((step, i) => {
        if (!step.start) return;
        const rec = m.get(i);
        if (!rec) return;
        episodes++;
        episodesPerLevel[kind] = (episodesPerLevel[kind] ?? 0) + 1;
        const outcome = labelFrame(
          sample.bars,
          Date.parse(rec.ts),
          rec.level_price,
          rec.direction,
          rec.atr,
          4,
          rec.spot,
        );
        addRate(
          episodeRates,
          `${rec.level_kind}:${rec.direction}:${timeBucketOf(rec.minutes_since_open)}`,
          outcome,
        );
      });
    }
  }

  const n = Math.max(1, samples.length);
  const perSession = (counts: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / n]));
  const bayesAucByBucket = {} as Record<TimeBucket, { auc: number; resolved: number }>;
  for (const bucket of ['T0_15', 'T15_30', 'T30_60', 'T60_120', 'T120_180'] as const) {
    const list = byBucket.get(bucket) ?? [];
    bayesAucByBucket[bucket] = { auc: auc(list), resolved: list.length };
  }
  return {
    sessions: samples.length,
    inZoneFramesPerSessionPerLevel: perSession(inZoneCounts),
    framesPerSessionPerLevel: framesSeen ? perSession(frameCounts) : null,
    episodesPerDay: episodes / n,
    episodesPerDayPerLevel: perSession(episodesPerLevel),
    rates,
    episodeRates,
    bayesAuc: {
      '2': { auc: auc(scored['2']), resolved: scored['2'].length },
      '4': { auc: auc(scored['4']), resolved: scored['4'].length },
      '8': { auc: auc(scored['8']), resolved: scored['8'].length },
    },
    bayesAucByBucket,
    calibration: calibration(scored['4']),
    contributionCheckMaxError: maxError,
    frameAgreement: { checked, mismatched },
    observability: OBSERVABILITY_PAIRS.map(([cause, field], i) => ({
      cause,
      field,
      r: pearson(pairs[i] ?? []),
      n: pairs[i]?.length ?? 0,
    })),
  };
}

function addRate(map: Map<string, RateCell>, key: string, outcome: Outcome): void {
  let cell = map.get(key);
  if (!cell) map.set(key, (cell = { n: 0, breaks: 0, rejects: 0, chops: 0 }));
  cell.n++;
  if (outcome === 'BREAK') cell.breaks++;
  else if (outcome === 'REJECT') cell.rejects++;
  else cell.chops++;
}

/** Rank AUC (ties get half credit). NaN when one class is missing. */
export function auc(points: readonly { p: number; y: number }[]): number {
  const sorted = [...points].sort((a, b) => a.p - b.p);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]?.p === sorted[i]?.p) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (sorted[k]?.y === 1) {
        pos++;
        rankSum += midRank;
      } else neg++;
    }
    i = j + 1;
  }
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function calibration(
  points: readonly { p: number; y: number }[],
): { meanP: number; observed: number; n: number }[] {
  const sorted = [...points].sort((a, b) => a.p - b.p);
  const out: { meanP: number; observed: number; n: number }[] = [];
  for (let d = 0; d < 10; d++) {
    const part = sorted.slice(
      Math.floor((d * sorted.length) / 10),
      Math.floor(((d + 1) * sorted.length) / 10),
    );
    if (part.length === 0) continue;
    out.push({
      meanP: part.reduce((a, b) => a + b.p, 0) / part.length,
      observed: part.reduce((a, b) => a + b.y, 0) / part.length,
      n: part.length,
    });
  }
  return out;
}

function pearson(xy: readonly [number, number][]): number {
  const n = xy.length;
  if (n < 3) return NaN;
  let mx = 0;
  let my = 0;
  for (const [x, y] of xy) {
    mx += x / n;
    my += y / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of xy) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
