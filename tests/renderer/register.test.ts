import { describe, expect, it } from 'vitest';
import type { WorkbenchDatabase } from '../../renderer/db/database';
import type { Threat } from '../../shared/domain/threat';
import { threatHistory } from '../../renderer/features/register/threat-history';
import { CommandFailed } from '../../renderer/workspace';
import { createRegister, duplicateRegister, updateRegister } from '../../renderer/workspace/commands/registers';
import {
  createThreat,
  deleteThreats,
  duplicateThreat,
  importCsv,
  linkEvidence,
  rateThreat,
  updateThreat,
} from '../../renderer/workspace/commands/threats';
import { deleteView, saveView } from '../../renderer/workspace/commands/views';
import { guessMapping, parseCsv, validateRows } from '../../shared/interop/register-csv';
import { sinceDemo, useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demoDatabase = useDemoDatabases();

async function demo() {
  const db = await demoDatabase();
  const register = (await db.registers.toArray())[0]!;
  return { db, register };
}

/** Every table a register's commands touch, to compare the workspace before and after. */
async function everything(db: WorkbenchDatabase) {
  return {
    registers: await db.registers.toArray(),
    threats: await db.threats.toArray(),
    annotations: await db.annotations.toArray(),
    exposureOverrides: await db.exposureOverrides.toArray(),
    views: await db.views.toArray(),
  };
}

const historyOf = (db: WorkbenchDatabase, id: string) =>
  db.revisions.where('[entity+entityId]').equals(['threat', id]).filter(sinceDemo).toArray();

describe('registers', () => {
  it('refuse a scale that would leave ratings outside it, and bands that do not fit', async () => {
    const { db, register } = await demo();
    await expect(
      perform(db, updateRegister, {
        id: register.id,
        patch: { scale: { levels: 4, bands: { medium: 3, high: 6, critical: 12 } } },
      }),
    ).rejects.toThrow(/rated above 4/);
    await expect(
      perform(db, updateRegister, {
        id: register.id,
        patch: { scale: { levels: 5, bands: { medium: 4, high: 8, critical: 30 } } },
      }),
    ).rejects.toThrow(/above the highest score/);
    const fresh = await perform(db, createRegister, { name: 'Water' });
    const after = await perform(db, updateRegister, {
      id: fresh.id,
      patch: { scale: { levels: 4, bands: { medium: 3, high: 6, critical: 12 } } },
    });
    expect(after.scale.levels).toBe(4);
    const threat = await perform(db, createThreat, { registerId: after.id });
    const rated = await perform(db, rateThreat, { id: threat.id, likelihood: 2, impact: 2 });
    expect([rated.likelihood, rated.impact, rated.score]).toEqual([2, 2, 4]);
  });

  it('duplicate with their threats, and the copies keep their evidence', async () => {
    const { db, register } = await demo();
    const copy = await perform(db, duplicateRegister, { id: register.id });
    const originals = await db.threats.where('registerId').equals(register.id).toArray();
    const copies = await db.threats.where('registerId').equals(copy.id).toArray();
    expect(copies).toHaveLength(originals.length);
    const kosh = originals.find((t) => t.title.startsWith('Kosh-Tepa'))!;
    const koshCopy = copies.find((t) => t.title === kosh.title)!;
    expect(await db.annotations.where('threatIds').equals(koshCopy.id).count()).toBe(
      await db.annotations.where('threatIds').equals(kosh.id).count(),
    );
  });

  it('duplicate with the per-country ratings of their threats, leaving the originals’ untouched', async () => {
    const { db, register } = await demo();
    const kosh = (await db.threats.where('registerId').equals(register.id).toArray()).find((t) =>
      t.title.startsWith('Kosh-Tepa'),
    )!;
    const at = new Date().toISOString();
    await db.exposureOverrides.add({
      id: `TM:${kosh.id}`,
      countryCode: 'TM',
      threatId: kosh.id,
      likelihood: 5,
      impact: 5,
      rationale: 'Turkmenistan depends on the Amu Darya most.',
      createdAt: at,
      updatedAt: at,
    });
    const copy = await perform(db, duplicateRegister, { id: register.id });
    const koshCopy = (await db.threats.where('registerId').equals(copy.id).toArray()).find(
      (t) => t.title === kosh.title,
    )!;
    expect(await db.exposureOverrides.get(`TM:${koshCopy.id}`)).toMatchObject({
      countryCode: 'TM',
      threatId: koshCopy.id,
      likelihood: 5,
      impact: 5,
      rationale: 'Turkmenistan depends on the Amu Darya most.',
    });
    expect(await db.exposureOverrides.get(`TM:${kosh.id}`)).toMatchObject({ threatId: kosh.id });
    expect(await db.exposureOverrides.count()).toBe(2);
  });

  it('a duplicated register is one step: undo takes the register, its threats and the passages’ links back exactly; redo brings them again', async () => {
    const { db, register } = await demo();
    const before = await everything(db);
    const copy = await perform(db, duplicateRegister, { id: register.id });
    const after = await everything(db);
    expect(workspaceOf(db).history().undoLabel).toBe(`duplicate the register as “${copy.name}”`);
    await workspaceOf(db).undo();
    expect(await everything(db)).toEqual(before);
    await workspaceOf(db).redo();
    expect(await everything(db)).toEqual(after);
  });

  it('archive and restore, recorded and undoable', async () => {
    const { db, register } = await demo();
    const archived = await perform(db, updateRegister, { id: register.id, patch: { archived: true } });
    expect(archived.archived).toBe(true);
    expect(workspaceOf(db).history().undoLabel).toBe(`archive the register “${register.name}”`);
    const revisions = await db.revisions.where('[entity+entityId]').equals(['register', register.id]).toArray();
    expect(revisions.map((r) => [r.field, r.before, r.after])).toContainEqual(['archived', false, true]);
    await workspaceOf(db).undo();
    expect(await db.registers.get(register.id)).toEqual(register);
    await workspaceOf(db).redo();
    expect((await db.registers.get(register.id))!.archived).toBe(true);
    await expect(perform(db, updateRegister, { id: register.id, patch: { name: '  ' } })).rejects.toThrow(
      'A register needs a name.',
    );
  });

  it('delete threats with their links to passages and their per-country ratings, and undo restores all exactly', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray())[0]!;
    const linked = await db.annotations.where('threatIds').equals(threat.id).toArray();
    expect(linked.length).toBeGreaterThan(0);
    const at = new Date().toISOString();
    const override = {
      id: `KZ:${threat.id}`,
      countryCode: 'KZ',
      threatId: threat.id,
      likelihood: 1,
      impact: 2,
      rationale: 'No shared border.',
      createdAt: at,
      updatedAt: at,
    };
    await db.exposureOverrides.add(override);
    const removed = await perform(db, deleteThreats, { ids: [threat.id] });
    expect(removed).toEqual([threat]);
    expect(workspaceOf(db).history().undoLabel).toBe(`delete “${threat.title}”`);
    expect(await db.threats.get(threat.id)).toBeUndefined();
    expect(await db.annotations.where('threatIds').equals(threat.id).count()).toBe(0);
    expect(await db.exposureOverrides.count()).toBe(0);
    const deletion = await historyOf(db, threat.id);
    expect(deletion.every((r) => r.op === 'delete' && r.command === 'threats.delete')).toBe(true);
    await workspaceOf(db).undo();
    expect(await db.threats.get(threat.id)).toEqual(threat);
    expect(await db.annotations.where('threatIds').equals(threat.id).toArray()).toEqual(linked);
    expect(await db.exposureOverrides.get(override.id)).toEqual(override);
    await workspaceOf(db).redo();
    expect(await db.threats.get(threat.id)).toBeUndefined();
    expect(await db.exposureOverrides.count()).toBe(0);
  });

  it('link and unlink evidence, recording the change', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray()).find((t) =>
      t.title.startsWith('Kosh-Tepa'),
    )!;
    const other = (await db.annotations.toArray()).find((a) => !a.threatIds.includes(threat.id))!;
    await perform(db, linkEvidence, { annotationId: other.id, threatId: threat.id, linked: true });
    expect((await db.annotations.get(other.id))!.threatIds).toContain(threat.id);
    await perform(db, linkEvidence, { annotationId: other.id, threatId: threat.id, linked: false });
    expect((await db.annotations.get(other.id))!.threatIds).not.toContain(threat.id);
    const revisions = await db.revisions
      .where('[entity+entityId]')
      .equals(['annotation', other.id])
      .filter(sinceDemo)
      .toArray();
    // Each change writes the field it changed and the stamp.
    expect(revisions.filter((r) => r.field === 'threatIds')).toHaveLength(2);
    expect(revisions.map((r) => r.field).sort()).toEqual(['threatIds', 'threatIds', 'updatedAt', 'updatedAt']);
    await workspaceOf(db).undo();
    expect((await db.annotations.get(other.id))!.threatIds).toContain(threat.id);
  });
});

