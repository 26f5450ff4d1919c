/**
 * Where the library's keys move its active entry: the arrows one entry, Page Up/Down a screen of them,
 * Home and End to the ends. Answers undefined for a key the list does not take; always an index in
 * the list (clamped), or undefined when the list is empty.
 */
export function keyTarget(key: string, active: number, count: number, page: number): number | undefined {
  if (count === 0) return undefined;
  const targets: Record<string, number> = {
    ArrowDown: active + 1,
    ArrowUp: active - 1,
    PageDown: active + page,
    PageUp: active - page,
    Home: 0,
    End: count - 1,
  };
  const target = targets[key];
  return target === undefined ? undefined : Math.max(0, Math.min(count - 1, target));
}

/**
 * Type-ahead, as in a file manager: the entry whose title begins with what was typed, looking from the
 * active entry on and round to the start. A first letter moves on from the active entry (typing "k"
 * again, later or at once as "kk", goes to the next title with k); a longer prefix may still fit the
 * active one. Case and leading
 * spaces are ignored, letters are compared in their own script. Answers -1 when no title fits.
 */
export function typeAheadTarget(
  titleAt: (index: number) => string,
  count: number,
  active: number,
  typed: string,
): number {
  const lower = typed.toLocaleLowerCase();
  if (!lower) return -1;
  // The same letter typed again and again ("sss") steps through the titles with it, as file managers do.
  const repeated = [...lower].every((letter) => letter === lower[0]);
  const prefix = repeated ? [...lower][0]! : lower;
  const start = prefix.length > 1 ? active : active + 1;
  for (let k = 0; k < count; k++) {
    const index = (((start + k) % count) + count) % count;
    if (titleAt(index).trimStart().toLocaleLowerCase().startsWith(prefix)) return index;
  }
  return -1;
}
