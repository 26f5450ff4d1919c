/**
 * The briefing worker (built to dist/main/briefing-worker.cjs): packs one briefing's .docx per message
 * on its own thread, so that a long briefing (seconds of synchronous work in the docx library) never
 * blocks main's event loop — and with it every other request — and can be cancelled by ending the thread.
 */
import { parentPort } from 'node:worker_threads';
import { writeBriefingDocx } from './briefing-docx';
import type { BriefingWorkerAnswer, BriefingWorkerRequest } from './briefing-worker';

parentPort?.on('message', (request: BriefingWorkerRequest) => {
  void writeBriefingDocx(request.document).then(
    (bytes): void =>
      parentPort?.postMessage({ ok: true, bytes } satisfies BriefingWorkerAnswer, [bytes.buffer as ArrayBuffer]),
    (error: unknown): void =>
      parentPort?.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      } satisfies BriefingWorkerAnswer),
  );
});