describe('threats', () => {
  it('add and duplicate, each one undoable step; undo and redo return the exact records', async () => {
    const { db, register } = await demo();
    const before = await db.threats.toArray();
    const added = await perform(db, createThreat, { registerId: register.id });
    expect(added).toMatchObject({ title: 'New threat', registerId: register.id });
    const created = await historyOf(db, added.id);
    expect(created.map((r) => r.field).sort()).toEqual(Object.keys(added).sort());
    expect(created.every((r) => r.op === 'create' && r.command === 'threats.create')).toBe(true);

    const original = before.find((t) => t.title.startsWith('Kosh-Tepa'))!;
    const copy = await perform(db, duplicateThreat, { id: original.id });
    expect(copy).toMatchObject({
      title: `${original.title} (copy)`,
      likelihood: original.likelihood,
      impact: original.impact,
      score: original.score,
    });
    expect(copy.id).not.toBe(original.id);
    expect(workspaceOf(db).history().undoLabel).toBe(`duplicate “${original.title}”`);
    const withBoth = await db.threats.toArray();

    await workspaceOf(db).undo();
    expect(await db.threats.get(copy.id)).toBeUndefined();
    await workspaceOf(db).undo();
    expect(await db.threats.toArray()).toEqual(before);
    await workspaceOf(db).redo();
    await workspaceOf(db).redo();
    expect(await db.threats.toArray()).toEqual(withBoth);
  });

  it('rate: the score follows, and the likelihood and impact revisions carry the rationale', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray()).find((t) =>
      t.title.startsWith('Kosh-Tepa'),
    )!;
    const rated = await perform(db, rateThreat, {
      id: threat.id,
      likelihood: 5,
      impact: 3,
      rationale: '  Uzbek flow data for 2025  ',
    });
    expect(rated).toMatchObject({ likelihood: 5, impact: 3, score: 15 });
    expect(workspaceOf(db).history().undoLabel).toBe(`rate “${threat.title}”`);
    const history = await historyOf(db, threat.id);
    expect(history.map((r) => [r.field, r.before, r.after, r.rationale, r.command]).sort()).toEqual(
      [
        ['impact', threat.impact, 3, 'Uzbek flow data for 2025', 'threats.rate'],
        ['likelihood', threat.likelihood, 5, 'Uzbek flow data for 2025', 'threats.rate'],
        ['score', threat.score, 15, 'Uzbek flow data for 2025', 'threats.rate'],
        ['updatedAt', threat.updatedAt, rated.updatedAt, 'Uzbek flow data for 2025', 'threats.rate'],
      ].sort(),
    );
    // A rating off the register's scale is refused and changes nothing.
    await expect(perform(db, rateThreat, { id: threat.id, likelihood: 6 })).rejects.toBeInstanceOf(CommandFailed);
    expect(await db.threats.get(threat.id)).toEqual(rated);
    await workspaceOf(db).undo();
    expect(await db.threats.get(threat.id)).toEqual(threat);
  });
});

