import type { z } from 'zod';
import { LOCAL_META_KEYS, PRIMARY_KEYS, WORKSPACE_TABLES, type WorkspaceTableName } from '../workspace-snapshot';
import { BACKUP_FORMAT_VERSION, WORKSPACE_SCHEMA_VERSION } from './format';
import { ActorKind, defaultThreatActorTypes } from '../../domain/actor';
import { RECORD_SCHEMAS } from './records';

export type WorkspaceTables = Record<WorkspaceTableName, unknown[]>;

/**
 * Brings the tables of a backup written under an older Dexie schema up to this one, the way the
 * database's own `version(n).upgrade()` steps would have. Each step may rewrite records: a table added
 * starts empty; v6 gives actors their threat-actor types.
 */
const UPGRADE_STEPS: Record<number, (tables: WorkspaceTables) => void> = {
  // v2 added saved grid views; v3 added per-country exposure overrides. No existing record changed shape.
  2: () => undefined,
  3: () => undefined,
  // v4 indexed passages by their start in their source; no record changed shape.
  4: () => undefined,
  // v5 added team sync's bookkeeping tables (never in a backup); no workspace table changed.
  5: () => undefined,
  // v6 gave every actor its STIX threat-actor types: an older backup's actors get their kind's default.
  6: (tables) => {
    tables.actors = tables.actors.map((actor) =>
      isActorRecord(actor) && actor.threatActorTypes === undefined
        ? { ...actor, threatActorTypes: defaultThreatActorTypes(actor.kind) }
        : actor,
    );
  },
  // v7 keeps source texts as files in main's store, named by the record; a text held in the record itself
  // (every older backup's) stays valid, and the app moves it to the store after the restore.
  7: () => undefined,
};

/** A record shaped enough to be given its default types; anything else is left for the schema check to name. */
function isActorRecord(record: unknown): record is { kind: ActorKind; threatActorTypes?: unknown } {
  return (
    typeof record === 'object' && record !== null && ActorKind.safeParse((record as { kind?: unknown }).kind).success
  );
}

export function upgradeTables(
  tables: Partial<Record<WorkspaceTableName, unknown[]>>,
  fromVersion: number,
): WorkspaceTables {
  const upgraded = Object.fromEntries(WORKSPACE_TABLES.map((table) => [table, tables[table] ?? []])) as WorkspaceTables;
  for (let version = fromVersion + 1; version <= WORKSPACE_SCHEMA_VERSION; version++)
    UPGRADE_STEPS[version]?.(upgraded);
  return upgraded;
}

/** Whose records are being checked: a backup being restored, or the workspace being backed up. */
export type RecordOrigin = 'backup' | 'workspace';

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'it does not have the expected form';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function keyOf(record: unknown, table: WorkspaceTableName): unknown {
  return typeof record === 'object' && record !== null
    ? (record as Record<string, unknown>)[PRIMARY_KEYS[table]]
    : undefined;
}

const MAX_REPORTED = 3;

/**
 * Checks every record of every table against its schema and its table's primary key, and answers a
 * sentence per problem (at most a few, then how many more), or an empty list. The records are only
 * read: what is restored is exactly what was backed up, never a re-shaped copy.
 */
export function tableProblems(tables: Record<string, unknown>, origin: RecordOrigin): string[] {
  const owner = origin === 'backup' ? "The backup's" : "The workspace's";
  const problems: string[] = [];
  let more = 0;
  const report = (sentence: string) => {
    if (problems.length < MAX_REPORTED) problems.push(sentence);
    else more++;
  };
  for (const table of WORKSPACE_TABLES) {
    const records = tables[table];
    if (!Array.isArray(records)) {
      report(`${owner} ${table} table is missing or is not a list of records.`);
      continue;
    }
    const schema = RECORD_SCHEMAS[table];
    const seen = new Set<unknown>();
    for (let i = 0; i < records.length; i++) {
      const record: unknown = records[i];
      const key = keyOf(record, table);
      const name =
        typeof key === 'string' && key.length > 0 ? `${PRIMARY_KEYS[table]} ${key.slice(0, 80)}` : `number ${i + 1}`;
      const parsed = schema.safeParse(record);
      if (!parsed.success) {
        report(`${owner} ${table} table has an invalid record (${name}): ${describeIssue(parsed.error)}.`);
        continue;
      }
      if (typeof key !== 'string' || key.length === 0) {
        report(`${owner} ${table} table has a record (${name}) without its ${PRIMARY_KEYS[table]}.`);
      } else if (seen.has(key)) {
        report(`${owner} ${table} table holds two records with the same ${PRIMARY_KEYS[table]} (${key.slice(0, 80)}).`);
      }
      seen.add(key);
    }
  }
  if (more > 0) problems.push(`… and ${more} more ${more === 1 ? 'problem' : 'problems'}.`);
  return problems;
}

/** The SHA-256 of every stored original the sources refer to. */
export function referencedFiles(tables: Partial<Record<WorkspaceTableName, unknown[]>>): Set<string> {
  const files = new Set<string>();
  for (const source of tables.sources ?? []) {
    const file = (source as { file?: { sha256?: unknown } | null }).file;
    if (file && typeof file.sha256 === 'string') files.add(file.sha256);
  }
  for (const sha256 of referencedTexts(tables)) files.add(sha256);
  return files;
}

/** The stored texts the `sourceTexts` records name (those that hold their text themselves name none). */
export function referencedTexts(tables: Partial<Record<WorkspaceTableName, unknown[]>>): Set<string> {
  const texts = new Set<string>();
  for (const record of tables.sourceTexts ?? []) {
    const { sha256, text } = record as { sha256?: unknown; text?: unknown };
    if (typeof sha256 === 'string' && typeof text !== 'string') texts.add(sha256);
  }
  return texts;
}

/** Meta entries that belong to an installation rather than to the workspace it holds. */
export function isLocalMetaKey(key: unknown): boolean {
  return (LOCAL_META_KEYS as readonly unknown[]).includes(key);
}

/** Why this app cannot restore a backup of these versions, or null when it can. */
export function versionProblem(formatVersion: number, schemaVersion: number): string | null {
  if (formatVersion > BACKUP_FORMAT_VERSION || schemaVersion > WORKSPACE_SCHEMA_VERSION) {
    return 'This backup was made by a newer version of Analyst Workbench than this one. Update the app, then restore it again. Nothing was changed.';
  }
  return null;
}
