import { storeTextsThrough } from './source-text';
import { act, renderHook } from '@testing-library/react';
import Dexie from 'dexie';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideId } from '../../shared/domain/exposure';
import { db as appDb } from '../../renderer/db';
import { COMPARISON_KEY, DEFAULT_COMPARISON, readComparison, resolveComparison } from '../../renderer/db/countries';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/interop/backup/format';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { moveCompared, swapCompared, toggleCompared } from '../../renderer/features/countries/comparison';
import { NoteText } from '../../renderer/features/countries/FormattedNote';
import { allNames, countryName, mentionsCountry } from '../../renderer/features/countries/names';
import { parseNote, plainText, toggleBullets, toggleWrap } from '../../renderer/features/countries/notes-format';
import { cellEvidence, passagesFor } from '../../renderer/features/countries/useCountriesData';
import { useCountryActions } from '../../renderer/features/countries/useCountryActions';
import { workspace as appWorkspace } from '../../renderer/workspace';
import { compareCountries, overrideExposure, updateCountry } from '../../renderer/workspace/commands/countries';
import { CommandFailed } from '../../renderer/workspace/workspace';
import type { Revision } from '../../shared/domain/revision';
import { historyLines, type HistorySource } from '../../renderer/features/countries/History';
import { perform, workspaceOf } from './perform';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { sinceDemo } from './demo-database';

const tempFolder = useTempFolders();
const open: WorkbenchDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function seed(db: WorkbenchDatabase) {
  const api = await realWorkbench(await tempFolder());
  await seedDemoWorkspaceOnce(storeTextsThrough(db, api), () => api.loadDemoWorkspace());
  const threats = await db.threats.toArray();
  const canal = threats.find((t) => t.title.startsWith('Kosh-Tepa'))!;
  const isis = threats.find((t) => t.title.startsWith('ISIS-Khorasan'))!;
  return { db, canal, isis };
}

async function demo() {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  open.push(db);
  return seed(db);
}

const revisionsOf = (db: WorkbenchDatabase, entity: 'meta' | 'country' | 'exposureOverride', id: string) =>
  db.revisions.where('[entity+entityId]').equals([entity, id]).filter(sinceDemo).toArray();

