import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommentRangeEnd, CommentRangeStart, CommentReference, Document, Packer, Paragraph, TextRun } from 'docx';
import { DATA_DIR, expect, scratchFolder, sha256OfFile, test } from './fixtures';

const scratch = scratchFolder('import-review');

/** A Russian memo as analysts get them: a dated place line under the title, and a reviewer's comment. */
async function memoWithComment(name: string, creator: string): Promise<string> {
  const document = new Document({
    creator,
    comments: {
      children: [
        {
          id: 0,
          author: 'Aigerim Nurpeisova',
          date: new Date('2026-03-13T10:00:00Z'),
          children: [new Paragraph({ children: [new TextRun('Confirm the figure with the border service.')] })],
        },
      ],
    },
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('Записка о ситуации на границе')] }),
          new Paragraph({ children: [new TextRun('Алматы, 12 марта 2026 г.')] }),
          new Paragraph({
            children: [
              new TextRun('По данным пограничной службы, '),
              new CommentRangeStart(0),
              new TextRun('число задержанных выросло вдвое'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
              new TextRun(' за первые два месяца года, и власти усилили охрану южных участков границы.'),
            ],
          }),
        ],
      },
    ],
  });
  const path = join(scratch, name);
  writeFileSync(path, await Packer.toBuffer(document));
  return path;
}

test.describe('reviewing an import', () => {
  test('a Word memo: the date guessed from its text is confirmed, and its comment becomes a passage', async ({
    app,
  }) => {
    const memo = await memoWithComment('border-memo.docx', 'template-owner');
    await app.locator('#import-files').setInputFiles(memo);
    await expect(app.getByRole('region', { name: 'Imports' })).toContainText('Imported');
    await expect(app.getByRole('heading', { level: 2 })).toHaveText('Записка о ситуации на границе');

    // The list tells the file type.
    const item = app.getByRole('list', { name: 'Sources' }).getByRole('listitem').filter({ hasText: 'Записка' });
    await expect(item).toContainText('DOCX');

    // The strip shows the guesses: the date comes from "Алматы, 12 марта 2026 г.", not from the file.
    const strip = app.getByRole('region', { name: 'Guessed details' });
    await expect(strip).toContainText('Published 12 Mar 2026');
    await expect(strip).toContainText('Language Russian (ru)');
    await app.getByRole('tab', { name: 'Details' }).click();
    await expect(app.locator('#source-date')).toHaveValue('2026-03-12');
    await expect(app.getByText('Published (guessed)')).toBeVisible();

    // The text mixes languages (the reviewer wrote in English): that paragraph is marked as English.
    await expect(strip).toContainText('the text mixes Russian (ru), English (en)');
    const reader = app.getByRole('document', { name: 'Source text' });
    await expect(reader.locator('p', { hasText: 'Confirm the figure' })).toHaveAttribute('lang', 'en');
    await expect(reader.locator('p', { hasText: 'число задержанных' })).not.toHaveAttribute('lang', /./);
    await strip.getByRole('button', { name: 'Confirm details' }).click();
    await expect(strip).toHaveCount(0);
    await expect(app.getByText('Published (guessed)')).toHaveCount(0);

    // The comment becomes a passage over the text it was attached to, its note the comment.
    const offer = app.getByRole('region', { name: 'Word comments' });
    await expect(offer).toContainText('1 reviewer comment');
    await offer.getByRole('button', { name: 'Make it a passage' }).click();
    await expect(offer).toHaveCount(0);
    await app.getByRole('tab', { name: /Passages/ }).click();
    const passages = app.getByRole('tabpanel');
    await expect(passages).toContainText('число задержанных выросло вдвое');
    await expect(passages).toContainText('Comment by Aigerim Nurpeisova (2026-03-13): Confirm the figure');

    // Undo takes the passage back; the confirmed details stay confirmed.
    await app.keyboard.press('Control+z');
    await expect(passages).not.toContainText('Comment by Aigerim Nurpeisova');
    await expect(strip).toHaveCount(0);

    // The same memo saved again by someone else (other bytes, same text) is a duplicate, and its file
    // does not stay behind in the data folder.
    const copy = await memoWithComment('border-memo-copy.docx', 'someone-else');
    expect(sha256OfFile(copy)).not.toBe(sha256OfFile(memo));
    await app.locator('#import-files').setInputFiles(copy);
    await expect(app.getByRole('region', { name: 'Imports' })).toContainText('Already imported');
    const stored = readdirSync(join(DATA_DIR, 'sources'), { recursive: true }).map(String);
    expect(stored.some((f) => f.includes(sha256OfFile(memo)))).toBe(true);
    expect(stored.some((f) => f.includes(sha256OfFile(copy)))).toBe(false);
  });
});
