import Dexie from 'dexie';
import { dequal } from 'dequal';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Threat } from '../../shared/domain/threat';
import type { WorkbenchDatabase } from './database';
import { replaceEntries } from './list-change';
import { followTable } from './table-follower';

/** Rows a first screen of the grid shows, with room to scroll a little. */
export const FIRST_PAGE_ROWS = 80;

export interface RegisterThreats {
  threats: Threat[] | undefined;
  /** False while only the first screen (the highest scores) is loaded and the rest is on its way. */
  complete: boolean;
  /** How many threats the register holds (known from the index before the rows are read). */
  total: number;
}

/**
 * Shows an edited threat (its derived fields worked out) in the list at once, before its write commits,
 * so the grid, the heat map and the save status change in the frame of the edit; answers the function
 * that takes it back should the write fail. The stored record replaces it when the write comes back.
 */
export type ShowEdit = (threat: Threat) => () => void;

/**
 * A register's threats, read from IndexedDB once and then kept current by following the committed
 * writes to the threats table: an edit reads back its one row instead of the whole register (on a
 * 10,000-row register a full read costs about a second, far too long to wait after every cell edit).
 * Only committed writes are seen, so an aborted write never shows.
 *
 * With `firstPage` (the grid in its default order, highest score first, unfiltered), the highest-scored
 * rows are read first through the [registerId+score] index and shown at once; reading and decoding the
 * whole register is what made a 10,000-row register take seconds to appear.
 */
