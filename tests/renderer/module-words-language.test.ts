// The sentences plain modules say (a command's refusal, a team server's failure, a storage error, an
// undo label, the rationale an import writes) come from the catalogues when they are said: in English
// word for word as before, in Russian once the interface speaks Russian — the modules were loaded
// before the switch, so a word looked up at load time would stay English.
import { afterEach, describe, expect, it } from 'vitest';
import { applyLanguage, i18n } from '../../renderer/i18n';
import { commandState } from '../../renderer/workspace/user-commands';
import { useWorkbench } from '../../renderer/stores';
import { CouchClient, teamServerProblem } from '../../renderer/workspace/sync/couch';
import { toggleCompared } from '../../renderer/features/countries/comparison';
import { describeStorageError, quotaExceededMessage } from '../../renderer/db/storage-errors';
import { defaultMergeRationale } from '../../renderer/workspace/commands/merge';
import { describeRatingChange } from '../../renderer/workspace/commands/threats';
import { commentNote } from '../../renderer/workspace/commands/passages';
import { setBackupKeepCount } from '../../renderer/workspace/commands/settings';
import { languageLabel } from '../../renderer/features/sources/ImportReview';

afterEach(() => {
  applyLanguage('en');
  useWorkbench.setState({ readerFontSize: 17 });
});

const server = { url: 'https://couch.institute.example:6984', database: 'sahel', user: 'amira', password: 'pw' };

/** The sentence a team server's answer of `status` turns into. */
async function serverSays(status: number): Promise<string> {
  const client = new CouchClient(server, () => Promise.resolve({ status, body: '' }));
  return client.changes('0', 1).then(
    () => 'answered',
    (error: unknown) => (error as Error).message,
  );
}

async function sentences(): Promise<string[]> {
  useWorkbench.setState({ readerFontSize: 26 });
  const larger = commandState('reader:larger');
  const quota = new Error('full');
  quota.name = 'QuotaExceededError';
  return [
    larger.enabled ? 'enabled' : (larger.reason ?? ''),
    teamServerProblem({ url: 'http://couch.institute.example:5984', database: 'sahel' })!,
    await serverSays(0),
    await serverSays(401),
    await serverSays(503),
    (toggleCompared(['KZ', 'UZ'], 'UZ', () => 'Uzbekistan') as { refused: string }).refused,
    describeStorageError(quota),
    defaultMergeRationale('Dilnoza', 'april.awbackup'),
    describeRatingChange({ id: 'x', title: 'Kosh-Tepa canal', field: 'likelihood', before: 3, after: undefined }),
    commentNote({ author: '', date: '2026-03-12', text: 'Check this claim.', quote: 'the claim', occurrence: 0 }),
    typeof setBackupKeepCount.label === 'function' ? setBackupKeepCount.label(3, undefined) : '',
    languageLabel('ru'),
  ];
}

describe('a module’s sentence', () => {
  it('is the English one, word for word, while the interface speaks English', async () => {
    expect(i18n.language).toBe('en');
    expect(await sentences()).toEqual([
      'The reading text is at its largest.',
      'The server address must start with https:// — the workspace is sent over the network and must be encrypted. Plain http:// is only accepted for a server on this computer (127.0.0.1).',
      'The team server at couch.institute.example:6984 could not be reached. Your changes are kept here and will be sent when the server can be reached again.',
      'The team server did not accept the user name or password. Check them in Settings › Team and connect again.',
      'The team server answered with an error (503). Nothing was lost: your changes are kept here; try Sync now again later.',
      'Compare at least 2 countries: add another before taking Uzbekistan out, or swap it for another.',
      'The change could not be saved because the disk is full (or the space the system allows the workbench is used up). Nothing of this change was written and everything saved before it is intact. Free some disk space, then make the change again.',
      "Merged Dilnoza's work from “april.awbackup”",
      '“Kosh-Tepa canal” likelihood 3 → not rated',
      'Comment by Unknown reviewer (2026-03-12): Check this claim.',
      'keep 3 automatic backups of each kind',
      'Russian (ru)',
    ]);
  });

  it('is said in Russian once the interface speaks Russian, by modules loaded before the switch', async () => {
    applyLanguage('ru');
    expect(i18n.language).toBe('ru');
    expect(await sentences()).toEqual([
      'Текст для чтения уже самого крупного размера.',
      'Адрес сервера должен начинаться с https://\u00a0— рабочее пространство передаётся по сети и должно быть зашифровано. Обычный http:// допускается только для сервера на этом компьютере (127.0.0.1).',
      'Не удалось связаться с сервером команды couch.institute.example:6984. Ваши изменения сохранены здесь и будут отправлены, когда сервер снова станет доступен.',
      'Сервер команды не принял имя пользователя или пароль. Проверьте их в разделе «Настройки\u00a0› Команда» и подключитесь снова.',
      'Сервер команды ответил ошибкой (503). Ничего не потеряно: ваши изменения сохранены здесь; позже нажмите «Синхронизировать» ещё раз.',
      'Сравнивайте не менее 2 стран: прежде чем убрать эту страну (Uzbekistan), добавьте другую или замените её.',
      'Изменение не сохранено: диск заполнен (или исчерпано место, которое система отводит программе). Из этого изменения ничего не записано, всё сохранённое раньше цело. Освободите место на диске и повторите изменение.',
      'Слита работа коллеги Dilnoza из «april.awbackup»',
      '«Kosh-Tepa canal»: вероятность 3 → не оценена',
      'Примечание (неизвестный рецензент, 2026-03-12): Check this claim.',
      'хранение 3 автоматических копий каждого вида',
      'русский (ru)',
    ]);
    expect(quotaExceededMessage()).toMatch(/^Изменение не сохранено/);
  });
});
