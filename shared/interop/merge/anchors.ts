import { reanchorAll, type Selectors } from '../../domain/anchoring';
import { mapRange, offsetMap } from '../../domain/text-map';
import type { Row } from './identity';

/**
 * Their passages on a source whose text differs from mine (a corrected or re-imported version of the
 * same file) are re-anchored to my text the way the app re-anchors after a text replacement: positions
 * carried through unchanged lines, then the quote, then a fuzzy match; a moved passage becomes
 * `drifted` for the analyst to confirm, a lost one `orphaned` with its quote and note kept. Passages on
 * the same text keep their anchors exactly as they are.
 */
export function reanchorToMyText(
  annotations: readonly Row[],
  myTexts: ReadonlyMap<string, string>,
  theirTexts: ReadonlyMap<string, string>,
): Row[] {
  const bySource = new Map<string, number[]>();
  annotations.forEach((a, i) => {
    const sourceId = String(a.sourceId);
    const mine = myTexts.get(sourceId);
    const theirs = theirTexts.get(sourceId);
    if (mine === undefined || theirs === undefined || mine === theirs) return;
    bySource.set(sourceId, [...(bySource.get(sourceId) ?? []), i]);
  });
  const out = [...annotations];
  for (const [sourceId, indices] of [...bySource].sort(([a], [b]) => a.localeCompare(b))) {
    const myText = myTexts.get(sourceId)!;
    const map = offsetMap(theirTexts.get(sourceId)!, myText);
    const rows = indices.map((i) => annotations[i]!);
    const selectors = rows.map((a): Selectors => {
      const position = a.position as { start: number; end: number };
      return {
        quote: a.quote as Selectors['quote'],
        position: mapRange(map, position.start, position.end) ?? position,
      };
    });
    reanchorAll(myText, selectors).forEach((result, j) => {
      const row = rows[j]!;
      out[indices[j]!] =
        result.status === 'orphaned'
          ? { ...row, anchor: 'orphaned' }
          : { ...row, position: { start: result.start, end: result.end }, anchor: result.status };
    });
  }
  return out;
}
