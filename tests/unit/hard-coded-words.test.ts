// The interface speaks the analyst's language (renderer/i18n): a view's words come from en.json / ru.json
// through t() or useT(), never as English written into the markup. This reads every view (.tsx) of the
// renderer and fails on words that bypass the catalogues: JSX text and the props that name or describe
// things for people (aria-label, title, placeholder, label…); in every renderer module (.ts too),
// sentences handed straight to notify(); and, in the code of every module and view, English written as a
// string that reads as words for people — a refusal returned, an error thrown, a progress line, an undo
// label, a default name (see `looksLikeWords`). Words built from values are ICU messages with those values.
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

interface Allowed {
  file: string;
  text: string;
  why: string;
}

const developers = 'for the developers only (a broken build or page), never shown to an analyst';

/** English in the code of modules and views (the `words` rule) that is not the interface's to translate. */
const CODE_ALLOWED: readonly Allowed[] = [
  {
    file: 'renderer/main.tsx',
    text: 'The page is missing its #root element.',
    why: `an invariant of index.html, ${developers}`,
  },
  {
    file: 'renderer/app/error-reporting.ts',
    text: 'an error without a message',
    why: 'written into the error log, which the developers read; never shown',
  },
  {
    file: 'renderer/app/ErrorBoundary.tsx',
    text: 'Component stack:…',
    why: 'the error report copied for the developers (beside "View:", "Message:", a stack trace)',
  },
  {
    file: 'renderer/db/backup.ts',
    text: 'This installation has no id yet, so it cannot be backed up; give it one first (ensureReplicaId).',
    why: 'an invariant: every backup first calls ensureReplicaId, so this names the function to call',
  },
  {
    file: 'renderer/db/briefings.ts',
    text: 'FOR OFFICIAL USE ONLY',
    why: 'a handling marking of the briefing schema (MARKING_PRESETS), printed on the document as it is',
  },
  {
    file: 'renderer/workspace/commands/refi-qda.ts',
    text: 'no text hash for source …',
    why: 'an invariant: the import hashes every text of the project before it plans',
  },
  {
    file: 'renderer/workspace/commands/refi-qda.ts',
    text: 'Untitled source',
    why: 'the name shared/interop/refi-qda/read.ts gives a nameless source of the project: the file’s data',
  },
  {
    file: 'renderer/features/backup/backup-actions.ts',
    text: 'The backup was cancelled; no backup file was written. Back up again when you are ready.',
    why: 'main’s sentence for a cancelled backup, matched to recognise it; the analyst reads backups.backupCancelled',
  },
  {
    file: 'renderer/platform/text-fetch.ts',
    text: 'The workbench service is not answering, so a source text could not be read. Restart the app (or "npm run preview") and try again.',
    why: 'runs in the search worker too, which carries no catalogues; the page says it in its language',
  },
  {
    file: 'renderer/platform/text-fetch.ts',
    text: 'A source text could not be read (the workbench answered …). Restart the app and try again.',
    why: 'runs in the search worker too, which carries no catalogues; the page says it in its language',
  },
  {
    file: 'renderer/platform/bridge-client.ts',
    text: 'The workbench service is not answering. Check that "npm run preview" is still running, then reload the page.',
    why: `the browser preview's bridge, bundled on its own before the renderer and its catalogues; ${developers}`,
  },
  {
    file: 'renderer/platform/workbench.ts',
    text: 'The workbench service is not connected. Start the app with "npm start" or "npm run preview".',
    why: `a page opened without the preload or the bridge; ${developers}`,
  },
  {
    file: 'renderer/features/countries/names.ts',
    text: 'United States',
    why: 'a stem a passage is searched for (mentionsCountry), beside the Russian ones; never shown',
  },
  {
    file: 'renderer/features/search/SearchView.tsx',
    text: 'Amu Darya',
    why: 'a query the demo workspace answers: a name in its English texts',
  },
  {
    file: 'renderer/features/desktop/Palette.tsx',
    text: 'Go to',
    why: 'a palette group’s id (the registry’s), shown as palette.group.<id>',
  },
  {
    file: 'renderer/features/desktop/Palette.tsx',
    text: 'Recent export',
    why: 'a palette group’s id, shown as palette.group.<id>',
  },
  {
    file: 'renderer/features/desktop/Palette.tsx',
    text: 'In the text',
    why: 'a palette group’s id, shown as palette.group.<id>',
  },
];

/**
 * Words that rightly stay as they are in every language, each where it is written and why. An entry no
 * longer found fails too, so the list does not outlive its reasons.
 */
