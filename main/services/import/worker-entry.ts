/**
 * The import worker (built to dist/main/import-worker.cjs): reads one file per message on its own
 * thread, so that a parser that spins on a hostile file can be stopped by terminating the thread —
 * something no timer on the main thread can do to synchronous code.
 */
import { parentPort } from 'node:worker_threads';
import { ServiceError } from '../errors';
import { extractSource } from './index';
import { ImportRefusal } from './refusal';
import type { WorkerAnswer, WorkerRequest } from './isolated';

parentPort?.on('message', (request: WorkerRequest) => {
  void extractSource(request.bytes, request.fileName, request.options).then(
    (value): void => parentPort?.postMessage({ ok: true, value } satisfies WorkerAnswer),
    (error: unknown): void =>
      parentPort?.postMessage({
        ok: false,
        refusal: error instanceof ServiceError,
        // The refusal's code and facts, so that main can say it in the analyst's language.
        reason: error instanceof ImportRefusal ? error.reason : undefined,
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      } satisfies WorkerAnswer),
  );
});
