import type { StateCreator } from 'zustand';
import type { ThreatCategory } from '../../shared/domain/threat';
import type { WorkbenchState } from './index';

/** Country names in English or Russian (i18n-iso-countries). */
export type NameLanguage = 'en' | 'ru';
export type CountriesTab = 'compare' | 'matrix';

/**
 * How the Countries view is shown. What is compared (and in what order), notes and overrides are the
 * analyst's work and live in IndexedDB (renderer/db/countries.ts); this is only the way of looking.
 */
export interface CountriesSlice {
  countryNames: NameLanguage;
  /** The threat category the map is coloured by, or every threat. */
  mapCategory: ThreatCategory | 'all';
  countriesTab: CountriesTab;
  /** The country × threat cell whose evidence the inspector shows. */
  countryCell: { threatId: string; countryCode: string } | null;
  setCountryNames: (language: NameLanguage) => void;
  setMapCategory: (category: ThreatCategory | 'all') => void;
  setCountriesTab: (tab: CountriesTab) => void;
  openCountryCell: (cell: { threatId: string; countryCode: string } | null) => void;
}

export const createCountriesSlice: StateCreator<WorkbenchState, [], [], CountriesSlice> = (set) => ({
  countryNames: 'en',
  mapCategory: 'all',
  countriesTab: 'compare',
  countryCell: null,
  setCountryNames: (countryNames) => set({ countryNames }),
  setMapCategory: (mapCategory) => set({ mapCategory }),
  setCountriesTab: (countriesTab) => set({ countriesTab }),
  openCountryCell: (countryCell) => set({ countryCell }),
});
