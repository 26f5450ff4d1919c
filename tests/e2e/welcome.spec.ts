import { test as base, type Page } from '@playwright/test';
import { expect, SAMPLE_TITLE, test } from './fixtures';

/** A first start: a fresh profile, without the fixture's mark of a welcome already had. */
const firstRun = base;

firstRun('the first start welcomes the analyst over the demo; Help › Welcome brings it back', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByRole('dialog', { name: 'Welcome to Analyst Workbench' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByText(SAMPLE_TITLE, { exact: false })).toBeVisible();
  await expect(welcome.getByRole('heading', { name: 'Three first steps' })).toBeVisible();
  await expect(welcome.getByRole('listitem').filter({ hasText: /^1 source$/ })).toBeVisible();
  // Enter starts working: the dialog's own button has the focus, not the first step's.
  await expect(welcome.getByRole('button', { name: 'Start working' })).toBeFocused();

  await welcome.getByRole('button', { name: 'Open the Register' }).click();
  await expect(welcome).toBeHidden();
  await expect(
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Register/ }),
  ).toHaveAttribute('aria-current', 'page');

  // Not again on the next start…
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(welcome).toBeHidden();
  // …but from the palette (Help › Welcome in the desktop menu) whenever asked.
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: /^Go to a view/ }).fill('Welcome');
  await page.keyboard.press('Enter');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('button', { name: 'Start working' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(welcome).toBeHidden();
});

firstRun('starting an empty workspace deletes the demo in one undoable change', async ({ page }) => {
  await page.goto('/');
  const welcome = page.getByRole('dialog', { name: 'Welcome to Analyst Workbench' });
  await welcome.getByRole('button', { name: 'Start an empty workspace…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Start an empty workspace?' });
  await expect(confirm.getByRole('listitem').filter({ hasText: /^1 source$/ })).toBeVisible();
  await confirm.getByRole('button', { name: 'Delete everything and start empty' }).click();
  await expect(confirm).toBeHidden();

  const sources = page.getByRole('list', { name: 'Sources' });
  await expect(sources.getByRole('button', { name: new RegExp(SAMPLE_TITLE) })).toHaveCount(0);
  // The empty view says what to do.
  await expect(page.getByText('No sources yet', { exact: false })).toBeVisible();

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(sources.getByRole('button', { name: new RegExp(SAMPLE_TITLE) })).toBeVisible();
});

/** Pastes a short text as a new source, from the library's Paste… button. */
async function paste(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: 'Paste…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste text' });
  await dialog.getByRole('textbox', { name: 'Title' }).fill(title);
  await dialog.getByRole('textbox', { name: 'Text' }).fill('Notes from the desk on the Termez crossing.');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(title);
}

async function openWelcome(page: Page) {
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: /^Go to a view/ }).fill('Welcome');
  await page.keyboard.press('Enter');
  const welcome = page.getByRole('dialog', { name: 'Welcome to Analyst Workbench' });
  await expect(welcome).toBeVisible();
  return welcome;
}

test('the welcome names the demo’s own article beside the analyst’s sources, and says what the workspace holds once the demo is gone', async ({
  app,
}) => {
  // A source of the analyst's own that comes before the demo's however the sources are ordered.
  await paste(app, 'Aardvark desk notes');
  let welcome = await openWelcome(app);
  // The workspace is the analyst's now, and the demo's article is still the one named.
  await expect(welcome.getByRole('heading', { name: 'What the workspace holds' })).toBeVisible();
  await expect(welcome.getByText(`the article “${SAMPLE_TITLE}”`, { exact: false })).toBeVisible();
  await expect(welcome).not.toContainText('Aardvark');

  // Emptied, then a source of the analyst's own: no demo to speak of.
  await welcome.getByRole('button', { name: 'Start an empty workspace…' }).click();
  await app
    .getByRole('dialog', { name: 'Start an empty workspace?' })
    .getByRole('button', { name: 'Delete everything and start empty' })
    .click();
  await paste(app, 'Aardvark desk notes');
  welcome = await openWelcome(app);
  await expect(welcome.getByRole('heading', { name: 'What the workspace holds' })).toBeVisible();
  await expect(welcome.getByText('The workspace holds:')).toBeVisible();
  await expect(welcome.getByRole('listitem').filter({ hasText: /^1 source$/ })).toBeVisible();
  await expect(welcome).not.toContainText('the article “');
});

