/**
 * How an immutable list came from the one before it when only some of its entries were replaced (an
 * edit, an undo of an edit): which positions hold a new value. Lists are kept as they are handed to
 * React (a new array for each version), and whoever derives something from a list — a register's grid
 * rows, its heat map's counts — can look up the change and update only those entries, instead of going
 * over 10,000 of them again. A list with entries added, removed or moved has no change recorded.
 */
export interface ListChange<T> {
  previous: readonly T[];
  positions: readonly number[];
}

const changes = new WeakMap<readonly unknown[], ListChange<unknown>>();

/** `previous` with the entries at `replaced` put in (positions → new values), recorded as its change. */
export function replaceEntries<T>(previous: readonly T[], replaced: ReadonlyMap<number, T>): T[] {
  const next = previous.slice();
  for (const [position, value] of replaced) next[position] = value;
  changes.set(next, { previous, positions: [...replaced.keys()] });
  return next;
}

/** Records that `next` is `previous` with the entries at `positions` replaced (for lists built elsewhere). */
export function recordChange<T>(next: readonly T[], previous: readonly T[], positions: readonly number[]): void {
  changes.set(next, { previous, positions });
}

/** The change that made `list` from an earlier list, if it was only a replacement of entries. */
export function changeOf<T>(list: readonly T[]): ListChange<T> | undefined {
  return changes.get(list) as ListChange<T> | undefined;
}
