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

let writeKeptNow = (): void => undefined;

/** Writes the kept UI state now if a write is waiting: before the app quits, whose page may not see its idle time. */
export function writeKeptUiState(): void {
  writeKeptNow();
}

/**
 * localStorage, written only when what is kept changed, and not in the task that changed it.
 *
 * Every update of the store is persisted, and most change nothing that is kept: a cell edit's "Saving…"
 * and "Saved" each stringified the kept state and wrote the same text again, synchronously, in the middle
 * of the edit. So an update whose kept fields are the very values last written is passed over before any
 * JSON is made. One that changed something is written once the page is idle (at most a second later), or
 * at once when the page is hidden or goes: localStorage's write is synchronous, and choosing a source
 * paid ~3 ms for it in the task that shows the source (a profile of opening one from the library). What
 * is kept is where the analyst was, not their work, so a crash costs at most that second of it.
 */
function keptUiState<S>(): PersistStorage<S> | undefined {
  let storage: Storage;
  try {
    storage = localStorage;
  } catch {
    // No localStorage here (as the default storage does then): nothing is kept.
    return undefined;
  }
  /** Per name: the value last given, and the text last written for it. */
  const kept = new Map<string, { value: StorageValue<S>; text: string | undefined }>();
  const waiting = new Set<string>();
  let pending: (() => void) | null = null;
  const write = () => {
    pending?.();
    pending = null;
    for (const name of waiting) {
      const entry = kept.get(name);
      if (!entry) continue;
      const text = JSON.stringify(entry.value);
      try {
        if (text !== entry.text) storage.setItem(name, text);
        entry.text = text;
      } catch (error) {
        // A full or refused storage loses where the analyst was, nothing of their work: logged, not raised.
        console.warn('The workbench could not keep its window state (localStorage refused the write).', error);
      }
    }
    waiting.clear();
  };
  const schedule = () => {
    if (pending) return;
    if (typeof requestIdleCallback === 'function') {
      const handle = requestIdleCallback(write, { timeout: 1000 });
      pending = () => cancelIdleCallback(handle);
    } else {
      const handle = setTimeout(write, 100);
      pending = () => clearTimeout(handle);
    }
  };
  writeKeptNow = write;
  if (typeof document !== 'undefined') {
    addEventListener('pagehide', write);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') write();
    });
  }
  const sameFields = (a: S, b: S) => {
    const keys = Object.keys(a as object) as (keyof S)[];
    return keys.length === Object.keys(b as object).length && keys.every((k) => Object.is(a[k], b[k]));
  };
  return {
    getItem: (name) => {
      // A read (a rehydration) sees what was given last, written or not.
      if (waiting.has(name)) write();
      const text = storage.getItem(name);
      return text === null ? null : (JSON.parse(text) as StorageValue<S>);
    },
    setItem: (name, value) => {
      const last = kept.get(name);
      if (last && last.value.version === value.version && sameFields(last.value.state, value.state)) return;
      kept.set(name, { value, text: last?.text });
      waiting.add(name);
      schedule();
    },
    removeItem: (name) => {
      kept.delete(name);
      waiting.delete(name);
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
        readerWholeText: s.readerWholeText,
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