describe('the compared countries', () => {
  it('default to Kazakhstan, Uzbekistan, Tajikistan and Turkmenistan, and keep the analyst’s choice and order', async () => {
    const { db } = await demo();
    expect(await readComparison(db)).toEqual([...DEFAULT_COMPARISON]);
    const { before, after } = await perform(db, compareCountries, {
      codes: ['TJ', 'AF', 'UZ'],
      label: 'compare three',
    });
    expect(before).toEqual(['KZ', 'UZ', 'TJ', 'TM']);
    expect(after).toEqual(['TJ', 'AF', 'UZ']);
    expect(await db.meta.get(COMPARISON_KEY)).toEqual({ key: COMPARISON_KEY, value: ['TJ', 'AF', 'UZ'] });
    expect(await readComparison(db)).toEqual(['TJ', 'AF', 'UZ']);
    // The first choice creates the meta entry: one revision per field, as the command that made it.
    const history = await revisionsOf(db, 'meta', COMPARISON_KEY);
    expect(history.map((r) => [r.op, r.field, r.after]).sort()).toEqual([
      ['create', 'key', COMPARISON_KEY],
      ['create', 'value', ['TJ', 'AF', 'UZ']],
    ]);
    expect(history.every((r) => r.command === 'countries.compare')).toBe(true);
    // Showing the default as it is writes nothing and is no step.
    const fresh = await demo();
    await perform(fresh.db, compareCountries, { codes: [...DEFAULT_COMPARISON] });
    expect(await fresh.db.meta.get(COMPARISON_KEY)).toBeUndefined();
    expect(workspaceOf(fresh.db).history().canUndo).toBe(false);
  });

  it('change order with undo and redo, each a revision of the meta entry’s value', async () => {
    const { db } = await demo();
    await perform(db, compareCountries, {
      codes: ['KZ', 'UZ', 'TJ'],
      label: 'take Turkmenistan out of the comparison',
    });
    await perform(db, compareCountries, { codes: ['KZ', 'TJ', 'UZ'], label: 'move Tajikistan left' });
    const ws = workspaceOf(db);
    expect(ws.history().undoLabel).toBe('move Tajikistan left');
    await ws.undo();
    expect(await readComparison(db)).toEqual(['KZ', 'UZ', 'TJ']);
    await ws.redo();
    expect(await readComparison(db)).toEqual(['KZ', 'TJ', 'UZ']);
    await ws.undo();
    await ws.undo();
    // Back to no entry at all: the default comparison.
    expect(await db.meta.get(COMPARISON_KEY)).toBeUndefined();
    expect(await readComparison(db)).toEqual([...DEFAULT_COMPARISON]);
    const values = (await revisionsOf(db, 'meta', COMPARISON_KEY))
      .filter((r) => r.field === 'value')
      .sort((a, b) => a.at.localeCompare(b.at));
    expect(values.map((r) => [r.command, r.op, r.before, r.after])).toEqual([
      ['countries.compare', 'create', undefined, ['KZ', 'UZ', 'TJ']],
      ['countries.compare', 'update', ['KZ', 'UZ', 'TJ'], ['KZ', 'TJ', 'UZ']],
      ['history.undo', 'update', ['KZ', 'TJ', 'UZ'], ['KZ', 'UZ', 'TJ']],
      ['history.redo', 'update', ['KZ', 'UZ', 'TJ'], ['KZ', 'TJ', 'UZ']],
      ['history.undo', 'update', ['KZ', 'TJ', 'UZ'], ['KZ', 'UZ', 'TJ']],
      ['history.undo', 'delete', ['KZ', 'UZ', 'TJ'], undefined],
    ]);
    expect(values.find((r) => r.command === 'history.redo')!.rationale).toBe('Redone: move Tajikistan left');
  });

  it('refuse fewer than two, more than four, repeats and unknown countries, and change nothing', async () => {
    const { db } = await demo();
    await expect(perform(db, compareCountries, { codes: ['KZ'] })).rejects.toThrow('Compare at least 2 countries.');
    await expect(perform(db, compareCountries, { codes: ['KZ', 'UZ', 'TJ', 'TM', 'AF'] })).rejects.toThrow(
      'Compare at most 4 countries at a time.',
    );
    await expect(perform(db, compareCountries, { codes: ['KZ', 'KZ'] })).rejects.toThrow('only be compared once');
    await expect(perform(db, compareCountries, { codes: ['KZ', 'FR'] })).rejects.toBeInstanceOf(CommandFailed);
    await expect(perform(db, compareCountries, { codes: ['KZ', 'FR'] })).rejects.toThrow(
      'FR is not in this workspace.',
    );
    expect(await db.meta.get(COMPARISON_KEY)).toBeUndefined();
    expect(await db.revisions.filter(sinceDemo).count()).toBe(0);
  });

  it('drop countries that left the workspace and top up to two', () => {
    const known = ['AF', 'KZ', 'KG', 'TJ', 'TM', 'UZ'];
    expect(resolveComparison(undefined, known)).toEqual(['KZ', 'UZ', 'TJ', 'TM']);
    expect(resolveComparison(['KG', 'FR', 'KG', 'AF'], known)).toEqual(['KG', 'AF']);
    expect(resolveComparison(['KG'], known)).toEqual(['KG', 'KZ']);
    expect(resolveComparison('junk', known)).toEqual(['KZ', 'UZ']);
    expect(resolveComparison(undefined, ['FR', 'DE'])).toEqual(['FR', 'DE']);
    expect(resolveComparison(['KZ', 'UZ', 'TJ', 'TM', 'AF'], known)).toEqual(['KZ', 'UZ', 'TJ', 'TM']);
  });

  it('are toggled, moved and swapped by pure rules that explain a refusal', () => {
    const name = (c: string) => countryName(c, 'en');
    expect(toggleCompared(['KZ', 'UZ'], 'TJ', name)).toEqual({ codes: ['KZ', 'UZ', 'TJ'] });
    expect(toggleCompared(['KZ', 'UZ', 'TJ'], 'UZ', name)).toEqual({ codes: ['KZ', 'TJ'] });
    expect(toggleCompared(['KZ', 'UZ'], 'UZ', name)).toEqual({
      refused: expect.stringContaining('at least 2 countries'),
    });
    expect(toggleCompared(['KZ', 'UZ', 'TJ', 'TM'], 'AF', name)).toEqual({
      refused: expect.stringMatching(/At most 4 countries.*swap a column for Afghanistan/),
    });
    expect(moveCompared(['KZ', 'UZ', 'TJ'], 'TJ', -1)).toEqual(['KZ', 'TJ', 'UZ']);
    expect(moveCompared(['KZ', 'UZ', 'TJ'], 'KZ', -1)).toEqual(['KZ', 'UZ', 'TJ']);
    expect(moveCompared(['KZ', 'UZ', 'TJ'], 'TJ', 1)).toEqual(['KZ', 'UZ', 'TJ']);
    expect(swapCompared(['KZ', 'UZ', 'TJ'], 'UZ', 'AF')).toEqual(['KZ', 'AF', 'TJ']);
    expect(swapCompared(['KZ', 'UZ', 'TJ'], 'UZ', 'TJ')).toEqual(['KZ', 'UZ', 'TJ']);
  });
});

