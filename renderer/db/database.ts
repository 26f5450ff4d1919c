import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  Actor,
  Annotation,
  Briefing,
  Country,
  Register,
  Revision,
  Source,
  SourceText,
  Tag,
  Threat,
} from '../../shared/domain';
import { defaultThreatActorTypes } from '../../shared/domain/actor';
import type { ExposureOverride } from '../../shared/domain/exposure';
import { CachedTextStore, platformTextStore, type TextStore } from './source-texts';
import type { SyncCheckpoint, SyncConflict, SyncOutboxEntry, SyncRecord } from './sync-state';

/** A saved arrangement of a register's grid: sorting, filters, grouping, columns. */
export interface GridView {
  id: string;
  registerId: string;
  name: string;
  state: unknown;
  createdAt: string;
  updatedAt: string;
}

/** Small facts about the workspace itself (e.g. when the demo was seeded). */
export interface MetaEntry {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'analyst-workbench';

/**
 * The system of record for everything the analyst edits. Versions are append-only: a later schema
 * adds `this.version(n + 1).stores(...).upgrade(...)` and never edits an earlier one.
 */
export class WorkbenchDatabase extends Dexie {
  sources!: EntityTable<Source, 'id'>;
  // A plain Table: EntityTable's insert type (Omit over a union) would keep only the fields both forms share.
  sourceTexts!: Table<SourceText, string>;
  annotations!: EntityTable<Annotation, 'id'>;
  tags!: EntityTable<Tag, 'id'>;
  registers!: EntityTable<Register, 'id'>;
  threats!: EntityTable<Threat, 'id'>;
  actors!: EntityTable<Actor, 'id'>;
  countries!: EntityTable<Country, 'code'>;
  briefings!: EntityTable<Briefing, 'id'>;
  revisions!: EntityTable<Revision, 'id'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  views!: EntityTable<GridView, 'id'>;
  exposureOverrides!: EntityTable<ExposureOverride, 'id'>;
  syncRecords!: EntityTable<SyncRecord, 'docId'>;
  syncOutbox!: EntityTable<SyncOutboxEntry, 'docId'>;
  syncConflicts!: EntityTable<SyncConflict, 'docId'>;
  syncCheckpoints!: EntityTable<SyncCheckpoint, 'database'>;
  /**
   * Where the texts this database's `sourceTexts` records name are kept (see source-texts.ts): main's
   * store by default; tests give their own.
   */
  textStore: TextStore = new CachedTextStore(platformTextStore);

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores({
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
    });
    // v2: saved grid views per register.
    this.version(2).stores({ views: 'id, registerId' });
    // v3: per-country overrides of a threat's likelihood and impact (id = `${countryCode}:${threatId}`).
    this.version(3).stores({ exposureOverrides: 'id, countryCode, threatId' });
    // v4 (issue 19): passages by where they start in their source, so the reader paints its first
    // screen from the few passages that meet it while the rest are read in the background.
    this.version(4).stores({
      annotations:
        'id, sourceId, anchor, updatedAt, *tagIds, *threatIds, *countryCodes, *actorIds, [sourceId+position.start]',
    });
    // v5 (team sync, issue 20): per record the server's revision and the agreed copy, the outbox of records
    // changed since they were last sent, conflicts to settle, and the `_changes` checkpoint per database.
    // Not workspace tables: never in a backup, and a restore does not carry them.
    this.version(5).stores({
      syncRecords: 'docId',
      syncOutbox: 'docId',
      syncConflicts: 'docId',
      syncCheckpoints: 'database',
    });
    // v6 (interchange, issue 18): every actor says its STIX threat-actor types; existing actors get their kind's
    // default (armed group → terrorist, others unknown), which the analyst then changes in the Actors view.
    // No index changes. Sync's bookkeeping is not touched: the next change of an actor sends it as usual.
    this.version(6)
      .stores({})
      .upgrade((tx) =>
        tx
          .table<Actor, string>('actors')
          .toCollection()
          .modify((actor) => {
            actor.threatActorTypes ??= defaultThreatActorTypes(actor.kind);
          }),
      );
    // v7 (issue 19): a `sourceTexts` record may name its text in main's content-addressed store instead of
    // holding it. No index changes, and nothing is rewritten here: an upgrade cannot wait for main, so the
    // texts move afterwards, in the background (renderer/workspace/text-store.ts).
    this.version(7).stores({});
  }

  /** Every table, for transactions that touch the whole workspace (seeding, restore). */
  get workspaceTables() {
    return [
      this.sources,
      this.sourceTexts,
      this.annotations,
      this.tags,
      this.registers,
      this.threats,
      this.actors,
      this.countries,
      this.briefings,
      this.revisions,
      this.meta,
      this.views,
      this.exposureOverrides,
    ];
  }

  /** The team-sync bookkeeping, written in the same transaction as every change of the workspace. */
  get syncTables() {
    return [this.syncRecords, this.syncOutbox, this.syncConflicts, this.syncCheckpoints];
  }
}
