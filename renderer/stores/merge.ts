import type { StateCreator } from 'zustand';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import type { WorkbenchState } from './index';

/** A colleague's workspace waiting to be merged into mine (the Merge dialog is open while it is set). */
export interface MergeRequest {
  snapshot: WorkspaceSnapshot;
  /** How the colleague is named in the dialog, the report and joined texts (e.g. the backup's file name). */
  colleague?: string;
  /** The backup file's name, for the reason the merge records in the history. */
  file?: string;
}

export interface MergeSlice {
  mergeRequest: MergeRequest | null;
  /** Opens the Merge dialog on a validated snapshot of a colleague's workspace; nothing is written yet. */
  startMerge: (snapshot: WorkspaceSnapshot, colleague?: string, file?: string) => void;
  closeMerge: () => void;
}

export const createMergeSlice: StateCreator<WorkbenchState, [], [], MergeSlice> = (set) => ({
  mergeRequest: null,
  startMerge: (snapshot, colleague, file) =>
    set({ mergeRequest: { snapshot, ...(colleague ? { colleague } : {}), ...(file ? { file } : {}) } }),
  closeMerge: () => set({ mergeRequest: null }),
});
