/**
 * Attribution settings compared on held-out sessions (docs/explanations.md § Speed): for each
 * setting, the model rows per level, the confidence mix of the signals, how often a shown driver's
 * error bar is wider than its edge, the standard errors, and the error against a reference
 * attribution (drivers with 128 permutations over the whole background, sections exact) with the
 * share of edges within 1.96 standard errors of it (≈ 95 % when the standard errors are honest).
 *
 *   npx tsx tools/explain/compare-settings.ts [--days 4] [--model public/models/break-predictor.onnx]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  ExplanationEngine,
  type DriverAttributionOptions,
  type ExplainResult,
} from '../../src/domain/explain/explanation-engine';
import { loadModel, type RowModel } from './explain-support';
import {
  DEFAULT_MANIFEST,
  DEFAULT_MODEL,
  DEFAULT_STATS,
  loadManifest,
  loadStats,
  readNdjson,
  ticksOfRecords,
} from './explain-session';

interface Setting {
  readonly label: string;
  readonly drivers: DriverAttributionOptions;
  readonly sections: DriverAttributionOptions;
}

const REFERENCE: Setting = {
  label: 'reference',
  drivers: { mode: 'permutation', permutations: 128 },
  sections: { mode: 'exact' },
};

const perm = (permutations: number, backgroundRowsPerPair: number): DriverAttributionOptions => ({
  mode: 'permutation',
  permutations,
  backgroundRowsPerPair,
});

const SETTINGS: Setting[] = [
  { label: 'drivers K16 R8, sections exact', drivers: perm(16, 8), sections: { mode: 'auto' } },
  { label: 'drivers K8 R8, sections exact', drivers: perm(8, 8), sections: { mode: 'auto' } },
  { label: 'drivers K16 R4, sections K16 R4', drivers: perm(16, 4), sections: perm(16, 4) },
  { label: 'drivers K32 R2, sections K32 R2', drivers: perm(32, 2), sections: perm(32, 2) },
  { label: 'drivers K32 R2, sections K16 R4', drivers: perm(32, 2), sections: perm(16, 4) },
  { label: 'drivers K64 R1, sections K64 R1', drivers: perm(64, 1), sections: perm(64, 1) },
  { label: 'drivers K16 R4, sections K8 R4', drivers: perm(16, 4), sections: perm(8, 4) },
  { label: 'drivers K16 R2, sections K16 R2', drivers: perm(16, 2), sections: perm(16, 2) },
];

interface Run {
  readonly results: ExplainResult[];
  readonly rows: number;
  readonly levels: number;
}

async function run(model: RowModel, ticks: readonly (readonly unknown[])[][], setting: Setting): Promise<Run> {
  const manifest = loadManifest(DEFAULT_MANIFEST);
  const stats = loadStats(DEFAULT_STATS);
  const results: ExplainResult[] = [];
  let rows = 0;
  let levels = 0;
  for (const day of ticks) {
    const engine = new ExplanationEngine({
      manifest,
      stats,
      driverAttribution: setting.drivers,
      sectionAttribution: setting.sections,
    });
    for (const tick of day) {
      const prepared = engine.prepare(tick);
      const outputs = prepared.nRows > 0 ? await model(prepared.rows, prepared.nRows) : new Float32Array(0);
      rows += prepared.nRows;
      levels += prepared.levels.length;
      results.push(engine.complete(prepared, { outputs }));
    }
  }
  return { results, rows, levels };
}

function pct(n: number, d: number): string {
  return `${((100 * n) / Math.max(d, 1)).toFixed(1)} %`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '4' },
      data: { type: 'string', default: 'data/sim-holdout/sessions' },
      model: { type: 'string', default: DEFAULT_MODEL },
      only: { type: 'string' },
    },
  });
  const dates = ['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05', '2025-06-06', '2025-06-09'];
  const files = dates
    .map((d) => `${values.data}/${d}.frames.ndjson`)
    .filter((f) => existsSync(f))
    .slice(0, Number(values.days));
  const ticks = files.map((f) => ticksOfRecords(readNdjson(f)));
  const loaded = await loadModel(values.model ?? DEFAULT_MODEL);
  const ref = await run(loaded.model, ticks, REFERENCE);
  const refSignals = ref.results.flatMap((r) => r.signals);
  const refDrivers = ref.results.flatMap((r) => r.attributions);
  console.log(`${files.length} held-out days, ${refSignals.length} in-zone frames; reference: drivers 128 permutations × all background rows, sections exact`);
  const only = values.only?.split(',').map(Number);
  for (const setting of SETTINGS.filter((_, k) => only === undefined || only.includes(k))) {
    const r = await run(loaded.model, ticks, setting);
    const signals = r.results.flatMap((x) => x.signals);
    const drivers = r.results.flatMap((x) => x.attributions);
    const mix = new Map<string, number>();
    let errorBar = 0;
    let dSq = 0;
    let dN = 0;
    let dIn = 0;
    let dSe = 0;
    let sSq = 0;
    let sN = 0;
    let sIn = 0;
    let sSe = 0;
    let maxGap = 0;
    signals.forEach((s, k) => {
      mix.set(s.prediction.confidence, (mix.get(s.prediction.confidence) ?? 0) + 1);
      if ((s.prediction.confidence_reasons ?? []).some((x) => /error bar|sign|standard error|wider/i.test(x))) errorBar++;
      const a = drivers[k];
      const ra = refDrivers[k];
      if (a !== null && ra !== null) {
        a.values.forEach((v, i) => {
          const e = v - ra.values[i];
          dSq += e * e;
          dN++;
          dSe += a.standardErrors[i] ** 2;
          if (Math.abs(e) <= 1.96 * Math.sqrt(a.standardErrors[i] ** 2 + ra.standardErrors[i] ** 2)) dIn++;
        });
        const sum = a.values.reduce((x, y) => x + y, 0);
        maxGap = Math.max(maxGap, Math.abs(sum - s.prediction.edge));
      }
      const sec = s.section_contributions ?? [];
      const rsec = refSignals[k].section_contributions ?? [];
      sec.forEach((c, i) => {
        const e = c.edge - (rsec[i]?.edge ?? Number.NaN);
        sSq += e * e;
        sN++;
        const se = c.edge_se ?? 0;
        sSe += se * se;
        if (Math.abs(e) <= 1.96 * se + 1e-12) sIn++;
      });
      if (sec.length > 0) {
        const sum = sec.reduce((x, y) => x + y.edge, 0);
        maxGap = Math.max(maxGap, Math.abs(sum - s.prediction.edge));
      }
    });
    const order = ['VERY HIGH', 'HIGH', 'MODERATE', 'LOW'];
    console.log(
      `${setting.label.padEnd(34)} rows/level ${(r.rows / Math.max(r.levels, 1)).toFixed(0).padStart(5)}  ` +
        order.map((t) => `${t} ${pct(mix.get(t) ?? 0, signals.length)}`).join(', ') +
        `  error-bar downgrade ${pct(errorBar, signals.length)}` +
        `  drivers RMS err ${(100 * Math.sqrt(dSq / Math.max(dN, 1))).toFixed(2)} pp, RMS SE ${(100 * Math.sqrt(dSe / Math.max(dN, 1))).toFixed(2)} pp, within 1.96 SE ${pct(dIn, dN)}` +
        `  sections RMS err ${(100 * Math.sqrt(sSq / Math.max(sN, 1))).toFixed(2)} pp, RMS SE ${(100 * Math.sqrt(sSe / Math.max(sN, 1))).toFixed(2)} pp, within 1.96 SE ${pct(sIn, sN)}` +
        `  max |Σ − edge| ${maxGap.toExponential(1)}`,
    );
  }
  await loaded.release();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
