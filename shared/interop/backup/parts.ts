import { MAX_STAGED_RECORDS_PER_PART } from './format';

/** Characters of record text per part sent ahead of the backup: about a megabyte, a few dozen ms to copy. */
const PART_CHARS = 1_000_000;
/** Records per part for tables of small records (passages, threats, revisions). */
const PART_RECORDS = 400;

/** A record's size, roughly: the long strings are what cost (a source's text, a passage's quote). */
function roughSize(record: unknown): number {
  let size = 200;
  for (const value of Object.values(record as Record<string, unknown>))
    if (typeof value === 'string') size += value.length;
  return size;
}

/** Splits a table's records into parts no larger than PART_CHARS or PART_RECORDS. */
export function backupParts<T>(records: readonly T[]): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  let size = 0;
  for (const record of records) {
    const next = roughSize(record);
    if (
      part.length > 0 &&
      (size + next > PART_CHARS || part.length >= Math.min(PART_RECORDS, MAX_STAGED_RECORDS_PER_PART))
    ) {
      parts.push(part);
      part = [];
      size = 0;
    }
    part.push(record);
    size += next;
  }
  if (part.length > 0) parts.push(part);
  return parts;
}
