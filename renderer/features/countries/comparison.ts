import { MAX_COMPARED, MIN_COMPARED } from '../../db/countries';

/** A new order of compared countries, or the sentence that explains why the change is refused. */
export type ComparisonChange = { codes: string[] } | { refused: string };

/** Adds a country at the end, or takes it out (the map's click, the picker's add and remove). */
export function toggleCompared(
  codes: readonly string[],
  code: string,
  name: (code: string) => string,
): ComparisonChange {
  if (codes.includes(code)) {
    if (codes.length <= MIN_COMPARED)
      return {
        refused: `Compare at least ${MIN_COMPARED} countries: add another before taking ${name(code)} out, or swap it for another.`,
      };
    return { codes: codes.filter((c) => c !== code) };
  }
  if (codes.length >= MAX_COMPARED) {
    return {
      refused: `At most ${MAX_COMPARED} countries side by side: take one out first, or swap a column for ${name(code)} (Swap… above each column).`,
    };
  }
  return { codes: [...codes, code] };
}

/** Moves a column one place left (-1) or right (+1). */
export function moveCompared(codes: readonly string[], code: string, by: -1 | 1): string[] {
  const from = codes.indexOf(code);
  const to = from + by;
  if (from < 0 || to < 0 || to >= codes.length) return [...codes];
  const next = [...codes];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** Puts another country in a column's place, keeping the order of the rest. */
export function swapCompared(codes: readonly string[], out: string, replacement: string): string[] {
  if (codes.includes(replacement)) return [...codes];
  return codes.map((c) => (c === out ? replacement : c));
}