test('the first steps speak of the demo’s article while the workspace holds it, and of the analyst’s own sources once it is deleted', async ({
  app,
}) => {
  let welcome = await openWelcome(app);
  const steps = welcome.getByRole('region', { name: 'Three first steps' });
  await expect(steps.getByRole('listitem').first()).toContainText('Open the article in Sources');
  await expect(welcome.getByText('Keep the demo and import your sources beside it')).toBeVisible();
  await welcome.getByRole('button', { name: 'Start working' }).click();

  // The demo's article deleted (its register stays): nothing in the welcome speaks of an article or the demo.
  await app.getByRole('tab', { name: 'Details' }).click();
  app.once('dialog', (d) => void d.accept());
  await app.getByRole('button', { name: 'Delete source' }).click();
  await expect(app.getByText('No sources yet', { exact: false })).toBeVisible();
  welcome = await openWelcome(app);
  await expect(steps.getByRole('listitem').first()).toContainText(
    'Import your first source in Sources (or drop a file on the window), then select a sentence',
  );
  await expect(welcome).not.toContainText(/article|demo/i);
  await expect(welcome.getByText('Import your sources (or drop files on the window), or start')).toBeVisible();
  await welcome.getByRole('button', { name: 'Start working' }).click();

  // A source of the analyst's own: the first step opens one of theirs.
  await paste(app, 'Aardvark desk notes');
  welcome = await openWelcome(app);
  await expect(steps.getByRole('listitem').first()).toContainText('Open one of your sources in Sources');
  await expect(welcome).not.toContainText(/article|demo/i);
});

test('switching to Russian in Settings changes the interface at once and after a reload', async ({ app }) => {
  await app.keyboard.press('Control+,');
  const settings = app.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Language' }).click();
  await settings.getByRole('combobox', { name: 'Language' }).selectOption('ru');

  // The rail and the dialog speak Russian at once.
  await expect(app.getByRole('dialog', { name: 'Настройки' })).toBeVisible();
  await app.getByRole('dialog', { name: 'Настройки' }).getByRole('button', { name: 'Закрыть' }).click();
  const rail = app.getByRole('navigation', { name: 'Разделы' });
  await expect(rail.getByRole('button', { name: /Источники/ })).toBeVisible();

  // Counts with Russian plurals (one / many): the welcome's summary of the demo, opened from the palette.
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /^Перейти к разделу/ }).fill('Приветствие');
  await app.keyboard.press('Enter');
  const welcome = app.getByRole('dialog', { name: 'Добро пожаловать в Analyst Workbench' });
  await expect(welcome.getByRole('listitem').filter({ hasText: /^1 источник$/ })).toBeVisible();
  await expect(welcome.getByRole('listitem').filter({ hasText: /^35 фрагментов$/ })).toBeVisible();
  await expect(welcome.getByRole('listitem').filter({ hasText: /^12 угроз$/ })).toBeVisible();
  await welcome.getByRole('button', { name: 'Начать работу' }).click();

  await app.reload();
  await expect(app.getByRole('navigation', { name: 'Разделы' }).getByRole('button', { name: /Реестр/ })).toBeVisible();
  await expect(app.locator('html')).toHaveAttribute('lang', 'ru');
});

test('an empty Search says how it matches and offers examples; the scope narrows the hits', async ({ app }) => {
  await app.keyboard.press('Control+Shift+F');
  const view = app.getByRole('region', { name: 'Search' });
  await expect(view.getByText('Search every source’s text, your passage notes and the tags')).toBeVisible();
  await view.getByRole('button', { name: 'Taliban' }).click();
  await expect(view.getByRole('searchbox', { name: 'Search the workspace' })).toHaveValue('Taliban');
  const hits = view.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(hits.first()).toBeVisible();

  // Only tags: the one tag whose description names the Taliban, counted as one match (an ICU plural).
  await view.getByRole('radio', { name: 'Tags' }).check();
  await expect(hits).toHaveCount(1);
  await expect(hits.first()).toContainText('Geopolitics');
  await expect(view.getByRole('status')).toHaveText('1 match');
  await view.getByRole('radio', { name: 'Source text' }).check();
  await expect(hits.first().getByText('Text', { exact: true })).toBeVisible();
});

