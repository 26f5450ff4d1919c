/**
 * Fingerprints of records, so that a merge can tell whether a record changed since two workspaces last
 * agreed without keeping a copy of every record: only a hash per record (and per field) is stored.
 */

/** JSON with object keys in sorted order at every depth, so equal records give equal text. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * A 64-bit hash of a string as 16 hex digits: two 32-bit multiply–xorshift lanes over the UTF-16 code
 * units (the cyrb53 construction, keeping all 64 bits). Why this and not SHA-256: the merge runs in
 * shared/ where Web Crypto is unavailable and, in the renderer, only asynchronous; hashing tens of
 * thousands of records must be synchronous and cheap. Why 64 bits: a collision only matters between
 * two versions of the same record (it would make a change look like none), and at 2⁻⁶⁴ per comparison
 * that never happens in practice, while 32 bits (plain FNV-1a) would leave it at one in four billion
 * per record per merge — too close for a workspace of 100 000 records merged weekly for years.
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/** The hash of a whole record, independent of the order of its keys. */
export function recordHash(record: unknown): string {
  return hash64(stableStringify(record));
}

/** True when two values are the same data (key order aside). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || stableStringify(a) === stableStringify(b);
}