export function useRegisterThreats(
  db: WorkbenchDatabase,
  registerId: string | undefined,
  firstPage = false,
): RegisterThreats & { showEdit: ShowEdit } {
  // Each state names the register it was read for: in the render after the register changes (and before
  // the effect below has started the new reads), the previous register's threats are not passed off as
  // this one's. Showing them made the view flash an empty register, mount, unmount and mount again.
  const [state, setRead] = useState<RegisterThreats & { for: string | undefined }>({
    for: undefined,
    threats: undefined,
    complete: false,
    total: 0,
  });
  const setState = (read: RegisterThreats) => setRead({ ...read, for: registerId });
  const setThreats = (threats: Threat[]) => setState({ threats, complete: true, total: threats.length });
  // The list being followed, and how to publish it now: what an edit shown before it is stored needs.
  const following = useRef<{ list: ThreatList; publishNow: () => void } | null>(null);

  useEffect(() => {
    if (!registerId) {
      setThreats([]);
      return;
    }
    setState({ threats: undefined, complete: false, total: 0 });
    let live = true;
    const list = new ThreatList();
    let frame = 0;
    let published: Threat[] | undefined;
    const publishNow = () => {
      const threats = list.publish();
      // The same version again (an edit shown first, then read back as shown) is not a new render.
      if (!live || threats === published) return;
      published = threats;
      setThreats(threats);
    };
    following.current = { list, publishNow };
    const publish = () => {
      if (!live || frame) return;
      // Writes that land together (a CSV import, an undo, quick edits) become one render.
      frame = requestAnimationFrame(() => {
        frame = 0;
        publishNow();
      });
    };
    let stopFollowing: () => void = () => undefined;
    // IndexedDB answers one read after another: the small first-screen reads go first, then the whole register.
    const firstScreen = async () => {
      const byScore = db.threats
        .where('[registerId+score]')
        .between([registerId, Dexie.minKey], [registerId, Dexie.maxKey]);
      const [top, total] = await Promise.all([
        byScore.clone().reverse().limit(FIRST_PAGE_ROWS).keys(),
        byScore.count(),
      ]);
      const lowest = (top.at(-1) as [string, number] | undefined)?.[1];
      let page: Threat[] = [];
      if (lowest !== undefined) {
        // The grid orders ties by id (stored order), but a reversed index walk gives tied rows in
        // descending id order: so the rows above the lowest score shown come from one read, and those
        // tied at it from an ascending read of just that score, the lowest ids first. No row then
        // moves when the whole register arrives, and no more than a screen of rows is read.
        const above = top.filter((key) => (key as unknown as [string, number])[1] > lowest).length;
        const [higher, tied] = await Promise.all([
          db.threats
            .where('[registerId+score]')
            .between([registerId, lowest], [registerId, Dexie.maxKey], false, true)
            .toArray(),
          db.threats
            .where('[registerId+score]')
            .equals([registerId, lowest])
            .limit(FIRST_PAGE_ROWS - above)
            .toArray(),
        ]);
        page = [...higher, ...tied].sort(
          (a, b) => (b.score ?? 0) - (a.score ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
      }
      if (live) setState({ threats: page, complete: false, total });
      // Let the first screen paint before decoding the rest, which takes the main thread for a while.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    };
    void (firstPage ? firstScreen() : Promise.resolve()).then(() => {
      if (!live) return;
      // The whole register, then every committed write by the keys it names (see followTable): an
      // edit reads back its one row. Not Dexie's table hooks: with a hook subscribed, Dexie calls it
      // for every record of a bulk write and turns clear() into a record-by-record delete, which made
      // restoring or merging a large workspace crawl while the register was open.
      let first = true;
      stopFollowing = followTable(db, 'threats', {
        async apply(work) {
          if (work === 'all') {
            list.reset(await db.threats.where('registerId').equals(registerId).toArray());
            return true;
          }
          const keys = [...work];
          const found = await db.threats.bulkGet(keys);
          let changed = false;
          found.forEach((threat, i) => {
            if (list.put(keys[i]!, threat?.registerId === registerId ? threat : undefined)) changed = true;
          });
          return changed;
        },
        settled() {
          if (!live) return;
          if (first) {
            first = false;
            publishNow();
          } else publish();
        },
        onError: (error) => console.error('The register could not follow its threats', error),
      });
    });

    return () => {
      live = false;
      if (following.current?.list === list) following.current = null;
      cancelAnimationFrame(frame);
      stopFollowing();
    };
    // firstPage only matters for the first read; a later change of arrangement needs no re-read.
  }, [db, registerId]);

  const showEdit = useCallback<ShowEdit>((threat) => {
    const shown = following.current;
    if (!shown?.list.show(threat)) return () => undefined;
    shown.publishNow();
    return () => {
      if (following.current === shown && shown.list.withdraw(threat.id)) shown.publishNow();
    };
  }, []);
  return { ...(state.for === registerId ? state : NOTHING_READ), showEdit };
}

const NOTHING_READ: RegisterThreats = { threats: undefined, complete: false, total: 0 };

/**
 * A register's threats in a stable order (as read, new ones at the end), published as a new array for
 * each version. A version in which threats were only edited is the previous array with those entries
 * replaced, and says so (list-change.ts): the grid's rows and the heat map then update those entries
 * alone. Threats added or removed rebuild the array.
 *
 * An edit can be shown before its transaction commits (`show`): the edited threat takes its entry at
 * once, and the stored record it replaced is kept until the write comes back through `put` (the stored
 * record, which then takes the entry) or the edit fails (`withdraw` puts the stored record back).
 */
export class ThreatList {
  private published: Threat[] = [];
  private positionOf = new Map<string, number>();
  /** Edited threats not yet published, by position. */
  private replaced = new Map<number, Threat>();
  /** Threats added or removed since the last version: the next one is rebuilt. */
  private byId: Map<string, Threat> | null = null;
  /** Edits shown before they are stored, by id: the stored record each replaced. */
  private shown = new Map<string, Threat>();

  reset(threats: Threat[]): void {
    this.byId = new Map(threats.map((t) => [t.id, t]));
    this.replaced.clear();
    this.shown.clear();
  }

  /** Puts a threat read back (undefined: gone, or no longer in this register); answers whether anything changed. */
  put(id: string, threat: Threat | undefined): boolean {
    this.shown.delete(id);
    return this.place(id, threat);
  }

  /** Shows an edit before it is stored; answers whether the threat is in the list to be shown. */
  show(threat: Threat): boolean {
    const current = this.current(threat.id);
    if (!current) return false;
    if (!this.shown.has(threat.id)) this.shown.set(threat.id, current);
    this.place(threat.id, threat);
    return true;
  }

  /** Takes back an edit shown by `show` that was not stored; answers whether anything changed. */
  withdraw(id: string): boolean {
    const stored = this.shown.get(id);
    if (!stored) return false;
    this.shown.delete(id);
    return this.place(id, stored);
  }

  publish(): Threat[] {
    if (this.byId) {
      this.published = [...this.byId.values()];
      this.positionOf = new Map(this.published.map((t, i) => [t.id, i]));
      this.byId = null;
    } else if (this.replaced.size > 0) {
      this.published = replaceEntries(this.published, this.replaced);
      this.replaced = new Map();
    }
    return this.published;
  }

  /** The threat the next version would hold under `id`. */
  private current(id: string): Threat | undefined {
    if (this.byId) return this.byId.get(id);
    const position = this.positionOf.get(id);
    if (position === undefined) return undefined;
    return this.replaced.get(position) ?? this.published[position];
  }

  private place(id: string, threat: Threat | undefined): boolean {
    // A record read back as it is already shown (an edit shown as its write stores it, stamp and
    // all) changes nothing: the grid and the heat map are left alone.
    const current = this.current(id);
    if (threat && current && dequal(current, threat)) return false;
    if (this.byId) {
      if (threat) this.byId.set(id, threat);
      else return this.byId.delete(id);
      return true;
    }
    const position = this.positionOf.get(id);
    if (threat && position !== undefined) {
      this.replaced.set(position, threat);
      return true;
    }
    if (!threat && position === undefined) return false;
    // Added or removed: from here on the list is rebuilt.
    const byId = new Map(this.published.map((t) => [t.id, t]));
    for (const [at, edited] of this.replaced) byId.set(this.published[at]!.id, edited);
    this.replaced.clear();
    this.byId = byId;
    return this.place(id, threat);
  }
}