test('in Russian the Register, Briefings and the Backups dialog speak Russian, with Russian plurals', async ({
  app,
}) => {
  await app.keyboard.press('Control+,');
  const settings = app.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Language' }).click();
  await settings.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await app.getByRole('dialog', { name: 'Настройки' }).getByRole('button', { name: 'Закрыть' }).click();
  const rail = app.getByRole('navigation', { name: 'Разделы' });

  // The register: its toolbar, the grid's headers and the count of threats (12: the "many" form).
  await rail.getByRole('button', { name: /Реестр/ }).click();
  const toolbar = app.getByRole('toolbar', { name: 'Угрозы' });
  await expect(toolbar.getByRole('button', { name: 'Добавить угрозу' })).toBeVisible();
  await expect(toolbar.getByText('12 угроз', { exact: true })).toBeVisible();
  await expect(app.getByRole('columnheader', { name: /Вероятность/ })).toBeVisible();
  // A heat-map cell holding one threat ("1 угроза": the "one" form) filters the grid to "1 из 12 угроз".
  const cell = app
    .getByRole('table', { name: 'Тепловая карта' })
    .getByRole('button', { name: /: 1 угроза$/ })
    .first();
  await cell.click();
  await expect(toolbar.getByText('1 из 12 угроз', { exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'показать все' }).click();

  // Briefings: the empty view, then a new briefing's composer, counting the threats that pass its filters.
  await rail.getByRole('button', { name: /Справки/ }).click();
  await expect(app.getByText('Справок пока нет')).toBeVisible();
  await app.getByRole('button', { name: 'Новая справка' }).first().click();
  await expect(app.getByRole('heading', { name: 'Включённые угрозы' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Экспорт в .docx' })).toBeVisible();
  await expect(app.getByText(/^Фильтры проходят? \d+ угроз[аы]?\.$/)).toBeVisible();
  // The check before export says its warnings, and names its jumps, in Russian: no English sentence left.
  const check = app.getByRole('region', { name: 'Перед экспортом' });
  const warnings = check.getByRole('list', { name: 'Предупреждения', exact: true });
  await expect(warnings).toContainText('Главный вывод не написан');
  await expect(warnings).toContainText('не указаны библиографические сведения — издатель и дата');
  await expect(warnings).toContainText(/Оценки угроз T1, T2, .* опираются на единственный источник/);
  await expect(warnings.getByRole('button', { name: 'Открыть сведения об источнике' }).first()).toBeVisible();
  await expect(warnings.getByRole('button', { name: 'Перейти к T1' }).first()).toBeVisible();
  for (const sentence of await warnings.getByRole('paragraph').allTextContents())
    expect(sentence.replace(/«[^»]*»|n\.d\./g, '')).not.toMatch(/[A-Za-z]{3,}/);
  await app.setViewportSize({ width: 1366, height: 768 });
  await check.scrollIntoViewIfNeeded();
  await app.screenshot({ path: test.info().outputPath('briefing-check-ru-1366x768.png') });
  // A warning let stand keeps the sentence it said, in Russian.
  await warnings
    .getByRole('listitem')
    .filter({ hasText: 'Главный вывод не написан' })
    .getByRole('button', { name: /^Оставить как есть/ })
    .click();
  await check.getByText('1 предупреждение оставлено как есть').click();
  await expect(check.getByRole('list', { name: 'Оставленные предупреждения' })).toContainText(
    'Главный вывод не написан',
  );

  // An actor's countries are named in Russian, as the Countries view names them.
  await app.keyboard.press('Control+7');
  await app.getByRole('cell', { name: 'Jamaat Ansarullah', exact: true }).click();
  const inspector = app.getByRole('complementary');
  await expect(inspector.getByRole('button', { name: 'Убрать Таджикистан' })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Убрать Tajikistan' })).toHaveCount(0);

  // The Backups dialog, and what a backup holds counted in Russian.
  await app
    .getByRole('contentinfo')
    .getByRole('button', { name: /^(Копия|Резервные копии…)/ })
    .click();
  const backups = app.getByRole('dialog', { name: 'Резервные копии' });
  await expect(backups.getByRole('button', { name: 'Восстановить из файла…' })).toBeVisible();
  await backups.getByRole('button', { name: 'Создать копию' }).click();
  const manual = backups
    .getByRole('table', { name: 'Резервные копии' })
    .getByRole('row')
    .filter({ hasText: 'Вручную' })
    .first();
  await expect(manual).toContainText('1 источник · 35 фрагментов');
  await expect(manual).toContainText('12 угроз');
  await backups.getByRole('button', { name: 'Закрыть' }).click();
});
