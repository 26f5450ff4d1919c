import { z } from 'zod';
import { Id, Instant } from './primitives';

/**
 * What a revision is about. `exposureOverride` is one country's override of one threat's rating (its
 * id is `${countryCode}:${threatId}`); `comparison` is the set and order of countries compared side by side.
 */
export const RevisedEntity = z.enum(['source', 'annotation', 'tag', 'register', 'threat', 'actor', 'country', 'briefing', 'exposureOverride', 'comparison']);
export type RevisedEntity = z.infer<typeof RevisedEntity>;

/** One recorded change of one field: the soft history behind every edit. */
export const Revision = z.object({
  id: Id,
  entity: RevisedEntity,
  /** The record's id (a UUID, or an ISO code for countries). */
  entityId: z.string().min(1),
  field: z.string().min(1),
  before: z.unknown(),
  after: z.unknown(),
  at: Instant,
  rationale: z.string().max(5000).optional(),
});
export type Revision = z.infer<typeof Revision>;
