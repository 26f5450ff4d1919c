import { z } from 'zod';
import { Id, Instant } from './primitives';

/**
 * What a revision is about: one entity per table of the workspace (`sourceText` is a source's normalised
 * text, `view` a saved grid arrangement, `meta` a workspace setting keyed by name). `exposureOverride` is one country's override of one threat's rating (its
 * id is `${countryCode}:${threatId}`); `comparison` is the set and order of countries compared side by side.
 */
export const RevisedEntity = z.enum([
  'source',
  'sourceText',
  'annotation',
  'tag',
  'register',
  'threat',
  'actor',
  'country',
  'briefing',
  'exposureOverride',
  'view',
  'meta',
  'comparison',
]);
export type RevisedEntity = z.infer<typeof RevisedEntity>;

export const RevisionOp = z.enum(['create', 'update', 'delete']);
export type RevisionOp = z.infer<typeof RevisionOp>;

/** One recorded change of one field: the soft history behind every edit. */
export const Revision = z.object({
  id: Id,
  entity: RevisedEntity,
  /** The record's id (a UUID, or an ISO code for countries). */
  entityId: z.string().min(1),
  field: z.string().min(1),
  // Absent on a creation (`before`) and a deletion (`after`), and wherever the field had no value: a
  // backup's JSON has no `undefined`, so a present-but-undefined value comes back absent too.
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  at: Instant,
  rationale: z.string().max(5000).optional(),
  /**
   * Whether the change created the record (every field's `before` is absent), deleted it (every field's
   * `after` is absent) or changed it. Revisions written before the command layer carry none: an update.
   */
  op: RevisionOp.optional(),
  /** The one change (a command's run) this revision belongs to; every revision of one change shares it. */
  changeId: z.string().min(1).optional(),
  /** The command that made the change, e.g. `threats.rate`. */
  command: z.string().min(1).max(200).optional(),
});
export type Revision = z.infer<typeof Revision>;
