import { Dexie } from 'dexie';
import { useObservable } from 'dexie-react-hooks';

/** What a query that is not needed now answers: `undefined`, at once, and nothing ever after. */
const NOT_NEEDED = {
  subscribe(next?: (value: undefined) => void) {
    next?.(undefined);
    return { unsubscribe: () => undefined };
  },
};

/**
 * A live query only while `needed` (the palette open, a search typed); `undefined` otherwise. A live
 * query whose querier reads nothing still listens to every committed write: Dexie merges each write's
 * keys into the query's own set and compares, in the write's task, and keeps merging — the set is
 * emptied only when the query runs again, which one that reads nothing never does.
 */
export function useLiveQueryWhile<T>(needed: boolean, querier: () => Promise<T> | T, deps: unknown[]): T | undefined {
  return useObservable(() => (needed ? Dexie.liveQuery(querier) : NOT_NEEDED), [needed, ...deps]) as T | undefined;
}
