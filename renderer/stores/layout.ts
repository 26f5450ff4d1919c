import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

/**
 * How the panes are laid out: the inspector's width and whether the analyst closed it, the register's
 * heat map shown or folded away. Persisted, so a laptop's arrangement survives a restart.
 */
export interface PaneLayout {
  inspectorWidth: number;
  /** Closed by the analyst; choosing another threat opens it again. */
  inspectorClosed: boolean;
  heatMapOpen: boolean;
}

export const INSPECTOR_WIDTH = { min: 260, max: 640, initial: 340 } as const;

export const DEFAULT_PANE_LAYOUT: PaneLayout = {
  inspectorWidth: INSPECTOR_WIDTH.initial,
  inspectorClosed: false,
  heatMapOpen: true,
};

export interface LayoutSlice {
  panes: PaneLayout;
  setPanes: (patch: Partial<PaneLayout>) => void;
}

export const createLayoutSlice: StateCreator<WorkbenchState, [], [], LayoutSlice> = (set) => ({
  panes: DEFAULT_PANE_LAYOUT,
  setPanes: (patch) => set((s) => ({ panes: { ...s.panes, ...patch } })),
});
