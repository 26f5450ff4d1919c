import type { MergeBases } from '../workspace-snapshot';
import { hash64, recordHash, stableStringify } from './hash';
import { MAPPED_TABLES, type IdMaps, type MappedTable, type Row } from './identity';
import { fieldValue, mergeFields, type TableRules } from './tables';

/**
 * A base entry says how a record stood when two workspaces last met, on each side: the colleague's
 * record as it was seen ("peer") and my record as the merge left it ("self"). Each side is the hash of
 * the whole record and, after a bar, a short hash of each merged field (`3f…|name:1a2b3c4d,color:…`);
 * the two sides are joined by ">" when they differ. Knowing both sides matters: when I keep my value in
 * a conflict, a later change of theirs is still recognised as theirs alone (their field moved away from
 * what they had, mine did not move away from what I chose), so nothing is asked twice.
 *
 * The field hashes let a record edited on both sides still be merged field by field: a field that
 * still has its base value on one side was changed only by the other. 32 bits per field are enough
 * there (a collision needs two versions of the same field of the same record to meet), and keep the
 * bases small.
 *
 * Entries are kept under `${table}:${key}` in the "canonical" id space (of two ids for one merged
 * record, the smaller), so either colleague can read the other's bases. Pairs of records found to be
 * the same under different ids are remembered too, under `~same:${table}:${theirId}` → my id, so they
 * stay one record after either side renames it.
 */
export interface BaseSide {
  hash: string;
  fields: Map<string, string>;
}
export interface BaseRecord {
  mine: BaseSide;
  theirs: BaseSide;
  /**
   * Whose bases these are. The writer's own side is the outcome it settled on, so when neither side
   * has changed since, the writer's version is the agreed one: after I keep mine, their next merge of
   * my backup takes mine, and the two workspaces converge.
   */
  written: 'mine' | 'theirs';
}

export const fieldHash = (value: unknown): string => hash64(stableStringify(value)).slice(0, 8);

export function encodeSide(rules: TableRules, primaryKey: string, row: Row): string {
  const fields = mergeFields(rules, primaryKey, [row]).map((f) => `${f}:${fieldHash(fieldValue(rules, row, f))}`);
  return `${recordHash(row)}|${fields.join(',')}`;
}

/** `peer`: their record as seen; `self`: mine after the merge (absent when I do not have it). */
export function encodeBase(rules: TableRules, primaryKey: string, peer: Row, self?: Row): string {
  const seen = encodeSide(rules, primaryKey, peer);
  const kept = self === undefined ? seen : encodeSide(rules, primaryKey, self);
  return kept === seen ? seen : `${seen}>${kept}`;
}

function decodeSide(value: string): BaseSide {
  const [hash = '', fields = ''] = value.split('|');
  return { hash, fields: new Map(fields ? fields.split(',').map((pair) => pair.split(':') as [string, string]) : []) };
}

/** Reads an entry from my bases (`written` = 'mine') or from theirs about me (`written` = 'theirs'). */
export function decodeBase(value: string, written: 'mine' | 'theirs'): BaseRecord {
  const [peerText = '', selfText] = value.split('>');
  const peer = decodeSide(peerText);
  const self = selfText === undefined ? peer : decodeSide(selfText);
  return written === 'mine' ? { mine: self, theirs: peer, written } : { mine: peer, theirs: self, written };
}

const SAME = '~same:';

/**
 * The bases to merge with: what I recorded after last meeting them, or what they recorded after last
 * meeting me — whichever is newer (each records both sides, from its own point of view).
 */
export function chooseBase(
  myBases: MergeBases,
  theirBases: MergeBases,
  myReplicaId: string,
  theirReplicaId: string,
): { entry: MergeBases[string]; written: 'mine' | 'theirs' } | null {
  const mine = myBases[theirReplicaId];
  const theirs = theirReplicaId === myReplicaId ? undefined : theirBases[myReplicaId];
  if (theirs && (!mine || theirs.at > mine.at)) return { entry: theirs, written: 'theirs' };
  return mine ? { entry: mine, written: 'mine' } : null;
}

/** Pairs remembered by either side: their id → my id, per mapped table. */
export function rememberedPairs(
  myBases: MergeBases,
  theirBases: MergeBases,
  myReplicaId: string,
  theirReplicaId: string,
): IdMaps {
  const out: IdMaps = { sources: new Map(), tags: new Map(), actors: new Map() };
  const read = (entry: MergeBases[string] | undefined, invert: boolean) => {
    for (const [key, value] of Object.entries(entry?.hashes ?? {})) {
      if (!key.startsWith(SAME)) continue;
      const [table, id] = splitKey(key.slice(SAME.length));
      if (!(MAPPED_TABLES as readonly string[]).includes(table)) continue;
      const [theirs, mine] = invert ? [value, id] : [id, value];
      if (!out[table as MappedTable].has(theirs)) out[table as MappedTable].set(theirs, mine);
    }
  };
  read(myBases[theirReplicaId], false);
  if (theirReplicaId !== myReplicaId) read(theirBases[myReplicaId], true);
  return out;
}

export function sameKey(table: MappedTable, theirId: string): string {
  return `${SAME}${table}:${theirId}`;
}

export function baseKey(table: string, key: string): string {
  return `${table}:${key}`;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
