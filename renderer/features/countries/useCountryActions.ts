import { useMemo } from 'react';
import type { OverrideInput } from '../../../shared/domain/exposure';
import { workspace } from '../../workspace';
import {
  compareCountries,
  overrideExposure,
  updateCountry,
  type CountryPatch,
} from '../../workspace/commands/countries';

/**
 * The Countries view's edits, each one command: one change with its revisions (the same history as
 * register edits) and one step for Ctrl+Z / Ctrl+Shift+Z. A failure is reported by the workspace and
 * rejects with `CommandFailed`, whose message the view may show beside the control.
 */
export function useCountryActions(name: (code: string) => string) {
  return useMemo(
    () => ({
      compare: (codes: string[], label: string) => workspace.perform(compareCountries, { codes, label }),
      editCountry: (code: string, patch: CountryPatch) =>
        workspace.perform(updateCountry, { code, patch, name: name(code) }),
      override: (code: string, threatId: string, title: string, input: OverrideInput | null) =>
        workspace.perform(overrideExposure, {
          countryCode: code,
          threatId,
          input,
          threatTitle: title,
          countryName: name(code),
        }),
    }),
    [name],
  );
}
