import type { WorkbenchDatabase } from './database';

/** The countries compared side by side, in column order (kept in `meta`, so they survive a restart). */
export const COMPARISON_KEY = 'countries.comparison';
export const DEFAULT_COMPARISON = ['KZ', 'UZ', 'TJ', 'TM'] as const;
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 4;

/**
 * Revisions written before the command layer are recorded under this id, with entity 'comparison';
 * since then the comparison is revised as entity 'meta', id `countries.comparison`, field `value`
 * (renderer/workspace/commands/countries.ts writes it).
 */
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
