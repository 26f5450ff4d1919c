// pdf.js's own test PDFs (tests/vendor/corpora/pdf, see its SOURCE and LICENSE) through the app's real
// import path: the importSource handler with its import worker, bundled as scripts/build.mjs bundles it
// and with pdfjs's character maps and standard fonts beside it as the build ships them. Every file ends
// either imported with the strings pdf.js's tests expect, or refused with the true reason.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch';
import type { HandlerTable } from '../../../main/services/handlers';
import { PDF_ASSET_FOLDER } from '../../../main/services/import/pdf-assets';
import { bundleForNode } from '../../support/bundle-for-node';
import { PROJECT_ROOT, realHandlerTable } from '../../support/handler-table';
import { sentenceCuts } from './pdf-measures';

interface ManifestEntry {
  file: string;
  cat: string;
  expect: string[];
  multicolumn?: boolean;
  note?: string;
}

interface Imported {
  text: string;
  warnings: string[];
}

/** Either `imported` or `refusal` (the sentence the analyst reads). */
interface Outcome {
  file: string;
  imported?: Imported;
  refusal?: string;
}

const corpus = join(PROJECT_ROOT, 'tests', 'vendor', 'corpora', 'pdf');
const MB = 1024 * 1024;

const REASONS = {
  password: /it is password-protected\./,
  damaged: /it appears to be damaged or is not a PDF file\./,
  scan: /it has no text layer — it may be a scan/,
  empty: /it contains no text\./,
  unreadable: /its text cannot be read: the PDF's fonts do not say which letters they draw/,
};

/**
 * What the files with no expected strings must come to. `imported` lists strings the text must hold
 * (read off the page, where pdf.js's tests name none); a refusal names its reason; several are allowed
 * where the file is damaged and what survives of it depends on how the damage falls.
 */
const OUTCOMES: Record<string, { imported?: string[]; refused?: (keyof typeof REASONS)[] }> = {
  'noembed-sjis.pdf': { imported: ['あいうえお'] },
  'noembed-eucjp.pdf': { imported: ['あいうえお'] },
  'vertical.pdf': { imported: ['あいうえお', '日本語'] },
  'issue12963.pdf': { imported: [] },
  'issue5677.pdf': { imported: ['ماذا؟'] },
  'issue5874.pdf': { refused: ['unreadable'] },
  'ThuluthFeatures.pdf': { refused: ['unreadable'] },
  'issue3371.pdf': { refused: ['password'] },
  'issue6010_1.pdf': { refused: ['password'] },
  'saslprep-r6.pdf': { refused: ['password'] },
  // pdf.js asks for a password to open it (see the manifest's note), and so does the app.
  'print_protection.pdf': { refused: ['password'] },
  'empty_protected.pdf': { refused: ['empty'] },
  // Its only "text" is the caption of a push button, which is no content.
  'secHandler.pdf': { refused: ['empty'] },
  'issue7665.pdf': { imported: ['Issue 7665'] },
  'helloworld-bad.pdf': { imported: ['Hello, world!'], refused: ['damaged'] },
  'xref_command_missing.pdf': { imported: ['Reduced test-case'], refused: ['damaged'] },
  'GHOSTSCRIPT-698804-1-fuzzed.pdf': { imported: [], refused: ['damaged'] },
  'PDFBOX-3148-2-fuzzed.pdf': { imported: [], refused: ['damaged'] },
  'poppler-395-0-fuzzed.pdf': { imported: [], refused: ['damaged'] },
  'poppler-90-0-fuzzed.pdf': { imported: [], refused: ['damaged'] },
  'poppler-67295-0.pdf': { imported: ['TestString123'], refused: ['damaged'] },
  'poppler-85140-0.pdf': { imported: [], refused: ['damaged'] },
  'REDHAT-1531897-0.pdf': { imported: [], refused: ['damaged'] },
  'bug1020226.pdf': { imported: [], refused: ['damaged'] },
  'bomb_giant.pdf': { imported: ['GIANT JBIG2 BOMB'] },
  'Pages-tree-refs.pdf': { imported: ['Testcase'], refused: ['damaged'] },
  'ContentStreamCycleType3insideType3.pdf': { imported: [], refused: ['damaged'] },
  'operator_list_cycle.pdf': { imported: [], refused: ['damaged'] },
  'scan-bad.pdf': { imported: [], refused: ['scan'] },
  'empty.pdf': { refused: ['empty'] },
  'Brotli-Prototype-FileA.pdf': { imported: ['SHEET INDEX'] },
  'prefilled_f1040.pdf': { imported: ['form field', 'foobar'] },
};

/**
 * Strings pdfjs-dist 5.6.205 does not produce although pdf.js's test at the vendored commit expects
 * them (the manifest's note): the page must then carry a warning instead of passing garbage off as text.
 */
