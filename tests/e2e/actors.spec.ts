import type { Locator, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, expect, openMenu, test } from './fixtures';

const ISK = 'ISIS-Khorasan (Islamic State Khorasan Province)';
const ARMED_GROUPS = [
  'Balochistan Liberation Army',
  'East Turkestan Islamic Movement',
  ISK,
  'Islamic Movement of Uzbekistan',
  'Jamaat Ansarullah',
  'Tehrik-e Taliban Pakistan',
];

async function openActors(app: Page): Promise<Locator> {
  await app.keyboard.press('Control+7');
  const table = app.getByRole('table', { name: 'Actors' });
  await expect(table).toBeVisible();
  return table;
}

const rows = (app: Page) => app.getByRole('table', { name: 'Actors' }).locator('tbody tr');
const row = (app: Page, name: string) => rows(app).filter({ has: app.getByRole('cell', { name, exact: true }) });
const inspector = (app: Page) => app.getByRole('complementary', { name: 'Inspector' });
const saved = (app: Page) => expect(app.getByRole('status').filter({ hasText: 'All changes are saved' })).toBeVisible();
/** The threat inspector's “Actors” line in the Register. */
const threatActorsLine = (app: Page) =>
  inspector(app)
    .locator('dt', { hasText: /^Actors$/ })
    .locator('xpath=following-sibling::dd[1]');

