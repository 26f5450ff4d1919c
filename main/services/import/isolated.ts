import { Worker } from 'node:worker_threads';
import { ServiceError } from '../errors';
import { DEFAULT_TIMEOUT_MS } from './limits';
import { displayName, Refuse } from './refusal';
import type { ExtractedSource, ExtractOptions } from './types';

export interface WorkerRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ExtractOptions;
}

export type WorkerAnswer = { ok: true; value: ExtractedSource } | { ok: false; refusal: boolean; message: string; stack?: string };

/** Heap for one import: room for a 200 MB file and its text, and a ceiling a hostile file hits before the app does. */
const WORKER_HEAP_MB = 2048;

/** A reader that failed in a way no refusal describes (a crash, memory exhausted): a bug, to be logged. */
export class ReaderFailure extends Error {
  override name = 'ReaderFailure';
}

/**
 * Runs requests on a worker thread (the bundled `workerFile`) and gives up on one after its time
 * limit by terminating the thread, which stops even a parser stuck in a synchronous loop. A thread
 * that answered is kept warm for the next request (loading the readers costs a moment); one that
 * timed out, crashed or ran out of memory is thrown away, so its state never reaches another import.
 */
export class ThreadRunner {
  private idle: Worker | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workerFile: string,
    /** A warm thread that has had nothing to do for this long is ended. */
    private readonly idleMs = 30_000,
  ) {}

  run<T>(request: unknown, timeoutMs: number, onTimeout: () => Error): Promise<T> {
    const worker = this.take();
    return new Promise<T>((resolve, reject) => {
      const settle = (keep: boolean, outcome: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (keep) this.give(worker);
        else void worker.terminate();
        outcome();
      };
      const onMessage = (answer: T) => settle(true, () => resolve(answer));
      const onError = (error: Error) => settle(false, () => reject(new ReaderFailure(`the reader stopped: ${error.message}`, { cause: error })));
      const onExit = (code: number) => settle(false, () => reject(new ReaderFailure(`the reader exited (code ${code}) without an answer`)));
      const timer = setTimeout(() => settle(false, () => reject(onTimeout())), timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(request);
    });
  }

  /** Ends the warm thread, if any. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const idle = this.idle;
    this.idle = null;
    await idle?.terminate();
  }

  private take(): Worker {
    clearTimeout(this.idleTimer);
    const warm = this.idle;
    this.idle = null;
    if (warm) {
      warm.ref();
      return warm;
    }
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.once('exit', () => {
      if (this.idle === worker) this.idle = null;
    });
    return worker;
  }

  private give(worker: Worker): void {
    if (this.idle) {
      void worker.terminate();
      return;
    }
    // A warm thread must not keep the app (or a test run) alive on its own.
    worker.unref();
    this.idle = worker;
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }
}

/**
 * extractSource on a worker thread with a hard time limit. Refusals come back as the same sentences;
 * a reader that crashed or ran out of memory is refused with a sentence too, its cause kept for the log.
 */
export async function extractSourceIsolated(threads: ThreadRunner, bytes: Uint8Array, fileName: string, options: ExtractOptions): Promise<ExtractedSource> {
  // The cheap refusals first, here: a 100 MB file over the limit is not copied to a thread to be refused there.
  if (bytes.byteLength === 0) throw Refuse.empty(fileName);
  if (bytes.byteLength > options.maxBytes) throw Refuse.tooLarge(fileName, bytes.byteLength, options.maxBytes);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let answer: WorkerAnswer;
  try {
    answer = await threads.run<WorkerAnswer>({ bytes, fileName, options } satisfies WorkerRequest, timeoutMs, () => Refuse.tooSlow(fileName, timeoutMs));
  } catch (error) {
    if (error instanceof ReaderFailure) {
      throw new ServiceError(
        `"${displayName(fileName)}" could not be imported: reading it failed (${error.message}). Check that it opens in the program that made it; if it does, save a fresh copy and import that.`,
        { cause: error },
      );
    }
    throw error;
  }
  if (answer.ok) return answer.value;
  if (answer.refusal) throw new ServiceError(answer.message);
  const failure = new Error(answer.message);
  if (answer.stack) failure.stack = answer.stack;
  throw failure;
}
