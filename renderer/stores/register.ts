import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

/** How the register grid is arranged; saved views store exactly this. */
export interface GridArrangement {
  sorting: { id: string; desc: boolean }[];
  columnFilters: { id: string; value: string }[];
  globalFilter: string;
  grouping: string[];
  columnVisibility: Record<string, boolean>;
  columnOrder: string[];
}

export const DEFAULT_ARRANGEMENT: GridArrangement = {
  sorting: [{ id: 'score', desc: true }],
  columnFilters: [],
  globalFilter: '',
  grouping: [],
  columnVisibility: {
    description: false,
    origin: false,
    owner: false,
    indicators: false,
    mitigations: false,
    lastReviewedOn: false,
  },
  columnOrder: [],
};

export interface RegisterSlice {
  grid: GridArrangement;
  /** A heat-map cell chosen to filter the grid. */
  heatCell: { likelihood: number; impact: number } | null;
  setGrid: (patch: Partial<GridArrangement>) => void;
  setHeatCell: (cell: { likelihood: number; impact: number } | null) => void;
}

export const createRegisterSlice: StateCreator<WorkbenchState, [], [], RegisterSlice> = (set) => ({
  grid: DEFAULT_ARRANGEMENT,
  heatCell: null,
  setGrid: (patch) => set((s) => ({ grid: { ...s.grid, ...patch } })),
  setHeatCell: (heatCell) => set({ heatCell }),
});