describe('notes and stance', () => {
  it('are saved with one revision per changed field; an unchanged save records nothing', async () => {
    const { db } = await demo();
    const before = (await db.countries.get('UZ'))!;
    const after = await perform(db, updateCountry, {
      code: 'UZ',
      patch: { notes: 'Downstream of **Kosh-Tepa**', stance: 'Engages Kabul' },
      name: 'Uzbekistan',
    });
    expect(before.notes).toBe('');
    expect(after).toMatchObject({ notes: 'Downstream of **Kosh-Tepa**', stance: 'Engages Kabul' });
    expect((await db.countries.get('UZ'))!.notes).toBe('Downstream of **Kosh-Tepa**');
    // The two fields, and the `updatedAt` every change stamps.
    expect((await revisionsOf(db, 'country', 'UZ')).map((r) => r.field).sort()).toEqual([
      'notes',
      'stance',
      'updatedAt',
    ]);
    expect(workspaceOf(db).history().undoLabel).toBe('edit the notes and stance on Uzbekistan');
    const again = await perform(db, updateCountry, { code: 'UZ', patch: { notes: 'Downstream of **Kosh-Tepa**' } });
    expect(again).toEqual(after);
    expect(await revisionsOf(db, 'country', 'UZ')).toHaveLength(3);
    await expect(perform(db, updateCountry, { code: 'FR', patch: { notes: 'x' } })).rejects.toThrow(
      'no longer in this workspace',
    );
  });

  it('are undone to the exact record and redone', async () => {
    const { db } = await demo();
    const before = (await db.countries.get('TJ'))!;
    const after = await perform(db, updateCountry, {
      code: 'TJ',
      patch: { stance: 'No official contacts with Kabul' },
      name: 'Tajikistan',
    });
    await workspaceOf(db).undo();
    expect(await db.countries.get('TJ')).toEqual(before);
    await workspaceOf(db).redo();
    expect(await db.countries.get('TJ')).toEqual(after);
  });
});

