import { act, renderHook } from '@testing-library/react';
import Dexie from 'dexie';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { overrideId } from '../../shared/domain/exposure';
import { db as appDb } from '../../renderer/db';
import { COMPARISON_KEY, DEFAULT_COMPARISON, putExposureOverride, readComparison, resolveComparison, setComparison, updateCountry } from '../../renderer/db/countries';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import { moveCompared, swapCompared, toggleCompared } from '../../renderer/features/countries/comparison';
import { NoteText } from '../../renderer/features/countries/FormattedNote';
import { allNames, countryName, mentionsCountry } from '../../renderer/features/countries/names';
import { parseNote, plainText, toggleBullets, toggleWrap } from '../../renderer/features/countries/notes-format';
import { cellEvidence, passagesFor } from '../../renderer/features/countries/useCountriesData';
import { useCountryActions } from '../../renderer/features/countries/useCountryActions';
import { useWorkbench } from '../../renderer/stores';
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
  await seedDemoWorkspaceOnce(db, () => api.loadDemoWorkspace());
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

const revisionsOf = (db: WorkbenchDatabase, entity: 'comparison' | 'country' | 'exposureOverride', id: string) => db.revisions.where('[entity+entityId]').equals([entity, id]).filter(sinceDemo).toArray();

describe('the compared countries', () => {
  it('default to Kazakhstan, Uzbekistan, Tajikistan and Turkmenistan, and keep the analyst’s choice and order', async () => {
    const { db } = await demo();
    expect(await readComparison(db)).toEqual([...DEFAULT_COMPARISON]);
    const { before, after } = await setComparison(db, ['TJ', 'AF', 'UZ']);
    expect(before).toEqual(['KZ', 'UZ', 'TJ', 'TM']);
    expect(after).toEqual(['TJ', 'AF', 'UZ']);
    expect(await db.meta.get(COMPARISON_KEY)).toEqual({ key: COMPARISON_KEY, value: ['TJ', 'AF', 'UZ'] });
    expect(await readComparison(db)).toEqual(['TJ', 'AF', 'UZ']);
    const history = await revisionsOf(db, 'comparison', 'countries');
    expect(history.map((r) => [r.field, r.before, r.after])).toEqual([['countries', ['KZ', 'UZ', 'TJ', 'TM'], ['TJ', 'AF', 'UZ']]]);
  });

  it('refuse fewer than two, more than four, repeats and unknown countries, and change nothing', async () => {
    const { db } = await demo();
    await expect(setComparison(db, ['KZ'])).rejects.toThrow('Compare at least 2 countries.');
    await expect(setComparison(db, ['KZ', 'UZ', 'TJ', 'TM', 'AF'])).rejects.toThrow('Compare at most 4 countries at a time.');
    await expect(setComparison(db, ['KZ', 'KZ'])).rejects.toThrow('only be compared once');
    await expect(setComparison(db, ['KZ', 'FR'])).rejects.toThrow('FR is not in this workspace.');
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
    expect(toggleCompared(['KZ', 'UZ'], 'UZ', name)).toEqual({ refused: expect.stringContaining('at least 2 countries') });
    expect(toggleCompared(['KZ', 'UZ', 'TJ', 'TM'], 'AF', name)).toEqual({ refused: expect.stringMatching(/At most 4 countries.*swap a column for Afghanistan/) });
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
    const { before, after } = await updateCountry(db, 'UZ', { notes: 'Downstream of **Kosh-Tepa**', stance: 'Engages Kabul' });
    expect(before.notes).toBe('');
    expect(after).toMatchObject({ notes: 'Downstream of **Kosh-Tepa**', stance: 'Engages Kabul' });
    expect((await db.countries.get('UZ'))!.notes).toBe('Downstream of **Kosh-Tepa**');
    expect((await revisionsOf(db, 'country', 'UZ')).map((r) => r.field).sort()).toEqual(['notes', 'stance']);
    const again = await updateCountry(db, 'UZ', { notes: 'Downstream of **Kosh-Tepa**' });
    expect(again.after).toBe(again.before);
    expect(await revisionsOf(db, 'country', 'UZ')).toHaveLength(2);
    await expect(updateCountry(db, 'FR', { notes: 'x' })).rejects.toThrow('no longer in this workspace');
  });
});

