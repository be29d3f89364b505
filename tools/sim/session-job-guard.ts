import { SessionJob, WrittenFile } from './session-writer';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isSessionJob(v: unknown): v is SessionJob {
  return (
    isRecord(v) &&
    typeof v['date'] === 'string' &&
    typeof v['dayIndex'] === 'number' &&
    typeof v['seed'] === 'number' &&
    typeof v['outDir'] === 'string' &&
    typeof v['gzip'] === 'boolean'
  );
}

export type WorkerReply =
  | { readonly date: string; readonly files: WrittenFile[] }
  | { readonly date?: string; readonly error: string };

export function isWorkerReply(v: unknown): v is WorkerReply {
  if (!isRecord(v)) return false;
  if (typeof v['error'] === 'string') return true;
  return (
    typeof v['date'] === 'string' && Array.isArray(v['files']) && v['files'].every(isWrittenFile)
  );
}

function isWrittenFile(v: unknown): v is WrittenFile {
  return (
    isRecord(v) &&
    typeof v['path'] === 'string' &&
    (v['kind'] === 'frames' || v['kind'] === 'bars' || v['kind'] === 'truth') &&
    typeof v['date'] === 'string' &&
    typeof v['sha256'] === 'string' &&
    typeof v['bytes'] === 'number' &&
    typeof v['records'] === 'number'
  );
}
