import { useMemo } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { ActorPatch } from '../../db/actors';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { createActor, deleteActor, updateActor } from '../../workspace/commands/actors';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What an actor's deletion will unlink, as a phrase ("1 threat and 7 passages"), or '' for nothing. */
export function linksPhrase(threats: number, passages: number): string {
  const parts = [
    threats ? plural(threats, 'threat', 'threats') : '',
    passages ? plural(passages, 'passage', 'passages') : '',
  ].filter(Boolean);
  return parts.join(' and ');
}

/**
 * Creating, editing and deleting actors as the analyst does it: each a command (shown in the status
 * bar, undoable with Ctrl+Z), a deletion announced with an Undo action. A failure has been told to the
 * analyst when the returned promise rejects.
 */
export function useActorActions() {
  const notify = useWorkbench((s) => s.notify);

  return useMemo(
    () => ({
      create: (): Promise<Actor> => workspace.perform(createActor, {}),

      update: async (actor: Actor, patch: ActorPatch, label: string): Promise<void> => {
        await workspace.perform(updateActor, { id: actor.id, patch, label });
      },

      remove: async (actor: Actor): Promise<void> => {
        const removed = await workspace.perform(deleteActor, actor.id);
        const links = linksPhrase(removed.threats, removed.passages);
        notify('info', `Deleted actor “${actor.name}”${links ? `; it was unlinked from ${links}` : ''}.`, {
          label: 'Undo',
          run: () => void workspace.undo(),
        });
      },
    }),
    [notify],
  );
}
