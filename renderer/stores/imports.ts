import type { StateCreator } from 'zustand';
import type { WordComment } from '../../shared/ipc/contract';
import type { WorkbenchState } from './index';

export type ImportState = 'queued' | 'importing' | 'done' | 'duplicate' | 'failed' | 'cancelled';

/** One file on its way into the workspace, as the import panel shows it. */
export interface ImportJob {
  id: number;
  name: string;
  state: ImportState;
  message?: string;
  /** The new source, or the existing one a duplicate matches. */
  sourceId?: string;
  warnings?: string[];
  /** The running import's task id, for cancelTask. */
  taskId?: string;
  /** The analyst pressed Cancel while it was importing; the outcome is "Cancelled" whatever main answers. */
  cancelRequested?: boolean;
}

export interface ImportsSlice {
  importJobs: ImportJob[];
  queueImports: (names: string[]) => number[];
  updateImport: (id: number, patch: Partial<ImportJob>) => void;
  clearImports: () => void;
  /**
   * Reviewers' comments of Word files imported this session, by source id, until the analyst makes them
   * passages or sets them aside. Not persisted: they are also in the source's text, under "Comments".
   */
  pendingComments: Record<string, WordComment[]>;
  setPendingComments: (sourceId: string, comments: WordComment[] | null) => void;
}

let nextJobId = 1;

export const createImportsSlice: StateCreator<WorkbenchState, [], [], ImportsSlice> = (set) => ({
  importJobs: [],
  queueImports: (names) => {
    const jobs = names.map((name) => ({ id: nextJobId++, name, state: 'queued' as const }));
    set((s) => ({
      importJobs: [...s.importJobs.filter((j) => j.state === 'queued' || j.state === 'importing'), ...jobs],
    }));
    return jobs.map((j) => j.id);
  },
  updateImport: (id, patch) =>
    set((s) => ({ importJobs: s.importJobs.map((j) => (j.id === id ? { ...j, ...patch } : j)) })),
  clearImports: () =>
    set((s) => ({ importJobs: s.importJobs.filter((j) => j.state === 'queued' || j.state === 'importing') })),
  pendingComments: {},
  setPendingComments: (sourceId, comments) =>
    set((s) => {
      const next = { ...s.pendingComments };
      if (comments?.length) next[sourceId] = comments;
      else delete next[sourceId];
      return { pendingComments: next };
    }),
});
