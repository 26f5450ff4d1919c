import { Worker } from 'node:worker_threads';

/** Heap for one request: room for a 200 MB file and its text, and a ceiling a hostile file hits before the app does. */
const WORKER_HEAP_MB = 2048;

/** A worker that failed in a way no refusal describes (a crash, memory exhausted): a bug, to be logged. */
export class ThreadFailure extends Error {
  override name = 'ThreadFailure';
}

export interface RunOptions {
  /** Aborting it terminates the thread at once (even one stuck in a synchronous loop) and rejects with `onCancel()`. */
  signal?: AbortSignal;
  onCancel?: () => Error;
}

/**
 * Runs requests on a worker thread (the bundled `workerFile`) and gives up on one after its time
 * limit, or when its signal is aborted, by terminating the thread, which stops even code stuck in a
 * synchronous loop. A thread that answered is kept warm for the next request (loading the bundle costs
 * a moment); one that timed out, was cancelled, crashed or ran out of memory is thrown away, so its
 * state never reaches another request.
 */
export class ThreadRunner {
  private idle: Worker | null = null;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workerFile: string,
    /** A warm thread that has had nothing to do for this long is ended. */
    private readonly idleMs = 30_000,
  ) {}

  run<T>(request: unknown, timeoutMs: number, onTimeout: () => Error, options: RunOptions = {}): Promise<T> {
    const { signal } = options;
    const cancelled = () => options.onCancel?.() ?? new Error('The work was cancelled.');
    if (signal?.aborted) return Promise.reject(cancelled());
    const worker = this.take();
    return new Promise<T>((resolve, reject) => {
      const settle = (keep: boolean, outcome: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (keep) this.give(worker);
        else void worker.terminate();
        outcome();
      };
      const onMessage = (answer: T) => settle(true, () => resolve(answer));
      const onError = (error: Error) =>
        settle(false, () => reject(new ThreadFailure(`the worker stopped: ${error.message}`, { cause: error })));
      const onExit = (code: number) =>
        settle(false, () => reject(new ThreadFailure(`the worker exited (code ${code}) without an answer`)));
      // A cancelled thread is never kept warm: whatever it was doing is abandoned with it.
      const onAbort = () => settle(false, () => reject(cancelled()));
      const timer = setTimeout(() => settle(false, () => reject(onTimeout())), timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
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
