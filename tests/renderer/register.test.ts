import { describe, expect, it } from 'vitest';
import { addThreat, createRegister, deleteThreats, duplicateRegister, restoreThreats, setEvidence, updateRegister } from '../../renderer/db/registers';
import { updateThreat } from '../../renderer/db/threats';
import { useWorkbench } from '../../renderer/stores';
import { sinceDemo, useDemoDatabases } from './demo-database';

const demoDatabase = useDemoDatabases();

async function demo() {
  const db = await demoDatabase();
  const register = (await db.registers.toArray())[0]!;
  return { db, register };
}

describe('registers', () => {
  it('refuse a scale that would leave ratings outside it, and bands that do not fit', async () => {
    const { db, register } = await demo();
    await expect(updateRegister(db, register.id, { scale: { levels: 4, bands: { medium: 3, high: 6, critical: 12 } } })).rejects.toThrow(/rated above 4/);
    await expect(updateRegister(db, register.id, { scale: { levels: 5, bands: { medium: 4, high: 8, critical: 30 } } })).rejects.toThrow(/above the highest score/);
    const fresh = await createRegister(db, 'Water');
    const { after } = await updateRegister(db, fresh.id, { scale: { levels: 4, bands: { medium: 3, high: 6, critical: 12 } } });
    expect(after.scale.levels).toBe(4);
    const threat = await addThreat(db, after);
    expect([threat.likelihood, threat.impact, threat.score]).toEqual([2, 2, 4]);
  });

  it('duplicate with their threats, and the copies keep their evidence', async () => {
    const { db, register } = await demo();
    const copy = await duplicateRegister(db, register.id);
    const originals = await db.threats.where('registerId').equals(register.id).toArray();
    const copies = await db.threats.where('registerId').equals(copy.id).toArray();
    expect(copies).toHaveLength(originals.length);
    const kosh = originals.find((t) => t.title.startsWith('Kosh-Tepa'))!;
    const koshCopy = copies.find((t) => t.title === kosh.title)!;
    expect(await db.annotations.where('threatIds').equals(koshCopy.id).count()).toBe(await db.annotations.where('threatIds').equals(kosh.id).count());
  });

  it('duplicate with the per-country ratings of their threats, leaving the originals’ untouched', async () => {
    const { db, register } = await demo();
    const kosh = (await db.threats.where('registerId').equals(register.id).toArray()).find((t) => t.title.startsWith('Kosh-Tepa'))!;
    const at = new Date().toISOString();
    await db.exposureOverrides.add({ id: `TM:${kosh.id}`, countryCode: 'TM', threatId: kosh.id, likelihood: 5, impact: 5, rationale: 'Turkmenistan depends on the Amu Darya most.', createdAt: at, updatedAt: at });
    const copy = await duplicateRegister(db, register.id);
    const koshCopy = (await db.threats.where('registerId').equals(copy.id).toArray()).find((t) => t.title === kosh.title)!;
    expect(await db.exposureOverrides.get(`TM:${koshCopy.id}`)).toMatchObject({ countryCode: 'TM', threatId: koshCopy.id, likelihood: 5, impact: 5, rationale: 'Turkmenistan depends on the Amu Darya most.' });
    expect(await db.exposureOverrides.get(`TM:${kosh.id}`)).toMatchObject({ threatId: kosh.id });
    expect(await db.exposureOverrides.count()).toBe(2);
  });

  it('delete threats with their links to passages and their per-country ratings, and restore all exactly', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray())[0]!;
    const linked = await db.annotations.where('threatIds').equals(threat.id).toArray();
    expect(linked.length).toBeGreaterThan(0);
    const at = new Date().toISOString();
    const override = { id: `KZ:${threat.id}`, countryCode: 'KZ', threatId: threat.id, likelihood: 1, impact: 2, rationale: 'No shared border.', createdAt: at, updatedAt: at };
    await db.exposureOverrides.add(override);
    const saved = await deleteThreats(db, [threat.id]);
    expect(await db.threats.get(threat.id)).toBeUndefined();
    expect(await db.annotations.where('threatIds').equals(threat.id).count()).toBe(0);
    expect(await db.exposureOverrides.count()).toBe(0);
    await restoreThreats(db, saved);
    expect(await db.threats.get(threat.id)).toEqual(threat);
    expect(await db.annotations.where('threatIds').equals(threat.id).toArray()).toEqual(linked);
    expect(await db.exposureOverrides.get(override.id)).toEqual(override);
  });

  it('link and unlink evidence, recording the change', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray()).find((t) => t.title.startsWith('Kosh-Tepa'))!;
    const other = (await db.annotations.toArray()).find((a) => !a.threatIds.includes(threat.id))!;
    await setEvidence(db, other.id, threat.id, true);
    expect((await db.annotations.get(other.id))!.threatIds).toContain(threat.id);
    await setEvidence(db, other.id, threat.id, false);
    expect((await db.annotations.get(other.id))!.threatIds).not.toContain(threat.id);
    expect(await db.revisions.where('[entity+entityId]').equals(['annotation', other.id]).filter(sinceDemo).count()).toBe(2);
  });
});

