// The types main uses for citation-js (the packages ship none); tests have no other way to see them.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../shared/types/citation-js.d.ts" />
// Issue 18, audited as a user would: the demo workspace goes out through the UI in every interchange format, and
// each file is read by what stands in for the client that would receive it — the official REFI-QDA schema, the
// OASIS STIX 2.1 schemas and the specification's relationship table, the W3C Web Annotation test suite's
// assertions, citation-js (what Zotero's translators share their formats with) and a CSV parser. Then a peer's
// files come in through the UI: the ATLAS.ti samples and a Hypothesis-style annotation export.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import { qdpxContents, REFI_QDA_VENDOR, refiQdaSchemaErrors } from '../support/refi-qda-validator';
import { relationshipProblem } from '../support/stix-relationship-table';
import { refProblems, stixValidator } from '../support/stix-validator';
import { w3cAnnotationValidator } from '../support/w3c-validator';
import { addedExport, expect, exportedFiles, openMenu, SAMPLE_ARTICLE, SAMPLE_TITLE, test } from './fixtures';

type Json = Record<string, unknown>;

async function fromPalette(app: Page, title: string): Promise<void> {
  await app.keyboard.press('Control+k');
  await app.getByRole('combobox', { name: /^Go to a view/ }).fill(title);
  await app.keyboard.press('Enter');
}

