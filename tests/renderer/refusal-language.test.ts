import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage, i18n } from '../../renderer/i18n';
import { Workspace } from '../../renderer/workspace/workspace';
import { createTag, deleteTag, mergeTags, updateTag } from '../../renderer/workspace/commands/codebook';
import { compareCountries, overrideExposure } from '../../renderer/workspace/commands/countries';
import { updateRegister } from '../../renderer/workspace/commands/registers';
import { rateThreat, updateThreat } from '../../renderer/workspace/commands/threats';
import { setAuthorIdentity, setBackupKeepCount } from '../../renderer/workspace/commands/settings';
import { useDemoDatabases } from './demo-database';
import { perform } from './perform';

const demoDatabase = useDemoDatabases();
/** The demo register's name and its Kosh-Tepa threat's title, as the demo workspace writes them. */
let REGISTER = '';
let CANAL = '';

afterEach(() => applyLanguage('en'));

/** The sentences a few representative commands refuse with, in the language the interface speaks now. */
async function refusals(): Promise<string[]> {
  const db = await demoDatabase();
  const water = (await db.tags.where('name').equals('Water').first())!;
  const register = (await db.registers.toArray())[0]!;
  const canal = (await db.threats.toArray()).find((t) => t.title.startsWith('Kosh-Tepa'))!;
  REGISTER = (await db.registers.get(canal.registerId))!.name;
  CANAL = canal.title;
  const said = async (attempt: Promise<unknown>): Promise<string> => {
    const error = await attempt.then(
      () => new Error('the command was not refused'),
      (e: unknown) => e as Error,
    );
    return error.message;
  };
  const sentences = [
    await said(perform(db, createTag, { name: '   ' })),
    await said(perform(db, updateTag, { id: water.id, patch: { name: 'Migration' } })),
    await said(perform(db, mergeTags, { fromId: water.id, intoId: water.id })),
    await said(perform(db, deleteTag, crypto.randomUUID())),
    await said(perform(db, compareCountries, { codes: ['KZ'] })),
    await said(perform(db, compareCountries, { codes: ['KZ', 'UZ', 'TJ', 'TM', 'AF'] })),
    await said(
      perform(db, updateRegister, {
        id: register.id,
        patch: { scale: { levels: 5, bands: { medium: 4, high: 8, critical: 30 } } },
      }),
    ),
    await said(
      perform(db, overrideExposure, {
        countryCode: 'UZ',
        threatId: canal.id,
        input: { likelihood: 5, impact: 5, rationale: ' ' },
      }),
    ),
    await said(perform(db, setAuthorIdentity, { name: '', organisation: '', identityClass: 'individual' })),
    await said(perform(db, setBackupKeepCount, 0)),
    await said(perform(db, rateThreat, { id: canal.id, likelihood: 9, rationale: 'A stale window' })),
    await said(perform(db, updateThreat, { id: crypto.randomUUID(), patch: { title: 'Gone' } })),
    await said(perform(db, updateTag, { id: water.id, patch: { color: 'blue' } })),
  ];
  // An undo whose record was deleted since (outside the history) is refused and reported.
  const reported: string[] = [];
  const workspace = new Workspace(db, { onFailed: (message) => reported.push(message) });
  await workspace.perform(updateTag, { id: water.id, patch: { description: 'Rivers and canals' } });
  await db.tags.delete(water.id);
  expect(await workspace.undo()).toBe(false);
  return [...sentences, ...reported];
}

describe('a workspace command’s refusal', () => {
  it('is said in Russian when the interface speaks Russian', async () => {
    applyLanguage('ru');
    expect(i18n.language).toBe('ru');
    expect(await refusals()).toEqual([
      'Тегу нужно имя.',
      'Тег «Migration» уже есть. Вместо этого объедините два тега.',
      'Выберите для объединения другой тег.',
      'Этого тега больше нет: возможно, его удалили в другом окне.',
      'Сравнивайте не менее 2 стран.',
      'Сравнивайте не более 4 стран одновременно.',
      'Критический уровень начинается с 30 — выше наибольшего балла матрицы 5×5 (25).',
      'Поправке нужно обоснование: укажите, почему эта страна оценена иначе.',
      'Укажите имя автора или организацию, чтобы экспорт называл, кто его подготовил.',
      'Храните от 1 до 100 резервных копий каждого вида.',
      `В «${REGISTER}» вероятность оценивается от 1 до 5, поэтому 9 нельзя сохранить для «${CANAL}». Ничего не изменено; выберите оценку по шкале.`,
      'Этой угрозы больше нет: возможно, её удалили в другом окне.',
      expect.stringMatching(/^Изменение не сохранено: запись \(тег\) была бы недопустимой \(color\): /),
      'Это уже нельзя отменить или повторить: изменённая запись (тег) с тех пор удалена. Ничего не изменено.',
    ]);
  });

  it('stays the same English sentence in English', async () => {
    applyLanguage('en');
    expect(await refusals()).toEqual([
      'A tag needs a name.',
      'There is already a tag called “Migration”. Merge the two tags instead.',
      'Choose a different tag to merge into.',
      'That tag no longer exists; it may have been deleted in another window.',
      'Compare at least 2 countries.',
      'Compare at most 4 countries at a time.',
      'The critical band starts at 30, above the highest score of a 5×5 matrix (25).',
      'An override needs a rationale: say why this country is rated differently.',
      'Give the author a name or an organisation, so that exports can say who made them.',
      'Keep between 1 and 100 backups of each kind.',
      `“${REGISTER}” rates likelihood from 1 to 5, so 9 cannot be saved for “${CANAL}”. Nothing was changed; choose a rating on the scale.`,
      'That threat no longer exists; it may have been deleted in another window.',
      expect.stringMatching(/^The change was not saved because a tag would be invalid \(color\): /),
      'This can no longer be undone or redone: the tag it changed has been deleted since. Nothing was changed.',
    ]);
  });

  it('and the undo notice names the step in the language it was made in (a step keeps its label as written)', async () => {
    applyLanguage('ru');
    const db = await demoDatabase();
    const said: string[] = [];
    const workspace = new Workspace(db, { onInfo: (message) => said.push(message) });
    await workspace.perform(createTag, { name: 'Засуха' });
    await workspace.undo();
    applyLanguage('en');
    await workspace.redo();
    expect(said).toEqual(['Отменено: создание тега «Засуха».', 'Redone: создание тега «Засуха».']);
  });

  it('records an undo’s rationale in the history, and a threat edit’s label, in the language spoken then', async () => {
    applyLanguage('ru');
    const db = await demoDatabase();
    const canal = (await db.threats.toArray()).find((t) => t.title.startsWith('Kosh-Tepa'))!;
    const workspace = new Workspace(db, {});
    await workspace.perform(updateThreat, { id: canal.id, patch: { title: 'Канал Кош-Тепа' } });
    await workspace.undo();
    const revisions = (await db.revisions.toArray()).filter((r) => r.entityId === canal.id);
    expect(revisions.map((r) => r.rationale)).toContain('Отменено: правка «Канал Кош-Тепа»');
  });
});
