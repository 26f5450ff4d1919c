import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

export const VIEWS = ['sources', 'register', 'countries', 'briefings', 'passages', 'search', 'actors'] as const;
export type View = (typeof VIEWS)[number];

export interface NavigationSlice {
  view: View;
  paletteOpen: boolean;
  /** What the Passages view retrieves: "tag:<id>", "threat:<id>", "actor:<id>" or "country:<code>". */
  retrieval: string;
  /** The briefing open in the composer: kept while the analyst is elsewhere (a jump from the check before export). */
  openBriefingId: string | null;
  navigate: (view: View) => void;
  openBriefing: (id: string | null) => void;
  setPaletteOpen: (open: boolean) => void;
  retrieve: (what: string) => void;
}

export const createNavigationSlice: StateCreator<WorkbenchState, [], [], NavigationSlice> = (set) => ({
  view: 'sources',
  paletteOpen: false,
  retrieval: '',
  openBriefingId: null,
  navigate: (view) => set({ view }),
  openBriefing: (openBriefingId) => set({ openBriefingId }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  retrieve: (retrieval) => set({ retrieval, view: 'passages' }),
});
