import type { ActorKind } from '../../../shared/domain/actor';
import { t } from '../../i18n';

/** Actor kinds in the words analysts use, in the order the lists show them. */
export const ACTOR_KINDS: readonly { kind: ActorKind; label: string; plural: string }[] = [
  { kind: 'armed-group', label: 'Armed group', plural: 'Armed groups' },
  { kind: 'criminal-network', label: 'Criminal network', plural: 'Criminal networks' },
  { kind: 'organisation', label: 'Organisation', plural: 'Organisations' },
  { kind: 'state', label: 'State', plural: 'States' },
  { kind: 'person', label: 'Person', plural: 'People' },
  { kind: 'other', label: 'Other', plural: 'Other' },
];

/** A kind's name in the interface language ("Armed group"). */
export function kindLabel(kind: ActorKind): string {
  return t(`actors.kinds.${kind}`, { defaultValue: ACTOR_KINDS.find((k) => k.kind === kind)?.label ?? kind });
}

/** A kind's plural in the interface language ("Armed groups"), for lists and filters. */
export function kindPlural(kind: ActorKind): string {
  return t(`actors.plurals.${kind}`, { defaultValue: ACTOR_KINDS.find((k) => k.kind === kind)?.plural ?? kind });
}

export function kindOrder(kind: ActorKind): number {
  return ACTOR_KINDS.findIndex((k) => k.kind === kind);
}
