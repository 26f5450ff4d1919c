import { useEffect, useState } from 'react';
import type { Threat } from '../../shared/domain/threat';
import type { WorkbenchDatabase } from './database';

/**
 * A register's threats, read from IndexedDB once and then kept current from the table's hooks: an edit
 * changes one row in memory instead of re-reading the whole register (on a 10,000-row register a full
 * read costs about a second, far too long to wait after every cell edit). Changes are applied when
 * their transaction commits, so an aborted write never shows.
 */
export function useRegisterThreats(db: WorkbenchDatabase, registerId: string | undefined): Threat[] | undefined {
  const [threats, setThreats] = useState<Threat[] | undefined>(undefined);

  useEffect(() => {
    if (!registerId) {
      setThreats([]);
      return;
    }
    let live = true;
    let rows = new Map<string, Threat>();
    let loaded = false;
    const pending: (() => void)[] = [];
    let frame = 0;
    const publish = () => {
      if (!live || frame) return;
      // Several rows changed in one transaction (a CSV import, an undo) become one render.
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (live) setThreats([...rows.values()]);
      });
    };
    const apply = (change: () => void) => {
      if (loaded) {
        change();
        publish();
      } else pending.push(change);
    };
    const afterCommit = (transaction: { on: (event: 'complete', fn: () => void) => void }, change: () => void) => transaction.on('complete', () => apply(change));

    function creating(this: unknown, _key: unknown, obj: Threat, transaction: Parameters<typeof afterCommit>[0]) {
      if (obj.registerId === registerId) afterCommit(transaction, () => rows.set(obj.id, obj));
    }
    function updating(this: { onsuccess?: (updated: Threat) => void }, _mods: unknown, key: unknown, _obj: Threat, transaction: Parameters<typeof afterCommit>[0]) {
      this.onsuccess = (updated) =>
        afterCommit(transaction, () => {
          if (updated.registerId === registerId) rows.set(String(key), updated);
          else rows.delete(String(key));
        });
    }
    function deleting(this: unknown, key: unknown, _obj: Threat, transaction: Parameters<typeof afterCommit>[0]) {
      afterCommit(transaction, () => rows.delete(String(key)));
    }
    db.threats.hook('creating', creating as never);
    db.threats.hook('updating', updating as never);
    db.threats.hook('deleting', deleting as never);

    void db.threats
      .where('registerId')
      .equals(registerId)
      .toArray()
      .then((list) => {
        rows = new Map(list.map((t) => [t.id, t]));
        loaded = true;
        for (const change of pending.splice(0)) change();
        if (live) setThreats([...rows.values()]);
      });

    return () => {
      live = false;
      cancelAnimationFrame(frame);
      db.threats.hook('creating').unsubscribe(creating as never);
      db.threats.hook('updating').unsubscribe(updating as never);
      db.threats.hook('deleting').unsubscribe(deleting as never);
    };
  }, [db, registerId]);

  return threats;
}