describe('history and undo', () => {
  it('every change is a revision; undo and redo go through the same recorded path', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).toArray())[0]!;
    const patch = { likelihood: 1, title: 'Renamed' };
    await perform(db, updateThreat, { id: threat.id, patch, rationale: 'New evidence' });
    await workspaceOf(db).undo();
    expect(await db.threats.get(threat.id)).toEqual(threat);
    await workspaceOf(db).redo();
    expect(await db.threats.get(threat.id)).toMatchObject({ likelihood: 1, title: 'Renamed', score: threat.impact });
    const history = await historyOf(db, threat.id);
    // Edit, undo, redo: three changes of each field, in that order of values (instants may tie within a millisecond).
    const values = (field: string) =>
      history
        .filter((r) => r.field === field)
        .map((r) => JSON.stringify([r.before, r.after]))
        .sort();
    expect(values('likelihood')).toEqual(
      [
        [threat.likelihood, 1],
        [1, threat.likelihood],
        [threat.likelihood, 1],
      ]
        .map((v) => JSON.stringify(v))
        .sort(),
    );
    expect(values('title')).toEqual(
      [
        [threat.title, 'Renamed'],
        ['Renamed', threat.title],
        [threat.title, 'Renamed'],
      ]
        .map((v) => JSON.stringify(v))
        .sort(),
    );
    // The edit's own revisions (likelihood, title, score, stamp) carry its rationale; the undo's and redo's say what they took back.
    expect(history.filter((r) => r.rationale === 'New evidence')).toHaveLength(4);
    expect(history.filter((r) => r.rationale === `Undone: edit “Renamed”`)).toHaveLength(4);
    expect(history.filter((r) => r.rationale === `Redone: edit “Renamed”`)).toHaveLength(4);
    expect(workspaceOf(db).history()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'edit “Renamed”' });
  });

  it('the inspector’s history: one line for a creation, fields without the stamp, undo with what it took back', async () => {
    const { db, register } = await demo();
    const threat = await perform(db, createThreat, {
      registerId: register.id,
      fields: { likelihood: 3, impact: 3 },
    });
    await perform(db, rateThreat, { id: threat.id, likelihood: 4, rationale: 'Border incidents' });
    await workspaceOf(db).undo();
    const entries = threatHistory(await historyOf(db, threat.id));
    expect(
      entries.map((e) => [
        e.headline,
        e.rationale,
        e.fields.map((f) => `${f.label} ${String(f.before)} → ${String(f.after)}`),
      ]),
    ).toEqual([
      [`Undone: rate “New threat”`, undefined, ['Likelihood 4 → 3', 'Score 12 → 9']],
      [undefined, 'Border incidents', ['Likelihood 3 → 4', 'Score 9 → 12']],
      ['Created', undefined, []],
    ]);
  });
});