describe('exposure overrides', () => {
  it('are set, updated and removed with their revisions, the rationale on each', async () => {
    const { db, canal } = await demo();
    const id = overrideId('UZ', canal.id);
    const set = await perform(db, overrideExposure, {
      countryCode: 'UZ',
      threatId: canal.id,
      input: { likelihood: 5, impact: 5, rationale: 'Uzbekistan loses up to 15% of the Amu Darya flow' },
    });
    expect(await db.exposureOverrides.get(id)).toMatchObject({
      countryCode: 'UZ',
      threatId: canal.id,
      likelihood: 5,
      impact: 5,
      rationale: 'Uzbekistan loses up to 15% of the Amu Darya flow',
    });
    const updated = await perform(db, overrideExposure, {
      countryCode: 'UZ',
      threatId: canal.id,
      input: { likelihood: 5, impact: 4, rationale: 'Revised after the 2025 season' },
    });
    expect(updated?.createdAt).toBe(set?.createdAt);
    expect(await perform(db, overrideExposure, { countryCode: 'UZ', threatId: canal.id, input: null })).toBeNull();
    expect(await db.exposureOverrides.get(id)).toBeUndefined();
    const history = await revisionsOf(db, 'exposureOverride', id);
    const of = (field: string) => history.filter((r) => r.field === field).map((r) => [r.op, r.before, r.after]);
    expect(of('likelihood').sort()).toEqual(
      [
        ['create', undefined, 5],
        ['delete', 5, undefined],
      ].sort(),
    );
    expect(of('impact').sort()).toEqual(
      [
        ['create', undefined, 5],
        ['delete', 4, undefined],
        ['update', 5, 4],
      ].sort(),
    );
    // Setting writes the rationale on every revision of the change; removing takes none.
    const created = history.filter((r) => r.op === 'create');
    expect(created.map((r) => r.field).sort()).toEqual(Object.keys(set!).sort());
    expect(
      created.every(
        (r) => r.rationale === 'Uzbekistan loses up to 15% of the Amu Darya flow' && r.command === 'countries.override',
      ),
    ).toBe(true);
    expect(history.filter((r) => r.op === 'update').every((r) => r.rationale === 'Revised after the 2025 season')).toBe(
      true,
    );
    expect(history.filter((r) => r.op === 'delete').every((r) => r.rationale === undefined)).toBe(true);
  });

  it('removed, come back deep-equal on undo, and go again on redo', async () => {
    const { db, canal } = await demo();
    const id = overrideId('UZ', canal.id);
    await perform(db, overrideExposure, {
      countryCode: 'UZ',
      threatId: canal.id,
      input: { likelihood: 5, impact: 5, rationale: 'Most of its irrigation water' },
    });
    const kept = await db.exposureOverrides.get(id);
    await perform(db, overrideExposure, {
      countryCode: 'UZ',
      threatId: canal.id,
      input: null,
      threatTitle: canal.title,
      countryName: 'Uzbekistan',
    });
    const ws = workspaceOf(db);
    expect(ws.history().undoLabel).toBe(`remove the override of “${canal.title}” for Uzbekistan`);
    await ws.undo();
    expect(await db.exposureOverrides.get(id)).toEqual(kept);
    await ws.redo();
    expect(await db.exposureOverrides.get(id)).toBeUndefined();
    await ws.undo();
    await ws.undo();
    expect(await db.exposureOverrides.count()).toBe(0);
    // The undo's own revisions say what they took back.
    const undone = (await revisionsOf(db, 'exposureOverride', id)).filter((r) => r.command === 'history.undo');
    expect(new Set(undone.map((r) => r.rationale))).toEqual(
      new Set([`Undone: remove the override of “${canal.title}” for Uzbekistan`, 'Undone: override “a threat” for UZ']),
    );
  });

  it('are refused without a rationale, off the scale, or for a country the threat does not affect; nothing is written', async () => {
    const { db, canal } = await demo();
    const put = (
      countryCode: string,
      threatId: string,
      input: { likelihood: number; impact: number; rationale: string },
    ) => perform(db, overrideExposure, { countryCode, threatId, input });
    await expect(put('UZ', canal.id, { likelihood: 5, impact: 5, rationale: ' ' })).rejects.toThrow(
      'needs a rationale',
    );
    await expect(put('UZ', canal.id, { likelihood: 6, impact: 5, rationale: 'x' })).rejects.toThrow('from 1 to 5');
    await expect(put('KZ', canal.id, { likelihood: 2, impact: 2, rationale: 'Not on the Amu Darya' })).rejects.toThrow(
      'does not list KZ',
    );
    await expect(put('UZ', crypto.randomUUID(), { likelihood: 2, impact: 2, rationale: 'x' })).rejects.toThrow(
      'no longer exists',
    );
    expect(await db.exposureOverrides.count()).toBe(0);
    expect(await db.revisions.filter(sinceDemo).count()).toBe(0);
    expect(workspaceOf(db).history().canUndo).toBe(false);
  });

  it('are undone and redone from the app’s one history, through the view’s actions', async () => {
    await appDb.delete();
    await appDb.open();
    const { canal } = await seed(appDb);
    appWorkspace.clearHistory();
    const { result } = renderHook(() => useCountryActions((c) => countryName(c, 'en')));
    await act(() =>
      result.current.override('UZ', canal.id, canal.title, {
        likelihood: 5,
        impact: 5,
        rationale: 'Most of its irrigation water',
      }),
    );
    await act(() => result.current.editCountry('UZ', { notes: '- first\n- second' }));
    await act(() => result.current.compare(['UZ', 'TM'], 'compare two'));
    expect(await appDb.exposureOverrides.count()).toBe(1);
    expect(appWorkspace.history().undoLabel).toBe('compare two');
    // The store's Ctrl+Z is the workspace's.
    await appWorkspace.undo();
    expect(await readComparison(appDb)).toEqual([...DEFAULT_COMPARISON]);
    expect(appWorkspace.history().undoLabel).toBe('edit the notes on Uzbekistan');
    await appWorkspace.undo();
    expect((await appDb.countries.get('UZ'))!.notes).toBe('');
    expect(appWorkspace.history().undoLabel).toBe(
      'override “Kosh-Tepa canal water draw on the Amu Darya” for Uzbekistan',
    );
    await appWorkspace.undo();
    expect(await appDb.exposureOverrides.count()).toBe(0);
    await appWorkspace.redo();
    expect(await appDb.exposureOverrides.get(overrideId('UZ', canal.id))).toMatchObject({
      likelihood: 5,
      impact: 5,
      rationale: 'Most of its irrigation water',
    });
    // Each edit, undo and redo is a recorded revision.
    expect(
      (await revisionsOf(appDb, 'exposureOverride', overrideId('UZ', canal.id))).filter(
        (r) => r.field === 'likelihood',
      ),
    ).toHaveLength(3);
    expect((await revisionsOf(appDb, 'meta', COMPARISON_KEY)).filter((r) => r.field === 'value')).toHaveLength(2);
    appWorkspace.clearHistory();
    await appDb.delete();
  });
});

