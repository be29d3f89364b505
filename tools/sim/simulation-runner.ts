import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { GENERATOR_VERSION } from '../../src/domain/sim/sim-params';
import { weekdaySessions } from '../../src/domain/sim/trading-calendar';
import { isWorkerReply } from './session-job-guard';
import { SessionJob, WrittenFile, writeSession } from './session-writer';

export const DATASET_SCHEMA = 'pentaview-dataset/1';

export interface SimulationRequest {
  readonly days: number;
  readonly seed: number;
  readonly start: string;
  readonly outDir: string;
  readonly gzip: boolean;
  /** 0 runs every session in this thread. */
  readonly workers: number;
}

export interface DatasetManifest {
  readonly schema: typeof DATASET_SCHEMA;
  readonly generator: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly start: string;
  readonly dates: readonly string[];
  readonly gzip: boolean;
  readonly files: readonly WrittenFile[];
  readonly counts: {
    readonly sessions: number;
    readonly frames: number;
    readonly bars: number;
    readonly truth: number;
  };
}

/** Simulates the sessions (in worker threads when asked) and writes the manifest last. */
export async function runSimulation(
  request: SimulationRequest,
  progress: (done: number, total: number, date: string) => void = () => undefined,
): Promise<DatasetManifest> {
  const dates = weekdaySessions(request.start, request.days);
  mkdirSync(request.outDir, { recursive: true });
  const jobs: SessionJob[] = dates.map((date, dayIndex) => ({
    date,
    dayIndex,
    seed: request.seed,
    outDir: request.outDir,
    gzip: request.gzip,
  }));
  const results = new Map<string, WrittenFile[]>();
  let done = 0;
  const record = (date: string, files: WrittenFile[]): void => {
    results.set(date, files);
    progress(++done, jobs.length, date);
  };
  if (request.workers === 0) {
    for (const job of jobs) record(job.date, writeSession(job));
  } else {
    await runInWorkers(jobs, Math.min(request.workers, jobs.length), record);
  }
  const files = dates.flatMap((date) => results.get(date) ?? []);
  const count = (kind: WrittenFile['kind']): number =>
    files.filter((f) => f.kind === kind).reduce((a, f) => a + f.records, 0);
  const manifest: DatasetManifest = {
    schema: DATASET_SCHEMA,
    generator: { name: 'pentaview-session-simulator', version: GENERATOR_VERSION },
    seed: request.seed,
    start: request.start,
    dates,
    gzip: request.gzip,
    files,
    counts: {
      sessions: dates.length,
      frames: count('frames'),
      bars: count('bars'),
      truth: count('truth'),
    },
  };
  writeFileSync(join(request.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

function runInWorkers(
  jobs: readonly SessionJob[],
  poolSize: number,
  record: (date: string, files: WrittenFile[]) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const queue = [...jobs];
    let active = 0;
    let failed = false;
    const workers: Worker[] = [];
    const finish = (error?: Error): void => {
      if (failed) return;
      if (error) {
        failed = true;
        for (const w of workers) void w.terminate();
        reject(error);
        return;
      }
      if (queue.length === 0 && active === 0) {
        for (const w of workers) void w.terminate();
        resolve();
      }
    };
    const feed = (worker: Worker): void => {
      const job = queue.shift();
      if (!job) return finish();
      active++;
      worker.postMessage(job);
    };
    for (let i = 0; i < poolSize; i++) {
      const worker = new Worker(new URL('./simulate-worker.ts', import.meta.url), {
        execArgv: ['--import', 'tsx'],
      });
      workers.push(worker);
      worker.on('message', (reply: unknown) => {
        active--;
        if (!isWorkerReply(reply))
          return finish(new Error('malformed reply from a simulation worker'));
        if ('error' in reply)
          return finish(new Error(`session ${reply.date ?? '?'}: ${reply.error}`));
        record(reply.date, reply.files);
        feed(worker);
      });
      worker.on('error', (error) => finish(error));
      feed(worker);
    }
  });
}