test.describe('the Actors view', () => {
  test('opens with Ctrl+7 and from the rail, and lists the six armed groups', async ({ app }) => {
    await openActors(app);
    await expect(app.getByRole('heading', { name: 'Actors', level: 1 })).toBeVisible();
    await expect(rows(app)).toHaveCount(12);
    await app.keyboard.press('Control+1');
    await expect(app.getByRole('table', { name: 'Actors' })).toBeHidden();

    const railItem = app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Actors\s*12/ });
    await expect(railItem).toHaveAttribute('aria-keyshortcuts', 'Control+7');
    await railItem.click();
    await expect(railItem).toHaveAttribute('aria-current', 'page');

    await app.getByRole('combobox', { name: 'Filter by kind' }).selectOption({ label: 'Armed groups (6)' });
    await expect(rows(app)).toHaveCount(6);
    expect(await rows(app).locator('td:first-child').allInnerTexts()).toEqual(ARMED_GROUPS);
    await expect(row(app, 'Jamaat Ansarullah').locator('td').nth(1)).toHaveText('Armed group');
    await expect(row(app, 'Jamaat Ansarullah').locator('td').nth(3)).toHaveText('1'); // one threat
    await expect(row(app, 'Jamaat Ansarullah').locator('td').nth(4)).toHaveText('7'); // seven passages
  });

  test('an alias in Cyrillic, a new name and a new kind are saved and survive a reload', async ({ app }) => {
    await openActors(app);
    await row(app, ISK).click();
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toHaveValue(ISK);
    const alias = app.getByRole('textbox', { name: 'New alias' });
    await alias.fill('Исламское государство – Хорасан');
    await alias.press('Enter');
    await expect(app.getByRole('button', { name: 'Edit alias “Исламское государство – Хорасан”' })).toBeVisible();
    await expect(alias).toHaveValue('');
    // The same alias again (in another case) is refused with a sentence.
    await alias.fill('iskp');
    await alias.press('Enter');
    await expect(inspector(app).getByRole('alert')).toHaveText('“ISKP” is already listed as an alias.');
    await alias.fill('');

    await row(app, 'Jamaat Ansarullah').click();
    const name = inspector(app).getByRole('textbox', { name: 'Name' });
    await name.fill('Jamaat Ansarullah (Tajik)');
    await name.press('Enter');
    await saved(app);
    await expect(row(app, 'Jamaat Ansarullah (Tajik)')).toHaveCount(1);

    await row(app, 'Taliban').click();
    await inspector(app).getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Armed group' });
    await saved(app);
    await expect(row(app, 'Taliban').locator('td').nth(1)).toHaveText('Armed group');
    await expect(inspector(app).getByRole('list', { name: 'History' })).toContainText(
      'Kind: Organisation → Armed group',
    );

    await app.reload();
    await openActors(app);
    await expect(row(app, 'Taliban').locator('td').nth(1)).toHaveText('Armed group');
    await expect(row(app, 'Jamaat Ansarullah (Tajik)')).toHaveCount(1);
    await row(app, ISK).click();
    await expect(app.getByRole('button', { name: 'Edit alias “Исламское государство – Хорасан”' })).toBeVisible();
    await expect(inspector(app).getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(1);
  });

  test('the threat-actor type is chosen from the STIX vocabulary and goes out in the STIX export', async ({
    app,
  }, testInfo) => {
    await openActors(app);
    await row(app, 'Taliban').click();
    const types = inspector(app).getByRole('combobox', { name: 'Threat-actor type (STIX)' });
    // Until the analyst decides, an organisation's type is "Unknown"; an armed group's "Terrorist".
    await expect(inspector(app).locator('.actor-threat-types .chip')).toHaveText(['Unknown×']);
    await types.fill('crime');
    await types.press('Enter');
    await saved(app);
    // A known type takes the place of "Unknown".
    await expect(inspector(app).locator('.actor-threat-types .chip')).toHaveText(['Crime syndicate×']);
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1440, height: 900 },
    ]) {
      await app.setViewportSize(size);
      await app.screenshot({ path: testInfo.outputPath(`actor-threat-type-${size.width}.png`) });
    }
    // A state has no threat-actor type: it is exported as its country and government.
    await row(app, 'Pakistan').click();
    await expect(inspector(app).getByRole('combobox', { name: 'Threat-actor type (STIX)' })).toHaveCount(0);
    await expect(inspector(app)).toContainText('never as a threat actor');
    await row(app, 'Jamaat Ansarullah').click();
    await expect(inspector(app).locator('.actor-threat-types .chip')).toHaveText(['Terrorist×']);

    await app.keyboard.press('Control+2');
    const before = readdirSync(join(DATA_DIR, 'exports'));
    await openMenu(app, 'Import / export');
    await app.getByRole('button', { name: 'Export STIX 2.1' }).click();
    await expect(app.getByText(/Exported a STIX 2.1 bundle to/)).toBeVisible();
    const file = readdirSync(join(DATA_DIR, 'exports')).find((f) => !before.includes(f) && f.endsWith('.stix.json'))!;
    const bundle = JSON.parse(readFileSync(join(DATA_DIR, 'exports', file), 'utf8')) as {
      objects: { type: string; name?: string; threat_actor_types?: string[] }[];
    };
    const actor = (name: string) => bundle.objects.find((o) => o.type === 'threat-actor' && o.name === name);
    expect(actor('Taliban')?.threat_actor_types).toEqual(['crime-syndicate']);
    expect(actor('Jamaat Ansarullah')?.threat_actor_types).toEqual(['terrorist']);
  });

  test('an alias is edited and removed in place', async ({ app }) => {
    await openActors(app);
    await row(app, 'Islamic Movement of Uzbekistan').click();
    await app.getByRole('button', { name: 'Edit alias “ИДУ”' }).click();
    const editing = app.getByRole('textbox', { name: 'Edit alias “ИДУ”' });
    await expect(editing).toBeFocused();
    await editing.fill('ИДУ (Узбекистан)');
    await editing.press('Enter');
    await expect(app.getByRole('button', { name: 'Edit alias “ИДУ (Узбекистан)”' })).toBeFocused();
    await app.getByRole('button', { name: 'Remove alias “IMU”' }).click();
    await saved(app);
    await expect(app.getByRole('button', { name: 'Edit alias “IMU”' })).toHaveCount(0);
    await expect(row(app, 'Islamic Movement of Uzbekistan')).not.toContainText('IMU ·');
  });

  test('the filter finds actors by alias in any script, and says when nothing matches', async ({ app }) => {
    await openActors(app);
    const filter = app.getByRole('searchbox', { name: /Filter actors/ });
    await filter.fill('ISKP');
    await expect(rows(app)).toHaveCount(1);
    await expect(rows(app).first()).toContainText(ISK);
    await expect(rows(app).first().locator('td').nth(2)).toHaveText(/^ISKP/); // the alias it was found by comes first
    await filter.fill('ИДУ');
    await expect(rows(app)).toHaveCount(1);
    await expect(rows(app).first()).toContainText('Islamic Movement of Uzbekistan');
    await filter.press('ArrowDown'); // from the filter into the list
    await expect(rows(app).first()).toBeFocused();
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toHaveValue('Islamic Movement of Uzbekistan');
    await filter.fill('талибан');
    await expect(rows(app)).toHaveCount(2); // the Taliban and the Pakistani Taliban
    await filter.fill('Hezbollah');
    await expect(app.getByRole('table', { name: 'Actors' })).toBeHidden();
    await expect(app.getByText('No actor matches “Hezbollah”.')).toBeVisible();
    await app.getByRole('button', { name: 'Clear the filter' }).click();
    await expect(rows(app)).toHaveCount(12);
    await expect(filter).toHaveValue('');
  });

  test('a duplicate name is refused with a sentence and nothing is saved', async ({ app }) => {
    await openActors(app);
    await row(app, 'Islamic Movement of Uzbekistan').click();
    const name = inspector(app).getByRole('textbox', { name: 'Name' });
    await name.fill('  taliban ');
    await name.press('Enter');
    await expect(inspector(app).getByRole('alert')).toHaveText(
      'There is already an actor called “Taliban”. Choose another name, or add this one as an alias.',
    );
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await name.press('Escape');
    await expect(name).toHaveValue('Islamic Movement of Uzbekistan');
    await app.reload();
    await openActors(app);
    await expect(row(app, 'Islamic Movement of Uzbekistan')).toHaveCount(1);
    await expect(rows(app).filter({ hasText: /^taliban/i })).toHaveCount(1);
  });

  test('a new actor starts named “New actor”, with the name ready to type over', async ({ app }) => {
    await openActors(app);
    await app.getByRole('searchbox', { name: /Filter actors/ }).fill('Taliban');
    await app.getByRole('button', { name: 'New actor' }).click();
    const name = inspector(app).getByRole('textbox', { name: 'Name' });
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('New actor');
    await expect(rows(app)).toHaveCount(13); // the filter was cleared to show it
    await expect(row(app, 'New actor')).toHaveAttribute('aria-selected', 'true');
    await app.keyboard.type('Hizb ut-Tahrir');
    await app.keyboard.press('Enter');
    await saved(app);
    await inspector(app).getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Organisation' });
    await inspector(app).getByRole('combobox', { name: 'Countries' }).fill('Uzbek');
    await inspector(app).getByRole('combobox', { name: 'Countries' }).press('Enter');
    await expect(inspector(app).getByRole('button', { name: 'Remove Uzbekistan' })).toBeVisible();
    await expect(row(app, 'Hizb ut-Tahrir').locator('td').nth(1)).toHaveText('Organisation');
    await expect(
      app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Actors\s*13/ }),
    ).toBeVisible();
    // Ctrl+Z outside a field takes the edits back one by one, down to the creation itself.
    await row(app, 'Hizb ut-Tahrir').focus();
    await app.keyboard.press('Control+z');
    await expect(inspector(app).getByRole('button', { name: 'Remove Uzbekistan' })).toBeHidden();
    await app.keyboard.press('Control+z');
    await expect(row(app, 'Hizb ut-Tahrir').locator('td').nth(1)).toHaveText('Other');
    await app.keyboard.press('Control+z');
    await expect(row(app, 'New actor')).toHaveCount(1);
    await app.keyboard.press('Control+z');
    await expect(rows(app)).toHaveCount(12);
    await expect(
      app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Actors\s*12/ }),
    ).toBeVisible();
  });

  test('threats and passages that link an actor are one click away', async ({ app }) => {
    await openActors(app);
    await row(app, 'Jamaat Ansarullah').click();
    await expect(inspector(app)).toContainText('7 passages link this actor.');
    await inspector(app).getByRole('button', { name: 'Jamaat Ansarullah activity against Tajikistan' }).click();
    await expect(
      app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Register/ }),
    ).toHaveAttribute('aria-current', 'page');
    await expect(inspector(app).getByRole('textbox', { name: 'Title' })).toHaveValue(
      'Jamaat Ansarullah activity against Tajikistan',
    );
    await expect(threatActorsLine(app)).toHaveText('Jamaat Ansarullah');

    await openActors(app);
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toHaveValue('Jamaat Ansarullah'); // remembered
    await inspector(app).getByRole('button', { name: 'Show passages' }).click();
    await expect(app.getByRole('heading', { name: 'Passages', level: 1 })).toBeVisible();
    await expect(app.getByRole('combobox', { name: 'Retrieve passages for' })).toHaveValue(/^actor:/);
  });

  test('the list is worked by keyboard: arrows move, Enter edits, Delete deletes with undo', async ({ app }) => {
    await openActors(app);
    await app.getByRole('combobox', { name: 'Filter by kind' }).selectOption({ label: 'States (5)' });
    await rows(app).first().focus();
    await expect(rows(app).first()).toHaveAttribute('aria-selected', 'true');
    await app.keyboard.press('ArrowDown');
    await expect(rows(app).nth(1)).toBeFocused();
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toHaveValue('Iran');
    await app.keyboard.press('End');
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toHaveValue('United States');
    await app.keyboard.press('ArrowUp');
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toHaveValue('Russia');
    await app.keyboard.press('Enter');
    await expect(inspector(app).getByRole('textbox', { name: 'Name' })).toBeFocused();

    // Russia is linked to a threat and passages: Delete asks first; Cancel keeps it.
    await row(app, 'Russia').focus();
    await app.keyboard.press('Delete');
    const dialog = app.getByRole('dialog', { name: 'Delete “Russia”?' });
    await expect(dialog).toContainText('1 threat and 3 passages link this actor');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(app, 'Russia')).toBeFocused();
    await app.keyboard.press('Delete');
    // The dialog opens on its own button (not on the first one, Cancel): Enter confirms.
    await expect(dialog.getByRole('button', { name: 'Delete actor' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(row(app, 'Russia')).toHaveCount(0);
    await expect(rows(app)).toHaveCount(4);
    await expect(row(app, 'United States')).toBeFocused(); // the next one takes its place
    await expect(
      app
        .getByRole('status')
        .filter({ hasText: 'Deleted actor “Russia”; it was unlinked from 1 threat and 3 passages.' }),
    ).toBeVisible();
    await app.keyboard.press('Control+z');
    await expect(row(app, 'Russia')).toHaveCount(1);
    await expect(row(app, 'Russia').locator('td').nth(4)).toHaveText('3');
  });

  test('Delete pressed before the view has counted the links still asks before deleting an actor with threats', async ({
    app,
  }) => {
    await openActors(app);
    await row(app, 'Jamaat Ansarullah').click();
    await app.keyboard.press('Control+1');
    await expect(app.getByRole('table', { name: 'Actors' })).toBeHidden();
    // A write held open on threats and passages (as a long import or restore would): the view's count of
    // each actor's links cannot answer until it ends, while the actors themselves can.
    await app.evaluate(
      () =>
        new Promise<void>((held, failed) => {
          const open = indexedDB.open('analyst-workbench');
          open.onerror = () => failed(open.error);
          open.onsuccess = () => {
            const store = open.result.transaction(['threats', 'annotations'], 'readwrite').objectStore('threats');
            const page = window as unknown as { releaseWrite?: boolean };
            const keepBusy = () => {
              if (!page.releaseWrite) store.count().onsuccess = keepBusy;
            };
            keepBusy();
            held();
          };
        }),
    );
    // Back to the view, and Delete clicked in the task its inspector's button appears.
    await app.evaluate(
      () =>
        new Promise<void>((done) => {
          const observer = new MutationObserver(() => {
            const button = [...document.querySelectorAll<HTMLButtonElement>('aside button')].find(
              (b) => b.textContent?.trim() === 'Delete actor',
            );
            if (!button) return;
            observer.disconnect();
            button.click();
            done();
          });
          observer.observe(document.body, { childList: true, subtree: true });
          (document.activeElement ?? document.body).dispatchEvent(
            new KeyboardEvent('keydown', { key: '7', code: 'Digit7', ctrlKey: true, bubbles: true }),
          );
        }),
    );
    await app.waitForTimeout(300);
    await app.evaluate(() => ((window as unknown as { releaseWrite?: boolean }).releaseWrite = true));
    const dialog = app.getByRole('dialog', { name: 'Delete “Jamaat Ansarullah”?' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('1 threat');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(row(app, 'Jamaat Ansarullah')).toHaveCount(1);
  });

  test('deleting an actor takes it off its threats, and Undo puts it back', async ({ app }) => {
    await openActors(app);
    await row(app, 'Jamaat Ansarullah').click();
    await inspector(app).getByRole('button', { name: 'Jamaat Ansarullah activity against Tajikistan' }).click();
    await expect(threatActorsLine(app)).toHaveText('Jamaat Ansarullah');

    await openActors(app);
    await inspector(app).getByRole('button', { name: 'Delete actor' }).click();
    await app
      .getByRole('dialog', { name: 'Delete “Jamaat Ansarullah”?' })
      .getByRole('button', { name: 'Delete actor' })
      .click();
    await expect(row(app, 'Jamaat Ansarullah')).toHaveCount(0);
    const notice = app.getByRole('status').filter({ hasText: 'Deleted actor “Jamaat Ansarullah”' });
    await expect(notice).toBeVisible();
    await expect(
      app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Actors\s*11/ }),
    ).toBeVisible();

    await app.keyboard.press('Control+2');
    await expect(inspector(app).getByRole('textbox', { name: 'Title' })).toHaveValue(
      'Jamaat Ansarullah activity against Tajikistan',
    );
    await expect(threatActorsLine(app)).not.toContainText('Jamaat Ansarullah');
    await expect(threatActorsLine(app)).toHaveText(/^—?$/);

    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect(threatActorsLine(app)).toHaveText('Jamaat Ansarullah');
    await openActors(app);
    await expect(row(app, 'Jamaat Ansarullah').locator('td').nth(3)).toHaveText('1');
    await expect(row(app, 'Jamaat Ansarullah').locator('td').nth(4)).toHaveText('7');
  });
});

test('screenshots of the Actors view, light and dark', async ({ app }, testInfo) => {
  await openActors(app);
  await row(app, ISK).click();
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    await app.waitForTimeout(150);
    await app.screenshot({ path: testInfo.outputPath(`actors-${scheme}.png`) });
  }
  await app.emulateMedia({ colorScheme: 'light' });
  await app.getByRole('searchbox', { name: /Filter actors/ }).fill('Hezbollah');
  await app.screenshot({ path: testInfo.outputPath('actors-empty-light.png') });
  await app.getByRole('searchbox', { name: /Filter actors/ }).fill('');
  await row(app, 'Russia').click();
  await inspector(app).getByRole('button', { name: 'Delete actor' }).click();
  await app.screenshot({ path: testInfo.outputPath('actors-confirm-light.png') });
});