describe('history and undo', () => {
  it('every change is a revision; undo and redo go through the same recorded path', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray())[0]!;
    const store = useWorkbench.getState();
    const patch = { likelihood: 1, title: 'Renamed' };
    await updateThreat(db, threat.id, patch, 'New evidence');
    store.recordUndo({ label: 'edit', undo: () => updateThreat(db, threat.id, { likelihood: threat.likelihood, title: threat.title }), redo: () => updateThreat(db, threat.id, patch, 'New evidence') });
    await useWorkbench.getState().undo();
    expect(await db.threats.get(threat.id)).toMatchObject({ likelihood: threat.likelihood, title: threat.title, score: threat.score });
    await useWorkbench.getState().redo();
    expect(await db.threats.get(threat.id)).toMatchObject({ likelihood: 1, title: 'Renamed', score: threat.impact });
    const history = await db.revisions.where('[entity+entityId]').equals(['threat', threat.id]).filter(sinceDemo).toArray();
    // Edit, undo, redo: three changes of each field, in that order of values (instants may tie within a millisecond).
    const values = (field: string) => history.filter((r) => r.field === field).map((r) => JSON.stringify([r.before, r.after])).sort();
    expect(values('likelihood')).toEqual([[threat.likelihood, 1], [1, threat.likelihood], [threat.likelihood, 1]].map((v) => JSON.stringify(v)).sort());
    expect(values('title')).toEqual([[threat.title, 'Renamed'], ['Renamed', threat.title], [threat.title, 'Renamed']].map((v) => JSON.stringify(v)).sort());
    expect(history.filter((r) => r.rationale === 'New evidence')).toHaveLength(4);
    expect(useWorkbench.getState().undoStack).toHaveLength(1);
    expect(useWorkbench.getState().redoStack).toHaveLength(0);
  });
});

describe('useRegisterThreats', () => {
  it('shows the highest-scored screen of rows first, with the register’s size, then every row in the same tie order', async () => {
    const { renderHook, waitFor } = await import('@testing-library/react');
    const { useRegisterThreats, FIRST_PAGE_ROWS } = await import('../../renderer/db/useRegisterThreats');
    const { db, register } = await demo();
    const base = (await db.threats.where('registerId').equals(register.id).toArray())[0]!;
    const many = Array.from({ length: 300 }, (_, i) => ({ ...base, id: crypto.randomUUID(), title: `Threat ${i}`, likelihood: 1 + (i % 5), impact: 1 + ((i * 7) % 5), score: (1 + (i % 5)) * (1 + ((i * 7) % 5)) }));
    await db.threats.bulkPut(many);
    const total = await db.threats.where('registerId').equals(register.id).count();
    const seen: { complete: boolean; count: number; total: number; ids: string[] }[] = [];
    const { result } = renderHook(() => {
      const state = useRegisterThreats(db, register.id, true);
      if (state.threats) seen.push({ complete: state.complete, count: state.threats.length, total: state.total, ids: state.threats.map((t) => t.id) });
      return state;
    });
    await waitFor(() => expect(result.current.complete).toBe(true));
    const first = seen[0]!;
    expect(first.complete).toBe(false);
    expect(first.total).toBe(total);
    // Exactly a screen of rows is read, however many threats share the lowest score shown.
    expect(first.count).toBe(FIRST_PAGE_ROWS);
    expect(first.count).toBeLessThan(total);
    expect(result.current.threats).toHaveLength(total);
    // The first page is exactly the top of the whole register as the grid orders it (score, then stored order).
    const ordered = result.current.threats!.map((t, index) => ({ t, index })).sort((a, b) => b.t.score - a.t.score || a.index - b.index);
    const partial = [...first.ids].map((id) => result.current.threats!.find((t) => t.id === id)!).sort((a, b) => b.score - a.score);
    expect(ordered.slice(0, first.count).map((o) => o.t.id)).toEqual(first.ids);
    expect(partial.at(-1)!.score).toBeGreaterThanOrEqual(ordered[first.count]!.t.score);
  });
});

describe('useRegisterThreats follows committed writes', () => {
  it('shows an edit, an added and a deleted threat, a bulk write, and ignores other registers', async () => {
    const { renderHook, waitFor } = await import('@testing-library/react');
    const { useRegisterThreats } = await import('../../renderer/db/useRegisterThreats');
    const { db, register } = await demo();
    const { result } = renderHook(() => useRegisterThreats(db, register.id));
    await waitFor(() => expect(result.current.complete).toBe(true));
    const initial = result.current.threats!.length;
    const target = result.current.threats![0]!;
    const titleOf = (id: string) => result.current.threats!.find((t) => t.id === id)?.title;

    await updateThreat(db, target.id, { title: 'Renamed while the grid is open' });
    await waitFor(() => expect(titleOf(target.id)).toBe('Renamed while the grid is open'));

    const added = await addThreat(db, register);
    await waitFor(() => expect(result.current.threats).toHaveLength(initial + 1));
    await deleteThreats(db, [added.id]);
    await waitFor(() => expect(result.current.threats).toHaveLength(initial));

    // A write naming more keys than are worth following is answered by reading the register again.
    const many = Array.from({ length: 250 }, (_, i) => ({ ...target, id: crypto.randomUUID(), title: `Bulk ${i}` }));
    await db.threats.bulkPut(many);
    await waitFor(() => expect(result.current.threats).toHaveLength(initial + 250));

    const other = await createRegister(db, 'Another register');
    await addThreat(db, other);
    await updateThreat(db, target.id, { title: 'Last edit' });
    await waitFor(() => expect(titleOf(target.id)).toBe('Last edit'));
    expect(result.current.threats).toHaveLength(initial + 250);
  });
});
