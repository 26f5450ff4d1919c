import { Actor, type ActorKind } from '../../shared/domain/actor';
import type { Annotation } from '../../shared/domain/annotation';
import type { Threat } from '../../shared/domain/threat';
import type { WorkbenchDatabase } from './database';
import { revisionsBetween } from './revisions';

/** The fields an analyst edits; ids and timestamps are the database's business. */
export type ActorPatch = Partial<Pick<Actor, 'name' | 'aliases' | 'kind' | 'description' | 'bases' | 'countryCodes'>>;

const EDITABLE_FIELDS = ['name', 'aliases', 'kind', 'description', 'bases', 'countryCodes'] as const satisfies readonly (keyof ActorPatch)[];

export const NEW_ACTOR_NAME = 'New actor';
const NAME_LIMIT = 300;
const DESCRIPTION_LIMIT = 20_000;

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

/** Why `name` cannot be this actor's name, as a sentence, or null when it can. */
export function actorNameProblem(name: string, others: readonly Pick<Actor, 'id' | 'name'>[], selfId?: string): string | null {
  const clean = normaliseActorName(name);
  if (!clean) return 'An actor needs a name.';
  if (clean.length > NAME_LIMIT) return `A name can be at most ${NAME_LIMIT} characters long.`;
  const taken = others.find((a) => a.id !== selfId && sameActorName(a.name, clean));
  if (taken) return `There is already an actor called “${taken.name}”. Choose another name, or add this one as an alias.`;
  return null;
}

