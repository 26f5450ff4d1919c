// The workspace database as earlier releases created it: each past Dexie schema exactly as it
// shipped (see the history of renderer/db/database.ts), so that a test can fill a database the way
// an analyst's laptop holds it and open it with today's WorkbenchDatabase.
import Dexie from 'dexie';
import type { DemoWorkspace } from '../../shared/ipc/contract';

const V1_STORES = {
  sources: 'id, title, updatedAt, file.sha256, textHash',
  sourceTexts: 'sourceId',
  annotations: 'id, sourceId, anchor, updatedAt, *tagIds, *threatIds, *countryCodes, *actorIds',
  tags: 'id, name, parentId',
  registers: 'id, name, archived',
  threats: 'id, registerId, [registerId+score], category, status, score, updatedAt, *countryCodes, *actorIds',
  actors: 'id, name, kind, *aliases',
  countries: 'code, name',
  briefings: 'id, title, updatedAt',
  revisions: 'id, [entity+entityId], at',
  meta: 'key',
};

/** Release 1: the eleven stores of the first workbench. */
export function databaseOfRelease1(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(V1_STORES);
  return db;
}

/** Release 2: saved grid views per register. */
export function databaseOfRelease2(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores(V1_STORES);
  db.version(2).stores({ views: 'id, registerId' });
  return db;
}

export type Rows = Record<string, Record<string, unknown>[]>;

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The demo workspace plus the records that break careless migrations: scripts in every direction,
 * an orphaned passage, empty link lists, a nested tag, an archived register, a megabyte of text,
 * revisions and meta entries, a briefing.
 */
export function v1Rows(demo: DemoWorkspace): Rows {
  const source = clone(demo.source) as unknown as Record<string, unknown>;
  const sourceText = clone(demo.sourceText) as unknown as Record<string, unknown>;
  const edgeSourceId = '0b5e7d1c-0000-4000-8000-00000000e001';
  const annotation = clone(demo.annotations[0]!) as unknown as Record<string, unknown>;
  const threat = clone(demo.threats[0]!) as unknown as Record<string, unknown>;
  const tag = clone(demo.tags[0]!) as unknown as Record<string, unknown>;
  const register = clone(demo.register) as unknown as Record<string, unknown>;
  // Actors of release 1 had no threat-actor types (schema version 6 added them).
  const withoutTypes = ({ threatActorTypes: _types, ...a }: DemoWorkspace['actors'][number]) =>
    clone(a) as unknown as Record<string, unknown>;
  const actor = withoutTypes(demo.actors[0]!);
  const at = '2026-03-01T09:30:00.000Z';
  return {
    sources: [
      clone(demo.source) as unknown as Record<string, unknown>,
      {
        ...source,
        id: edgeSourceId,
        title: 'گزارش امنیتی — Қазақстан шекарасы 🇰🇿',
        author: '',
        publisher: 'ناشر',
        updatedAt: at,
      },
    ],
    sourceTexts: [
      clone(demo.sourceText) as unknown as Record<string, unknown>,
      { ...sourceText, sourceId: edgeSourceId, text: 'Граница. مرز. '.repeat(80_000) },
    ],
    annotations: [
      ...demo.annotations.map((a) => clone(a) as unknown as Record<string, unknown>),
      {
        ...annotation,
        id: '0b5e7d1c-0000-4000-8000-00000000e002',
        sourceId: edgeSourceId,
        anchor: 'orphaned',
        tagIds: [],
        threatIds: [],
        countryCodes: [],
        actorIds: [],
        note: 'یادداشت — заметка',
      },
    ],
    tags: [
      ...demo.tags.map((t) => clone(t) as unknown as Record<string, unknown>),
      { ...tag, id: '0b5e7d1c-0000-4000-8000-00000000e003', name: 'Подтема', parentId: tag.id },
    ],
    registers: [
      clone(demo.register) as unknown as Record<string, unknown>,
      { ...register, id: '0b5e7d1c-0000-4000-8000-00000000e004', name: 'Archived 2025 register', archived: true },
    ],
    threats: [
      ...demo.threats.map((t) => clone(t) as unknown as Record<string, unknown>),
      {
        ...threat,
        id: '0b5e7d1c-0000-4000-8000-00000000e005',
        registerId: '0b5e7d1c-0000-4000-8000-00000000e004',
        countryCodes: [],
        actorIds: [],
        indicators: [],
        mitigations: [],
      },
    ],
    actors: [
      ...demo.actors.map(withoutTypes),
      { ...actor, id: '0b5e7d1c-0000-4000-8000-00000000e006', aliases: ['ИГИЛ-Х', 'داعش خراسان', 'ISIS-K'] },
    ],
    countries: demo.countries.map((c) => clone(c) as unknown as Record<string, unknown>),
    briefings: [
      {
        id: '0b5e7d1c-0000-4000-8000-00000000e007',
        title: 'Northern border brief',
        updatedAt: at,
        createdAt: at,
        marking: 'FOR OFFICIAL USE ONLY',
        sections: ['cover', 'key-judgments'],
        exports: [{ at, path: '/home/analyst/Documents/Northern border brief.docx', bytes: 48213 }],
      },
    ],
    revisions: [
      {
        id: '0b5e7d1c-0000-4000-8000-00000000e008',
        entity: 'threat',
        entityId: threat.id,
        field: 'likelihood',
        before: 3,
        after: 4,
        at,
        rationale: 'New reporting from Kunduz.',
      },
      {
        id: '0b5e7d1c-0000-4000-8000-00000000e009',
        entity: 'source',
        entityId: edgeSourceId,
        field: 'title',
        before: '',
        after: 'گزارش',
        at,
      },
    ],
    meta: [
      { key: 'demoSeededAt', value: '2026-01-15T08:00:00.000Z' },
      { key: 'importLimitBytes', value: 73 * 1024 * 1024 },
    ],
  };
}

/** Release 2 added saved grid views. */
export function v2Rows(demo: DemoWorkspace): Rows {
  return {
    ...v1Rows(demo),
    views: [
      {
        id: '0b5e7d1c-0000-4000-8000-00000000e010',
        registerId: demo.register.id,
        name: 'Critical first',
        state: { sorting: [{ id: 'score', desc: true }], filters: [] },
        createdAt: '2026-02-01T00:00:00.000Z',
        updatedAt: '2026-02-01T00:00:00.000Z',
      },
      {
        id: '0b5e7d1c-0000-4000-8000-00000000e011',
        registerId: demo.register.id,
        name: 'По категориям',
        state: { grouping: ['category'] },
        createdAt: '2026-02-02T00:00:00.000Z',
        updatedAt: '2026-02-02T00:00:00.000Z',
      },
    ],
  };
}

/** Writes `rows` into `db`, all in one transaction, as the release that owned the schema would have. */
export async function fill(db: Dexie, rows: Rows): Promise<void> {
  await db.transaction('rw', Object.keys(rows), async () => {
    for (const [table, records] of Object.entries(rows)) await db.table(table).bulkAdd(records);
  });
}