test.describe('interchange with real clients (issue 18)', () => {
  test('the demo goes out in every format, and each file is read as its client reads it', async ({ app }) => {
    // REFI-QDA: the project the official schema accepts, with the text beside it.
    let before = exportedFiles();
    await fromPalette(app, 'Export REFI-QDA Project');
    await expect(app.getByText(/^Exported 1 source, \d+ codes and 35 coded passages to .*\.qdpx\.$/)).toBeVisible();
    const qdpx = await qdpxContents(await addedExport(before, '.qdpx'));
    expect(await refiQdaSchemaErrors(qdpx.projectXml)).toEqual([]);
    expect(qdpx.projectXml.match(/<PlainTextSelection /g)).toHaveLength(35);

    // W3C Web Annotation: every annotation passes the suite's musts, tags are tagging bodies with their names.
    before = exportedFiles();
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.getByRole('button', { name: 'Export annotations (W3C JSON-LD)' }).click();
    const collection = JSON.parse(readFileSync(await addedExport(before, '.jsonld'), 'utf8')) as Json;
    const items = (collection.first as Json).items as Json[];
    expect(items).toHaveLength(35);
    const validator = w3cAnnotationValidator();
    for (const item of items)
      expect(validator.failedMusts({ '@context': collection['@context'], ...item }), String(item.id)).toEqual([]);
    const taggings = items.flatMap((item) => [item.body].flat() as Json[]).filter((b) => b.purpose === 'tagging');
    expect(taggings.length).toBeGreaterThan(0);
    expect(taggings.every((b) => b.type === 'TextualBody' && typeof b.value === 'string')).toBe(true);
    expect(taggings.map((b) => b.value)).toContain('Terrorism');
    expect(items.every((item) => !('@context' in item))).toBe(true);

    // References: citation-js reads the BibTeX and RIS back, one record per source, the title intact.
    for (const [label, ending] of [
      ['BibTeX (.bib)', '.bib'],
      ['RIS (.ris)', '.ris'],
    ] as const) {
      before = exportedFiles();
      await fromPalette(app, 'Export Sources for Zotero');
      const dialog = app.getByRole('dialog', { name: 'Export sources for Zotero' });
      await dialog.getByLabel(label).check();
      await dialog.getByRole('button', { name: 'Export' }).click();
      await expect(app.getByText(new RegExp(`^Exported 1 source as references to .*\\${ending}\\.$`))).toBeVisible();
      const reread = new Cite(readFileSync(await addedExport(before, ending), 'utf8')).data as Json[];
      expect(reread, ending).toHaveLength(1);
      expect(reread[0]!.title, ending).toBe(SAMPLE_TITLE);
    }

    // STIX 2.1: valid against the OASIS schemas, every reference resolves, every relationship one the
    // specification lists, states never threat actors, every threat actor typed from the vocabulary.
    await app.keyboard.press('Control+2');
    const grid = app.getByRole('grid', { name: 'Threats' });
    const rows = grid.locator('tbody tr[data-threat-id]');
    await expect(rows).toHaveCount(12);
    before = exportedFiles();
    await openMenu(app, 'Import / export');
    await app.getByRole('button', { name: 'Export STIX 2.1' }).click();
    const bundle = JSON.parse(readFileSync(await addedExport(before, '.stix.json'), 'utf8')) as { objects: Json[] };
    expect(stixValidator().bundleProblems(bundle)).toEqual([]);
    expect(refProblems(bundle)).toEqual([]);
    const typeOf = new Map(bundle.objects.map((o) => [o.id, o.type as string]));
    const relationships = bundle.objects.filter((o) => o.type === 'relationship');
    expect(relationships.length).toBeGreaterThan(0);
    for (const r of relationships)
      expect(
        relationshipProblem(
          typeOf.get(r.source_ref as string)!,
          r.relationship_type as string,
          typeOf.get(r.target_ref as string)!,
        ),
        String(r.id),
      ).toBeNull();
    const actors = bundle.objects.filter((o) => o.type === 'threat-actor');
    expect(actors.map((a) => a.name)).not.toContain('Pakistan');
    expect(actors.every((a) => (a.threat_actor_types as string[]).length > 0)).toBe(true);

    // CSV: a parser reads the rows in the grid's order (here sorted by title), with labels, not codes.
    await grid.getByRole('button', { name: 'Threat', exact: true }).click();
    const order = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-threat-id')));
    before = exportedFiles();
    await openMenu(app, 'Import / export');
    await app.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await addedExport(before, '.csv'), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n').filter((line) => !line.startsWith('"#') && !line.startsWith('#'));
    const parsed = Papa.parse<Json>(lines.join('\r\n'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const idColumn = parsed.meta.fields!.find((f) => /^id$/i.test(f))!;
    expect(parsed.data.map((row) => row[idColumn])).toEqual(order);
    expect(csv).toContain('Kazakhstan');
    expect(csv).toContain('Terrorism');
  });

  test('a peer’s files come in through the UI: the ATLAS.ti samples and a Hypothesis export', async ({
    app,
  }, testInfo) => {
    // ATLAS.ti 23: its code hierarchy arrives as tags (the blank project has none, and says so).
    for (const [sample, tags] of [
      ['atlas-ti-23-target.qdpx', '3 new tags.'],
      ['atlas-ti-23-blank.qdpx', null],
    ] as const) {
      const chooser = app.waitForEvent('filechooser');
      await fromPalette(app, 'Import REFI-QDA Project');
      await (await chooser).setFiles(join(REFI_QDA_VENDOR, 'samples', sample));
      const dialog = app.getByRole('dialog', { name: `Import “${sample}”` });
      const review = dialog.getByRole('list', { name: 'What the import will do' });
      if (tags) {
        await expect(review).toContainText(tags);
        await dialog.getByRole('button', { name: 'Import' }).click();
        await expect(app.getByText(/^Imported 0 sources, 3 tags and 0 coded passages from/)).toBeVisible();
        await expect(dialog).toBeHidden();
      } else {
        // A project that brings nothing says so, and offers no Import.
        await expect(dialog.getByRole('status')).toHaveText(/^There is nothing here to import/);
        await expect(dialog.getByRole('button', { name: 'Import' })).toHaveCount(0);
        await dialog.getByRole('button', { name: 'Close' }).click();
        await expect(dialog).toBeHidden();
      }
    }

    // Hypothesis: annotations of the same article on its web page (positions counted in the page's DOM, so
    // they do not fit here), placed by their quotes; tags by name; a page note without a quote is skipped.
    const article = readFileSync(SAMPLE_ARTICLE, 'utf8');
    const quoted = (exact: string) => {
      const at = article.indexOf(exact);
      expect(at, exact).toBeGreaterThan(0);
      return {
        type: 'TextQuoteSelector',
        exact,
        prefix: article.slice(Math.max(0, at - 32), at),
        suffix: article.slice(at + exact.length, at + exact.length + 32),
      };
    };
    const uri = 'https://example.org/articles/afghanistan-view-from-kazakhstan';
    const annotation = (id: string, text: string, tags: string[], selector: Json[]) => ({
      id,
      created: '2026-11-12T09:14:03.512374+00:00',
      updated: '2026-11-12T09:20:41.088212+00:00',
      user: 'acct:aigerim_s@hypothes.is',
      uri,
      text,
      tags,
      group: '__world__',
      permissions: { read: ['group:__world__'] },
      target: [{ source: uri, ...(selector.length > 0 ? { selector } : {}) }],
      document: { title: [SAMPLE_TITLE] },
      links: { html: `https://hypothes.is/a/${id}` },
    });
    const search = {
      total: 3,
      rows: [
        annotation(
          'hX1aFq2cEe-audit-0000001',
          'Recruitment across the post-Soviet space.',
          ['recruitment', 'ИГИЛ-Х'],
          [
            { type: 'TextPositionSelector', start: 90_000, end: 90_120 },
            quoted('ISIS relies mainly on people from post-Soviet states'),
          ],
        ),
        annotation(
          'hX1aFq2cEe-audit-0000002',
          'Ambitions beyond the region.',
          ['europe'],
          [quoted('The militants of the Khorasan branch are trying to infiltrate')],
        ),
        annotation('hX1aFq2cEe-audit-0000003', 'A page note: no quote.', [], []),
      ],
    };
    const file = testInfo.outputPath('hypothesis-search.json');
    writeFileSync(file, JSON.stringify(search, null, 2));
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.locator('input[aria-label="Annotations file"]').setInputFiles(file);
    await expect(app.getByText(/^Imported 2 passages from “hypothesis-search\.json”\./)).toBeVisible();
    await app.getByRole('tab', { name: /^Passages/ }).click();
    const passages = app.getByRole('list', { name: 'Passages' }).getByRole('listitem');
    await expect(passages).toHaveCount(37);
    await expect(passages.filter({ hasText: 'Recruitment across the post-Soviet space.' })).toContainText(
      'ISIS relies mainly on people from post-Soviet states',
    );
    // The same file again adds nothing: each Hypothesis id comes in once.
    await app.getByRole('tab', { name: 'Details' }).click();
    await app.locator('input[aria-label="Annotations file"]').setInputFiles(file);
    await expect(
      app.getByText(/Imported 0 passages from “hypothesis-search\.json”\. 2 were already here\./),
    ).toBeVisible();
  });
});
