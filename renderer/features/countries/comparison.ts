import { MAX_COMPARED, MIN_COMPARED } from '../../db/countries';
import { t as translate } from '../../i18n';

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
      return { refused: translate('refusals.countries.keepAtLeast', { min: MIN_COMPARED, name: name(code) }) };
    return { codes: codes.filter((c) => c !== code) };
  }
  if (codes.length >= MAX_COMPARED) {
    return { refused: translate('refusals.countries.atMost', { max: MAX_COMPARED, name: name(code) }) };
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