describe('saved views', () => {
  it('save (a name saves over the view of that name), delete, and undo the delete', async () => {
    const { db, register } = await demo();
    const first = await perform(db, saveView, {
      registerId: register.id,
      name: ' By score ',
      state: { sorting: [{ id: 'score', desc: true }] },
    });
    expect(first.name).toBe('By score');
    const again = await perform(db, saveView, {
      registerId: register.id,
      name: 'By score',
      state: { grouping: ['category'] },
    });
    expect(again.id).toBe(first.id);
    expect(await db.views.count()).toBe(1);
    expect((await db.views.get(first.id))!.state).toEqual({ grouping: ['category'] });
    await perform(db, deleteView, { id: first.id });
    expect(await db.views.count()).toBe(0);
    await workspaceOf(db).undo();
    expect(await db.views.get(first.id)).toEqual(again);
    await expect(perform(db, saveView, { registerId: register.id, name: '  ', state: {} })).rejects.toThrow(
      /needs a name/,
    );
  });
});

describe('CSV import', () => {
  /** The dialog's work up to "Import": parse, guess the mapping, validate. */
  async function drafts(db: WorkbenchDatabase, registerId: string, csv: string) {
    const register = (await db.registers.get(registerId))!;
    const actors = await db.actors.toArray();
    const countryCodes = (await db.countries.toArray()).map((c) => c.code);
    const parsed = parseCsv(csv);
    const validation = validateRows(parsed, guessMapping(parsed.headers), {
      actors,
      countryCodes,
      scale: register.scale,
    });
    expect(validation.report).toEqual([]);
    return { drafts: validation.drafts.map((d) => d.draft), mappedFields: validation.mappedFields };
  }

  it('a file changing a likelihood 3 → 4 writes a likelihood revision with “Imported from x.csv: …”, and one undo takes the whole import back', async () => {
    const { db, register } = await demo();
    const drugs = (await db.threats.where('registerId').equals(register.id).toArray()).find((t) =>
      t.title.startsWith('Resumption of drug trafficking'),
    )!;
    expect(drugs.likelihood).toBe(3);
    const csv = [
      'id,title,likelihood,impact,category',
      `${drugs.id},${drugs.title},4,${drugs.impact},${drugs.category}`,
      ',Heroin price collapse in Dushanbe,3,2,narcotics',
    ].join('\n');
    const before = await everything(db);
    const args = { registerId: register.id, fileName: 'x.csv', ...(await drafts(db, register.id, csv)) };

    // Without the analyst's reason the rating change is refused, and nothing is written.
    await expect(perform(db, importCsv, args)).rejects.toThrow(/changes 1 rating .*likelihood 3 → 4.*Say why/);
    expect(await everything(db)).toEqual(before);
    expect(await db.revisions.filter(sinceDemo).count()).toBe(0);

    const result = await perform(db, importCsv, { ...args, rationale: 'Seizure reports from the desk' });
    expect(result).toMatchObject({ added: 1, updated: 1 });
    expect(await db.threats.get(drugs.id)).toMatchObject({
      likelihood: 4,
      score: 4 * drugs.impact!,
      title: drugs.title,
    });
    const history = await historyOf(db, drugs.id);
    expect(history.find((r) => r.field === 'likelihood')).toMatchObject({
      before: 3,
      after: 4,
      rationale: 'Imported from x.csv: Seizure reports from the desk',
      command: 'threats.importCsv',
    });
    const all = await db.revisions.filter(sinceDemo).toArray();
    expect(all.every((r) => r.rationale === 'Imported from x.csv: Seizure reports from the desk')).toBe(true);
    expect(new Set(all.map((r) => r.changeId)).size).toBe(1);
    const added = (await db.threats.where('registerId').equals(register.id).toArray()).find(
      (t) => t.title === 'Heroin price collapse in Dushanbe',
    )!;
    expect(added.score).toBe(6);
    expect(threatHistory(history)[0]).toMatchObject({
      rationale: 'Imported from x.csv: Seizure reports from the desk',
      fields: [{ label: 'Likelihood', before: 3, after: 4 }, { label: 'Score' }],
    });
    const after = await everything(db);

    expect(workspaceOf(db).history().undoLabel).toBe('import “x.csv”');
    await workspaceOf(db).undo();
    expect(await everything(db)).toEqual(before);
    await workspaceOf(db).redo();
    expect(await everything(db)).toEqual(after);
  });

  it('a file adding threats only needs no reason: its revisions say “Imported from <file>.”', async () => {
    const { db, register } = await demo();
    const args = {
      registerId: register.id,
      fileName: 'new.csv',
      ...(await drafts(db, register.id, 'title,likelihood,impact\nWater riots in Karakalpakstan,2,4')),
    };
    expect(await perform(db, importCsv, args)).toMatchObject({ added: 1, updated: 0, ratingChanges: [] });
    const revisions = await db.revisions.filter(sinceDemo).toArray();
    expect(revisions.length).toBeGreaterThan(0);
    expect(revisions.every((r) => r.op === 'create' && r.rationale === 'Imported from new.csv.')).toBe(true);
  });
});

