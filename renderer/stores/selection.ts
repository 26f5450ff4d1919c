import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

export interface SelectionSlice {
  selectedSourceId: string | null;
  selectedRegisterId: string | null;
  selectedThreatId: string | null;
  selectedCountryCode: string | null;
  selectSource: (id: string | null) => void;
  selectRegister: (id: string | null) => void;
  selectThreat: (id: string | null) => void;
  selectCountry: (code: string | null) => void;
}

export const createSelectionSlice: StateCreator<WorkbenchState, [], [], SelectionSlice> = (set) => ({
  selectedSourceId: null,
  selectedRegisterId: null,
  selectedThreatId: null,
  selectedCountryCode: null,
  selectSource: (selectedSourceId) => set({ selectedSourceId }),
  selectRegister: (selectedRegisterId) => set({ selectedRegisterId, selectedThreatId: null }),
  selectThreat: (selectedThreatId) => set({ selectedThreatId }),
  selectCountry: (selectedCountryCode) => set({ selectedCountryCode }),
});
