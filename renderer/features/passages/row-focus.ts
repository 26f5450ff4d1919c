/**
 * The keyboard's way through a long retrieval, whose rows near the screen only are on the page: the
 * rows that must stay there besides them, and the row Tab goes on to from a row's first or last control.
 */

/**
 * The virtualiser's `indexes` (in order) with the `pinned` ones added, in order: the row holding the
 * focus and the row a key is taking it to stay on the page however far the list is scrolled from them.
 * Indexes past the list's end (a row just removed) are left out.
 */
export function withPinned(indexes: number[], pinned: readonly number[], count: number): number[] {
  const extra = pinned.filter((index, at) => index >= 0 && index < count && pinned.indexOf(index) === at);
  const missing = extra.filter((index) => !indexes.includes(index));
  if (missing.length === 0) return indexes;
  return [...indexes, ...missing].sort((a, b) => a - b);
}

/**
 * The row that Tab (`step` 1) or Shift+Tab (`step` -1) goes on to from row `from`'s last (or first)
 * control: the nearest one that has controls (a source's heading has none); undefined past either end,
 * where the focus leaves the list.
 */
export function nextRowWithControls(
  hasControls: (index: number) => boolean,
  from: number,
  step: 1 | -1,
  count: number,
): number | undefined {
  for (let index = from + step; index >= 0 && index < count; index += step) if (hasControls(index)) return index;
  return undefined;
}
