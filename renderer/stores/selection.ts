import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './index';

export interface SelectionSlice {
  selectedSourceId: string | null;
  selectedRegisterId: string | null;
  selectedThreatId: string | null;
  selectedCountryCode: string | null;
  selectedAnnotationId: string | null;
  selectedActorId: string | null;
  /** Bumped to ask the reader to scroll to the selected annotation (or to `readerTarget`). */
  scrollRequest: number;
  /** A text range to show in the reader (a search hit), with the source it belongs to. */
  readerTarget: { sourceId: string; start: number; end: number } | null;
  selectAnnotation: (id: string | null, options?: { scroll?: boolean }) => void;
  selectActor: (id: string | null) => void;
  showInReader: (target: { sourceId: string; start: number; end: number; annotationId?: string }) => void;
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
  selectedAnnotationId: null,
  selectedActorId: null,
  scrollRequest: 0,
  readerTarget: null,
  selectAnnotation: (selectedAnnotationId, options) =>
    set((s) => ({
      selectedAnnotationId,
      readerTarget: null,
      scrollRequest: options?.scroll ? s.scrollRequest + 1 : s.scrollRequest,
    })),
  selectActor: (selectedActorId) => set({ selectedActorId }),
  showInReader: ({ sourceId, start, end, annotationId }) =>
    set((s) => ({
      view: 'sources',
      selectedSourceId: sourceId,
      selectedAnnotationId: annotationId ?? null,
      readerTarget: annotationId ? null : { sourceId, start, end },
      scrollRequest: s.scrollRequest + 1,
    })),
  selectSource: (selectedSourceId) =>
    set((s) =>
      s.selectedSourceId === selectedSourceId
        ? {}
        : { selectedSourceId, selectedAnnotationId: null, readerTarget: null },
    ),
  selectRegister: (selectedRegisterId) => set({ selectedRegisterId, selectedThreatId: null }),
  selectThreat: (selectedThreatId) => set({ selectedThreatId }),
  selectCountry: (selectedCountryCode) => set({ selectedCountryCode }),
});
