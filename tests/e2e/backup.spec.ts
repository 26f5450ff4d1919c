import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import JSZip from 'jszip';
import { DATA_DIR, expect, PROJECT_ROOT, test } from './fixtures';

const BACKUPS = join(DATA_DIR, 'backups');
const ORIGINAL_TITLE = 'Kosh-Tepa canal water draw on the Amu Darya';

const backupFiles = () => readdirSync(BACKUPS).filter((name) => name.endsWith('.awbackup'));

async function renameThreat(app: Page, from: RegExp | string, to: string) {
  await app
    .getByRole('button', { name: /Register/ })
    .first()
    .click();
  await app
    .getByRole('grid', { name: 'Threats' })
    .locator('tbody tr', { hasText: from })
    .getByRole('gridcell')
    .first()
    .click();
  const title = app.getByRole('textbox', { name: 'Title' });
  await title.fill(to);
  await title.press('Enter');
  await expect(app.getByRole('grid', { name: 'Threats' })).toContainText(to);
  await expect(app.getByRole('status').filter({ hasText: 'All changes are saved' })).toBeVisible();
}

async function openBackups(app: Page) {
  // The status bar's backup button opens the dialog (so do File → Backups… and the palette).
  await app
    .getByRole('contentinfo')
    .getByRole('button', { name: /^(Backed up|Backups…)/ })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Backups' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Reading the backups folder…')).toHaveCount(0);
  return dialog;
}

