// What a committed cell edit no longer sets going among its own frames: the rail's counts, i18next
// lookups of the same words on every render, and a cursor walk over the next threat's history.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db as appDb } from '../../renderer/db';
import { followCounts } from '../../renderer/db/table-counts';
import { columnLabel, valueLabel } from '../../renderer/features/register/columns';
import { EvidencePanel } from '../../renderer/features/register/EvidencePanel';
import { ThreatInspector } from '../../renderer/features/register/ThreatInspector';
import { i18n, t } from '../../renderer/i18n';
import { createThreat, updateThreat } from '../../renderer/workspace/commands/threats';
import { useDemoDatabases } from './demo-database';
import { perform } from './perform';

const demoDatabase = useDemoDatabases();
afterEach(cleanup);

/** A scheduler the test runs by hand: what the idle period would run. */
function byHand() {
  const waiting: (() => void)[] = [];
  const schedule = (work: () => void) => {
    waiting.push(work);
    return () => waiting.splice(waiting.indexOf(work) >>> 0, 1);
  };
  const runAll = async () => {
    for (const work of waiting.splice(0)) work();
    // The recount's reads.
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  return { schedule, waiting, runAll };
}

describe('the rail’s counts', () => {
  it('count the table a write touched, only when the scheduler lets them, and tell only a changed number', async () => {
    const db = await demoDatabase();
    const threatCount = vi.spyOn(db.table('threats'), 'count');
    const sourceCount = vi.spyOn(db.table('sources'), 'count');
    const heard: Record<string, number>[] = [];
    const idle = byHand();
    const stop = followCounts(db, ['threats', 'sources'], (counts) => heard.push({ ...counts }), idle.schedule);
    await waitFor(() => expect(heard).toHaveLength(1));
    const threats = await db.threats.count();
    expect(heard[0]).toEqual({ threats, sources: await db.sources.count() });
    threatCount.mockClear();
    sourceCount.mockClear();

    // An edit: nothing is counted until the idle period, then the threats alone, and the same number is not told.
    const edited = (await db.threats.toCollection().first())!;
    await perform(db, updateThreat, { id: edited.id, patch: { title: 'Renamed in the grid' } });
    expect(idle.waiting).toHaveLength(1);
    expect(threatCount).not.toHaveBeenCalled();
    await idle.runAll();
    expect(threatCount).toHaveBeenCalledTimes(1);
    expect(sourceCount).not.toHaveBeenCalled();
    expect(heard).toHaveLength(1);

    // A new threat changes the number: told once counted.
    await perform(db, createThreat, { registerId: edited.registerId });
    expect(heard).toHaveLength(1);
    await idle.runAll();
    expect(heard.at(-1)).toEqual({ ...heard[0], threats: threats + 1 });
    stop();
  });
});

describe('words without values', () => {
  it('are looked up once per language, and again after a switch', async () => {
    const lookup = vi.spyOn(i18n, 't');
    const before = i18n.language;
    try {
      await i18n.changeLanguage('en');
      lookup.mockClear();
      const first = [columnLabel('likelihood'), valueLabel('status', 'open'), t('register.notRated')];
      const asked = lookup.mock.calls.length;
      expect([columnLabel('likelihood'), valueLabel('status', 'open'), t('register.notRated')]).toEqual(first);
      expect(lookup.mock.calls.length).toBe(asked);
      await i18n.changeLanguage('ru');
      expect(columnLabel('likelihood')).toBe(i18n.getFixedT('ru')('register.columns.likelihood'));
      expect(columnLabel('likelihood')).not.toBe(first[0]);
    } finally {
      await i18n.changeLanguage(before);
      lookup.mockRestore();
    }
  });
});

/** The demo workspace in the app's database, which the inspector's panels read. */
async function demoInAppDatabase() {
  const db = appDb;
  await db.transaction('rw', db.workspaceTables, () => Promise.all(db.workspaceTables.map((t) => t.clear())));
  const source = await demoDatabase();
  const records = await Promise.all(source.workspaceTables.map((table) => table.toArray()));
  await db.transaction('rw', db.workspaceTables, async () => {
    for (const [i, table] of source.workspaceTables.entries()) await db.table(table.name).bulkAdd(records[i]!);
  });
  return db;
}

describe('the evidence panel', () => {
  it('queries for passages to link only once a search is typed', async () => {
    const db = await demoInAppDatabase();
    const threat = (await db.threats.toCollection().first())!;
    const queries = vi.spyOn(Dexie, 'liveQuery');
    try {
      render(<EvidencePanel threat={threat} />);
      const box = await screen.findByRole('searchbox');
      // The threat's passages and the sources they cite: no query for an empty search box.
      expect(queries).toHaveBeenCalledTimes(2);
      fireEvent.change(box, { target: { value: 'water' } });
      await waitFor(() => expect(queries).toHaveBeenCalledTimes(3));
    } finally {
      queries.mockRestore();
    }
  });
});

describe('a threat’s history in the inspector', () => {
  it('is read in one request, not walked record by record', async () => {
    const db = await demoInAppDatabase();
    const threat = (await db.threats.toCollection().first())!;
    const register = (await db.registers.get(threat.registerId))!;
    const cursors = vi.spyOn(IDBIndex.prototype, 'openCursor');
    try {
      render(<ThreatInspector threat={threat} register={register} />);
      await waitFor(() => expect(screen.getByText(i18n.t('register.inspector.noHistory'))).toBeTruthy());
      expect(cursors).not.toHaveBeenCalled();
    } finally {
      cursors.mockRestore();
    }
  });
});