describe('useRegisterThreats', () => {
  it('shows the highest-scored screen of rows first, with the register’s size, then every row in the same tie order', async () => {
    const { renderHook, waitFor } = await import('@testing-library/react');
    const { useRegisterThreats, FIRST_PAGE_ROWS } = await import('../../renderer/db/useRegisterThreats');
    const { db, register } = await demo();
    const base = (await db.threats.where('registerId').equals(register.id).toArray())[0]!;
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...base,
      id: crypto.randomUUID(),
      title: `Threat ${i}`,
      likelihood: 1 + (i % 5),
      impact: 1 + ((i * 7) % 5),
      score: (1 + (i % 5)) * (1 + ((i * 7) % 5)),
    }));
    await db.threats.bulkPut(many);
    const total = await db.threats.where('registerId').equals(register.id).count();
    const seen: { complete: boolean; count: number; total: number; ids: string[] }[] = [];
    const { result } = renderHook(() => {
      const state = useRegisterThreats(db, register.id, true);
      if (state.threats)
        seen.push({
          complete: state.complete,
          count: state.threats.length,
          total: state.total,
          ids: state.threats.map((t) => t.id),
        });
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
    const ordered = result.current
      .threats!.map((t, index) => ({ t, index }))
      .sort((a, b) => b.t.score! - a.t.score! || a.index - b.index);
    const partial = [...first.ids]
      .map((id) => result.current.threats!.find((t) => t.id === id)!)
      .sort((a, b) => b.score! - a.score!);
    expect(ordered.slice(0, first.count).map((o) => o.t.id)).toEqual(first.ids);
    expect(partial.at(-1)!.score).toBeGreaterThanOrEqual(ordered[first.count]!.t.score!);
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

    await perform(db, updateThreat, { id: target.id, patch: { title: 'Renamed while the grid is open' } });
    await waitFor(() => expect(titleOf(target.id)).toBe('Renamed while the grid is open'));

    const added = await perform(db, createThreat, { registerId: register.id });
    await waitFor(() => expect(result.current.threats).toHaveLength(initial + 1));
    await perform(db, deleteThreats, { ids: [added.id] });
    await waitFor(() => expect(result.current.threats).toHaveLength(initial));

    // A write naming more keys than are worth following is answered by reading the register again.
    const many = Array.from({ length: 250 }, (_, i) => ({ ...target, id: crypto.randomUUID(), title: `Bulk ${i}` }));
    await db.threats.bulkPut(many);
    await waitFor(() => expect(result.current.threats).toHaveLength(initial + 250));

    const other = await perform(db, createRegister, { name: 'Another register' });
    await perform(db, createThreat, { registerId: other.id });
    await perform(db, updateThreat, { id: target.id, patch: { title: 'Last edit' } });
    await waitFor(() => expect(titleOf(target.id)).toBe('Last edit'));
    expect(result.current.threats).toHaveLength(initial + 250);
  });
});

