import { sourceTextIn, storeTextsThrough } from './source-text';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { DEMO_SEEDED_KEY } from '../../renderer/db/seed';
import { seedDemo, seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { updateThreat } from '../../renderer/workspace/commands/threats';
import type { WorkbenchApi } from '../../shared/ipc';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { sinceDemo } from './demo-database';
import { perform, workspaceOf } from './perform';

const tempFolder = useTempFolders();
const open: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function fresh(): Promise<{ db: WorkbenchDatabase; api: WorkbenchApi }> {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  open.push(db);
  const api = await realWorkbench(await tempFolder());
  return { db: storeTextsThrough(db, api), api };
}

describe('demo workspace seeding', () => {
  it('writes the demo on the first start only', async () => {
    const { db, api } = await fresh();
    expect(await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace())).toBe('seeded');
    expect(await db.sources.count()).toBe(1);
    expect(await db.threats.count()).toBe(12);
    expect(await db.countries.count()).toBe(11);
    expect(await db.actors.count()).toBeGreaterThanOrEqual(11);
    expect(await sourceTextIn(db, (await db.sources.toArray())[0]!.id)).toContain('Amu Darya');
    expect(await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace())).toBe('already-seeded');
    expect(await db.threats.count()).toBe(12);
  });

  it('does not bring the demo back after the analyst deletes it', async () => {
    const { db, api } = await fresh();
    await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
    await db.transaction('rw', db.sources, db.sourceTexts, db.threats, async () => {
      await db.sources.clear();
      await db.sourceTexts.clear();
      await db.threats.clear();
    });
    let loads = 0;
    const outcome = await seedDemoWorkspaceOnce(db, () => {
      loads++;
      return api.loadDemoWorkspace();
    });
    expect(outcome).toBe('already-seeded');
    expect(loads).toBe(0);
    expect(await db.sources.count()).toBe(0);
  });

  it('writes nothing when the demo cannot be loaded', async () => {
    const { db } = await fresh();
    await expect(seedDemoWorkspaceOnce(db, () => Promise.reject(new Error('main is away')))).rejects.toThrow(
      'main is away',
    );
    expect(await db.meta.get(DEMO_SEEDED_KEY)).toBeUndefined();
    expect(await db.threats.count()).toBe(0);
    expect(await db.revisions.count()).toBe(0);
  });

  it('records the demo’s creation in the history as one change, keeping its records’ own stamps, and is no step for Ctrl+Z', async () => {
    const { db, api } = await fresh();
    const demo = await api.loadDemoWorkspace();
    expect(await perform(db, seedDemo, demo)).toBe('seeded');
    const threat = (await db.threats.get(demo.threats[0]!.id))!;
    expect(threat).toMatchObject({ createdAt: demo.threats[0]!.createdAt, updatedAt: demo.threats[0]!.updatedAt });
    const created = await db.revisions.where('[entity+entityId]').equals(['threat', threat.id]).toArray();
    expect(created.map((r) => r.field).sort()).toEqual(Object.keys(threat).sort());
    expect(created.every((r) => r.op === 'create' && r.command === 'demo.seed' && !('before' in r))).toBe(true);
    const text = await db.revisions.where('[entity+entityId]').equals(['sourceText', demo.source.id]).toArray();
    // The history names the stored text; it does not hold a copy of the book.
    expect(text.find((r) => r.field === 'sha256')?.after).toMatch(/^[0-9a-f]{64}$/);
    expect(text.some((r) => r.field === 'text')).toBe(false);
    expect(await sourceTextIn(db, demo.source.id)).toBe(demo.sourceText.text);
    const all = await db.revisions.toArray();
    expect(new Set(all.map((r) => r.changeId)).size).toBe(1);
    expect(new Set(all.map((r) => r.entity))).toEqual(
      new Set(['source', 'sourceText', 'register', 'threat', 'actor', 'country', 'tag', 'annotation', 'meta']),
    );
    expect(workspaceOf(db).history().canUndo).toBe(false);
    // Seeded once: a second run writes nothing.
    expect(await perform(db, seedDemo, demo)).toBe('already-seeded');
    expect(await db.revisions.count()).toBe(all.length);
  });

  it('seeds once when two windows start together', async () => {
    const { db, api } = await fresh();
    const outcomes = await Promise.all([
      seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace()),
      seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace()),
    ]);
    expect(outcomes.sort()).toEqual(['already-seeded', 'seeded']);
    expect(await db.threats.count()).toBe(12);
  });
});

describe('threat edits', () => {
  it('records a revision per changed field and recomputes the score', async () => {
    const { db, api } = await fresh();
    await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
    const threat = (await db.threats.toArray())[0]!;
    const next = await perform(db, updateThreat, {
      id: threat.id,
      patch: { title: 'Renamed threat', likelihood: 1, impact: 2 },
      rationale: 'New UN report',
    });
    expect(next.score).toBe(2);
    expect((await db.threats.get(threat.id))?.title).toBe('Renamed threat');
    const history = await db.revisions
      .where('[entity+entityId]')
      .equals(['threat', threat.id])
      .filter(sinceDemo)
      .toArray();
    // The derived score and the stamp are changed fields too, recorded with the same rationale.
    expect(history.map((r) => [r.field, r.before, r.after, r.rationale]).sort()).toEqual(
      [
        ['impact', threat.impact, 2, 'New UN report'],
        ['likelihood', threat.likelihood, 1, 'New UN report'],
        ['score', threat.score, 2, 'New UN report'],
        ['title', threat.title, 'Renamed threat', 'New UN report'],
        ['updatedAt', threat.updatedAt, next.updatedAt, 'New UN report'],
      ].sort(),
    );
  });

  it('refuses an invalid edit and leaves the threat and its history as they were', async () => {
    const { db, api } = await fresh();
    await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
    const threat = (await db.threats.toArray())[0]!;
    await expect(perform(db, updateThreat, { id: threat.id, patch: { title: '' } })).rejects.toThrow();
    await expect(perform(db, updateThreat, { id: threat.id, patch: { likelihood: 0 } })).rejects.toThrow();
    expect(await db.threats.get(threat.id)).toEqual(threat);
    expect(await db.revisions.filter(sinceDemo).count()).toBe(0);
  });

  it('records nothing for an edit that changes nothing', async () => {
    const { db, api } = await fresh();
    await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
    const threat = (await db.threats.toArray())[0]!;
    await perform(db, updateThreat, { id: threat.id, patch: { title: threat.title } });
    expect(await db.revisions.filter(sinceDemo).count()).toBe(0);
  });
});
