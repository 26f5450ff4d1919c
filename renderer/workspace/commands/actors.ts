import {
  Actor,
  defaultThreatActorTypes,
  threatActorTypesAfterKindChange,
  ThreatActorType,
  tidyThreatActorTypes,
} from '../../../shared/domain/actor';
import {
  ACTOR_DESCRIPTION_LIMIT,
  ACTOR_NAME_LIMIT,
  actorNameProblem,
  normaliseActorName,
  sameActorName,
  tidyNames,
  type ActorPatch,
} from '../../db/actors';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

const gone = () => translate('refusals.gone.actor');

/** Validates a whole actor, turning what the schema refuses into a sentence. */
function checked(actor: Actor): Actor {
  const tooLong = (list: string[]) => list.find((v) => v.length > ACTOR_NAME_LIMIT);
  const alias = tooLong(actor.aliases);
  if (alias)
    throw new CommandRefusal(
      translate('refusals.actors.aliasTooLong', { limit: ACTOR_NAME_LIMIT, start: alias.slice(0, 40) }),
    );
  const base = tooLong(actor.bases);
  if (base)
    throw new CommandRefusal(
      translate('refusals.actors.baseTooLong', { limit: ACTOR_NAME_LIMIT, start: base.slice(0, 40) }),
    );
  if (actor.description.length > ACTOR_DESCRIPTION_LIMIT)
    throw new CommandRefusal(translate('refusals.actors.descriptionTooLong', { limit: ACTOR_DESCRIPTION_LIMIT }));
  const parsed = Actor.safeParse(actor);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The schema's own words (zod's) stay as they are; the sentence around them is the interface's.
    const field = issue?.path.join('.');
    throw new CommandRefusal(
      !issue
        ? translate('refusals.actors.invalid')
        : field
          ? translate('refusals.actors.invalidField', { field, problem: issue.message })
          : translate('refusals.actors.invalidWhole', { problem: issue.message }),
    );
  }
  return parsed.data;
}

/** Names, aliases and bases trimmed and each kept once; country codes in capitals. */
function tidyPatch(patch: ActorPatch): ActorPatch {
  return {
    ...patch,
    ...(patch.name !== undefined ? { name: normaliseActorName(patch.name) } : {}),
    ...(patch.aliases !== undefined ? { aliases: tidyNames(patch.aliases) } : {}),
    ...(patch.bases !== undefined ? { bases: tidyNames(patch.bases) } : {}),
    ...(patch.countryCodes !== undefined
      ? { countryCodes: [...new Set(patch.countryCodes.map((c) => c.trim().toUpperCase()))] }
      : {}),
    // Types outside the vocabulary are left as given, for the schema to refuse with a sentence.
    ...(patch.threatActorTypes !== undefined
      ? {
          threatActorTypes: ThreatActorType.array().safeParse(patch.threatActorTypes).success
            ? tidyThreatActorTypes(patch.threatActorTypes)
            : patch.threatActorTypes,
        }
      : {}),
  };
}

/**
 * Adds an actor. Without a name it is called “New actor” (numbered if that name is taken), ready to be
 * renamed; a given name must be unused. Undo deletes it again.
 */
export const createActor = defineCommand({
  id: 'actors.create',
  label: (_fields: ActorPatch, actor: Actor) => translate('labels.addActor', { name: actor.name }),
  run: async (changes, fields: ActorPatch = {}) => {
    // The actors are few (the groups and states the sources name): their names are read to keep them unique.
    const all = await changes.db.actors.toArray();
    const tidy = tidyPatch(fields);
    let name = tidy.name;
    if (name === undefined) {
      // A new actor's name is written in the interface language ("New actor", "Новый актор 2").
      name = translate('actors.defaultName');
      for (let n = 2; all.some((a) => sameActorName(a.name, name!)); n++)
        name = translate('actors.defaultNameNumbered', { n });
    }
    const problem = actorNameProblem(name, all);
    if (problem) throw new CommandRefusal(problem);
    return changes.put(
      'actors',
      checked({
        id: crypto.randomUUID(),
        aliases: [],
        kind: 'other',
        description: '',
        bases: [],
        countryCodes: [],
        threatActorTypes: defaultThreatActorTypes(tidy.kind ?? 'other'),
        ...tidy,
        name,
        createdAt: changes.at,
        updatedAt: changes.at,
      }),
    );
  },
});

export interface ActorEdit {
  id: string;
  patch: ActorPatch;
  /** How the edit reads after "Undone:", e.g. `rename “Taliban” to “Islamic Emirate”`. */
  label?: string;
  rationale?: string;
}

/**
 * Edits an actor; one revision per changed field. A duplicate name (ignoring case) or an invalid value
 * is refused with a sentence and nothing is written; an edit that changes nothing writes nothing.
 */
export const updateActor = defineCommand({
  id: 'actors.update',
  label: (args: ActorEdit, after: Actor) => args.label ?? translate('labels.editActor', { name: after.name }),
  rationale: (args: ActorEdit) => args.rationale,
  run: async (changes, { id, patch }: ActorEdit) => {
    const before = await changes.require('actors', id, gone());
    const tidy = tidyPatch(patch);
    if (tidy.name !== undefined) {
      const problem = actorNameProblem(tidy.name, await changes.db.actors.toArray(), id);
      if (problem) throw new CommandRefusal(problem);
    }
    // A new kind brings its default types along unless the analyst had chosen others (nor chooses now).
    const types =
      tidy.kind !== undefined && tidy.kind !== before.kind && tidy.threatActorTypes === undefined
        ? { threatActorTypes: threatActorTypesAfterKindChange(before, tidy.kind) }
        : {};
    return changes.put('actors', checked({ ...before, ...tidy, ...types }));
  },
});

/** What an actor's deletion did: the actor as it was, and how many threats and passages lost their link. */
export interface ActorRemoval {
  actor: Actor;
  threats: number;
  passages: number;
}

/**
 * Deletes an actor and, in the same change, takes its id out of every threat and passage that links it
 * (they are kept). Undo puts the actor and its links back; edits made since to other fields stay.
 */
export const deleteActor = defineCommand({
  id: 'actors.delete',
  label: (_id: string, result: ActorRemoval) => translate('labels.deleteActor', { name: result.actor.name }),
  run: async (changes, id: string): Promise<ActorRemoval> => {
    const actor = await changes.require('actors', id, gone());
    const threats = await changes.db.threats.where('actorIds').equals(id).toArray();
    const passages = await changes.db.annotations.where('actorIds').equals(id).toArray();
    const unlink = <T extends { actorIds: string[] }>(record: T): T => ({
      ...record,
      actorIds: record.actorIds.filter((a) => a !== id),
    });
    await changes.bulkPut('threats', threats.map(unlink));
    await changes.bulkPut('annotations', passages.map(unlink));
    await changes.delete('actors', id);
    return { actor, threats: threats.length, passages: passages.length };
  },
});
