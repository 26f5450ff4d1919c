import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
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
 * most change nothing that is kept: a cell edit's "Saving…" and "Saved" each stringified the kept state
 * and wrote the same text again, synchronously, in the middle of the edit. So an update whose kept
 * fields are the very values last written is passed over before any JSON is made, and one that made
 * the same text is not written.
 */
function keptUiState<S>(): PersistStorage<S> | undefined {
  let storage: Storage;
  try {
    storage = localStorage;
  } catch {
    // No localStorage here (as the default storage does then): nothing is kept.
    return undefined;
  }
  const written = new Map<string, { value: StorageValue<S>; text: string }>();
  const sameFields = (a: S, b: S) => {
    const keys = Object.keys(a as object) as (keyof S)[];
    return keys.length === Object.keys(b as object).length && keys.every((k) => Object.is(a[k], b[k]));
  };
  return {
    getItem: (name) => {
      const text = storage.getItem(name);
      return text === null ? null : (JSON.parse(text) as StorageValue<S>);
    },
    setItem: (name, value) => {
      const last = written.get(name);
      if (last && last.value.version === value.version && sameFields(last.value.state, value.state)) return;
      const text = JSON.stringify(value);
      written.set(name, { value, text });
      if (last?.text !== text) storage.setItem(name, text);
    },
    removeItem: (name) => {
      written.delete(name);
      storage.removeItem(name);
    },
  };
}

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
      storage: keptUiState(),
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
