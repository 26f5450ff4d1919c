import { useMemo } from 'react';
import type { Actor } from '../../../shared/domain/actor';
import { db } from '../../db';
import { createActor, deleteActor, patchOf, restoreActor, updateActor, type ActorPatch, type ActorSnapshot } from '../../db/actors';
import { useWorkbench } from '../../stores';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What an actor's deletion will unlink, as a phrase ("1 threat and 7 passages"), or '' for nothing. */
export function linksPhrase(threats: number, passages: number): string {
  const parts = [threats ? plural(threats, 'threat', 'threats') : '', passages ? plural(passages, 'passage', 'passages') : ''].filter(Boolean);
  return parts.join(' and ');
}

/**
 * Creating, editing and deleting actors as the analyst does it: each write shown in the status bar,
 * each undoable with Ctrl+Z, a deletion announced with an Undo action.
 */
export function useActorActions() {
  const trackSave = useWorkbench((s) => s.trackSave);
  const recordUndo = useWorkbench((s) => s.recordUndo);
  const notify = useWorkbench((s) => s.notify);
  const undo = useWorkbench((s) => s.undo);

  return useMemo(
    () => ({
      create: async (): Promise<Actor> => {
        const actor = await trackSave(() => createActor(db));
        // Undoing a creation is a deletion (links made since go with it), and redo restores them.
        let saved: ActorSnapshot | null = null;
        recordUndo({
          label: `add actor “${actor.name}”`,
          undo: async () => {
            saved = await deleteActor(db, actor.id);
          },
          redo: () => (saved ? restoreActor(db, saved) : db.actors.add(actor)),
        });
        return actor;
      },

      update: async (actor: Actor, patch: ActorPatch, label: string): Promise<void> => {
        const { before, after } = await trackSave(() => updateActor(db, actor.id, patch));
        if (before === after) return;
        recordUndo({
          label,
          undo: () => updateActor(db, actor.id, patchOf(before, patch), 'Undone'),
          redo: () => updateActor(db, actor.id, patchOf(after, patch), 'Redone'),
        });
      },

      remove: async (actor: Actor): Promise<void> => {
        let saved = await trackSave(() => deleteActor(db, actor.id));
        recordUndo({
          label: `delete actor “${actor.name}”`,
          undo: () => restoreActor(db, saved),
          redo: async () => {
            saved = await deleteActor(db, actor.id);
          },
        });
        const links = linksPhrase(saved.threats.length, saved.annotations.length);
        notify('info', `Deleted actor “${actor.name}”${links ? `; it was unlinked from ${links}` : ''}.`, { label: 'Undo', run: () => void undo() });
      },
    }),
    [trackSave, recordUndo, notify, undo],
  );
}