describe('an edit in the grid is shown before its write commits', () => {
  it('shows the edit at once, keeps the stored record once written, and puts the old one back when refused', async () => {
    const { act, renderHook, waitFor } = await import('@testing-library/react');
    const { useRegisterThreats } = await import('../../renderer/db/useRegisterThreats');
    const { db, register } = await demo();
    const { result } = renderHook(() => useRegisterThreats(db, register.id));
    await waitFor(() => expect(result.current.complete).toBe(true));
    const target = result.current.threats![0]!;
    const shownTitle = () => result.current.threats!.find((t) => t.id === target.id)!.title;

    // Shown in the same render as the edit, before anything is written.
    act(() => void result.current.showEdit({ ...target, title: 'Shown before it is stored' }));
    expect(shownTitle()).toBe('Shown before it is stored');
    expect((await db.threats.get(target.id))!.title).toBe(target.title);
    const stored = await perform(db, updateThreat, { id: target.id, patch: { title: 'Shown before it is stored' } });
    await waitFor(() => expect(result.current.threats!.find((t) => t.id === target.id)).toEqual(stored));

    // A refused write (a threat needs a title): the stored record is back, and nothing was written.
    let withdraw: () => void = () => undefined;
    act(() => void (withdraw = result.current.showEdit({ ...stored, title: '' })));
    expect(shownTitle()).toBe('');
    await expect(perform(db, updateThreat, { id: target.id, patch: { title: '' } })).rejects.toBeInstanceOf(
      CommandFailed,
    );
    act(() => withdraw());
    expect(result.current.threats!.find((t) => t.id === target.id)).toEqual(stored);
    expect(await db.threats.get(target.id)).toEqual(stored);
  });
});

