/// <reference lib="webworker" />
/**
 * The inference worker's entry: hands each message to its handler and posts the reply,
 * transferring result buffers. All logic lives in InferenceRequestHandler (model loading and bare
 * predictions), ExplainHandler (level signals) and the ORT adapter. The explanation handler uses
 * the predictor the inference handler loads.
 */
import { parseExplainRequest } from '../protocol/explain-messages';
import type { ErrorResponse } from '../protocol/inference-messages';
import { ExplainHandler } from './explain-handler';
import { InferenceRequestHandler } from './inference-request-handler';
import { loadOrtPredictor } from './ort-predictor';
import type { PredictorLoader } from './predictor';

const explain = new ExplainHandler();
const loader: PredictorLoader = (config) => {
  const loading = loadOrtPredictor(config);
  explain.setPredictor(loading);
  return loading;
};
const inference = new InferenceRequestHandler(loader);

type Route =
  | { readonly kind: 'explain'; readonly reply: ReturnType<ExplainHandler['handle']> }
  | { readonly kind: 'inference' };

function route(data: unknown): Route {
  const parsed = parseExplainRequest(data);
  if (parsed === null) return { kind: 'inference' };
  if (!parsed.ok) {
    const requestId =
      typeof data === 'object' &&
      data !== null &&
      'requestId' in data &&
      typeof data.requestId === 'number'
        ? data.requestId
        : null;
    const response: ErrorResponse = {
      type: 'error',
      requestId,
      code: 'bad-request',
      message: parsed.error,
    };
    return { kind: 'explain', reply: Promise.resolve({ response, transfer: [] }) };
  }
  return { kind: 'explain', reply: explain.handle(parsed.value) };
}

addEventListener('message', (event: MessageEvent<unknown>) => {
  const r = route(event.data);
  let reply: Promise<{ response: unknown; transfer: Transferable[] }>;
  switch (r.kind) {
    case 'explain':
      reply = r.reply;
      break;
    case 'inference':
      reply = inference.handle(event.data);
      break;
    default: {
      const unreachable: never = r;
      throw new Error(`unhandled route ${JSON.stringify(unreachable)}`);
    }
  }
  reply
    .then(({ response, transfer }) => postMessage(response, transfer))
    .catch((err: unknown) => {
      // Catches a defect in a handler itself, so the UI hears about it instead of waiting.
      const response: ErrorResponse = {
        type: 'error',
        requestId: null,
        code: 'internal',
        message: String(err),
      };
      postMessage(response);
    });
});
