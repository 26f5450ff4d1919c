import { joinValues, rulesOf, type Choice, type Row } from '../../../shared/interop/merge';
import { parseDocId } from '../../db/sync-state';
import type { TableName } from '../tables';
import { t as translate } from '../../i18n';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';

export interface SettleSyncConflict {
  docId: string;
  /** Per conflicting field (or `record` for a deletion against an edit): which side stays. */
  choices: Record<string, Choice>;
  /** How the other side is named in a text that keeps both. */
  colleague: string;
}

const fieldsOf = (rules: ReturnType<typeof rulesOf>, field: string): string[] => [
  ...(rules.groups?.[field] ?? [field]),
];

/**
 * Settles a team-sync conflict as the analyst chose. The result is an ordinary change (revisions, undo),
 * and is queued to be sent on top of the server's version the conflict was found against.
 */
export const settleSyncConflict = defineCommand({
  id: 'sync.settleConflict',
  label: (args: SettleSyncConflict) =>
    translate('labels.settleConflict', { table: parseDocId(args.docId)?.table ?? 'none' }),
  run: async (changes, args: SettleSyncConflict): Promise<void> => {
    const found = await changes.db.syncConflicts.get(args.docId);
    const place = parseDocId(args.docId);
    if (!found || !place || place.table === 'revisions') {
      throw new CommandRefusal(translate('refusals.team.alreadySettled'));
    }
    const { conflict } = found;
    const table = place.table as TableName;
    const open = conflict.fields.filter(
      (f) => !args.choices[f.field] || (args.choices[f.field] === 'both' && !f.canJoin),
    );
    if (open.length > 0) {
      throw new CommandRefusal(translate('refusals.team.chooseEveryField'));
    }
    if (conflict.kind === 'edited-on-both-sides') {
      const rules = rulesOf(place.table);
      const after: Row = { ...conflict.draft };
      for (const f of conflict.fields) {
        const choice = args.choices[f.field]!;
        const value =
          choice === 'mine' ? f.mine : choice === 'theirs' ? f.theirs : joinValues(f.mine, f.theirs, args.colleague);
        const group = rules.groups?.[f.field];
        if (group) for (const p of fieldsOf(rules, f.field)) after[p] = (value as Row)[p];
        else if (value === undefined) delete after[f.field];
        else after[f.field] = value;
      }
      await changes.put(table, after as never);
    } else {
      const keep = args.choices.record === 'mine';
      const theirs = conflict.kind === 'deleted-here' ? (conflict.draft as never) : undefined;
      const mine = conflict.kind === 'deleted-there' ? (conflict.draft as never) : undefined;
      const chosen = keep ? mine : theirs;
      if (chosen) await changes.put(table, chosen, { keepStamp: true });
      else await changes.delete(table, place.key);
    }
    await changes.db.syncConflicts.delete(args.docId);
    // Sent even when the chosen record is the one already here: the server still holds the other side.
    await changes.db.syncOutbox.put({
      docId: args.docId,
      changeId: crypto.randomUUID(),
      at: changes.at,
      ...(found.losingRevs ? { discardRevs: found.losingRevs } : {}),
    });
  },
});