/** Validates a whole actor with the schema, turning what it refuses into a sentence. */
function checked(actor: Actor): Actor {
  const tooLong = (list: string[]) => list.find((v) => v.length > NAME_LIMIT);
  const alias = tooLong(actor.aliases);
  if (alias) throw new Error(`An alias can be at most ${NAME_LIMIT} characters long (“${alias.slice(0, 40)}…”).`);
  const base = tooLong(actor.bases);
  if (base) throw new Error(`A base can be at most ${NAME_LIMIT} characters long (“${base.slice(0, 40)}…”).`);
  if (actor.description.length > DESCRIPTION_LIMIT) throw new Error(`A description can be at most ${DESCRIPTION_LIMIT.toLocaleString('en')} characters long.`);
  const parsed = Actor.safeParse(actor);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The actor was not saved: ${issue ? `${issue.path.join('.') || 'actor'} — ${issue.message}` : 'it is not valid'}.`);
  }
  return parsed.data;
}

function tidyPatch(patch: ActorPatch): ActorPatch {
  return {
    ...patch,
    ...(patch.name !== undefined ? { name: normaliseActorName(patch.name) } : {}),
    ...(patch.aliases !== undefined ? { aliases: tidyNames(patch.aliases) } : {}),
    ...(patch.bases !== undefined ? { bases: tidyNames(patch.bases) } : {}),
    ...(patch.countryCodes !== undefined ? { countryCodes: [...new Set(patch.countryCodes.map((c) => c.trim().toUpperCase()))] } : {}),
  };
}

/**
 * Creates an actor. Without a name it is called “New actor” (numbered if that name is taken), ready
 * to be renamed; a given name must be unused.
 */
export async function createActor(db: WorkbenchDatabase, fields: ActorPatch = {}): Promise<Actor> {
  return db.transaction('rw', db.actors, async () => {
    const all = await db.actors.toArray();
    const tidy = tidyPatch(fields);
    let name = tidy.name;
    if (name === undefined) {
      name = NEW_ACTOR_NAME;
      for (let n = 2; all.some((a) => sameActorName(a.name, name!)); n++) name = `${NEW_ACTOR_NAME} ${n}`;
    }
    const problem = actorNameProblem(name, all);
    if (problem) throw new Error(problem);
    const now = new Date().toISOString();
    const actor = checked({
      id: crypto.randomUUID(),
      aliases: [],
      kind: 'other' satisfies ActorKind,
      description: '',
      bases: [],
      countryCodes: [],
      ...tidy,
      name,
      createdAt: now,
      updatedAt: now,
    });
    await db.actors.add(actor);
    return actor;
  });
}

/**
 * Applies an edit and records one revision per changed field, in one transaction. A duplicate name
 * (ignoring case) or an invalid value is refused with a sentence and nothing is written.
 */
export async function updateActor(db: WorkbenchDatabase, id: string, patch: ActorPatch, rationale?: string): Promise<{ before: Actor; after: Actor }> {
  return db.transaction('rw', db.actors, db.revisions, async () => {
    const before = await db.actors.get(id);
    if (!before) throw new Error('That actor no longer exists; it may have been deleted in another window.');
    const tidy = tidyPatch(patch);
    if (tidy.name !== undefined) {
      const problem = actorNameProblem(tidy.name, await db.actors.toArray(), id);
      if (problem) throw new Error(problem);
    }
    const now = new Date().toISOString();
    const after = checked({ ...before, ...tidy, updatedAt: now });
    const fields = EDITABLE_FIELDS.filter((f) => f in tidy);
    const revisions = revisionsBetween('actor', id, before, after, fields, now, rationale);
    if (revisions.length === 0) return { before, after: before };
    await db.actors.put(after);
    await db.revisions.bulkAdd(revisions);
    return { before, after };
  });
}

/** The fields of `actor` that `patch` names: what puts an edit back. */
export function patchOf(actor: Actor, patch: ActorPatch): ActorPatch {
  return Object.fromEntries(EDITABLE_FIELDS.filter((f) => f in patch).map((f) => [f, actor[f]])) as ActorPatch;
}

/** Everything an actor's deletion touched, as it was before, so the deletion can be undone exactly. */
export interface ActorSnapshot {
  actor: Actor;
  threats: Threat[];
  annotations: Annotation[];
  /** The instant the deletion stamped on the records it unlinked. */
  at: string;
}

/** Threats and passages that link an actor, found by index. */
export async function actorUsage(db: WorkbenchDatabase, id: string): Promise<{ threats: Threat[]; annotations: number }> {
  return {
    threats: await db.threats.where('actorIds').equals(id).toArray(),
    annotations: await db.annotations.where('actorIds').equals(id).count(),
  };
}

/**
 * Deletes an actor and, in the same transaction, takes its id out of every threat and passage that
 * links it (they are kept). Returns what it changed, for undo.
 */
export async function deleteActor(db: WorkbenchDatabase, id: string): Promise<ActorSnapshot> {
  return db.transaction('rw', db.actors, db.threats, db.annotations, async () => {
    const actor = await db.actors.get(id);
    if (!actor) throw new Error('That actor no longer exists; it may have been deleted in another window.');
    const threats = await db.threats.where('actorIds').equals(id).toArray();
    const annotations = await db.annotations.where('actorIds').equals(id).toArray();
    const at = new Date().toISOString();
    const unlink = <T extends { actorIds: string[]; updatedAt: string }>(record: T): T => ({ ...record, actorIds: record.actorIds.filter((a) => a !== id), updatedAt: at });
    await db.threats.bulkPut(threats.map(unlink));
    await db.annotations.bulkPut(annotations.map(unlink));
    await db.actors.delete(id);
    return { actor, threats, annotations, at };
  });
}

/** Puts `id` back into a list at (about) the place it had in `original`. */
function reinsert(list: string[], id: string, original: string[]): string[] {
  if (list.includes(id)) return list;
  const at = original.indexOf(id);
  const next = [...list];
  next.splice(Math.min(Math.max(at, 0), next.length), 0, id);
  return next;
}

/**
 * Undoes a deletion: the actor comes back, and so do its links. A threat or passage untouched since
 * the deletion is put back exactly as it was; one edited since keeps that edit and gets the link
 * back; one deleted since stays deleted. Refused, changing nothing, if another actor has taken the name.
 */
export async function restoreActor(db: WorkbenchDatabase, saved: ActorSnapshot): Promise<void> {
  await db.transaction('rw', db.actors, db.threats, db.annotations, async () => {
    const problem = actorNameProblem(saved.actor.name, await db.actors.toArray(), saved.actor.id);
    if (problem) throw new Error(`“${saved.actor.name}” cannot be restored: another actor now has that name. Rename it first.`);
    const id = saved.actor.id;
    const relinked = <T extends { actorIds: string[]; updatedAt: string }>(originals: T[], current: (T | undefined)[]): T[] =>
      originals.flatMap((original, i) => {
        const now = current[i];
        if (!now) return [];
        const untouched = now.updatedAt === saved.at && JSON.stringify(now.actorIds) === JSON.stringify(original.actorIds.filter((a) => a !== id));
        return [untouched ? original : { ...now, actorIds: reinsert(now.actorIds, id, original.actorIds), updatedAt: new Date().toISOString() }];
      });
    await db.actors.put(Actor.parse(saved.actor));
    await db.threats.bulkPut(relinked(saved.threats, await db.threats.bulkGet(saved.threats.map((t) => t.id))));
    await db.annotations.bulkPut(relinked(saved.annotations, await db.annotations.bulkGet(saved.annotations.map((a) => a.id))));
  });
}