describe('the history lines', () => {
  const at = (n: number) => `2026-01-01T00:00:0${n}.000Z`;
  const rev = (fields: Partial<Revision>): Revision => ({
    id: crypto.randomUUID(),
    entity: 'exposureOverride',
    entityId: 'UZ:x',
    field: 'likelihood',
    before: undefined,
    after: undefined,
    at: at(1),
    ...fields,
  });

  it('leave out updatedAt, read a created or deleted record as one line, and tell undo from the analyst’s reason', () => {
    const source: HistorySource = {
      entity: 'exposureOverride',
      entityId: 'UZ:x',
      verbs: { create: 'override set', delete: 'override removed' },
    };
    const create = [
      ['id', 'UZ:x'],
      ['likelihood', 5],
      ['impact', 4],
      ['rationale', 'Downstream'],
      ['createdAt', at(1)],
      ['updatedAt', at(1)],
    ].map(([field, after]) =>
      rev({
        field: field as string,
        after,
        op: 'create',
        changeId: 'c1',
        command: 'countries.override',
        rationale: 'Downstream',
      }),
    );
    const update = [
      rev({
        field: 'impact',
        before: 4,
        after: 3,
        op: 'update',
        changeId: 'c2',
        at: at(2),
        command: 'countries.override',
        rationale: 'Lower',
      }),
      rev({ field: 'updatedAt', before: at(1), after: at(2), op: 'update', changeId: 'c2', at: at(2) }),
    ];
    const undo = [
      ['likelihood', 5],
      ['impact', 3],
      ['rationale', 'Downstream'],
    ].map(([field, before]) =>
      rev({
        field: field as string,
        before,
        op: 'delete',
        changeId: 'c3',
        at: at(3),
        command: 'history.undo',
        rationale: 'Undone: override “Canal” for Uzbekistan',
      }),
    );
    const older = rev({ field: 'likelihood', before: null, after: 2, at: at(0), rationale: 'Before commands' });
    const lines = historyLines([...create, ...update, ...undo, older].map((r) => ({ r, source })));
    expect(
      lines.map((l) => [
        l.kind,
        l.verb ?? l.revision.field,
        l.fields.map((f) => `${f.field} ${String(f.value)}`).join(', '),
        l.rationale,
        l.travel,
      ]),
    ).toEqual([
      ['delete', 'override removed', 'likelihood 5, impact 3', 'Downstream', 'Undone: override “Canal” for Uzbekistan'],
      ['update', 'impact', '', 'Lower', undefined],
      ['create', 'override set', 'likelihood 5, impact 4', 'Downstream', undefined],
      ['update', 'likelihood', '', 'Before commands', undefined],
    ]);
  });
});

