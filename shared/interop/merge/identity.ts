/**
 * Which of a colleague's records are the same as mine although their ids differ, and how their
 * references are rewritten to my ids. Tag names are unique in a codebook (the app refuses a second tag
 * of the same name anywhere in the tree), so a tag is matched by its name alone and its place in the
 * tree is then merged like any other field; actors match on a name or an alias naming the other;
 * sources match on the original file's SHA-256 or the normalised text's hash.
 */

export type Row = Record<string, unknown>;

/** The tables whose records can be the same under different ids. */
export const MAPPED_TABLES = ['sources', 'tags', 'actors'] as const;
export type MappedTable = (typeof MAPPED_TABLES)[number];

/** Per mapped table: a colleague's id → my id, for records that are one record under two ids. */
export type IdMaps = Record<MappedTable, Map<string, string>>;

export function emptyIdMaps(): IdMaps {
  return { sources: new Map(), tags: new Map(), actors: new Map() };
}

/** A name as people mean it: NFC, trimmed, inner whitespace collapsed, case ignored. */
export function nameKey(name: unknown): string {
  return typeof name === 'string' ? name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase() : '';
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * `own`: the keys a record of mine is found under; `seeks`: the keys a record of theirs looks for
 * (a name, an alias, a file digest…).
 */
function matchKeys(table: MappedTable, row: Row): { own: string[]; seeks: string[] } {
  switch (table) {
    case 'tags': {
      const key = nameKey(row.name);
      return { own: key ? [key] : [], seeks: key ? [key] : [] };
    }
    case 'actors': {
      // Either actor's name may be the other's alias; two aliases alone are not enough (an alias such
      // as "the Taliban's allies" names several groups).
      const name = nameKey(row.name);
      const aliases = strings(row.aliases).map(nameKey).filter(Boolean);
      return {
        own: name ? [`name:${name}`, ...aliases.map((a) => `alias:${a}`)] : [],
        seeks: name ? [`name:${name}`, `alias:${name}`, ...aliases.map((a) => `name:${a}`)] : [],
      };
    }
    case 'sources': {
      const file = (row.file as { sha256?: unknown } | null | undefined)?.sha256;
      const keys = [
        typeof file === 'string' ? `file:${file}` : '',
        typeof row.textHash === 'string' ? `text:${row.textHash}` : '',
      ].filter(Boolean);
      return { own: keys, seeks: keys };
    }
  }
}

/**
 * Maps each of their records whose id I do not have onto my record of the same name (or file), if
 * any. `remembered` are pairs found in earlier merges with this colleague (kept with the merge bases),
 * which hold even after one side renamed the record. Deterministic: their records are visited by id,
 * and where several of mine fit, the one with the smallest id is taken.
 */
export function findSameRecords(
  table: MappedTable,
  mine: readonly Row[],
  theirs: readonly Row[],
  remembered: ReadonlyMap<string, string>,
): Map<string, string> {
  const myIds = new Set(mine.map((r) => String(r.id)));
  const theirIds = new Set(theirs.map((r) => String(r.id)));
  const index = new Map<string, string[]>();
  for (const row of [...mine].sort(byId)) {
    for (const key of new Set(matchKeys(table, row).own)) index.set(key, [...(index.get(key) ?? []), String(row.id)]);
  }
  const map = new Map<string, string>();
  for (const row of [...theirs].sort(byId)) {
    const id = String(row.id);
    if (myIds.has(id)) continue;
    const earlier = remembered.get(id);
    if (earlier !== undefined && myIds.has(earlier)) {
      map.set(id, earlier);
      continue;
    }
    const candidates = [...new Set(matchKeys(table, row).seeks.flatMap((key) => index.get(key) ?? []))]
      // A record of mine that they also have under its own id is theirs already; prefer others.
      .sort((a, b) => Number(theirIds.has(a)) - Number(theirIds.has(b)) || a.localeCompare(b));
    if (candidates[0] !== undefined) map.set(id, candidates[0]);
  }
  return map;
}

function byId(a: Row, b: Row): number {
  return String(a.id).localeCompare(String(b.id));
}

const mapId = (map: ReadonlyMap<string, string>, id: unknown): unknown =>
  typeof id === 'string' ? (map.get(id) ?? id) : id;
const mapIds = (map: ReadonlyMap<string, string>, ids: unknown): unknown =>
  Array.isArray(ids) ? [...new Set(ids.map((id) => mapId(map, id)))] : ids;

/** Which entity of a revision lives in which mapped table. */
const REVISED_TABLE: Record<string, MappedTable> = { source: 'sources', tag: 'tags', actor: 'actors' };

/**
 * A record with every id that refers to a source, tag or actor rewritten through `maps` (its own key
 * included). Lists of references are de-duplicated: a passage coded with both of two tags that turn
 * out to be one is coded with it once.
 */
export function rewriteReferences(table: string, row: Row, maps: IdMaps): Row {
  const out: Row = { ...row };
  switch (table) {
    case 'sources':
      out.id = mapId(maps.sources, row.id);
      break;
    case 'sourceTexts':
      out.sourceId = mapId(maps.sources, row.sourceId);
      break;
    case 'tags':
      out.id = mapId(maps.tags, row.id);
      out.parentId = mapId(maps.tags, row.parentId);
      break;
    case 'actors':
      out.id = mapId(maps.actors, row.id);
      break;
    case 'annotations':
      out.sourceId = mapId(maps.sources, row.sourceId);
      out.tagIds = mapIds(maps.tags, row.tagIds);
      out.actorIds = mapIds(maps.actors, row.actorIds);
      break;
    case 'threats':
      out.actorIds = mapIds(maps.actors, row.actorIds);
      break;
    case 'revisions': {
      const mapped = REVISED_TABLE[String(row.entity)];
      if (mapped) out.entityId = mapId(maps[mapped], row.entityId);
      break;
    }
  }
  return out;
}

/**
 * The id both workspaces can name a merged pair by: the smaller of the two. Bases are kept in this
 * space, so either side can use the other's bases without knowing the other's ids.
 */
export function canonicalMaps(maps: IdMaps): IdMaps {
  const out = emptyIdMaps();
  for (const table of MAPPED_TABLES) {
    const groups = new Map<string, string[]>();
    for (const [theirs, mine] of maps[table]) groups.set(mine, [...(groups.get(mine) ?? []), theirs]);
    for (const [mine, others] of groups) {
      const canon = [mine, ...others].sort()[0]!;
      for (const id of [mine, ...others]) if (id !== canon) out[table].set(id, canon);
    }
  }
  return out;
}
