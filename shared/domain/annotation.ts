import { z } from 'zod';
import { CountryCode, Id, Timestamps } from './primitives';

/** W3C TextQuoteSelector: the passage itself with some context either side. */
export const TextQuote = z.object({
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
/** W3C TextPositionSelector, in UTF-16 code units of the normalised text; `end` is exclusive. */
export const TextPosition = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((p) => p.end > p.start, 'a passage must end after it starts');

export const AnchorStatus = z.enum(['anchored', 'drifted', 'orphaned']);
export type AnchorStatus = z.infer<typeof AnchorStatus>;

/** A coded passage of a source. */
export const Annotation = z.object({
  id: Id,
  sourceId: Id,
  quote: TextQuote,
  position: TextPosition,
  anchor: AnchorStatus,
  tagIds: z.array(Id),
  note: z.string().max(100_000),
  threatIds: z.array(Id),
  countryCodes: z.array(CountryCode),
  actorIds: z.array(Id),
  /**
   * The analyst's mark that the passage only names something (an organisation, a place) and is no
   * evidence to quote; absent while unmarked (briefings then judge by its length: evidence-selection.ts).
   */
  mention: z.boolean().optional(),
  ...Timestamps,
});
export type Annotation = z.infer<typeof Annotation>;

/** A codebook entry; tags nest through `parentId`. */
export const Tag = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour must be written like #2f6fdb'),
  parentId: Id.nullable(),
  description: z.string().max(5000),
  ...Timestamps,
});
export type Tag = z.infer<typeof Tag>;
