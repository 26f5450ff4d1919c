import { useCallback, useEffect, useId, useRef, useSyncExternalStore } from 'react';

/**
 * Guards typed input that is not saved yet (a popover's note, a dialog's text, a rationale): closing
 * the dialog, leaving the view or closing the window first asks "Discard …? Keep editing / Discard".
 *
 * Each dirty guard registers here; the one prompt (DiscardPrompt, mounted once by the App) asks.
 * Window close and reload are caught with `beforeunload`: a browser shows its own prompt, and the
 * desktop app answers Electron's `will-prevent-unload` with a native dialog (main/app/window.ts).
 */

interface Ask {
  question: string;
  resolve: (discard: boolean) => void;
}

const dirtyGuards = new Map<string, string>();
let pending: Ask | null = null;
const listeners = new Set<() => void>();
let hostMounted = false;

const emit = () => listeners.forEach((l) => l());

function onBeforeUnload(event: BeforeUnloadEvent) {
  if (dirtyGuards.size === 0) return;
  event.preventDefault();
  // Older engines need returnValue set to show (or, in Electron, to report) the prompt.
  event.returnValue = '';
}

function track(id: string, question: string | null) {
  const before = dirtyGuards.size;
  if (question === null) dirtyGuards.delete(id);
  else dirtyGuards.set(id, question);
  if (before === 0 && dirtyGuards.size > 0) window.addEventListener('beforeunload', onBeforeUnload);
  if (before > 0 && dirtyGuards.size === 0) window.removeEventListener('beforeunload', onBeforeUnload);
}

/** Asks the analyst whether to throw away typed input; resolves true to discard. */
export function askToDiscard(question: string): Promise<boolean> {
  // Without the prompt on screen (a component test), the browser's own confirm asks.
  if (!hostMounted) return Promise.resolve(window.confirm(question));
  if (pending) pending.resolve(false);
  return new Promise((resolve) => {
    pending = {
      question,
      resolve: (discard) => {
        pending = null;
        emit();
        resolve(discard);
      },
    };
    // Shown on the next task: the Escape that asked must not reach the prompt as its own "cancel".
    setTimeout(emit, 0);
  });
}

/** Whether the discard prompt is on screen (so an Escape meant for it is not taken by a popover too). */
export function isAskingToDiscard(): boolean {
  return pending !== null;
}

/**
 * Before leaving what is on screen (another view, another source): asks about any guarded input and
 * resolves true when it is fine to go on.
 */
export async function confirmLeave(): Promise<boolean> {
  const question = [...dirtyGuards.values()][0];
  if (question === undefined) return true;
  return askToDiscard(question);
}

/** Runs `go` unless the analyst chooses to keep editing. */
export function leaveThen(go: () => void): void {
  void confirmLeave().then((ok) => ok && go());
}

/**
 * Marks a component's typed input as unsaved while `dirty` is true. `question` is what the prompt asks,
 * e.g. "Discard the note you typed?". Call `confirmDiscard()` before closing on Escape or Cancel.
 */
export function useUnsavedGuard(dirty: boolean, question: string): { confirmDiscard: () => Promise<boolean> } {
  const id = useId();
  const state = useRef({ dirty, question });
  state.current = { dirty, question };

  useEffect(() => {
    track(id, dirty ? question : null);
  }, [id, dirty, question]);
  useEffect(() => () => track(id, null), [id]);

  const confirmDiscard = useCallback(async () => {
    if (!state.current.dirty) return true;
    const discard = await askToDiscard(state.current.question);
    // The component is about to close: its input no longer holds the window open.
    if (discard) track(id, null);
    return discard;
  }, [id]);
  return { confirmDiscard };
}

/** For the prompt: the question being asked, if any. */
export function usePendingDiscard(): Ask | null {
  useEffect(() => {
    hostMounted = true;
    return () => {
      hostMounted = false;
    };
  }, []);
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}
