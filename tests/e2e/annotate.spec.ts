import { expect, test } from './fixtures';
import { highlightedTexts, paintedHighlights, readWholeText, selectWithMouse, textRect } from './reader-helpers';

test.describe('annotating passages', () => {
  test('the demo article arrives coded, painted with the Custom Highlight API and listed in document order', async ({
    app,
  }) => {
    const passages = app.getByRole('list', { name: 'Passages' }).getByRole('listitem');
    await expect(passages).toHaveCount(35);
    const painted = await paintedHighlights(app);
    expect(Object.keys(painted).filter((name) => name.startsWith('wb-t-')).length).toBeGreaterThan(0);
    // No DOM node per annotation: the reader holds only paragraphs.
    expect(await app.locator('article.reader mark').count()).toBe(0);
    // Read through, the article shows passages of more than five tags, each painted as it comes on screen.
    const { text, highlights } = await readWholeText(app);
    expect([...highlights].filter((name) => name.startsWith('wb-t-')).length).toBeGreaterThan(5);
    const firstQuotes = await passages.locator('.passage-quote').allInnerTexts();
    const positions = firstQuotes.map((q) => text.indexOf(q.replace(/…$/, '').slice(0, 40)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test('select with the mouse, tag (created inline), note and links; it survives a reload', async ({ app }) => {
    await selectWithMouse(app, 'effective armed forces have been created');
    await app.getByRole('button', { name: /Annotate/ }).click();
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await expect(editor.locator('blockquote')).toHaveText('effective armed forces have been created');
    const tags = editor.getByRole('combobox', { name: 'Tags' });
    await tags.fill('Taliban capability');
    await expect(editor.getByRole('option', { name: 'Create tag “Taliban capability”' })).toBeVisible();
    await tags.press('Enter');
    await expect(editor.locator('.chip', { hasText: 'Taliban capability' })).toBeVisible();
    await editor.getByRole('textbox', { name: 'Note' }).fill('Claim of the author; no figures given.');
    await editor.getByRole('combobox', { name: 'Countries' }).fill('Afgh');
    await editor.getByRole('option', { name: /Afghanistan/ }).click();
    await editor.getByRole('combobox', { name: 'Actors' }).fill('Taliban');
    await editor
      .getByRole('option', { name: /^Taliban/ })
      .first()
      .click();
    await editor.getByRole('combobox', { name: 'Threats' }).fill('humanitarian');
    await editor.getByRole('option', { name: /Humanitarian/ }).click();
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(editor).toBeHidden();

    const item = app
      .getByRole('list', { name: 'Passages' })
      .getByRole('listitem')
      .filter({ hasText: 'effective armed forces have been created' });
    await expect(item).toContainText('Taliban capability');
    await expect(item).toContainText('Claim of the author');
    await expect(item).toContainText('Afghanistan');

    await app.reload();
    const again = app
      .getByRole('list', { name: 'Passages' })
      .getByRole('listitem')
      .filter({ hasText: 'effective armed forces have been created' });
    await expect(again).toContainText('Taliban capability');
    await again.getByRole('button').click();
    expect(await highlightedTexts(app, 'wb-selected')).toEqual(['effective armed forces have been created']);
  });

  test('select with the keyboard and press A', async ({ app }) => {
    const rect = await textRect(app, 'public order is maintained');
    await app.mouse.click(rect.left + 1, (rect.top + rect.firstLineBottom) / 2);
    for (let i = 0; i < 'public order'.length; i++) await app.keyboard.press('Shift+ArrowRight');
    await app.keyboard.press('a');
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await expect(editor.locator('blockquote')).toHaveText('public order');
    await editor.getByRole('combobox', { name: 'Tags' }).fill('Judgment');
    await editor.getByRole('option', { name: /^Judgment/ }).click();
    await app.keyboard.press('Control+Enter');
    await expect(editor).toBeHidden();
    await expect(
      app
        .getByRole('list', { name: 'Passages' })
        .getByRole('listitem')
        .filter({ hasText: /^public order/ }),
    ).toHaveCount(1);
  });

  test('overlapping passages are each reachable from the text and from the margin', async ({ app }) => {
    // The madrassa sentence holds a nested coded phrase.
    const rect = await textRect(app, '400 thousand young');
    // Inside both the coded phrase and the coded sentence around it.
    await app.mouse.click((rect.left + rect.firstLineRight) / 2, (rect.top + rect.firstLineBottom) / 2);
    const here = app.getByRole('dialog', { name: 'Passages here' });
    await expect(here).toContainText('2 passages here');
    // A click in the text leaves its caret there (to go on selecting by keyboard): the list does not take the focus.
    expect(await here.evaluate((box) => box.contains(document.activeElement))).toBe(false);
    await app.keyboard.press('Escape');
    await expect(here).toBeHidden();
    const stripes = app.locator('.para', { hasText: 'up to 400 thousand young people study' }).locator('.stripes');
    expect(
      // One stripe per passage, each a shadow of the margin's 3 px box: "rgb(…) 3px 0px 0px 0px, rgb(…) 8px 0px …".
      await stripes.evaluate((el) => getComputedStyle(el, '::before').boxShadow.match(/rgba?\(/g)?.length ?? 0),
    ).toBeGreaterThanOrEqual(2);
    await stripes.click();
    // From the margin, a control, the list holds the focus as a dialog does.
    await expect(here).toBeVisible();
    await expect(here.getByRole('button').first()).toBeFocused();
  });

  test('edit and delete a passage, and undo the delete', async ({ app }) => {
    const list = app.getByRole('list', { name: 'Passages' });
    const item = list.getByRole('listitem').filter({ hasText: 'Kosh-Tepa canal will significantly reduce' });
    await item.getByRole('button').dblclick();
    const editor = app.getByRole('dialog', { name: 'Edit passage' });
    await editor
      .getByRole('textbox', { name: 'Note' })
      .fill('15% is the article’s figure; check against SIC ICWC data.');
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(item).toContainText('SIC ICWC');

    await item.getByRole('button').click();
    await app.keyboard.press('Delete');
    await expect(item).toHaveCount(0);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(
      list.getByRole('listitem').filter({ hasText: 'Kosh-Tepa canal will significantly reduce' }),
    ).toContainText('SIC ICWC');
    await app.keyboard.press('Control+Shift+Z');
    await expect(
      list.getByRole('listitem').filter({ hasText: 'Kosh-Tepa canal will significantly reduce' }),
    ).toHaveCount(0);
  });

  test('a new passage is one step for Ctrl+Z, and Ctrl+Shift+Z brings it back coded', async ({ app }) => {
    const list = app.getByRole('list', { name: 'Passages' });
    await expect(list.getByRole('listitem')).toHaveCount(35);
    await selectWithMouse(app, 'public order is maintained');
    await app.keyboard.press('a');
    const editor = app.getByRole('dialog', { name: 'Annotate passage' });
    await editor.getByRole('combobox', { name: 'Tags' }).fill('Judgment');
    await editor.getByRole('option', { name: /^Judgment/ }).click();
    await editor.getByRole('textbox', { name: 'Note' }).fill('Order holds, says the author.');
    await app.keyboard.press('Control+Enter');
    await expect(editor).toBeHidden();
    const added = list.getByRole('listitem').filter({ hasText: /^public order is maintained/ });
    await expect(added).toContainText('Judgment');
    await expect(list.getByRole('listitem')).toHaveCount(36);

    await app.keyboard.press('Control+z');
    await expect(list.getByRole('listitem')).toHaveCount(35);
    await expect(
      app.getByRole('status').filter({ hasText: 'Undone: annotate “public order is maintained”.' }),
    ).toBeVisible();
    await app.keyboard.press('Control+Shift+Z');
    await expect(list.getByRole('listitem')).toHaveCount(36);
    await expect(added).toContainText('Order holds, says the author.');
    await expect(added).toContainText('Judgment');
  });
});

test.describe('codebook', () => {
  test('rename, recount, merge with undo', async ({ app }) => {
    await app.getByRole('tab', { name: 'Codebook' }).click();
    const tree = app.getByRole('list', { name: 'Codebook' });
    await tree.getByRole('button', { name: /^Water/ }).click();
    const name = app.getByRole('group', { name: 'Tag Water' }).getByRole('textbox', { name: 'Name' });
    await name.fill('Water security');
    await name.press('Enter');
    await expect(tree.getByRole('button', { name: /^Water security/ })).toBeVisible();
    const count = async (tag: string) =>
      Number(
        await tree
          .getByRole('button', { name: new RegExp(`^${tag}`) })
          .locator('.count')
          .innerText(),
      );
    const water = await count('Water security');
    const geo = await count('Geopolitics');
    await app
      .getByRole('group', { name: 'Tag Water security' })
      .getByRole('combobox', { name: 'Merge into' })
      .selectOption({ label: 'Geopolitics' });
    await expect(tree.getByRole('button', { name: /^Water security/ })).toHaveCount(0);
    await expect.poll(() => count('Geopolitics')).toBeGreaterThan(geo);
    expect(await count('Geopolitics')).toBeLessThanOrEqual(geo + water);
    await app.getByRole('button', { name: 'Undo' }).click();
    await expect(tree.getByRole('button', { name: /^Water security/ })).toBeVisible();
    await expect.poll(() => count('Water security')).toBe(water);
    await expect.poll(() => count('Geopolitics')).toBe(geo);
  });

  test('a rename is undone and redone by keyboard; a deleted tag leaves its passages, and Undo brings it back', async ({
    app,
  }) => {
    await app.getByRole('tab', { name: 'Codebook' }).click();
    const tree = app.getByRole('list', { name: 'Codebook' });
    const count = async (tag: string) =>
      Number(
        await tree
          .getByRole('button', { name: new RegExp(`^${tag}`) })
          .locator('.count')
          .innerText(),
      );
    await tree.getByRole('button', { name: /^Water/ }).click();
    const name = app.getByRole('group', { name: 'Tag Water' }).getByRole('textbox', { name: 'Name' });
    await name.fill('Water security');
    await name.press('Enter');
    await expect(tree.getByRole('button', { name: /^Water security/ })).toBeVisible();
    // Out of the text field, Ctrl+Z undoes the workspace's last change rather than the typing.
    await tree.getByRole('button', { name: /^Water security/ }).focus();
    await app.keyboard.press('Control+z');
    await expect(tree.getByRole('button', { name: /^Water\b/ })).toBeVisible();
    await expect(tree.getByRole('button', { name: /^Water security/ })).toHaveCount(0);
    await app.keyboard.press('Control+Shift+Z');
    await expect(tree.getByRole('button', { name: /^Water security/ })).toBeVisible();

    const water = await count('Water security');
    expect(water).toBeGreaterThan(0);
    await app.getByRole('tab', { name: /Passages/ }).click();
    const passages = app.getByRole('list', { name: 'Passages' }).getByRole('listitem');
    await expect(passages).toHaveCount(35);
    await app.getByRole('tab', { name: 'Codebook' }).click();
    await tree.getByRole('button', { name: /^Water security/ }).click();
    await app.getByRole('group', { name: 'Tag Water security' }).getByRole('button', { name: 'Delete tag' }).click();
    await expect(tree.getByRole('button', { name: /^Water security/ })).toHaveCount(0);
    const notice = app.getByRole('status').filter({ hasText: 'Deleted tag “Water security”; its passages are kept.' });
    await app.getByRole('tab', { name: /Passages/ }).click();
    await expect(passages).toHaveCount(35);
    await expect(passages.filter({ hasText: 'Water security' })).toHaveCount(0);
    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect(passages.filter({ hasText: 'Water security' })).toHaveCount(water);
    await app.getByRole('tab', { name: 'Codebook' }).click();
    await expect.poll(() => count('Water security')).toBe(water);
  });
});

test.describe('anchoring never lies', () => {
  test('after a text correction, moved passages wait in Review and can be accepted', async ({ app }) => {
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.getByRole('button', { name: 'Correct the text…' }).click();
    const editor = app.getByRole('dialog', { name: 'Correct the text' }).getByRole('textbox', { name: 'Source text' });
    const original = await editor.inputValue();
    const edited = `Editor’s note: republished with corrections.\n\n${original.replace('will significantly reduce the flow of water from the Amu Darya by 15%', 'will reduce the flow of water from the Amu Darya by about 15%')}`;
    await editor.fill(edited);
    await app.getByRole('button', { name: 'Save text' }).click();
    const review = app.getByRole('list', { name: 'Review queue' });
    await expect(review).toBeVisible();
    const moved = review.getByRole('listitem').filter({ hasText: 'Kosh-Tepa canal will' });
    await expect(moved).toContainText('Moved');
    await expect(moved).toContainText('Found:');
    await moved.getByRole('button', { name: 'Accept' }).click();
    await expect(moved).toHaveCount(0);

    // A passage whose words are gone is kept, not dropped, and can be placed again by hand.
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.getByRole('button', { name: 'Correct the text…' }).click();
    const again = await editor.inputValue();
    await editor.fill(
      again.replace(
        'One of the latest high-profile crimes was a major terrorist attack in the Crocus City Hall in Moscow, which killed more than 140 people.',
        'The Crocus City Hall attack in Moscow in March 2024 killed more than 140 people.',
      ),
    );
    await app.getByRole('button', { name: 'Save text' }).click();
    const lost = review.getByRole('listitem').filter({ hasText: 'One of the latest high-profile crimes' });
    await expect(lost).toContainText('Not found');
    await lost.getByRole('button', { name: 'Re-select' }).click();
    await selectWithMouse(app, 'The Crocus City Hall attack in Moscow in March 2024 killed more than 140 people.');
    await expect(lost).toHaveCount(0);
    await app.getByRole('tab', { name: /Passages/ }).click();
    await expect(
      app
        .getByRole('list', { name: 'Passages' })
        .getByRole('listitem')
        .filter({ hasText: 'The Crocus City Hall attack in Moscow in March 2024' }),
    ).toHaveCount(1);
    await app.getByRole('tab', { name: 'Review' }).click();
    // Nothing was lost: every demo passage is still listed or waiting in review.
    await app.getByRole('tab', { name: /Passages/ }).click();
    await expect(app.getByRole('list', { name: 'Passages' }).getByRole('listitem')).toHaveCount(35);
  });
});
