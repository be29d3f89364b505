import { LEVEL_KINDS, LevelFrame, LevelKind } from '../../src/domain/frame/level-frame';
import { EpisodeTracker } from '../../src/domain/labels/episode-tracker';
import { HORIZONS_MIN, Outcome, labelFrameDetail } from '../../src/domain/labels/label-frame';
import { PriceBar10s } from '../../src/domain/market/price-bar';
import { inZone } from '../../src/domain/time/approach-zone';
import { timeBucket } from '../../src/domain/time/time-bucket';
import { EpisodeVectorBuilder } from '../../src/domain/vector/episode-vector-builder';
import { VECTOR_DIMENSION } from '../../src/domain/vector/feature-table';
import { EpisodeRow, EpisodeTruth, rowIdentity } from './episode-rows';

export interface SessionEpisodesOptions {
  /** Horizon of `outcome`, minutes (2, 4 or 8). */
  readonly horizonMin: number;
  /** Write every active frame (true) or only in-zone frames (false, the default). */
  readonly allFrames?: boolean;
  /** Row number of the first row written (rows are numbered across the whole file). */
  readonly firstRow?: number;
}

export interface SessionEpisodes {
  readonly rows: EpisodeRow[];
  /** rows.length × 144, row-major. */
  readonly vectors: Float32Array<ArrayBuffer>;
}

/**
 * Builds the labelled rows of one session: frames go through one EpisodeVectorBuilder in feed
 * order (exactly as the live worker sees them), each level keeps an EpisodeTracker, and every
 * in-zone active frame (or every active frame with `allFrames`) is labelled from the 10-s bars
 * strictly after its time. Truth rows are joined by (ts, level_kind).
 */
export function buildSessionEpisodes(
  frames: readonly LevelFrame[],
  bars: readonly PriceBar10s[],
  truth: ReadonlyMap<string, EpisodeTruth>,
  options: SessionEpisodesOptions,
): SessionEpisodes {
  const ordered = [...frames].sort((a, b) => a.seq - b.seq);
  const builder = new EpisodeVectorBuilder();
  const trackers = new Map<LevelKind, EpisodeTracker>(
    LEVEL_KINDS.map((k) => [k, new EpisodeTracker()]),
  );
  const rows: EpisodeRow[] = [];
  const chunks: Float32Array<ArrayBuffer>[] = [];
  const vector = new Float32Array(VECTOR_DIMENSION);
  let row = options.firstRow ?? 0;

  for (const frame of ordered) {
    builder.push(frame, vector);
    const zone = inZone(frame);
    const tracker = trackers.get(frame.level_kind) ?? new EpisodeTracker();
    trackers.set(frame.level_kind, tracker);
    const step = tracker.push(zone);
    if (!frame.level_active || (!zone && options.allFrames !== true)) continue;

    const tMs = Date.parse(frame.ts);
    const label = (h: number) =>
      labelFrameDetail(bars, tMs, frame.level_price, frame.direction, frame.atr, h, frame.spot);
    const byHorizon = new Map<number, ReturnType<typeof label>>(
      HORIZONS_MIN.map((h) => [h, label(h)]),
    );
    const main = byHorizon.get(options.horizonMin) ?? label(options.horizonMin);
    const outcomeAt = (h: number): Outcome => byHorizon.get(h)?.outcome ?? 'CHOP';

    rows.push({
      row: row++,
      date: frame.session_date,
      ts: frame.ts,
      t_ms: tMs,
      seq: frame.seq,
      minutes_since_open: frame.minutes_since_open,
      level_kind: frame.level_kind,
      level_price: frame.level_price,
      direction: frame.direction,
      spot: frame.spot,
      atr: frame.atr,
      distance_signed_atr: frame.distance_signed_atr,
      bucket: timeBucket(frame.minutes_since_open),
      in_zone: zone,
      episode_id:
        step.episode === null ? null : `${frame.session_date}/${frame.level_kind}/${step.episode}`,
      episode_start: step.start,
      outcome: main.outcome,
      outcomes: { '2': outcomeAt(2), '4': outcomeAt(4), '8': outcomeAt(8) },
      horizon_covered: main.horizonCovered,
      truth: truth.get(rowIdentity(frame)) ?? null,
    });
    chunks.push(vector.slice());
  }
  const vectors = new Float32Array(chunks.length * VECTOR_DIMENSION);
  chunks.forEach((c, i) => vectors.set(c, i * VECTOR_DIMENSION));
  return { rows, vectors };
}
