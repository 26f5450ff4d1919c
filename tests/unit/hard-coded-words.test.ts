// The interface speaks the analyst's language (renderer/i18n): a view's words come from en.json / ru.json
// through t() or useT(), never as English written into the markup. This reads every view (.tsx) of the
// renderer and fails on words that bypass the catalogues: JSX text and the props that name or describe
// things for people (aria-label, title, placeholder, label…); and, in every renderer module (.ts too),
// sentences handed straight to notify(). Words built from values are ICU messages with those values.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from '../support/builder-config';

const renderer = join(root, 'renderer');

/** Props whose value is read or heard by the analyst (DOM attributes and the app's own components' props). */
const WORD_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'placeholder',
  'label',
  'alt',
  'caption',
  'empty',
  'emptyText',
  'editLabel',
  'hint',
  'message',
]);

/**
 * Words that rightly stay as they are in every language, each where it is written and why. An entry no
 * longer found fails too, so the list does not outlive its reasons.
 */
const ALLOWED: readonly { file: string; text: string; why: string }[] = [
  { file: 'renderer/app/AboutDialog.tsx', text: 'Electron', why: 'a product name, beside its version' },
  { file: 'renderer/app/AboutDialog.tsx', text: 'Chrome', why: 'a product name, beside its version' },
  { file: 'renderer/app/AboutDialog.tsx', text: 'Node.js', why: 'a product name, beside its version' },
  {
    file: 'renderer/app/DropZone.tsx',
    text: '.txt · .md · .html · .docx · .pdf',
    why: 'file name extensions, the same in every language',
  },
  {
    file: 'renderer/features/annotations/AnnotationEditor.tsx',
    text: 'Ctrl+Enter',
    why: 'a key combination, written as the keyboard labels it',
  },
  {
    file: 'renderer/features/sources/PasteDialog.tsx',
    text: 'Ctrl+Enter',
    why: 'a key combination, written as the keyboard labels it',
  },
  {
    file: 'renderer/features/backup/BackupsDialog.tsx',
    text: '/backups',
    why: 'the name of a folder on disk, which the analyst looks for as written',
  },
  {
    file: 'renderer/features/briefings/TemplatePanel.tsx',
    text: 'Letter',
    why: 'the US paper size, named so by Word in Russian too (beside A4)',
  },
  {
    file: 'renderer/features/register/RegisterView.tsx',
    text: 'TLP',
    why: 'the Traffic Light Protocol (FIRST), whose acronym and markings are never translated',
  },
  {
    file: 'renderer/features/team/TeamPanel.tsx',
    text: 'https://couch.institute.example:6984',
    why: 'an example address, not words',
  },
];

interface Finding {
  file: string;
  line: number;
  what: string;
  text: string;
}

function sourceFiles(folder: string, found: string[] = []): string[] {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) sourceFiles(path, found);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** Words for people: a letter in a prop's value; two letters running in JSX text (a lone "B" or "×" is a glyph). */
const hasLetters = (text: string) => /\p{L}/u.test(text);
const hasWord = (text: string) => /\p{L}{2,}/u.test(text);

/** The literal text of an expression that is, or may evaluate to, written-in words (a ternary's branches, a ?? fallback). */
function literalTexts(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [[node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…')];
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (
    ts.isBinaryExpression(node) &&
    [
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
      ts.SyntaxKind.PlusToken,
    ].includes(node.operatorToken.kind)
  )
    return [...literalTexts(node.left), ...literalTexts(node.right)];
  return [];
}

/** Where a file's markup or notices carry words that do not come from the catalogues. */
function hardCodedWords(path: string, source: string): Finding[] {
  const file = relative(root, path).split('\\').join('/');
  const tsx = path.endsWith('.tsx');
  const sf = ts.createSourceFile(
    path,
    source,
    ts.ScriptTarget.Latest,
    true,
    tsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Finding[] = [];
  const add = (node: ts.Node, what: string, text: string) =>
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what, text });
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.text.replace(/\s+/g, ' ').trim();
      if (hasWord(text)) add(node, 'text', text);
    } else if (ts.isJsxAttribute(node) && WORD_PROPS.has(node.name.getText(sf)) && node.initializer) {
      const value = node.initializer;
      const texts = ts.isStringLiteral(value)
        ? [value.text]
        : ts.isJsxExpression(value) && value.expression
          ? literalTexts(value.expression)
          : [];
      for (const text of texts) if (hasLetters(text)) add(node, node.name.getText(sf), text);
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      for (const text of literalTexts(node.expression)) if (hasWord(text)) add(node, 'text', text.trim());
    } else if (ts.isCallExpression(node) && /(^|\.)notify$/.test(node.expression.getText(sf))) {
      // notify(kind, message, action?): the message is the sentence the analyst reads.
      const message = node.arguments[1];
      if (message) for (const text of literalTexts(message)) if (hasWord(text)) add(message, 'notify', text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the renderer has no hard-coded words', () => {
  const files = sourceFiles(renderer);
  const findings = files.flatMap((path) => hardCodedWords(path, readFileSync(path, 'utf8')));
  const allowed = (f: Finding) => ALLOWED.some((a) => a.file === f.file && a.text === f.text);

  it('reads the views', () => {
    expect(files.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(50);
  });

  it('every word a view shows or speaks comes from the catalogues through t() or useT()', () => {
    const lines = findings
      .filter((f) => !allowed(f))
      .map(
        (f) => `${f.file}:${f.line} ${f.what} ${JSON.stringify(f.text)} — add it to renderer/i18n/en.json and ru.json`,
      );
    expect(lines).toEqual([]);
  });

  it('each allowed exception is still there (and says why)', () => {
    for (const a of ALLOWED) expect(a.why.length, `${a.file} ${a.text}`).toBeGreaterThan(10);
    const stale = ALLOWED.filter((a) => !findings.some((f) => f.file === a.file && f.text === a.text));
    expect(stale.map((a) => `${a.file} ${JSON.stringify(a.text)}`)).toEqual([]);
  });

  it('finds what it is meant to find', () => {
    const sample = [
      'export const A = () => (',
      '  <div aria-label="Map legend" title={`Remove ${x}`}>',
      '    Skip to content',
      "    {open ? 'Close' : t('common.cancel')}",
      '    <b aria-label={t("a")} title="×">B</b>',
      '  </div>',
      ');',
      "notify('error', 'It failed.');",
      "notify('info', t('x'));",
    ].join('\n');
    expect(hardCodedWords(join(renderer, 'Sample.tsx'), sample).map((f) => [f.line, f.what, f.text])).toEqual([
      [2, 'aria-label', 'Map legend'],
      [2, 'title', 'Remove …'],
      [3, 'text', 'Skip to content'],
      [4, 'text', 'Close'],
      [8, 'notify', 'It failed.'],
    ]);
  });
});
