import type { GridView } from '../../db/database';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

export interface SaveViewArgs {
  registerId: string;
  name: string;
  /** The grid's arrangement: sorting, filters, grouping, columns. */
  state: unknown;
}

/** Saves the grid's arrangement under a name for a register; a view of the same name is replaced. */
export const saveView = defineCommand({
  id: 'views.save',
  label: (_args: SaveViewArgs, view: GridView) => translate('labels.saveView', { name: view.name }),
  run: async (changes, args: SaveViewArgs): Promise<GridView> => {
    const name = args.name.trim();
    if (!name) throw new CommandRefusal(translate('refusals.views.needsName'));
    await changes.require('registers', args.registerId, translate('refusals.gone.registerOfView'));
    const existing = (await changes.db.views.where('registerId').equals(args.registerId).toArray()).find(
      (v) => v.name === name,
    );
    return changes.put('views', {
      id: existing?.id ?? crypto.randomUUID(),
      registerId: args.registerId,
      name,
      state: args.state,
      createdAt: existing?.createdAt ?? changes.at,
      updatedAt: changes.at,
    });
  },
});

/** Deletes a saved view; the grid keeps its arrangement. */
export const deleteView = defineCommand({
  id: 'views.delete',
  label: (_args: { id: string }, view: GridView | undefined) =>
    view ? translate('labels.deleteView', { name: view.name }) : translate('labels.deleteSomeView'),
  run: (changes, args: { id: string }): Promise<GridView | undefined> => changes.delete('views', args.id),
});
