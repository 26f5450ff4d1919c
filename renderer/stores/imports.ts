import type { StateCreator } from 'zustand';
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
});
