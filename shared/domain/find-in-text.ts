/** The most matches the find bar counts and steps through; past it the count says "10,000+". */
export const MAX_MATCHES = 10_000;

export interface TextMatch {
  start: number;
  end: number;
}

const escape = (query: string) => query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every place `query` occurs in `text`, in order, ignoring case — by a Unicode case-insensitive
 * regular expression rather than by lower-casing both strings, since lower-casing can change a
 * string's length ('İ' becomes two code units) and the offsets must be the text's own. Whitespace in
 * the query matches any run of whitespace, so a phrase is found across a line break.
 */
export function findAll(text: string, query: string, limit = MAX_MATCHES): TextMatch[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const pattern = new RegExp(words.map(escape).join('\\s+'), 'giu');
  const matches: TextMatch[] = [];
  for (const m of text.matchAll(pattern)) {
    matches.push({ start: m.index, end: m.index + m[0].length });
    if (matches.length >= limit) break;
  }
  return matches;
}

/** The match to show first: the first one at or after `offset` (where the analyst is reading), else the first. */
export function firstMatchFrom(matches: readonly TextMatch[], offset: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < matches.length ? lo : 0;
}
