/// <reference lib="webworker" />
/**
 * The inference worker's entry: hands each message to the request handler and posts the reply,
 * transferring result buffers. All logic lives in InferenceRequestHandler and the ORT adapter.
 */
import type { ErrorResponse } from '../protocol/inference-messages';
import { InferenceRequestHandler } from './inference-request-handler';
import { loadOrtPredictor } from './ort-predictor';

const handler = new InferenceRequestHandler(loadOrtPredictor);

addEventListener('message', (event: MessageEvent<unknown>) => {
  handler
    .handle(event.data)
    .then(({ response, transfer }) => postMessage(response, transfer))
    .catch((err: unknown) => {
      // Catches a defect in the handler itself, so the UI hears about it instead of waiting.
      const response: ErrorResponse = {
        type: 'error',
        requestId: null,
        code: 'internal',
        message: String(err),
      };
      postMessage(response);
    });
});