describe('an edit shown as its write will store it', () => {
  it('is the record read back, so the stored record takes nothing from the grid and renders nothing', async () => {
    const { act, renderHook, waitFor } = await import('@testing-library/react');
    const { useRegisterThreats } = await import('../../renderer/db/useRegisterThreats');
    const { editedThreat } = await import('../../renderer/features/register/threat-edit');
    const { db, register } = await demo();
    let renders = 0;
    const { result } = renderHook(() => {
      renders++;
      return useRegisterThreats(db, register.id);
    });
    await waitFor(() => expect(result.current.complete).toBe(true));
    const [target, other] = result.current.threats!;
    const workspace = workspaceOf(db);

    // As the grid edits: the threat is shown with the change's instant, in the turn of the edit.
    let shown: Threat | undefined;
    let writing: Promise<Threat> | undefined;
    act(() => {
      writing = workspace.perform(
        updateThreat,
        { id: target!.id, patch: { title: 'Shown as it will be stored' } },
        {
          onInstant: (at) => {
            shown = editedThreat(target!, { title: 'Shown as it will be stored' }, at);
            result.current.showEdit(shown);
          },
        },
      );
    });
    const list = result.current.threats!;
    expect(list.find((t) => t.id === target!.id)).toBe(shown);
    const rendersShown = renders;
    expect(await act(() => writing!)).toStrictEqual(shown);

    // Read back in order with a later write: by the time that one shows, the edit's was read back.
    await perform(db, updateThreat, { id: other!.id, patch: { title: 'A later write' } });
    await waitFor(() => expect(result.current.threats!.find((t) => t.id === other!.id)!.title).toBe('A later write'));
    expect(result.current.threats!.find((t) => t.id === target!.id)).toBe(shown);
    // One render for the later write; none for the read-back of the shown edit.
    expect(renders).toBe(rendersShown + 1);
  });

  it('is worked out as rating and field edits store it: a threat not yet rated, a rating, nothing changed', async () => {
    const { editedThreat } = await import('../../renderer/features/register/threat-edit');
    const { db, register } = await demo();
    const workspace = workspaceOf(db);
    const unrated = await perform(db, createThreat, { registerId: register.id, fields: { title: 'Unrated' } });
    const check = async (threat: Threat, run: (onInstant: (at: string) => void) => Promise<Threat>, patch: object) => {
      let shown: Threat | undefined;
      const stored = await run((at) => (shown = editedThreat(threat, patch, at)));
      // Strictly: a key present as undefined on one side only is a difference to the list's equality check.
      expect(stored).toStrictEqual(shown);
      expect(await db.threats.get(threat.id)).toStrictEqual(shown);
      return stored;
    };
    const renamed = await check(
      unrated,
      (onInstant) =>
        workspace.perform(updateThreat, { id: unrated.id, patch: { title: 'Still unrated' } }, { onInstant }),
      { title: 'Still unrated' },
    );
    expect('likelihood' in renamed).toBe(false);
    const half = await check(
      renamed,
      (onInstant) => workspace.perform(rateThreat, { id: renamed.id, likelihood: 3 }, { onInstant }),
      { likelihood: 3 },
    );
    const rated = await check(
      half,
      (onInstant) => workspace.perform(rateThreat, { id: half.id, impact: 4 }, { onInstant }),
      { impact: 4 },
    );
    expect(rated.score).toBe(12);
    // An edit that changes nothing is not written: what is shown keeps the stored stamp.
    await check(
      rated,
      (onInstant) => workspace.perform(updateThreat, { id: rated.id, patch: { title: rated.title } }, { onInstant }),
      { title: rated.title },
    );
  });
});

describe('a title edit’s transaction', () => {
  it('asks IndexedDB only what the edit needs: the threat once, the outbox entry of the threat, and the writes', async () => {
    const { db, register } = await demo();
    const threat = (await db.threats.where('registerId').equals(register.id).first())!;
    const requests: string[] = [];
    const store = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const methods = [
      'get',
      'getAll',
      'getAllKeys',
      'getKey',
      'put',
      'add',
      'delete',
      'count',
      'openCursor',
      'openKeyCursor',
    ];
    const originals = methods.map((m) => [m, store[m]!] as const);
    for (const [m, original] of originals)
      store[m] = function (this: IDBObjectStore, ...args: unknown[]) {
        requests.push(`${this.name}.${m}`);
        return original.apply(this, args);
      };
    try {
      await perform(db, updateThreat, { id: threat.id, patch: { title: 'Counted' } });
    } finally {
      for (const [m, original] of originals) store[m] = original;
    }
    const tally = (list: string[]) =>
      Object.fromEntries([...new Set(list)].map((r) => [r, list.filter((x) => x === r).length]));
    // Reading the threat again to write it, and the outbox entries of the two new revisions (new ids:
    // there are none), were three more requests, each its own callback task.
    expect(tally(requests)).toEqual({
      'threats.get': 1,
      'threats.put': 1,
      'revisions.add': 2,
      'syncOutbox.get': 1,
      'syncOutbox.put': 3,
    });
    const stored = (await db.threats.get(threat.id))!;
    expect(stored.title).toBe('Counted');
    // Every entry is still noted: the threat's and its two revisions'.
    expect((await db.syncOutbox.toArray()).filter((e) => e.at === stored.updatedAt)).toHaveLength(3);
  });
});

describe('a threat not yet rated', () => {
  it('is created without a rating or score, keeps none after half a rating, and is scored once both are given', async () => {
    const { db, register } = await demo();
    const added = await perform(db, createThreat, { registerId: register.id });
    expect([added.likelihood, added.impact, added.score]).toEqual([undefined, undefined, undefined]);
    const half = await perform(db, rateThreat, { id: added.id, likelihood: 2 });
    expect([half.likelihood, half.impact, half.score]).toEqual([2, undefined, undefined]);
    const rated = await perform(db, rateThreat, { id: added.id, impact: 4, rationale: 'Two reports agree' });
    expect([rated.likelihood, rated.impact, rated.score]).toEqual([2, 4, 8]);
    expect((await db.threats.get(added.id))!.score).toBe(8);
  });
});