describe('exposure overrides', () => {
  it('are set, updated and removed in one transaction with their revisions and rationale', async () => {
    const { db, canal } = await demo();
    const id = overrideId('UZ', canal.id);
    const set = await putExposureOverride(db, 'UZ', canal.id, { likelihood: 5, impact: 5, rationale: 'Uzbekistan loses up to 15% of the Amu Darya flow' });
    expect(set.before).toBeNull();
    expect(await db.exposureOverrides.get(id)).toMatchObject({ countryCode: 'UZ', threatId: canal.id, likelihood: 5, impact: 5, rationale: 'Uzbekistan loses up to 15% of the Amu Darya flow' });
    const updated = await putExposureOverride(db, 'UZ', canal.id, { likelihood: 5, impact: 4, rationale: 'Revised after the 2025 season' });
    expect(updated.before?.impact).toBe(5);
    expect(updated.after?.createdAt).toBe(set.after?.createdAt);
    const removed = await putExposureOverride(db, 'UZ', canal.id, null);
    expect(removed.after).toBeNull();
    expect(await db.exposureOverrides.get(id)).toBeUndefined();
    const history = await revisionsOf(db, 'exposureOverride', id);
    expect(history.filter((r) => r.field === 'likelihood').map((r) => [r.before, r.after]).sort()).toEqual([[5, 5], [5, null], [null, 5]].filter((p) => p[0] !== p[1]).sort());
    expect(history.filter((r) => r.field === 'impact').map((r) => [r.before, r.after]).sort()).toEqual([[4, null], [5, 4], [null, 5]].sort());
    expect(history.filter((r) => r.rationale === 'Uzbekistan loses up to 15% of the Amu Darya flow').length).toBeGreaterThanOrEqual(3);
  });

  it('are refused without a rationale, off the scale, or for a country the threat does not affect; nothing is written', async () => {
    const { db, canal } = await demo();
    await expect(putExposureOverride(db, 'UZ', canal.id, { likelihood: 5, impact: 5, rationale: ' ' })).rejects.toThrow('needs a rationale');
    await expect(putExposureOverride(db, 'UZ', canal.id, { likelihood: 6, impact: 5, rationale: 'x' })).rejects.toThrow('from 1 to 5');
    await expect(putExposureOverride(db, 'KZ', canal.id, { likelihood: 2, impact: 2, rationale: 'Not on the Amu Darya' })).rejects.toThrow('does not list KZ');
    await expect(putExposureOverride(db, 'UZ', crypto.randomUUID(), { likelihood: 2, impact: 2, rationale: 'x' })).rejects.toThrow('no longer exists');
    expect(await db.exposureOverrides.count()).toBe(0);
    expect(await db.revisions.filter(sinceDemo).count()).toBe(0);
  });

  it('are undone and redone from the same history as register edits', async () => {
    await appDb.delete();
    await appDb.open();
    const { canal } = await seed(appDb);
    const { result } = renderHook(() => useCountryActions((c) => countryName(c, 'en')));
    await act(() => result.current.override('UZ', canal.id, canal.title, { likelihood: 5, impact: 5, rationale: 'Most of its irrigation water' }));
    await act(() => result.current.editCountry('UZ', { notes: '- first\n- second' }));
    await act(() => result.current.compare(['UZ', 'TM'], 'compare two'));
    expect(await appDb.exposureOverrides.count()).toBe(1);
    const store = useWorkbench.getState();
    expect(store.undoStack.map((e) => e.label).slice(-3)).toEqual(['override “Kosh-Tepa canal water draw on the Amu Darya” for Uzbekistan', 'edit the notes on Uzbekistan', 'compare two']);
    await store.undo();
    expect(await readComparison(appDb)).toEqual([...DEFAULT_COMPARISON]);
    await useWorkbench.getState().undo();
    expect((await appDb.countries.get('UZ'))!.notes).toBe('');
    await useWorkbench.getState().undo();
    expect(await appDb.exposureOverrides.count()).toBe(0);
    await useWorkbench.getState().redo();
    expect(await appDb.exposureOverrides.get(overrideId('UZ', canal.id))).toMatchObject({ likelihood: 5, impact: 5, rationale: 'Most of its irrigation water' });
    // Each edit, undo and redo is a recorded revision.
    expect((await revisionsOf(appDb, 'exposureOverride', overrideId('UZ', canal.id))).filter((r) => r.field === 'likelihood')).toHaveLength(3);
    expect(await revisionsOf(appDb, 'comparison', 'countries')).toHaveLength(2);
    await appDb.delete();
  });
});

describe('the database', () => {
  it('upgrades a version-2 workspace to version 3 and keeps everything in it', async () => {
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
    expect(db.verno).toBe(3);
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
    expect(canalUz.linked.map((a) => a.quote.exact).join(' ')).toContain('for Uzbekistan, the Kosh-Tepa canal will significantly reduce');
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
      { kind: 'list', items: [[{ text: 'a', bold: false, italic: false }], [{ text: 'b', bold: false, italic: false }], [{ text: 'c', bold: false, italic: false }]] },
      { kind: 'paragraph', lines: [[{ text: 'End', bold: false, italic: false }]] },
    ]);
    expect(parseNote('2*3*4 and snake_case_name and **open')).toEqual([{ kind: 'paragraph', lines: [[{ text: '2*3*4 and snake_case_name and **open', bold: false, italic: false }]] }]);
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
    const html = renderToStaticMarkup(createElement(NoteText, { text: '<img src=x onerror=alert(1)> **<b>bold</b>**\n\n- <script>x</script>' }));
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
