import type { RevisedEntity } from '../../domain/revision';
import { riskScore } from '../../domain/scoring';
import type { WorkspaceTableName } from '../workspace-snapshot';
import { LOCAL_META_KEYS } from '../workspace-snapshot';
import type { Row } from './identity';

/** How the records of one table are merged field by field. */
export interface TableRules {
  /** What revisions call this table's records (for "who moved on from this value"). */
  entity?: RevisedEntity;
  /** What the analyst calls one record: "tag", "threat"… */
  noun: string;
  /** A human name of a record for the conflict list and the report. */
  label: (row: Row) => string;
  /**
   * Properties merged as one, because they only make sense together (a passage's quote, position and
   * anchor status). The group's name stands for them in conflicts.
   */
  groups?: Record<string, readonly string[]>;
  /** Free text: in a conflict, "Both" keeps both texts. */
  freeText?: readonly string[];
  /**
   * Kept from my record whatever theirs says: a source's text fields (a merge never replaces the
   * text I read and coded; their passages are re-anchored to it instead).
   */
  keepMine?: readonly string[];
  /** The record this one belongs to (a passage to its source…): without it, it is not added. */
  parent?: { field: string; table: WorkspaceTableName };
  /** Properties computed from others (a threat's score), set again after a merge instead of merged. */
  derived?: { fields: readonly string[]; compute: (row: Row) => void };
}

/** Bookkeeping, never a conflict: the creation time stays mine, the update time is the later one. */
export const TIMESTAMP_FIELDS = ['createdAt', 'updatedAt'] as const;

const META_LABELS: Record<string, string> = {
  'countries.comparison': 'Countries compared side by side',
  demoSeededAt: 'Demo workspace',
};

const text = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.trim() ? value.trim() : fallback;
const clip = (value: string, max = 80): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

export const TABLE_RULES: Record<Exclude<WorkspaceTableName, 'revisions' | 'sourceTexts'>, TableRules> = {
  sources: {
    entity: 'source',
    noun: 'source',
    label: (r) => text(r.title, 'Untitled source'),
    keepMine: ['textHash', 'textLength', 'version', 'file', 'importWarnings'],
  },
  annotations: {
    entity: 'annotation',
    noun: 'passage',
    label: (r) => `“${clip(text((r.quote as { exact?: unknown } | undefined)?.exact, 'passage'), 60)}”`,
    groups: { passage: ['quote', 'position', 'anchor'] },
    freeText: ['note'],
    parent: { field: 'sourceId', table: 'sources' },
  },
  tags: { entity: 'tag', noun: 'tag', label: (r) => text(r.name, 'Unnamed tag'), freeText: ['description'] },
  registers: {
    entity: 'register',
    noun: 'register',
    label: (r) => text(r.name, 'Unnamed register'),
    freeText: ['description', 'scope'],
  },
  threats: {
    entity: 'threat',
    noun: 'threat',
    label: (r) => text(r.title, 'Untitled threat'),
    freeText: ['description'],
    parent: { field: 'registerId', table: 'registers' },
    derived: {
      fields: ['score'],
      compute: (row) => {
        if (typeof row.likelihood === 'number' && typeof row.impact === 'number')
          row.score = riskScore(row.likelihood, row.impact);
      },
    },
  },
  actors: { entity: 'actor', noun: 'actor', label: (r) => text(r.name, 'Unnamed actor'), freeText: ['description'] },
  countries: {
    entity: 'country',
    noun: 'country',
    label: (r) => text(r.name, String(r.code)),
    freeText: ['notes', 'stance'],
  },
  briefings: { entity: 'briefing', noun: 'briefing', label: (r) => text(r.title, 'Untitled briefing') },
  meta: { noun: 'setting', label: (r) => META_LABELS[String(r.key)] ?? String(r.key) },
  views: {
    noun: 'saved view',
    label: (r) => text(r.name, 'Unnamed view'),
    parent: { field: 'registerId', table: 'registers' },
  },
  exposureOverrides: {
    entity: 'exposureOverride',
    noun: 'country override',
    label: (r) => `Override for ${String(r.countryCode)}`,
    freeText: ['rationale'],
    parent: { field: 'threatId', table: 'threats' },
  },
};

/** The order records are merged in: a record's parent is decided before it. */
export const MERGED_TABLES = [
  'sources',
  'tags',
  'actors',
  'registers',
  'threats',
  'annotations',
  'countries',
  'briefings',
  'views',
  'exposureOverrides',
  'meta',
] as const;
export type MergedTable = (typeof MERGED_TABLES)[number];

/**
 * Meta entries a merge never takes from a colleague: this installation's own identity and bases, and
 * settings of this machine (the import limit, the export author, the interface language). The demo marker is kept as it is when I have one.
 */
export const NEVER_MERGED_META: readonly string[] = [
  ...LOCAL_META_KEYS,
  'importLimitBytes',
  'exportAuthor',
  'uiLanguage',
];
export const KEEP_MINE_META: readonly string[] = ['demoSeededAt'];

/** Fields of a record that are merged, with grouped properties collapsed into their group. */
export function mergeFields(rules: TableRules, key: string, rows: readonly Row[]): string[] {
  const grouped = new Map<string, string>();
  for (const [group, props] of Object.entries(rules.groups ?? {})) for (const p of props) grouped.set(p, group);
  const fields = new Set<string>();
  for (const row of rows) {
    for (const prop of Object.keys(row)) {
      if (prop === key || (TIMESTAMP_FIELDS as readonly string[]).includes(prop)) continue;
      if (rules.keepMine?.includes(prop) || rules.derived?.fields.includes(prop)) continue;
      fields.add(grouped.get(prop) ?? prop);
    }
  }
  return [...fields].sort();
}

/** The value of a merge field: a property, or an object of the group's properties. */
export function fieldValue(rules: TableRules, row: Row, field: string): unknown {
  const group = rules.groups?.[field];
  if (!group) return row[field];
  return Object.fromEntries(group.map((p) => [p, row[p]]));
}

/** Writes a merge field's value into a record. */
export function setField(rules: TableRules, row: Row, field: string, value: unknown): void {
  const group = rules.groups?.[field];
  if (!group) {
    if (value === undefined) delete row[field];
    else row[field] = value;
    return;
  }
  for (const p of group) row[p] = (value as Row)[p];
}