describe('the database', () => {
  it('upgrades a version-2 workspace to the current version and keeps everything in it', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ countries: 'code, name', meta: 'key' });
    old.version(2).stores({ views: 'id, registerId' });
    await old.open();
    await old.table('meta').put({ key: 'demoSeededAt', value: 'then' });
    old.close();
    const db = new WorkbenchDatabase(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(await db.meta.get('demoSeededAt')).toEqual({ key: 'demoSeededAt', value: 'then' });
    expect(await db.exposureOverrides.count()).toBe(0);
  });
});

describe('passages on a country', () => {
  it('are those linked to it, then those naming it or its people', async () => {
    const { db, canal, isis } = await demo();
    const annotations = await db.annotations.toArray();
    const uz = passagesFor(annotations, 'UZ');
    expect(uz.linked.length).toBeGreaterThan(5);
    expect(uz.linked.every((a) => a.countryCodes.includes('UZ'))).toBe(true);
    expect(uz.mentioning.every((a) => !a.countryCodes.includes('UZ') && /uzbek/i.test(a.quote.exact))).toBe(true);
    const canalUz = cellEvidence(annotations, canal.id, 'UZ');
    expect(canalUz.linked.map((a) => a.quote.exact).join(' ')).toContain(
      'for Uzbekistan, the Kosh-Tepa canal will significantly reduce',
    );
    expect(cellEvidence(annotations, canal.id, 'KZ')).toEqual({ linked: [], mentioning: [] });
    const isisTj = cellEvidence(annotations, isis.id, 'TJ');
    expect(isisTj.linked.some((a) => a.quote.exact.includes('citizens of Tajikistan associated with ISIS'))).toBe(true);
  });

  it('are found by English and Russian names and stems, never inside other words', () => {
    expect(mentionsCountry('Tajik citizens were arrested', 'TJ')).toBe(true);
    expect(mentionsCountry('граница с Таджикистаном', 'TJ')).toBe(true);
    expect(mentionsCountry('Кыргызстан и Киргизия', 'KG')).toBe(true);
    expect(mentionsCountry('the USA and China', 'US')).toBe(true);
    expect(mentionsCountry('its usage grew', 'US')).toBe(false);
    expect(mentionsCountry('Iranian border guards', 'IR')).toBe(true);
    expect(mentionsCountry('Tirana', 'IR')).toBe(false);
    expect(mentionsCountry('Pakistani Taliban', 'PK')).toBe(true);
    expect(mentionsCountry('Kazakhstan', 'UZ')).toBe(false);
    expect(mentionsCountry('La France', 'FR')).toBe(true);
  });
});

