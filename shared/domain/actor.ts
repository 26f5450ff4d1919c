import { z } from 'zod';
import { CountryCode, Id, Timestamps } from './primitives';

export const ActorKind = z.enum(['armed-group', 'criminal-network', 'state', 'organisation', 'person', 'other']);
export type ActorKind = z.infer<typeof ActorKind>;

/**
 * What kind of threat actor an actor is, in the words of STIX 2.1's threat-actor-type-ov (§10.24), so that a
 * threat-intelligence platform reads it as it reads its own. Only exported for actors that are not states: a
 * state is a place and a government, never a threat actor.
 */
export const ThreatActorType = z.enum([
  'activist',
  'competitor',
  'crime-syndicate',
  'criminal',
  'hacker',
  'insider-accidental',
  'insider-disgruntled',
  'nation-state',
  'sensationalist',
  'spy',
  'terrorist',
  'unknown',
]);
export type ThreatActorType = z.infer<typeof ThreatActorType>;

export const Actor = z.object({
  id: Id,
  name: z.string().min(1).max(300),
  aliases: z.array(z.string().min(1).max(300)),
  kind: ActorKind,
  description: z.string().max(20_000),
  /** Where the actor is based (provinces, regions), as the sources name them. */
  bases: z.array(z.string().min(1).max(300)),
  countryCodes: z.array(CountryCode),
  /**
   * The analyst's threat-actor types, each once (schema version 6). Absent in records written before it (an
   * older backup, a colleague's older app): read through `threatActorTypesOf`, which answers the kind's default.
   */
  threatActorTypes: z
    .array(ThreatActorType)
    .max(ThreatActorType.options.length)
    .refine((types) => new Set(types).size === types.length, 'each type can be named once')
    .optional(),
  ...Timestamps,
});
export type Actor = z.infer<typeof Actor>;

/**
 * The types an actor of a kind starts with: an armed group uses violence for political ends, the vocabulary's
 * "terrorist"; a criminal network is a "crime-syndicate"; a state acting is a "nation-state" (kept for when the
 * analyst reclassifies it: a state itself is exported as a location); for an organisation, a person or another
 * actor the kind does not say, so "unknown" — the vocabulary's value for a type not decided — until the analyst says.
 */
export function defaultThreatActorTypes(kind: ActorKind): ThreatActorType[] {
  switch (kind) {
    case 'armed-group':
      return ['terrorist'];
    case 'criminal-network':
      return ['crime-syndicate'];
    case 'state':
      return ['nation-state'];
    default:
      return ['unknown'];
  }
}

/**
 * An analyst's choice of types, tidied: each once, in the vocabulary's order, and "unknown" only on its own (a
 * type that is known makes "unknown" false). No type at all is "unknown".
 */
export function tidyThreatActorTypes(types: readonly ThreatActorType[]): ThreatActorType[] {
  const chosen = ThreatActorType.options.filter((type) => types.includes(type));
  const known = chosen.filter((type) => type !== 'unknown');
  return known.length > 0 ? known : ['unknown'];
}

/** The actor's threat-actor types: the analyst's, or its kind's default when none were recorded. */
export function threatActorTypesOf(actor: Pick<Actor, 'kind' | 'threatActorTypes'>): ThreatActorType[] {
  return actor.threatActorTypes && actor.threatActorTypes.length > 0
    ? tidyThreatActorTypes(actor.threatActorTypes)
    : defaultThreatActorTypes(actor.kind);
}

/**
 * The types after the kind changed: the new kind's default when the actor still had the old kind's (the analyst
 * had not decided), otherwise the analyst's choice, kept.
 */
export function threatActorTypesAfterKindChange(
  actor: Pick<Actor, 'kind' | 'threatActorTypes'>,
  kind: ActorKind,
): ThreatActorType[] {
  const current = threatActorTypesOf(actor);
  const wasDefault = current.join() === defaultThreatActorTypes(actor.kind).join();
  return wasDefault ? defaultThreatActorTypes(kind) : current;
}
