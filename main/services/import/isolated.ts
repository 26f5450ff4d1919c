import { ThreadFailure, type ThreadRunner } from '../thread-runner';
import { ServiceError } from '../errors';
import { DEFAULT_TIMEOUT_MS } from './limits';
import { ImportRefusal, Refuse, type RefusalReason } from './refusal';
import type { ExtractedSource, ExtractOptions } from './types';

export interface WorkerRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ExtractOptions;
}

export type WorkerAnswer =
  | { ok: true; value: ExtractedSource }
  | { ok: false; refusal: boolean; reason?: RefusalReason; message: string; stack?: string };

/** A reader that failed in a way no refusal describes (a crash, memory exhausted): a bug, to be logged. */
export { ThreadFailure as ReaderFailure, ThreadRunner } from '../thread-runner';

/**
 * extractSource on a worker thread with a hard time limit. Refusals come back as the same sentences;
 * a reader that crashed or ran out of memory is refused with a sentence too, its cause kept for the log.
 */
export async function extractSourceIsolated(
  threads: ThreadRunner,
  bytes: Uint8Array,
  fileName: string,
  options: ExtractOptions,
  signal?: AbortSignal,
  onCancel?: () => Error,
): Promise<ExtractedSource> {
  // The cheap refusals first, here: a 100 MB file over the limit is not copied to a thread to be refused there.
  if (bytes.byteLength === 0) throw Refuse.empty(fileName);
  if (bytes.byteLength > options.maxBytes) throw Refuse.tooLarge(fileName, bytes.byteLength, options.maxBytes);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let answer: WorkerAnswer;
  try {
    answer = await threads.run<WorkerAnswer>(
      { bytes, fileName, options } satisfies WorkerRequest,
      timeoutMs,
      () => Refuse.tooSlow(fileName, timeoutMs),
      { signal, onCancel },
    );
  } catch (error) {
    if (error instanceof ThreadFailure) throw Refuse.readerFailed(fileName, error.message, error);
    throw error;
  }
  if (answer.ok) return answer.value;
  if (answer.reason) throw new ImportRefusal(fileName, answer.reason);
  if (answer.refusal) throw new ServiceError(answer.message);
  const failure = new Error(answer.message);
  if (answer.stack) failure.stack = answer.stack;
  throw failure;
}
