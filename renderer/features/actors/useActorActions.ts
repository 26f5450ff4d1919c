import { useMemo } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import type { ActorPatch } from '../../db/actors';
import { t } from '../../i18n';
import { useWorkbench } from '../../stores';
import { workspace } from '../../workspace';
import { createActor, deleteActor, updateActor } from '../../workspace/commands/actors';

/** What an actor's deletion will unlink, as a phrase ("1 threat and 7 passages"), or '' for nothing. */
export function linksPhrase(threats: number, passages: number): string {
  const parts = [
    threats ? t('actors.links.threats', { count: threats }) : '',
    passages ? t('actors.links.passages', { count: passages }) : '',
  ].filter(Boolean);
  return parts.join(t('actors.links.and'));
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
        const message = links
          ? t('actors.deletedUnlinked', { name: actor.name, links })
          : t('actors.deleted', { name: actor.name });
        notify('info', message, {
          label: t('common.undo'),
          run: () => void workspace.undo(),
        });
      },
    }),
    [notify],
  );
}
