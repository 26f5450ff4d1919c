import type { TaskProgress } from '../../shared/ipc/contract';
import { workbench } from './workbench';

/** A fresh id for one long request (import, export, backup), sent with it so it can be cancelled. */
export function newTaskId(): string {
  return crypto.randomUUID();
}

/** Asks main to cancel the task; answers false when it was already writing its file (it completes). */
export async function cancelTask(taskId: string): Promise<boolean> {
  return (await workbench().cancelTask({ taskId })).cancelled;
}

/**
 * Asks main every `everyMs` what the task is doing (the bridge has no channel from main to the page,
 * so progress is polled; each answer is a few bytes). Answers the function that stops watching.
 */
export function watchTask(taskId: string, onProgress: (progress: TaskProgress) => void, everyMs = 300): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const progress = await workbench().taskProgress({ taskId });
      if (!stopped) onProgress(progress);
    } catch {
      // Progress is a courtesy: a failed poll is simply tried again.
    }
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  timer = setTimeout(() => void tick(), everyMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

export type { TaskProgress };
