import { DatasetStats, RateCell } from './dataset-stats';

const pct = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');

/** The dataset report as plain text lines. */
export function formatStats(stats: DatasetStats): string[] {
  const lines: string[] = [];
  lines.push(`sessions: ${stats.sessions}`);
  if (stats.framesPerSessionPerLevel) {
    lines.push('frames per level per session: ' + fmtRecord(stats.framesPerSessionPerLevel, 1));
  }
  lines.push(
    'in-zone frames per level per session: ' + fmtRecord(stats.inZoneFramesPerSessionPerLevel, 1),
  );
  lines.push(
    `episodes per day: ${stats.episodesPerDay.toFixed(2)} (${fmtRecord(stats.episodesPerDayPerLevel, 2)})`,
  );
  for (const h of ['2', '4', '8'] as const) {
    const a = stats.bayesAuc[h];
    lines.push(
      `Bayes AUC (ground truth vs labels, resolved in-zone frames) @${h}min: ${a.auc.toFixed(4)} (n=${a.resolved})`,
    );
  }
  lines.push(
    'Bayes AUC @4min by bucket: ' +
      Object.entries(stats.bayesAucByBucket)
        .map(([b, v]) => `${b} ${v.auc.toFixed(3)} (n=${v.resolved})`)
        .join(', '),
  );
  lines.push('calibration @4min (decile: mean p_true → observed BREAK share):');
  for (const c of stats.calibration)
    lines.push(`  ${c.meanP.toFixed(3)} → ${c.observed.toFixed(3)} (n=${c.n})`);
  lines.push(
    `max |Σ contributions − (p_true − baseline)|: ${stats.contributionCheckMaxError.toExponential(2)}`,
  );
  if (stats.frameAgreement.checked > 0) {
    lines.push(
      `truth records whose frame disagrees on spot/atr/level price: ${stats.frameAgreement.mismatched} of ${stats.frameAgreement.checked}`,
    );
  }
  if (stats.observability.some((o) => o.n > 0)) {
    lines.push('observability (Pearson r, cause vs frame field, engaged in-zone frames):');
    for (const o of stats.observability)
      lines.push(`  ${o.cause.padEnd(18)} ~ ${o.field.padEnd(40)} r=${o.r.toFixed(3)} (n=${o.n})`);
  }
  lines.push('');
  lines.push('in-zone frames @4min: kind × direction × bucket → n, BREAK|resolved, CHOP share');
  lines.push(...rateTable(stats.rates));
  lines.push('');
  lines.push('episodes @4min: kind × direction × bucket → n, BREAK|resolved, CHOP share');
  lines.push(...rateTable(stats.episodeRates));
  lines.push('');
  lines.push('in-zone frames @4min, marginals:');
  lines.push(...marginals(stats.rates));
  lines.push('episodes @4min, marginals:');
  lines.push(...marginals(stats.episodeRates));
  return lines;
}

function rateTable(rates: ReadonlyMap<string, RateCell>): string[] {
  return [...rates.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, c]) =>
        `  ${key.padEnd(28)} n=${String(c.n).padStart(5)}  break=${pct(c.breaks / (c.breaks + c.rejects)).padStart(6)}  chop=${pct(c.chops / c.n).padStart(6)}`,
    );
}

function marginals(rates: ReadonlyMap<string, RateCell>): string[] {
  const groups = new Map<string, RateCell>();
  const add = (key: string, c: RateCell): void => {
    const g = groups.get(key) ?? { n: 0, breaks: 0, rejects: 0, chops: 0 };
    g.n += c.n;
    g.breaks += c.breaks;
    g.rejects += c.rejects;
    g.chops += c.chops;
    groups.set(key, g);
  };
  for (const [key, c] of rates) {
    const [kind, dir, bucket] = key.split(':');
    add('all', c);
    add(`kind ${kind}:${dir}`, c);
    add(`bucket ${bucket}`, c);
    if (bucket !== 'T0_15' && dir === 'UP' && (kind === 'PM_LOW' || kind === 'OR_LOW'))
      add('lows from below after 09:45', c);
  }
  return [...groups.entries()].map(
    ([k, c]) =>
      `  ${k.padEnd(30)} n=${String(c.n).padStart(6)}  break=${pct(c.breaks / (c.breaks + c.rejects)).padStart(6)}  chop=${pct(c.chops / c.n).padStart(6)}`,
  );
}

function fmtRecord(r: Readonly<Record<string, number>>, digits: number): string {
  return Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v.toFixed(digits)}`)
    .join(', ');
}