test.describe('backup and restore', () => {
  test('back up now, change more, restore from the list: the earlier state is back after the reload', async ({
    app,
  }, testInfo) => {
    await renameThreat(app, ORIGINAL_TITLE, 'Kosh-Tepa canal: as backed up');

    let dialog = await openBackups(app);
    const before = backupFiles();
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    await expect(
      dialog.getByRole('status').filter({ hasText: /^Backed up the workspace \(\d+ KB\) to .*\.awbackup\.$/ }),
    ).toBeVisible();
    const written = backupFiles().filter((name) => !before.includes(name));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^Analyst Workbench \d{4}-\d{2}-\d{2} \d{4}( \(\d+\))?\.awbackup$/);
    const manualRow = dialog
      .getByRole('table', { name: 'Backups' })
      .getByRole('row')
      .filter({ hasText: 'By hand' })
      .first();
    await expect(manualRow).toContainText('1 source · 35 passages');
    await expect(manualRow).toContainText('12 threats');
    await app.screenshot({ path: testInfo.outputPath('backups-dialog.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // More work after the backup: a rename and a deleted passage's worth of change is enough to see.
    await renameThreat(app, 'Kosh-Tepa canal: as backed up', 'Kosh-Tepa canal: changed after the backup');

    dialog = await openBackups(app);
    await manualRow.getByRole('button', { name: /^Restore the backup of/ }).click();
    const compare = dialog.getByRole('table', { name: 'What will be replaced' });
    await expect(dialog.getByRole('heading', { name: 'Replace the workspace?' })).toBeVisible();
    await expect(compare.getByRole('row', { name: /threats/i })).toContainText('12');
    await app.screenshot({ path: testInfo.outputPath('backups-confirm.png') });
    const beforeRestore = backupFiles();
    await dialog.getByRole('button', { name: 'Replace the workspace' }).click();

    // The window reloads onto the restored workspace and says what happened.
    // (Generous timeout: the restore writes a backup of the current workspace first; the notice fades after 5 s.)
    await expect(
      app.getByRole('status').filter({ hasText: /^The workspace was restored from the backup of/ }),
    ).toBeVisible({ timeout: 30_000 });
    await app
      .getByRole('button', { name: /Register/ })
      .first()
      .click();
    const grid = app.getByRole('grid', { name: 'Threats' });
    await expect(grid).toContainText('Kosh-Tepa canal: as backed up');
    await expect(grid).not.toContainText('changed after the backup');
    await expect(grid.locator('tbody tr[data-threat-id]')).toHaveCount(12);
    // The workspace as it was before the restore was kept as a rolling backup.
    const added = backupFiles().filter((name) => !beforeRestore.includes(name));
    expect(added).toEqual([expect.stringMatching(/ before-restore\.awbackup$/)]);
    dialog = await openBackups(app);
    await expect(dialog.getByRole('table', { name: 'Backups' })).toContainText('Before a restore');
    await app.screenshot({ path: testInfo.outputPath('backups-after-restore.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Still there after another reload: it is the database, not the screen.
    await app.reload();
    await app
      .getByRole('button', { name: /Register/ })
      .first()
      .click();
    await expect(app.getByRole('grid', { name: 'Threats' })).toContainText('Kosh-Tepa canal: as backed up');
  });

  test('in a Russian interface, main refuses a foreign or damaged file in Russian', async ({ app }, testInfo) => {
    await app.keyboard.press('Control+,');
    await app.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: 'Language' }).click();
    await app.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await app.getByRole('dialog', { name: 'Настройки' }).getByRole('button', { name: 'Закрыть' }).click();
    await app
      .getByRole('contentinfo')
      .getByRole('button', { name: /^(Копия|Резервные копии…)/ })
      .click();
    const dialog = app.getByRole('dialog', { name: 'Резервные копии' });
    const input = dialog.getByLabel('Файл резервной копии для восстановления');
    await input.setInputFiles(join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'briefing.docx'));
    await expect(dialog.getByRole('alert')).toHaveText(
      'Этот файл не является резервной копией Analyst Workbench (копии имеют расширение .awbackup и создаются командой «Файл → Создать резервную копию…»). Ничего не изменено.',
    );
    // A backup of this workspace cut off as if by a failed copy: damaged, said in Russian too.
    const before = backupFiles();
    await dialog.getByRole('button', { name: 'Создать копию' }).click();
    await expect.poll(() => backupFiles().length).toBeGreaterThan(before.length);
    const made = backupFiles().find((name) => !before.includes(name))!;
    const whole = readFileSync(join(BACKUPS, made));
    const cut = testInfo.outputPath('cut.awbackup');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    await input.setInputFiles(cut);
    await expect(dialog.getByRole('alert')).toHaveText(
      'Файл резервной копии повреждён или неполон — возможно, он был обрезан при копировании. Ничего не изменено. Используйте другую копию.',
    );
  });

  test('a corrupt, altered or foreign file is refused with a sentence and the workspace is unchanged', async ({
    app,
  }, testInfo) => {
    await renameThreat(app, ORIGINAL_TITLE, 'Kosh-Tepa canal: before the bad files');
    let dialog = await openBackups(app);
    await dialog.getByRole('button', { name: 'Back up now' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: /^Backed up the workspace/ })).toBeVisible();
    const newest = dialog
      .getByRole('table', { name: 'Backups' })
      .getByRole('row')
      .filter({ hasText: 'By hand' })
      .first();
    await expect(newest).toBeVisible();
    const good = readFileSync(
      join(
        BACKUPS,
        backupFiles()
          .sort()
          .filter((n) => !/ (daily|quit|before-restore)/.test(n))
          .at(-1)!,
      ),
    );

    const truncated = testInfo.outputPath('truncated.awbackup');
    writeFileSync(truncated, good.subarray(0, Math.floor(good.length * 0.6)));
    const altered = testInfo.outputPath('altered.awbackup');
    // One letter of the sample article changed inside the file, its manifest left as it was (the text is
    // deflated in the file, so the change is made through a zip library, as someone editing it would).
    const zip = await JSZip.loadAsync(good);
    const article = Object.keys(zip.files).find((name) => name.startsWith('files/'))!;
    const text = await zip.file(article)!.async('uint8array');
    const at = Buffer.from(text).indexOf(Buffer.from('Kosh-Tepa canal', 'utf8'));
    expect(at).toBeGreaterThan(0);
    text[at]! ^= 0x20;
    zip.file(article, text, { compression: 'DEFLATE' });
    writeFileSync(altered, await zip.generateAsync({ type: 'nodebuffer' }));
    const foreign = join(PROJECT_ROOT, 'tests', 'fixtures', 'import', 'briefing.docx');

    const before = backupFiles();
    const input = dialog.getByLabel('Backup file to restore');
    const cases: [string, RegExp][] = [
      [
        truncated,
        /^The backup file is damaged or incomplete — it may have been cut off while it was copied\. Nothing was changed\. Use another backup\.$/,
      ],
      [
        altered,
        /^The backup file has been altered or damaged since it was written: files\/[0-9a-f]{64} does not match the checksum its manifest records\. Nothing was changed\. Use another backup\.$/,
      ],
      [
        foreign,
        /^This file is not an Analyst Workbench backup \(backups end in \.awbackup and are written by File → Back up…\)\. Nothing was changed\.$/,
      ],
    ];
    for (const [file, sentence] of cases) {
      await input.setInputFiles(file);
      await expect(dialog.getByRole('alert')).toHaveText(sentence);
      await expect(dialog.getByRole('heading', { name: 'Replace the workspace?' })).toHaveCount(0);
    }
    await app.screenshot({ path: testInfo.outputPath('backups-refused.png') });
    expect(backupFiles()).toEqual(before);

    // A sound file gets to the confirm step; cancelling there changes nothing either.
    const sound = testInfo.outputPath('colleague.awbackup');
    writeFileSync(sound, good);
    await input.setInputFiles(sound);
    await expect(dialog.getByText(/replaced by the backup “colleague\.awbackup” of/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.getByRole('button', { name: 'Back up now' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await app.reload();
    await app
      .getByRole('button', { name: /Register/ })
      .first()
      .click();
    await expect(app.getByRole('grid', { name: 'Threats' })).toContainText('Kosh-Tepa canal: before the bad files');
    await expect(app.getByRole('grid', { name: 'Threats' }).locator('tbody tr[data-threat-id]')).toHaveCount(12);
    expect(backupFiles()).toEqual(before);
    dialog = await openBackups(app);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('the palette reaches the backup commands, and the keep-count is a setting', async ({ app }, testInfo) => {
    await app.keyboard.press('Control+k');
    await app.getByRole('combobox', { name: /^Go to a view/ }).fill('backups');
    await app.keyboard.press('Enter');
    const dialog = app.getByRole('dialog', { name: 'Backups' });
    await expect(dialog).toBeVisible();
    const keep = dialog.getByRole('spinbutton');
    await expect(keep).toHaveValue('10');
    await keep.fill('0');
    await keep.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveText('Keep between 1 and 100 backups of each kind.');
    await keep.fill('4');
    await keep.press('Enter');
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    await app.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot({ path: testInfo.outputPath('backups-dialog-dark.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await app.reload();
    const again = await openBackups(app);
    await expect(again.getByRole('spinbutton')).toHaveValue('4');
  });
});
