import { Country } from '../../shared/domain/country';
import { affects, makeOverride, overrideId, type ExposureOverride, type OverrideInput } from '../../shared/domain/exposure';
import { DEFAULT_SCALE } from '../../shared/domain/scoring';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';

/** The countries compared side by side, in column order (kept in `meta`, so they survive a restart). */
export const COMPARISON_KEY = 'countries.comparison';
export const DEFAULT_COMPARISON = ['KZ', 'UZ', 'TJ', 'TM'] as const;
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

/** Its revisions are recorded under this id, with entity 'comparison'. */
export const COMPARISON_ENTITY_ID = 'countries';

function sanitise(codes: unknown, known: ReadonlySet<string>): string[] {
  if (!Array.isArray(codes)) return [];
  return [...new Set(codes.filter((c): c is string => typeof c === 'string' && known.has(c)))].slice(0, MAX_COMPARED);
}

/**
 * The compared countries: what the analyst chose, or the default (Kazakhstan, Uzbekistan, Tajikistan,
 * Turkmenistan). Codes of countries no longer in the workspace are dropped; if fewer than two remain,
 * the comparison is topped up from the default and then from the other countries.
 */
export function resolveComparison(stored: unknown, knownCodes: readonly string[]): string[] {
  const known = new Set(knownCodes);
  const chosen = stored === undefined ? DEFAULT_COMPARISON.filter((c) => known.has(c)) : sanitise(stored, known);
  if (chosen.length >= MIN_COMPARED) return chosen;
  const candidates = [...new Set([...chosen, ...DEFAULT_COMPARISON.filter((c) => known.has(c)), ...knownCodes])];
  return candidates.slice(0, Math.max(chosen.length, MIN_COMPARED));
}

export async function readComparison(db: WorkbenchDatabase): Promise<string[]> {
  const [entry, codes] = await Promise.all([db.meta.get(COMPARISON_KEY), db.countries.toCollection().primaryKeys()]);
  return resolveComparison(entry?.value, codes);
}

/**
 * Saves which countries are compared and in what order, with a revision. Refuses fewer than two or more
 * than four, repeats, and countries not in the workspace. Returns the choice before and after.
 */
export async function setComparison(db: WorkbenchDatabase, codes: readonly string[]): Promise<{ before: string[]; after: string[] }> {
  return db.transaction('rw', db.meta, db.countries, db.revisions, async () => {
    const known = await db.countries.toCollection().primaryKeys();
    if (new Set(codes).size !== codes.length) throw new Error('A country can only be compared once.');
    const missing = codes.filter((c) => !known.includes(c));
    if (missing.length > 0) throw new Error(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in this workspace.`);
    if (codes.length < MIN_COMPARED) throw new Error(`Compare at least ${MIN_COMPARED} countries.`);
    if (codes.length > MAX_COMPARED) throw new Error(`Compare at most ${MAX_COMPARED} countries at a time.`);
    const before = resolveComparison((await db.meta.get(COMPARISON_KEY))?.value, known);
    const after = [...codes];
    const now = new Date().toISOString();
    await db.meta.put({ key: COMPARISON_KEY, value: after });
    await db.revisions.bulkAdd(revisionsBetween('comparison', COMPARISON_ENTITY_ID, { countries: before }, { countries: after }, ['countries'], now));
    return { before, after };
  });
}

export type CountryPatch = Partial<Pick<Country, 'notes' | 'stance'>>;

/** Edits the analyst's notes or stance on a country, recording one revision per changed field. */
export async function updateCountry(db: WorkbenchDatabase, code: string, patch: CountryPatch): Promise<{ before: Country; after: Country }> {
  return db.transaction('rw', db.countries, db.revisions, async () => {
    const before = await db.countries.get(code);
    if (!before) throw new Error('That country is no longer in this workspace.');
    const now = new Date().toISOString();
    const after = Country.parse({ ...before, ...patch, updatedAt: now });
    const revisions = revisionsBetween('country', code, before, after, Object.keys(patch) as (keyof CountryPatch)[], now);
    if (revisions.length === 0) return { before, after: before };
    await db.countries.put(after);
    await db.revisions.bulkAdd(revisions);
    return { before, after };
  });
}

const NO_OVERRIDE = { likelihood: null, impact: null, rationale: null };

/**
 * Sets (or, with `null`, removes) one country's override of one threat's likelihood and impact, in one
 * transaction with its revisions. The rating must fit the threat's register scale and carry a rationale,
 * and the threat must affect the country; a refused override changes nothing.
 */
export async function putExposureOverride(
  db: WorkbenchDatabase,
  countryCode: string,
  threatId: string,
  input: OverrideInput | null,
): Promise<{ before: ExposureOverride | null; after: ExposureOverride | null }> {
  return db.transaction('rw', [db.exposureOverrides, db.threats, db.registers, db.countries, db.revisions], async () => {
    const id = overrideId(countryCode, threatId);
    const before = (await db.exposureOverrides.get(id)) ?? null;
    const now = new Date().toISOString();
    let after: ExposureOverride | null = null;
    if (input) {
      const threat = await db.threats.get(threatId);
      if (!threat) throw new Error('That threat no longer exists; it may have been deleted.');
      if (!(await db.countries.get(countryCode))) throw new Error('That country is no longer in this workspace.');
      if (!affects(threat, countryCode)) throw new Error(`“${threat.title}” does not list ${countryCode} among the countries it affects; add it in the register first.`);
      const register = await db.registers.get(threat.registerId);
      after = makeOverride(countryCode, threatId, input, register?.scale ?? DEFAULT_SCALE, now, before);
      await db.exposureOverrides.put(after);
    } else if (before) {
      await db.exposureOverrides.delete(id);
    }
    const revisions = revisionsBetween('exposureOverride', id, before ?? NO_OVERRIDE, after ?? NO_OVERRIDE, ['likelihood', 'impact', 'rationale'], now, after?.rationale);
    await db.revisions.bulkAdd(revisions);
    return { before, after };
  });
}
