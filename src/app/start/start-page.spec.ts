import { TestBed } from '@angular/core/testing';
import { isRecord } from '../../protocol/guard-result';
import { INFERENCE_WORKER_FACTORY, type InferenceWorkerPort } from '../inference/inference-worker';
import { StartPage } from './start-page';

const backend = {
  ortVersion: '9.9.9',
  executionProvider: 'wasm',
  threads: 2,
  crossOriginIsolated: true,
  simd: true,
  hardwareConcurrency: 4,
  fetchMs: 1,
  sessionMs: 12,
};
const model = {
  file: 'm.onnx',
  sha256: 'f'.repeat(64),
  kind: 'placeholder',
  nFeatures: 144,
  inputName: 'features',
  outputName: 'p_break',
};

/** Answers init with `initReply` and every predict with 0.625 in 0.25 ms. */
class ScriptedWorker implements InferenceWorkerPort {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly rowLengths: number[] = [];
  constructor(private readonly initReply: (requestId: unknown) => unknown) {}
  postMessage(message: unknown): void {
    if (!isRecord(message)) return;
    const id = message['requestId'];
    const rows = message['rows'];
    const reply =
      message['type'] === 'init'
        ? this.initReply(id)
        : {
            type: 'prediction',
            requestId: id,
            values: new Float32Array([0.625]),
            timings: { modelMs: 0.25, totalMs: 0.5 },
          };
    if (rows instanceof Float32Array) this.rowLengths.push(rows.length);
    setTimeout(() => this.onmessage?.(new MessageEvent('message', { data: reply })));
  }
  terminate(): void {
    /* nothing to stop */
  }
}

async function render(worker: ScriptedWorker): Promise<HTMLElement> {
  TestBed.configureTestingModule({
    imports: [StartPage],
    providers: [{ provide: INFERENCE_WORKER_FACTORY, useValue: () => worker }],
  });
  const fixture = TestBed.createComponent(StartPage);
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 5));
    await fixture.whenStable();
  }
  return fixture.nativeElement;
}

const text = (root: HTMLElement, id: string): string =>
  root.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('StartPage', () => {
  it('shows isolation, threads, backend and the worker-computed P(BREAK) with its model time', async () => {
    const worker = new ScriptedWorker((id) => ({ type: 'ready', requestId: id, backend, model }));
    const root = await render(worker);
    expect(text(root, 'coi-status')).toBe(window.crossOriginIsolated ? 'yes' : 'no');
    expect(text(root, 'model-status')).toBe('ready');
    expect(text(root, 'worker-threads')).toBe('2');
    expect(text(root, 'ort-backend')).toContain('onnxruntime-web 9.9.9');
    expect(text(root, 'worker-result')).toBe('0.6250');
    expect(text(root, 'worker-model-ms')).toBe('0.250 ms');
    expect(worker.rowLengths.every((n) => n === 144)).toBeTrue();
  });

  it('shows a model that failed to load as an error, with no number', async () => {
    const worker = new ScriptedWorker((id) => ({
      type: 'error',
      requestId: id,
      code: 'model-hash-mismatch',
      message: 'sha256 differs',
    }));
    const root = await render(worker);
    expect(text(root, 'model-status')).toBe('error');
    expect(text(root, 'model-error')).toBe('model-hash-mismatch: sha256 differs');
    expect(text(root, 'worker-result')).toBe('—');
    expect(text(root, 'worker-threads')).toBe('—');
  });
});
