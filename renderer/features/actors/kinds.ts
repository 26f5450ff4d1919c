import type { ActorKind } from '../../../shared/domain/actor';

/** Actor kinds in the words analysts use, in the order the lists show them. */
export const ACTOR_KINDS: readonly { kind: ActorKind; label: string; plural: string }[] = [
  { kind: 'armed-group', label: 'Armed group', plural: 'Armed groups' },
  { kind: 'organisation', label: 'Organisation', plural: 'Organisations' },
  { kind: 'state', label: 'State', plural: 'States' },
  { kind: 'person', label: 'Person', plural: 'People' },
  { kind: 'other', label: 'Other', plural: 'Other' },
];

export function kindLabel(kind: ActorKind): string {
  return ACTOR_KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

export function kindOrder(kind: ActorKind): number {
  return ACTOR_KINDS.findIndex((k) => k.kind === kind);
}
