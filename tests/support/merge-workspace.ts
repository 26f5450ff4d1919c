import { describeRange } from '../../shared/domain/anchoring';
import type { Actor, Annotation, Revision, Source, Tag, Threat } from '../../shared/domain';
import { PRIMARY_KEYS, WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import type { MergeWrites, Row } from '../../shared/interop/merge';

/** Small hand-made workspaces for merge tests: fixed ids and times, so every run is the same. */
export const T0 = '2025-01-10T09:00:00.000Z';
export const T1 = '2025-02-01T09:00:00.000Z';
export const T2 = '2025-03-01T09:00:00.000Z';

export const uid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

export const TEXT = [
  'Kazakhstan shares no border with Afghanistan, yet the threats reach it through its neighbours.',
  'The Islamic State Khorasan Province recruits among labour migrants in Russia.',
  'The Kosh-Tepa canal will draw a large share of the Amu Darya.',
].join('\n\n');

export function source(id: string, overrides: Partial<Source> = {}): Source {
  return {
    id,
    title: 'Security threats from Afghanistan',
    author: 'A. Toyekin',
    publisher: 'Institute',
    url: '',
    publishedOn: '2024-05-01',
    language: 'en',
    reliability: 'B',
    credibility: 2,
    file: { sha256: SHA_A, mime: 'text/plain', originalName: 'article.txt', size: 300 },
    textHash: SHA_B,
    textLength: TEXT.length,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function tag(id: string, name: string, overrides: Partial<Tag> = {}): Tag {
  return { id, name, color: '#2f8fce', parentId: null, description: '', createdAt: T0, updatedAt: T0, ...overrides };
}

export function actor(id: string, name: string, overrides: Partial<Actor> = {}): Actor {
  return {
    id,
    name,
    aliases: [],
    kind: 'armed-group',
    description: '',
    bases: [],
    countryCodes: ['AF'],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function threat(id: string, title: string, overrides: Partial<Threat> = {}): Threat {
  return {
    id,
    registerId: uid(900),
    title,
    description: '',
    category: 'terrorism',
    actorIds: [],
    originCode: 'AF',
    countryCodes: ['KZ'],
    likelihood: 3,
    impact: 4,
    score: 12,
    trend: 'stable',
    confidence: 'moderate',
    status: 'active',
    indicators: [],
    mitigations: [],
    owner: '',
    lastReviewedOn: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** A passage of `text` (the first occurrence of `exact`), coded with `tagIds`. */
export function passage(
  id: string,
  sourceId: string,
  exact: string,
  tagIds: string[],
  overrides: Partial<Annotation> = {},
  text = TEXT,
): Annotation {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in the text`);
  const { quote, position } = describeRange(text, start, start + exact.length);
  return {
    id,
    sourceId,
    quote,
    position,
    anchor: 'anchored',
    tagIds,
    note: '',
    threatIds: [],
    countryCodes: [],
    actorIds: [],
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function revision(
  id: string,
  entity: Revision['entity'],
  entityId: string,
  field: string,
  before: unknown,
  after: unknown,
  at = T1,
): Revision {
  return { id, entity, entityId, field, before, after, at };
}

/** The common starting point of most tests: one source, two tags, an actor, a register, a threat, a passage. */
export function baseWorkspace(replicaId: string): WorkspaceSnapshot {
  const src = source(uid(1));
  return snapshot(replicaId, {
    sources: [src],
    sourceTexts: [{ sourceId: src.id, text: TEXT }],
    tags: [tag(uid(10), 'Terrorism'), tag(uid(11), 'Water')],
    actors: [actor(uid(20), 'ISIS-Khorasan', { aliases: ['ISKP'] })],
    registers: [
      {
        id: uid(900),
        name: 'Afghanistan',
        description: '',
        scope: '',
        scale: { levels: 5, bands: { medium: 4, high: 8, critical: 15 } },
        archived: false,
        createdAt: T0,
        updatedAt: T0,
      },
    ],
    threats: [threat(uid(30), 'ISKP recruitment', { actorIds: [uid(20)] })],
    annotations: [
      passage(uid(40), src.id, 'recruits among labour migrants', [uid(10)], {
        actorIds: [uid(20)],
        threatIds: [uid(30)],
      }),
    ],
    meta: [
      { key: 'replicaId', value: replicaId },
      { key: 'importLimitBytes', value: 50 * 1024 * 1024 },
    ],
  });
}

export function snapshot(
  replicaId: string,
  tables: Partial<Record<(typeof WORKSPACE_TABLES)[number], unknown[]>>,
  mergeBases: WorkspaceSnapshot['mergeBases'] = {},
): WorkspaceSnapshot {
  return {
    schemaVersion: 3,
    replicaId,
    createdAt: T1,
    tables: Object.fromEntries(
      WORKSPACE_TABLES.map((t) => [t, structuredClone(tables[t] ?? [])]),
    ) as WorkspaceSnapshot['tables'],
    mergeBases: structuredClone(mergeBases),
  };
}

/** A copy of a workspace as another installation (same records, another replica id). */
export function asReplica(snap: WorkspaceSnapshot, replicaId: string): WorkspaceSnapshot {
  const copy = structuredClone(snap);
  copy.replicaId = replicaId;
  copy.tables.meta = (copy.tables.meta as Row[]).map((m) => (m.key === 'replicaId' ? { ...m, value: replicaId } : m));
  copy.mergeBases = {};
  return copy;
}

export const rows = (snap: WorkspaceSnapshot, table: (typeof WORKSPACE_TABLES)[number]): Row[] =>
  snap.tables[table] as Row[];
export const find = (snap: WorkspaceSnapshot, table: (typeof WORKSPACE_TABLES)[number], key: string): Row | undefined =>
  rows(snap, table).find((r) => String(r[PRIMARY_KEYS[table]]) === key);

/** Edits one record of a snapshot in place. */
export function edit(snap: WorkspaceSnapshot, table: (typeof WORKSPACE_TABLES)[number], key: string, patch: Row): void {
  const list = rows(snap, table);
  const i = list.findIndex((r) => String(r[PRIMARY_KEYS[table]]) === key);
  if (i < 0) throw new Error(`no ${table} ${key}`);
  list[i] = { ...list[i], ...patch };
}

/** What the database does with merge writes, on a snapshot: put every record, keep the new bases. */
export function applyWrites(snap: WorkspaceSnapshot, writes: MergeWrites): WorkspaceSnapshot {
  const out = structuredClone(snap);
  for (const table of WORKSPACE_TABLES) {
    const pk = PRIMARY_KEYS[table];
    const byKey = new Map(rows(out, table).map((r) => [String(r[pk]), r]));
    for (const row of writes.tables[table].add) byKey.set(String(row[pk]), row);
    for (const u of writes.tables[table].update) byKey.set(u.key, u.after);
    out.tables[table] = [...byKey.values()];
  }
  out.mergeBases = structuredClone(writes.nextBases);
  return out;
}