const KNOWN_GAPS: Record<string, string[]> = { '90ms_rksj_h_sample.pdf': ['日本語テスト'] };

const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The manifest's comparison: NFKC, whitespace runs collapsed, bidi marks ignored, line breaks between CJK free. */
function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(BIDI_MARKS, '')
    .replace(/\s+/gu, ' ')
    .replace(
      /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]) (?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu,
      '',
    )
    .trim();
}

/** An expected string as a pattern: a C1 control character in it stands for "one character here". */
function expectedPattern(expected: string): RegExp {
  const escaped = comparable(expected)
    .split(/[\u0080-\u009F]/u)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.');
  return new RegExp(escaped, 'u');
}

// eslint-disable-next-line no-control-regex -- these are what the check looks for
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uE000-\uF8FF\uFFFD\uFFFE\uFFFF]/u;

/** The page (1-based) each line of the text belongs to, by the page markers; 0 after the last page's text. */
function suspectPages(text: string): number[] {
  const pages = new Set<number>();
  let page = 0;
  for (const line of text.split('\n')) {
    const marker = /^— page (\d+) —$/.exec(line);
    if (marker) page = Number(marker[1]);
    else if (/^(Notes|Annotations and form fields)$/.test(line)) page = 0;
    else if (SUSPECT.test(line)) pages.add(page);
  }
  return [...pages];
}