describe('country names', () => {
  it('come from i18n-iso-countries in English and Russian, short forms first', () => {
    expect(countryName('IR', 'en')).toBe('Iran');
    expect(countryName('RU', 'en')).toBe('Russia');
    expect(countryName('US', 'en')).toBe('United States');
    expect(countryName('AF', 'ru')).toBe('Афганистан');
    expect(countryName('IR', 'ru')).toBe('Иран');
    expect(countryName('KG', 'ru')).toBe('Кыргызстан');
    expect(countryName('TM', 'ru')).toBe('Туркменистан');
    expect(countryName('CN', 'ru')).toBe('Китай');
    expect(countryName('XX', 'en', 'Somewhere')).toBe('Somewhere');
    expect(allNames('KG')).toEqual(expect.arrayContaining(['Kyrgyzstan', 'Киргизия', 'Кыргызстан']));
  });
});

describe('formatted notes', () => {
  it('parse paragraphs, bullet lists, bold and italic; unmatched marks stay as typed', () => {
    expect(parseNote('One **bold** and _it_ and *also*\nnext line\n\n- a\n* b\n• c\n\nEnd')).toEqual([
      {
        kind: 'paragraph',
        lines: [
          [
            { text: 'One ', bold: false, italic: false },
            { text: 'bold', bold: true, italic: false },
            { text: ' and ', bold: false, italic: false },
            { text: 'it', bold: false, italic: true },
            { text: ' and ', bold: false, italic: false },
            { text: 'also', bold: false, italic: true },
          ],
          [{ text: 'next line', bold: false, italic: false }],
        ],
      },
      {
        kind: 'list',
        items: [
          [{ text: 'a', bold: false, italic: false }],
          [{ text: 'b', bold: false, italic: false }],
          [{ text: 'c', bold: false, italic: false }],
        ],
      },
      { kind: 'paragraph', lines: [[{ text: 'End', bold: false, italic: false }]] },
    ]);
    expect(parseNote('2*3*4 and snake_case_name and **open')).toEqual([
      { kind: 'paragraph', lines: [[{ text: '2*3*4 and snake_case_name and **open', bold: false, italic: false }]] },
    ]);
    expect(parseNote('**bold _both_**')[0]).toEqual({
      kind: 'paragraph',
      lines: [
        [
          { text: 'bold ', bold: true, italic: false },
          { text: 'both', bold: true, italic: true },
        ],
      ],
    });
    expect(plainText('**Water**: _high_\n- one')).toBe('Water: high one');
  });

  it('render as elements, never as HTML: markup typed into a note shows as text', () => {
    const html = renderToStaticMarkup(
      createElement(NoteText, { text: '<img src=x onerror=alert(1)> **<b>bold</b>**\n\n- <script>x</script>' }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>&lt;b&gt;bold&lt;/b&gt;</strong>');
    expect(html).toContain('<ul dir="auto"><li>&lt;script&gt;x&lt;/script&gt;</li></ul>');
  });

  it('toggle bold, italic and bullets around the selection', () => {
    expect(toggleWrap('say hello now', 4, 9, '**')).toEqual({ text: 'say **hello** now', start: 6, end: 11 });
    expect(toggleWrap('say **hello** now', 6, 11, '**')).toEqual({ text: 'say hello now', start: 4, end: 9 });
    expect(toggleWrap('say **hello** now', 4, 13, '**')).toEqual({ text: 'say hello now', start: 4, end: 9 });
    expect(toggleWrap('say hello now', 3, 10, '_')).toEqual({ text: 'say _hello_ now', start: 5, end: 10 });
    expect(toggleWrap('ab', 1, 1, '**')).toEqual({ text: 'a****b', start: 3, end: 3 });
    expect(toggleBullets('one\ntwo\nthree', 0, 7)).toEqual({ text: '- one\n- two\nthree', start: 0, end: 11 });
    expect(toggleBullets('- one\n- two\nthree', 0, 11).text).toBe('one\ntwo\nthree');
    expect(toggleBullets('one\n\ntwo', 0, 8).text).toBe('- one\n\n- two');
  });
});
