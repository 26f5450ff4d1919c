import type { ActorKind } from '../../../shared/domain/actor';
import { words } from '../../i18n';

/**
 * Actor kinds in the order the lists show them; their words are the catalogues' (`actors.kinds.<kind>`,
 * `actors.plurals.<kind>`), in the interface language.
 */
export const ACTOR_KINDS: readonly { kind: ActorKind }[] = [
  { kind: 'armed-group' },
  { kind: 'criminal-network' },
  { kind: 'organisation' },
  { kind: 'state' },
  { kind: 'person' },
  { kind: 'other' },
];

/** A kind's name in the interface language ("Armed group"). */
export function kindLabel(kind: ActorKind): string {
  return words(`actors.kinds.${kind}`, kind);
}

/** A kind's plural in the interface language ("Armed groups"), for lists and filters. */
export function kindPlural(kind: ActorKind): string {
  return words(`actors.plurals.${kind}`, kind);
}

export function kindOrder(kind: ActorKind): number {
  return ACTOR_KINDS.findIndex((k) => k.kind === kind);
}
