import type { Actor } from '../../shared/domain/actor';
import type { Threat } from '../../shared/domain/threat';
import { t as translate } from '../i18n';
import type { WorkbenchDatabase } from './database';

/** The fields an analyst edits; ids and timestamps are the database's business. */
export type ActorPatch = Partial<
  Pick<Actor, 'name' | 'aliases' | 'kind' | 'description' | 'bases' | 'countryCodes' | 'threatActorTypes'>
>;

export const ACTOR_NAME_LIMIT = 300;
export const ACTOR_DESCRIPTION_LIMIT = 20_000;

export function normaliseActorName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** Names compare without regard to case or surrounding space ("isis-k" is "ISIS-K"), but accents count. */
export function sameActorName(a: string, b: string): boolean {
  return normaliseActorName(a).localeCompare(normaliseActorName(b), undefined, { sensitivity: 'accent' }) === 0;
}

/** A list of names (aliases, bases): trimmed, blanks dropped, each kept once (ignoring case), in order. */
export function tidyNames(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const clean = normaliseActorName(value);
    if (clean && !out.some((kept) => sameActorName(kept, clean))) out.push(clean);
  }
  return out;
}

/** Why `name` cannot be this actor's name, as a sentence in the interface language, or null when it can. */
export function actorNameProblem(
  name: string,
  others: readonly Pick<Actor, 'id' | 'name'>[],
  selfId?: string,
): string | null {
  const clean = normaliseActorName(name);
  if (!clean) return translate('refusals.actors.needsName');
  if (clean.length > ACTOR_NAME_LIMIT) return translate('refusals.actors.nameTooLong', { limit: ACTOR_NAME_LIMIT });
  const taken = others.find((a) => a.id !== selfId && sameActorName(a.name, clean));
  if (taken) return translate('refusals.actors.nameTaken', { name: taken.name });
  return null;
}

/** Threats and passages that link an actor, found by index. */
export async function actorUsage(
  db: WorkbenchDatabase,
  id: string,
): Promise<{ threats: Threat[]; annotations: number }> {
  return {
    threats: await db.threats.where('actorIds').equals(id).toArray(),
    annotations: await db.annotations.where('actorIds').equals(id).count(),
  };
}
