import type { z } from 'zod';
import type {
  Actor,
  Annotation,
  Briefing,
  Country,
  Register,
  RevisedEntity,
  Source,
  SourceText,
  Tag,
  Threat,
} from '../../shared/domain';
import type { ExposureOverride } from '../../shared/domain/exposure';
import { riskScore } from '../../shared/domain/scoring';
import { RECORD_SCHEMAS } from '../../shared/interop/backup/records';
import { LOCAL_META_KEYS, PRIMARY_KEYS } from '../../shared/interop/workspace-snapshot';
import { actorNameProblem } from '../db/actors';
import type { GridView, MetaEntry, WorkbenchDatabase } from '../db/database';
import { sameTagName } from '../db/tags';
import { t as translate } from '../i18n';

/** The record each table of the workspace holds (everything but `revisions`, which only commands append to). */
export interface WorkspaceRows {
  sources: Source;
  sourceTexts: SourceText;
  annotations: Annotation;
  tags: Tag;
  registers: Register;
  threats: Threat;
  actors: Actor;
  countries: Country;
  briefings: Briefing;
  exposureOverrides: ExposureOverride;
  views: GridView;
  meta: MetaEntry;
}
export type TableName = keyof WorkspaceRows;
export type Row<N extends TableName> = WorkspaceRows[N];

interface TableSpec {
  /** What a revision of one of this table's records is about. */
  entity: RevisedEntity;
  /** The property that is the record's key. */
  key: string;
  schema: z.ZodType;
  /** Fields worked out from others: computed here, in one place, whoever writes the record. */
  derive?: (record: Record<string, unknown>) => Record<string, unknown>;
  /**
   * A rule across records (a name used once), checked on every record a change leaves written — undo and
   * redo included, which put back records without the command that first checked them. Answers why the
   * change cannot stand, as a sentence, or null.
   */
  check?: (written: readonly Record<string, unknown>[], db: WorkbenchDatabase) => Promise<string | null>;
  /** Whether the record's changes are history; installation bookkeeping (replica id, merge bases) is not. */
  revised?: (record: Record<string, unknown>) => boolean;
}

const LOCAL_META = new Set<string>(LOCAL_META_KEYS);

/** The first rule a written record breaks against its whole table (read once per change), or null. */
async function firstProblem<T>(
  written: readonly Record<string, unknown>[],
  table: { toArray: () => Promise<T[]> },
  problem: (record: Record<string, unknown>, all: T[]) => string | null,
): Promise<string | null> {
  const all = await table.toArray();
  for (const record of written) {
    const found = problem(record, all);
    if (found) return found;
  }
  return null;
}

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  sources: { entity: 'source', key: PRIMARY_KEYS.sources, schema: RECORD_SCHEMAS.sources },
  sourceTexts: { entity: 'sourceText', key: PRIMARY_KEYS.sourceTexts, schema: RECORD_SCHEMAS.sourceTexts },
  annotations: { entity: 'annotation', key: PRIMARY_KEYS.annotations, schema: RECORD_SCHEMAS.annotations },
  tags: {
    entity: 'tag',
    key: PRIMARY_KEYS.tags,
    schema: RECORD_SCHEMAS.tags,
    check: (written, db) =>
      firstProblem<Tag>(written, db.tags, (tag, all) => {
        const twin = all.find((t) => t.id !== tag.id && sameTagName(t.name, String(tag.name)));
        return twin ? translate('refusals.tags.twin', { name: twin.name }) : null;
      }),
  },
  registers: { entity: 'register', key: PRIMARY_KEYS.registers, schema: RECORD_SCHEMAS.registers },
  threats: {
    entity: 'threat',
    key: PRIMARY_KEYS.threats,
    schema: RECORD_SCHEMAS.threats,
    // A threat's score is likelihood × impact everywhere; its band is read against its register's scale.
    // Until both are set the threat is not yet rated and has no score (nor a place in the score index).
    derive: ({ score: _score, ...threat }) =>
      typeof threat.likelihood === 'number' && typeof threat.impact === 'number'
        ? { ...threat, score: riskScore(threat.likelihood, threat.impact) }
        : threat,
  },
  actors: {
    entity: 'actor',
    key: PRIMARY_KEYS.actors,
    schema: RECORD_SCHEMAS.actors,
    check: (written, db) =>
      firstProblem<Actor>(written, db.actors, (actor, all) =>
        actorNameProblem(String(actor.name), all, String(actor.id)),
      ),
  },
  countries: { entity: 'country', key: PRIMARY_KEYS.countries, schema: RECORD_SCHEMAS.countries },
  briefings: { entity: 'briefing', key: PRIMARY_KEYS.briefings, schema: RECORD_SCHEMAS.briefings },
  exposureOverrides: {
    entity: 'exposureOverride',
    key: PRIMARY_KEYS.exposureOverrides,
    schema: RECORD_SCHEMAS.exposureOverrides,
  },
  views: { entity: 'view', key: PRIMARY_KEYS.views, schema: RECORD_SCHEMAS.views },
  meta: {
    entity: 'meta',
    key: PRIMARY_KEYS.meta,
    schema: RECORD_SCHEMAS.meta,
    revised: (entry) => !LOCAL_META.has(String(entry.key)),
  },
};

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

const TABLE_OF_ENTITY = new Map<RevisedEntity, TableName>(TABLE_NAMES.map((name) => [TABLES[name].entity, name]));

/** The table a revision's entity lives in; `undefined` for history-only entities of older versions (`comparison`). */
export function tableOfEntity(entity: RevisedEntity): TableName | undefined {
  return TABLE_OF_ENTITY.get(entity);
}
