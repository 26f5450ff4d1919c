import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

/** One reversible edit: what the analyst did, and how to take it back and do it again. */
export interface UndoEntry {
  label: string;
  undo: () => Promise<unknown>;
  redo: () => Promise<unknown>;
}

export interface UndoSlice {
  undoStack: UndoEntry[];
  redoStack: UndoEntry[];
  /** Records an edit that has just been made; a new edit clears what could be redone. */
  recordUndo: (entry: UndoEntry) => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

const LIMIT = 200;

export const createUndoSlice: StateCreator<WorkbenchState, [], [], UndoSlice> = (set, get) => ({
  undoStack: [],
  redoStack: [],
  recordUndo: (entry) => set((s) => ({ undoStack: [...s.undoStack.slice(-(LIMIT - 1)), entry], redoStack: [] })),
  undo: async () => {
    const entry = get().undoStack.at(-1);
    if (!entry) return;
    set((s) => ({ undoStack: s.undoStack.slice(0, -1) }));
    try {
      await get().trackSave(entry.undo);
      set((s) => ({ redoStack: [...s.redoStack, entry] }));
      get().notify('info', `Undone: ${entry.label}.`);
    } catch {
      // trackSave has told the analyst; the entry is dropped because the workspace moved on.
    }
  },
  redo: async () => {
    const entry = get().redoStack.at(-1);
    if (!entry) return;
    set((s) => ({ redoStack: s.redoStack.slice(0, -1) }));
    try {
      await get().trackSave(entry.redo);
      set((s) => ({ undoStack: [...s.undoStack, entry] }));
      get().notify('info', `Redone: ${entry.label}.`);
    } catch {
      // As above.
    }
  },
});
