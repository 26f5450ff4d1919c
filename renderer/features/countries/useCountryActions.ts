import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OverrideInput } from '../../../shared/domain/exposure';
import { db } from '../../db';
import { putExposureOverride, setComparison, updateCountry, type CountryPatch } from '../../db/countries';
import { useWorkbench } from '../../stores';

/**
 * The Countries view's edits. Each is one transaction with its revisions (the same history as register
 * edits) and each is recorded for Ctrl+Z / Ctrl+Shift+Z; undo and redo write through the same path.
 */
export function useCountryActions(name: (code: string) => string) {
  const { trackSave, recordUndo } = useWorkbench(useShallow((s) => ({ trackSave: s.trackSave, recordUndo: s.recordUndo })));
  return useMemo(
    () => ({
      compare: async (codes: string[], label: string) => {
        const { before, after } = await trackSave(() => setComparison(db, codes));
        if (before.join() === after.join()) return;
        recordUndo({ label, undo: () => setComparison(db, before), redo: () => setComparison(db, after) });
      },
      editCountry: async (code: string, patch: CountryPatch) => {
        const { before, after } = await trackSave(() => updateCountry(db, code, patch));
        if (before === after) return;
        const fields = Object.keys(patch) as (keyof CountryPatch)[];
        const old = Object.fromEntries(fields.map((f) => [f, before[f]])) as CountryPatch;
        recordUndo({ label: `edit the ${fields.join(' and ')} on ${name(code)}`, undo: () => updateCountry(db, code, old), redo: () => updateCountry(db, code, patch) });
      },
      override: async (code: string, threatId: string, title: string, input: OverrideInput | null) => {
        const { before, after } = await trackSave(() => putExposureOverride(db, code, threatId, input));
        const restore = before ? { likelihood: before.likelihood, impact: before.impact, rationale: before.rationale } : null;
        recordUndo({
          label: `${input ? 'override' : 'remove the override of'} “${title}” for ${name(code)}`,
          undo: () => putExposureOverride(db, code, threatId, restore),
          redo: () => putExposureOverride(db, code, threatId, after ? { likelihood: after.likelihood, impact: after.impact, rationale: after.rationale } : null),
        });
      },
    }),
    [trackSave, recordUndo, name],
  );
}
