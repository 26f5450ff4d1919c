import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { createNavigationSlice, type NavigationSlice } from './navigation';
import { createSelectionSlice, type SelectionSlice } from './selection';
import { createSessionSlice, type SessionSlice } from './session';
import { createImportsSlice, type ImportsSlice } from './imports';
import { createRegisterSlice, type RegisterSlice } from './register';
import { createCountriesSlice, type CountriesSlice } from './countries';
import { createMergeSlice, type MergeSlice } from './merge';
import { createBackupsSlice, type BackupsSlice } from './backups';
import { createLayoutSlice, type LayoutSlice } from './layout';

/**
 * localStorage, written only when what is kept changed. Every update of the store is persisted, and
 * most change nothing that is kept: a cell edit's "Saving…" and "Saved" each wrote the same text again,
 * synchronously, in the middle of the edit.
 */
const keptUiState = createJSONStorage(() => {
  // Throws where there is no localStorage (as the default storage does): nothing is kept then.
  const storage = localStorage;
  const written = new Map<string, string>();
  return {
    getItem: (name) => storage.getItem(name),
    setItem: (name, value) => {
      if (written.get(name) === value) return;
      written.set(name, value);
      storage.setItem(name, value);
    },
    removeItem: (name) => {
      written.delete(name);
      storage.removeItem(name);
    },
  };
});

/** UI and session state only; everything the analyst edits lives in IndexedDB (see renderer/db). */
export type WorkbenchState = NavigationSlice &
  SelectionSlice &
  SessionSlice &
  ImportsSlice &
  RegisterSlice &
  CountriesSlice &
  MergeSlice &
  BackupsSlice &
  LayoutSlice;

export const useWorkbench = create<WorkbenchState>()(
  persist(
    (...a) => ({
      ...createNavigationSlice(...a),
      ...createSelectionSlice(...a),
      ...createSessionSlice(...a),
      ...createImportsSlice(...a),
      ...createRegisterSlice(...a),
      ...createCountriesSlice(...a),
      ...createMergeSlice(...a),
      ...createBackupsSlice(...a),
      ...createLayoutSlice(...a),
    }),
    {
      name: 'analyst-workbench:ui',
      storage: keptUiState,
      // Where the analyst was and how they like to read; not notices or transient save state.
      partialize: (s) => ({
        view: s.view,
        retrieval: s.retrieval,
        selectedSourceId: s.selectedSourceId,
        selectedRegisterId: s.selectedRegisterId,
        selectedThreatId: s.selectedThreatId,
        selectedCountryCode: s.selectedCountryCode,
        selectedActorId: s.selectedActorId,
        readerFontSize: s.readerFontSize,
        sideTab: s.sideTab,
        keepFullText: s.keepFullText,
        grid: s.grid,
        countryNames: s.countryNames,
        mapCategory: s.mapCategory,
        countriesTab: s.countriesTab,
        panes: s.panes,
        sidePanes: s.sidePanes,
      }),
    },
  ),
);

export type { View } from './navigation';
export { VIEWS } from './navigation';
export { READER_FONT_SIZES } from './session';
export { INSPECTOR_WIDTH } from './layout';
export { PASSAGE_PANEL_WIDTH, SOURCE_LIST_WIDTH } from './layout';
export type { SettingsTab, WelcomePage } from './session';
