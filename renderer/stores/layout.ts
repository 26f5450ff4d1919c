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

/**
 * The side panes outside the register — the Sources view's source list (left of the reader) and source
 * panel (right of it), the Countries view's inspector — each folded away or given a width by the
 * analyst. Kept apart from `panes` so a profile saved before they existed starts from the defaults.
 */
export interface SidePanes {
  listWidth: number;
  listOpen: boolean;
  panelWidth: number;
  panelOpen: boolean;
  countryInspectorWidth: number;
  /** Folded by the analyst; choosing a country or a cell opens it again. */
  countryInspectorOpen: boolean;
}

export const SOURCE_LIST_WIDTH = { min: 180, max: 480, initial: 280 } as const;
export const PASSAGE_PANEL_WIDTH = { min: 260, max: 600, initial: 340 } as const;

export const DEFAULT_SIDE_PANES: SidePanes = {
  listWidth: SOURCE_LIST_WIDTH.initial,
  listOpen: true,
  panelWidth: PASSAGE_PANEL_WIDTH.initial,
  panelOpen: true,
  countryInspectorWidth: INSPECTOR_WIDTH.initial,
  countryInspectorOpen: true,
};

export interface LayoutSlice {
  panes: PaneLayout;
  setPanes: (patch: Partial<PaneLayout>) => void;
  sidePanes: SidePanes;
  setSidePanes: (patch: Partial<SidePanes>) => void;
}

export const createLayoutSlice: StateCreator<WorkbenchState, [], [], LayoutSlice> = (set) => ({
  panes: DEFAULT_PANE_LAYOUT,
  setPanes: (patch) => set((s) => ({ panes: { ...s.panes, ...patch } })),
  sidePanes: DEFAULT_SIDE_PANES,
  // Over the defaults: a profile saved by an older version lacks the newer panes.
  setSidePanes: (patch) => set((s) => ({ sidePanes: { ...DEFAULT_SIDE_PANES, ...s.sidePanes, ...patch } })),
});