const ALLOWED: readonly Allowed[] = [
  ...CODE_ALLOWED,
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

/**
 * Whether a string written in code reads as English words for people rather than as a key, an id, a
 * selector, CSS or a path: a capitalised phrase ("Starting the backup…", "New actor"), a sentence ended
 * by a full stop or a question or exclamation mark, or a phrase of three words or more, two of them
 * running ("restore a backup", "edit the … of “…”"). A lone word ("Tags", "moved") is not told apart from
 * an identifier; braces mark code (CSS, ICU, JSON), and hyphens join class names ("band band-unrated").
 */
function looksLikeWords(text: string): boolean {
  if (/[{}]/.test(text)) return false;
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  if (words.length === 0) return false;
  return (
    (/^[A-Z][a-z]+[\s,:…]/.test(text) && words.length >= 2) ||
    (/\s/.test(text) && /[A-Za-z”’)…][.!?]$/.test(text)) ||
    (/(^|[^\w-])[A-Za-z]+ [A-Za-z]+([^\w-]|$)/.test(text) &&
      text.split(/\s+/).filter((w) => /[A-Za-z]/.test(w)).length >= 3)
  );
}

/** Calls whose strings are not for the analyst: the console's, and catalogue keys. */
const NOT_WORDS_CALLS =
  /^(console\.\w+|t|translate|translated|words|i18n\.t|commandTitle|keyDescription|require|import)$/;

/**
 * Whether a string literal in code is out of this rule's reach: a module path, a type, a property's
 * name, an argument of the console or of a catalogue lookup, or the very value of a JSX attribute or
 * expression (the markup rules above read those).
 */
function outOfReach(node: ts.Node, sf: ts.SourceFile): boolean {
  const parent = node.parent;
  if (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    ((ts.isPropertyAssignment(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isEnumMember(parent)) &&
      parent.name === node)
  )
    return true;
  // Up through what only passes a value on (parentheses, a ternary's branch, ?? || && +).
  let value: ts.Node = node;
  while (
    ts.isParenthesizedExpression(value.parent) ||
    (ts.isConditionalExpression(value.parent) && value.parent.condition !== value) ||
    (ts.isBinaryExpression(value.parent) &&
      [
        ts.SyntaxKind.QuestionQuestionToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.AmpersandAmpersandToken,
        ts.SyntaxKind.PlusToken,
      ].includes(value.parent.operatorToken.kind))
  )
    value = value.parent;
  const holder = value.parent;
  if (ts.isJsxAttribute(holder) || ts.isJsxExpression(holder)) return true;
  return (
    ts.isCallExpression(holder) &&
    holder.arguments.includes(value as ts.Expression) &&
    NOT_WORDS_CALLS.test(holder.expression.getText(sf))
  );
}

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
  /** Strings a rule above has reported already (a notice's sentence), not to be reported twice. */
  const reported = new Set<ts.Node>();
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
      if (message) {
        for (const text of literalTexts(message)) if (hasWord(text)) add(message, 'notify', text);
        const claim = (n: ts.Node) => {
          reported.add(n);
          ts.forEachChild(n, claim);
        };
        claim(message);
      }
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) &&
      !reported.has(node) &&
      !outOfReach(node, sf)
    ) {
      // Words in code: a sentence returned, thrown or assigned, which the analyst reads in English.
      const [text] = literalTexts(node);
      if (text !== undefined && looksLikeWords(text)) add(node, 'words', text);
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

  it('finds English sentences in a module’s code, and leaves paths, keys, CSS, types and the console alone', () => {
    const sample = [
      "import { x } from './a folder/with spaces';",
      "export const nothing = () => 'There is nothing to undo.';",
      'const unreachable = (host: string) => { throw new Error(`The server at ${host} could not be reached.`); };',
      "const restore = { label: 'restore a backup', text: 'Compressing the backup…' };",
      'const edit = (field: string) => `edit the ${field} of “${title}”`;',
      "console.warn('The window state could not be kept.', error);",
      "const key = t('refusals.commands.nothingToUndo');",
      "const css = '::highlight(x) { text-decoration: underline wavy var(--warning); }';",
      "const keys = { 'Very unlikely': 'veryUnlikely' };",
      "type Kind = 'Armed group' | 'Criminal network';",
      "const names = ['band band-unrated', 'id, title, updatedAt', 'Tags', 'moved', 'Basic ' + token];",
      "notify('error', 'It failed.');",
    ].join('\n');
    expect(hardCodedWords(join(renderer, 'sample.ts'), sample).map((f) => [f.line, f.what, f.text])).toEqual([
      [2, 'words', 'There is nothing to undo.'],
      [3, 'words', 'The server at … could not be reached.'],
      [4, 'words', 'restore a backup'],
      [4, 'words', 'Compressing the backup…'],
      [5, 'words', 'edit the … of “…”'],
      [12, 'notify', 'It failed.'],
    ]);
  });

  it('reads the modules too', () => {
    expect(files.filter((f) => f.endsWith('.ts')).length).toBeGreaterThan(100);
  });
});