describe('the pdf.js test corpus through the import handler and its worker', () => {
  let root = '';
  let table: HandlerTable;
  const manifest: ManifestEntry[] = [];
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'workbench-pdf-corpus-'));
    const bundle = join(root, 'bundle');
    const worker = await bundleForNode('main/services/import/worker-entry.ts', bundle, 'import-worker.cjs');
    // As scripts/build.mjs ships them beside the bundles.
    for (const folder of ['cmaps', 'standard_fonts'])
      await cp(join(PROJECT_ROOT, 'node_modules', 'pdfjs-dist', folder), join(bundle, PDF_ASSET_FOLDER, folder), {
        recursive: true,
      });
    table = await realHandlerTable(join(root, 'data'), { importWorker: worker });
    manifest.push(...(JSON.parse(await readFile(join(corpus, 'manifest.json'), 'utf8')) as ManifestEntry[]));
    for (const entry of manifest) {
      const bytes = new Uint8Array(await readFile(join(corpus, entry.file)));
      const result = await dispatch(table, 'importSource', [
        { bytes, fileName: entry.file, keepFullText: false, maxBytes: 50 * MB },
      ]);
      outcomes.set(
        entry.file,
        result.ok
          ? { file: entry.file, imported: result.value as Imported }
          : { file: entry.file, refusal: result.error },
      );
    }
    const imported = [...outcomes.values()].filter((outcome) => !outcome.refusal).length;
    const refusals = [...outcomes.values()].filter((outcome) => outcome.refusal);
    const byReason = Object.entries(REASONS).map(
      ([reason, pattern]) => `${reason} ${refusals.filter((outcome) => pattern.test(outcome.refusal!)).length}`,
    );
    console.info(`PDF corpus: ${manifest.length} files, ${imported} imported, refused: ${byReason.join(', ')}`);
  }, 300_000);

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('covers every file of the manifest, and every file without expected strings has its outcome here', () => {
    expect(manifest.length).toBe(53);
    const unexplained = manifest.filter((entry) => entry.expect.length === 0 && !OUTCOMES[entry.file]);
    expect(unexplained.map((entry) => entry.file)).toEqual([]);
  });

  it('yields the strings pdf.js expects of each file, or says on the page why it cannot', () => {
    const problems: string[] = [];
    for (const entry of manifest.filter((e) => e.expect.length > 0)) {
      const outcome = outcomes.get(entry.file)!;
      if (outcome.refusal) {
        problems.push(`${entry.file}: refused: ${outcome.refusal}`);
        continue;
      }
      const text = comparable(outcome.imported!.text);
      for (const expected of entry.expect) {
        if (KNOWN_GAPS[entry.file]?.includes(expected)) {
          expect(text, entry.file).not.toMatch(expectedPattern(expected));
          expect(outcome.imported!.warnings.join(' '), entry.file).toMatch(/Page 1 may be unreadable: /);
          continue;
        }
        if (!expectedPattern(expected).test(text)) problems.push(`${entry.file}: lacks "${expected}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('imports or refuses each file without expected strings as it should, with the true reason', () => {
    const problems: string[] = [];
    for (const [file, rule] of Object.entries(OUTCOMES)) {
      const outcome = outcomes.get(file)!;
      const refusal = outcome.refusal;
      if (refusal) {
        expect(refusal.startsWith(`"${file}" could not be imported: `), refusal).toBe(true);
        const reason = (rule.refused ?? []).find((name) => REASONS[name].test(refusal));
        if (!reason)
          problems.push(`${file}: refused, but not as ${rule.refused?.join(' or ') ?? 'expected'}: ${refusal}`);
        continue;
      }
      if (!rule.imported) {
        problems.push(`${file}: imported, but should have been refused as ${rule.refused?.join(' or ')}`);
        continue;
      }
      const text = comparable(outcome.imported!.text);
      for (const expected of rule.imported)
        if (!text.includes(comparable(expected))) problems.push(`${file}: lacks "${expected}"`);
    }
    expect(problems).toEqual([]);
  });

  it('never calls a damaged or unreadable file a scan, and calls the image-only scan one', () => {
    for (const outcome of outcomes.values()) {
      if (!outcome.refusal || !REASONS.scan.test(outcome.refusal)) continue;
      expect(['scan-bad.pdf'], outcome.refusal).toContain(outcome.file);
    }
  });

  it('stores no control, private-use, U+FFFD or U+FFFF character without a warning on its page', () => {
    const problems: string[] = [];
    for (const outcome of outcomes.values()) {
      if (outcome.refusal) continue;
      const { text, warnings } = outcome.imported!;
      // eslint-disable-next-line no-control-regex -- never stored, whatever the warnings say
      if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/u.test(text))
        problems.push(`${outcome.file}: holds control characters or U+FFFF`);
      for (const page of suspectPages(text))
        if (!warnings.some((warning) => warning.startsWith(`Page ${page} may be unreadable: `)))
          problems.push(`${outcome.file}: page ${page} holds suspect characters without a warning`);
    }
    expect(problems).toEqual([]);
  });

  it('maps Arabic presentation forms to base letters, and ligatures in their written order', () => {
    for (const file of ['ArabicCIDTrueType.pdf', 'issue5677.pdf']) {
      const outcome = outcomes.get(file)!;
      expect(outcome.refusal).toBeUndefined();
      expect(outcome.imported!.text).toMatch(/\p{Script=Arabic}/u);
      expect(outcome.imported!.text).not.toMatch(/[\uFB50-\uFDFF\uFE70-\uFEFF]/u);
    }
    // Its lam-with-khah ligature glyph comes back in the order the word is written ("الخطوط", not "اخلطوط").
    expect(outcomes.get('ArabicCIDTrueType.pdf')!.imported!.text).toContain('انواع الخطوط العربية');
  });

  it('reads the two-column paper column by column: at most 5 % of paragraph breaks cut a sentence', () => {
    for (const file of manifest.filter((entry) => entry.multicolumn).map((entry) => entry.file)) {
      const outcome = outcomes.get(file)!;
      expect(outcome.refusal, file).toBeUndefined();
      const { cuts, breaks, examples } = sentenceCuts(outcome.imported!.text);
      console.info(
        `${file}: ${cuts} of ${breaks} paragraph breaks cut a sentence (${((100 * cuts) / breaks).toFixed(1)} %)`,
      );
      expect(breaks, file).toBeGreaterThan(10);
      expect(cuts / breaks, `${file}:\n${examples.join('\n')}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('keeps a superscript in its sentence, and moves footnotes to the Notes with their numbers', () => {
    const rise = outcomes.get('text_rise_eol_bug.pdf')!;
    expect(rise.imported!.text).toBe('— page 1 —\nE = mc2 is the mass-energy equivalence.');
    const paper = outcomes.get('tracemonkey.pdf')!.imported!.text;
    const notes = paper.slice(paper.indexOf('\n\nNotes\n\n'));
    expect(notes).toMatch(/\n\[1\] Arrays are actually worse than this/);
    expect(paper.indexOf('Arrays are actually worse than this')).toBe(
      paper.lastIndexOf('Arrays are actually worse than this'),
    );
  });

  it('takes out the hyphens of words split at a line end and keeps the real ones', () => {
    const paper = outcomes.get('tracemonkey.pdf')!.imported!.text;
    // "com-" / "pile", "TraceMon-" … as the paper hyphenates them; "run-time", "type-stable" are its own.
    expect(paper).toContain('more difficult to compile than statically typed ones');
    expect(paper).not.toMatch(/Trace-Monkey/);
    expect(paper).toContain('at run-time and then');
    expect(paper).toContain('type-stable');
  });

  it('imports the text of annotations and filled-in form fields, marked as such', () => {
    for (const [file, words] of [
      ['freetexts.pdf', 'Hello World from Acrobat'],
      ['annotation-freetext.pdf', 'FreeText content'],
      ['prefilled_f1040.pdf', 'foobar'],
    ] as const) {
      const { text } = outcomes.get(file)!.imported!;
      const section = text.indexOf('\n\nAnnotations and form fields\n\n');
      expect(section, file).toBeGreaterThan(0);
      expect(text.slice(section), file).toContain(words);
    }
  });
});
