import { parentPort } from 'node:worker_threads';
import { SessionJob, writeSession } from './session-writer';
import { isSessionJob } from './session-job-guard';

// Runs session jobs posted by tools/sim/simulate.ts and answers with the written files.
parentPort?.on('message', (message: unknown) => {
  if (!isSessionJob(message)) {
    parentPort?.postMessage({ error: 'malformed job' });
    return;
  }
  const job: SessionJob = message;
  try {
    parentPort?.postMessage({ date: job.date, files: writeSession(job) });
  } catch (error) {
    // Any failure of one session (simulation, frame building, disk) goes back to the parent.
    parentPort?.postMessage({
      date: job.date,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
