import { z } from 'zod';
import { CountryCode, Id, Timestamps } from './primitives';

export const ActorKind = z.enum(['armed-group', 'state', 'organisation', 'person', 'other']);
export type ActorKind = z.infer<typeof ActorKind>;

export const Actor = z.object({
  id: Id,
  name: z.string().min(1).max(300),
  aliases: z.array(z.string().min(1).max(300)),
  kind: ActorKind,
  description: z.string().max(20_000),
  /** Where the actor is based (provinces, regions), as the sources name them. */
  bases: z.array(z.string().min(1).max(300)),
  countryCodes: z.array(CountryCode),
  ...Timestamps,
});
export type Actor = z.infer<typeof Actor>;
