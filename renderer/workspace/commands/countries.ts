import type { Country } from '../../../shared/domain/country';
import {
  affects,
  makeOverride,
  overrideId,
  overrideIssue,
  type ExposureOverride,
  type OverrideIssue,
  type OverrideInput,
} from '../../../shared/domain/exposure';
import { DEFAULT_SCALE } from '../../../shared/domain/scoring';
import { COMPARISON_KEY, MAX_COMPARED, MIN_COMPARED, resolveComparison } from '../../db/countries';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

const countryGone = () => translate('refusals.gone.country');

/** What is wrong with an override, as a sentence in the interface language (the command's refusal, the inspector's note). */
export function overrideRefusal(issue: OverrideIssue): string {
  switch (issue.code) {
    case 'rating-off-scale':
      return translate('refusals.countries.ratingOffScale', { field: issue.field, levels: issue.levels });
    case 'rationale-missing':
      return translate('refusals.countries.needsRationale');
    case 'rationale-too-long':
      return translate('refusals.countries.rationaleTooLong', { limit: issue.limit });
  }
}

/** What the analyst writes on a country: their notes and their stance (with **bold**, *italic* and bullets). */
export type CountryPatch = Partial<Pick<Country, 'notes' | 'stance'>>;

export interface UpdateCountryArgs {
  code: string;
  patch: CountryPatch;
  /** The country's name as the analyst reads it (English or Russian), for "Undone: …". */
  name?: string;
}

function patchedFields(patch: CountryPatch): (keyof CountryPatch)[] {
  return (['notes', 'stance'] as const).filter((field) => patch[field] !== undefined);
}

/** Edits the analyst's notes or stance on a country; an unchanged save writes nothing and is no step. */
export const updateCountry = defineCommand({
  id: 'countries.update',
  label: ({ code, patch, name }: UpdateCountryArgs) => {
    const fields = patchedFields(patch);
    return translate('labels.editCountry', {
      fields: fields.length === 2 ? 'both' : (fields[0] ?? 'notes'),
      name: name ?? code,
    });
  },
  run: async (changes, { code, patch }: UpdateCountryArgs): Promise<Country> => {
    const only: CountryPatch = {};
    for (const field of patchedFields(patch)) only[field] = patch[field];
    return changes.update('countries', code, only, countryGone());
  },
});

export interface OverrideArgs {
  countryCode: string;
  threatId: string;
  /** The rating for this country with its rationale, or `null` to remove the override. */
  input: OverrideInput | null;
  /** For "Undone: …": the threat's title and the country's name as the analyst reads them. */
  threatTitle?: string;
  countryName?: string;
}

/**
 * Sets (or, with `null`, removes) one country's override of one threat's likelihood and impact. The
 * rating must fit the threat's register scale and carry a rationale — recorded on every revision of the
 * change — and the threat must affect the country; a refused override changes nothing.
 */
export const overrideExposure = defineCommand({
  id: 'countries.override',
  label: (a: OverrideArgs) =>
    translate(a.input ? 'labels.overrideExposure' : 'labels.removeOverride', {
      title: a.threatTitle ?? translate('labels.someThreat'),
      country: a.countryName ?? a.countryCode,
    }),
  rationale: (a: OverrideArgs) => a.input?.rationale.trim() || undefined,
  run: async (changes, { countryCode, threatId, input }: OverrideArgs): Promise<ExposureOverride | null> => {
    const id = overrideId(countryCode, threatId);
    const before = (await changes.get('exposureOverrides', id)) ?? null;
    if (!input) {
      await changes.delete('exposureOverrides', id);
      return null;
    }
    const threat = await changes.require('threats', threatId, translate('refusals.gone.threat'));
    await changes.require('countries', countryCode, countryGone());
    if (!affects(threat, countryCode))
      throw new CommandRefusal(translate('refusals.countries.notAffected', { title: threat.title, code: countryCode }));
    const scale = (await changes.get('registers', threat.registerId))?.scale ?? DEFAULT_SCALE;
    const issue = overrideIssue(input, scale);
    if (issue) throw new CommandRefusal(overrideRefusal(issue));
    return changes.put('exposureOverrides', makeOverride(countryCode, threatId, input, scale, changes.at, before));
  },
});

export interface CompareArgs {
  /** The compared countries, in column order. */
  codes: readonly string[];
  /** How the analyst reads the change, e.g. "move Kyrgyzstan left". */
  label?: string;
}

/**
 * Saves which countries are compared and in what order (the `meta` entry `countries.comparison`, whose
 * revisions are the Comparison history). Refuses fewer than two or more than four, repeats, and
 * countries not in the workspace. Choosing what is shown already writes nothing.
 */
export const compareCountries = defineCommand({
  id: 'countries.compare',
  label: (a: CompareArgs) => a.label ?? translate('labels.compareCountries'),
  run: async (changes, { codes }: CompareArgs): Promise<{ before: string[]; after: string[] }> => {
    const known = (await changes.db.countries.toCollection().primaryKeys()) as string[];
    if (new Set(codes).size !== codes.length) throw new CommandRefusal(translate('refusals.countries.comparedTwice'));
    const missing = codes.filter((c) => !known.includes(c));
    if (missing.length > 0)
      throw new CommandRefusal(
        translate('changes.countriesMissing', { codes: missing.join(', '), count: missing.length }),
      );
    if (codes.length < MIN_COMPARED)
      throw new CommandRefusal(translate('refusals.countries.tooFew', { min: MIN_COMPARED }));
    if (codes.length > MAX_COMPARED)
      throw new CommandRefusal(translate('refusals.countries.tooMany', { max: MAX_COMPARED }));
    const before = resolveComparison((await changes.get('meta', COMPARISON_KEY))?.value, known);
    const after = [...codes];
    // The default shown as it is needs no entry: no revision, no step to undo.
    if (before.join() !== after.join()) await changes.put('meta', { key: COMPARISON_KEY, value: after });
    return { before, after };
  },
});
