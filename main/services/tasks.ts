import { ServiceError } from './errors';

/** A long request the analyst cancelled; its message says what was (not) done. */
export class TaskCancelled extends ServiceError {
  override name = 'TaskCancelled';
}

/** What a running task is doing, as `taskProgress` answers it. */
export interface TaskStep {
  step: string;
  done?: number;
  total?: number;
}

export interface TaskProgress {
  state: 'running' | 'unknown';
  step?: string;
  done?: number;
  total?: number;
  /** True once the task has started writing its file and can no longer be cancelled. */
  committed?: boolean;
}

/** One long request (an import, an export, a backup), cancellable until it commits. */
export interface Task {
  readonly signal: AbortSignal;
  /** Records what the task is doing now, for `taskProgress`. */
  step(step: string, done?: number, total?: number): void;
  /** Throws `cancelled()` if the analyst has cancelled. */
  check(cancelled: () => Error): void;
  /**
   * The point of no return (just before a file is written): throws `cancelled()` if cancelled already;
   * after it, a cancel is answered "too late" and the work completes.
   */
  commit(cancelled: () => Error): void;
  end(): void;
}

interface Running {
  controller: AbortController;
  progress: TaskStep;
  committed: boolean;
}

/** How long a cancel for a task main has not seen yet is remembered (its request may still be in transit). */
const EARLY_CANCEL_MS = 2 * 60_000;
const MAX_EARLY_CANCELS = 256;

const noTask: Task = {
  signal: new AbortController().signal,
  step: () => undefined,
  check: () => undefined,
  commit: () => undefined,
  end: () => undefined,
};

/**
 * The long requests in flight, by the task id the renderer chose and sent with each. `cancel` aborts a
 * running task's signal (its worker thread is terminated, its file is not written); a cancel that
 * arrives before its request (a large upload still in transit) is remembered for a while and applied
 * when the request begins.
 */
export class TaskRegistry {
  private readonly running = new Map<string, Running>();
  private readonly early = new Map<string, number>();

  begin(taskId: string | undefined): Task {
    if (!taskId) return noTask;
    const controller = new AbortController();
    const entry: Running = { controller, progress: { step: 'starting' }, committed: false };
    // A second request with a running task's id is not the same task: it gets its own, unlisted.
    if (!this.running.has(taskId)) this.running.set(taskId, entry);
    if (this.early.delete(taskId)) controller.abort();
    return {
      signal: controller.signal,
      step: (step, done, total) => {
        entry.progress = { step, done, total };
      },
      check: (cancelled) => {
        if (controller.signal.aborted) throw cancelled();
      },
      commit: (cancelled) => {
        if (controller.signal.aborted) throw cancelled();
        entry.committed = true;
      },
      end: () => {
        if (this.running.get(taskId) === entry) this.running.delete(taskId);
      },
    };
  }

  /** True when the task is (or, not begun yet, will be) cancelled; false when it is writing its file already. */
  cancel(taskId: string): boolean {
    const entry = this.running.get(taskId);
    if (entry) {
      if (entry.committed) return false;
      entry.controller.abort();
      return true;
    }
    const now = Date.now();
    for (const [id, at] of this.early)
      if (now - at > EARLY_CANCEL_MS || this.early.size >= MAX_EARLY_CANCELS) this.early.delete(id);
    this.early.set(taskId, now);
    return true;
  }

  progress(taskId: string): TaskProgress {
    const entry = this.running.get(taskId);
    if (!entry) return { state: 'unknown' };
    const { step, done, total } = entry.progress;
    return {
      state: 'running',
      step,
      ...(done !== undefined ? { done } : {}),
      ...(total !== undefined ? { total } : {}),
      committed: entry.committed,
    };
  }
}
