import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

export const VIEWS = ['sources', 'register', 'countries', 'briefings'] as const;
export type View = (typeof VIEWS)[number];

export interface NavigationSlice {
  view: View;
  navigate: (view: View) => void;
}

export const createNavigationSlice: StateCreator<WorkbenchState, [], [], NavigationSlice> = (set) => ({
  view: 'sources',
  navigate: (view) => set({ view }),
});
