/**
 * How many requests a sync has out at once where order does not matter (chunks of a file, the next page
 * while this one is applied): enough to keep the server and the window busy while the other waits, few
 * enough not to crowd a shared server or a laptop's link.
 */
export const PARALLEL_REQUESTS = 3;

/**
 * Runs `work` over the items with at most `limit` running at a time; answers the results in the items'
 * order. The first failure stops new work from starting and is what the call rejects with.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
