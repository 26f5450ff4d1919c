// Lint, and above all the import rules of docs/ARCHITECTURE.md: each runtime folder may only reach what it is
// allowed to. A breach fails `npm run lint` (and so `npm test`); tests/unit/import-rules.test.ts proves it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const noNodePatterns = [{ group: ['node:*'], message: 'Node built-ins are for main/ only.' }];
// Bare built-in names are matched exactly (as `paths`), since a pattern such as "domain" would also
// catch our own ../domain folder.
const noNodePaths = nodeBuiltins.map((name) => ({ name, message: 'Node built-ins are for main/ only.' }));
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const noElectron = {
  group: ['electron', 'electron/*'],
  message: "Only main/app, main/ipc and main/preload.ts may import 'electron'.",
};
const noMain = {
  group: ['**/main/**', '**/main'],
  message: 'Nothing outside main/ may import main/: call it through window.workbench.',
};
const noRenderer = {
  group: ['**/renderer/**', '**/renderer'],
  message: 'shared/ and main/ may not import the renderer.',
};
const noUi = {
  group: ['react', 'react-dom', 'react-dom/*', 'dexie', 'dexie-react-hooks', 'zustand', 'zustand/*'],
  message: 'shared/ is pure: no UI or storage libraries.',
};
const ipcTypesOnly = {
  group: ['**/shared/ipc', '**/shared/ipc/*', '!**/shared/ipc/api', '!**/shared/ipc/channels'],
  allowTypeImports: true,
  message: 'The renderer may only `import type` from shared/ipc; it reaches main through renderer/platform.',
};

// Every file main writes goes through main/services/atomic-file.ts (temp file, fsync, rename), so a
// crash never leaves half a file. The fs functions that write in place are refused everywhere else in main.
const inPlaceWrites = [
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'createWriteStream',
  'copyFile',
  'copyFileSync',
  'cp',
  'cpSync',
  'truncate',
  'truncateSync',
  'open',
  'openSync',
  'write',
  'writeSync',
  'writev',
  'writevSync',
  'promises',
];
const atomicMessage =
  'Write files with writeFileAtomically (main/services/atomic-file.ts): a crash must leave the old file or the new one, never half of one.';
const atomicWritesOnly = [
  ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
    name,
    importNames: inPlaceWrites,
    message: atomicMessage,
  })),
  { name: 'write-file-atomic', message: atomicMessage },
];
const fsModule = '/^(node:)?fs(\\/promises)?$/';
const noWholeFsModule = [
  'error',
  {
    selector: `ImportDeclaration[source.value=${fsModule}] > :matches(ImportNamespaceSpecifier, ImportDefaultSpecifier)`,
    message: `Import the fs functions you need by name. ${atomicMessage}`,
  },
  {
    selector: `ImportExpression[source.value=${fsModule}]`,
    message: `Import the fs functions you need by name. ${atomicMessage}`,
  },
  {
    selector: `CallExpression[callee.name='require'][arguments.0.value=${fsModule}]`,
    message: `Import the fs functions you need by name. ${atomicMessage}`,
  },
];

const domGlobals = Object.keys(globals.browser).filter(
  (g) =>
    !(g in globals.es2024) &&
    ![
      'atob',
      'btoa',
      'console',
      'TextEncoder',
      'TextDecoder',
      'URL',
      'crypto',
      'queueMicrotask',
      'structuredClone',
      'setTimeout',
      'clearTimeout',
    ].includes(g),
);
const nodeOnlyGlobals = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'];

// Inside the renderer, top to bottom: app/ → features/ → workspace/ → stores/, db/, platform/ (docs/ARCHITECTURE.md).
// Nothing imports upward, and only workspace/ writes the database: every change is a command run by
// one perform(), so no view can forget the transaction, the revisions, the undo or the save status.
const tableWrites = 'put|add|bulkPut|bulkAdd|delete|bulkDelete|update|bulkUpdate|modify|clear';
const writeMessage =
  'Only renderer/workspace writes the database: add a command (renderer/workspace/commands) and perform it.';
const noTableWrites = [
  'error',
  // db.threats.put(…), changes.db.threats.put(…)
  {
    selector: `CallExpression[callee.property.name=/^(${tableWrites})$/][callee.object.type='MemberExpression'][callee.object.object.name='db']`,
    message: writeMessage,
  },
  {
    selector: `CallExpression[callee.property.name=/^(${tableWrites})$/][callee.object.type='MemberExpression'][callee.object.object.property.name='db']`,
    message: writeMessage,
  },
  // db.table('threats').put(…), db.threats.where(…).equals(…).delete()/modify(…)
  {
    selector: `CallExpression[callee.property.name=/^(${tableWrites})$/] CallExpression[callee.property.name=/^(table|where)$/]`,
    message: writeMessage,
  },
  { selector: "CallExpression[callee.property.name='transaction'][arguments.0.value=/^rw/]", message: writeMessage },
];
const upward = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message });
// A feature's files are its own; another feature (or app/) sees only what the feature's index.ts exports,
// so a feature can be reorganised inside without breaking the rest.
const throughIndex = (prefix) => ({
  regex: `^${prefix.replaceAll('.', '\\.')}[a-z-]+/.+`,
  message:
    'One feature reaches another only through its index.ts: import from the feature folder, e.g. "../annotations".',
});
function rendererLayers() {
  const base = [...noNodePatterns, noElectron, noMain, ipcTypesOnly];
  return [
    {
      files: ['renderer/**/*.{ts,tsx}'],
      ignores: ['renderer/workspace/**', 'renderer/db/database.ts'],
      rules: { 'no-restricted-syntax': noTableWrites },
    },
    {
      files: ['renderer/features/**/*.{ts,tsx}'],
      rules: {
        'no-restricted-imports': restrict(
          [...base, upward(['app'], 'features/ never import app/: app/ composes the features.'), throughIndex('../')],
          noNodePaths,
        ),
      },
    },
    {
      files: ['renderer/app/**/*.{ts,tsx}'],
      rules: { 'no-restricted-imports': restrict([...base, throughIndex('../features/')], noNodePaths) },
    },
    {
      // ui/ is the kit the views are built from (editable text, pickers, formats, the unsaved-input guard):
      // it knows no feature, no command and no table.
      files: ['renderer/ui/**/*.{ts,tsx}'],
      rules: {
        'no-restricted-imports': restrict(
          [
            ...base,
            upward(
              ['app', 'features', 'workspace', 'db', 'stores', 'platform'],
              'ui/ is the bottom of the views: it imports react and shared/ only.',
            ),
          ],
          noNodePaths,
        ),
      },
    },
    {
      files: ['renderer/workspace/**/*.{ts,tsx}'],
      rules: {
        'no-restricted-imports': restrict(
          [...base, upward(['app', 'features', 'ui'], 'workspace/ serves the views; it imports none of them.')],
          noNodePaths,
        ),
      },
    },
    {
      // i18n/ (the catalogues and the translate function) sits under everything that shows words, ui/ included.
      files: ['renderer/i18n/**/*.ts'],
      rules: {
        'no-restricted-imports': restrict(
          [
            ...base,
            upward(
              ['app', 'features', 'workspace', 'ui', 'db', 'stores', 'platform'],
              'i18n/ is the bottom of the renderer: it imports its catalogues and the i18n libraries only.',
            ),
          ],
          noNodePaths,
        ),
      },
    },
    {
      files: ['renderer/db/**/*.ts', 'renderer/stores/**/*.ts', 'renderer/platform/**/*.ts'],
      ignores: ['renderer/platform/bridge-client.ts'],
      rules: {
        'no-restricted-imports': restrict(
          [
            ...base,
            upward(
              ['app', 'features', 'workspace', 'ui'],
              'db/, stores/ and platform/ are the bottom layer: they import nothing above them.',
            ),
          ],
          noNodePaths,
        ),
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/vendor/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': restrict([...noNodePatterns, noElectron, noMain, noRenderer, noUi], noNodePaths),
      'no-restricted-globals': [
        'error',
        ...[...domGlobals, ...nodeOnlyGlobals].map((name) => ({
          name,
          message: 'shared/ is pure TypeScript: no DOM or Node globals.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([...noNodePatterns, noElectron, noMain, ipcTypesOnly], noNodePaths),
      'no-restricted-globals': [
        'error',
        ...nodeOnlyGlobals.map((name) => ({ name, message: 'The renderer has no Node.' })),
      ],
    },
  },
  ...rendererLayers(),
  {
    // Only the platform facade may touch window.workbench.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/platform/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'workbench', message: 'Use renderer/platform/workbench.ts.' },
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': restrict([noRenderer], atomicWritesOnly),
      'no-restricted-syntax': noWholeFsModule,
    },
  },
  {
    // Services, the dispatcher and the bridge are plain Node: they run (and are tested) without Electron.
    files: ['main/services/**/*.ts', 'main/bridge/**/*.ts', 'main/ipc/dispatch.ts', 'main/ipc/sender.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          noRenderer,
          noElectron,
          { group: ['**/app/**', '**/app'], message: 'main/app is glue; nothing depends on it.' },
        ],
        atomicWritesOnly,
      ),
    },
  },
  {
    // The one place that writes files: temporary file, fsync, rename.
    files: ['main/services/atomic-file.ts'],
    rules: { 'no-restricted-imports': restrict([noRenderer, noElectron]), 'no-restricted-syntax': 'off' },
  },
  {
    // The bridge's browser client runs in the page, like the preload: it takes the contract's client
    // from shared/ipc (which the rest of the renderer may not) and nothing of main or the renderer.
    files: ['renderer/platform/bridge-client.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict([...noNodePatterns, noElectron, noMain, noRenderer], noNodePaths) },
  },
  {
    files: ['tests/e2e/**/*.ts', 'tests/electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-imports': restrict([noMain, noRenderer]) },
  },
  { ignores: ['bench/tmp/**'] },
  {
    // The benchmark page runs in the browser; the runner and its scenarios in Node, driving pages.
    files: ['bench/page/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bench/*.{ts,mjs}', 'bench/scenarios/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: [
      'tests/unit/**/*.ts',
      'tests/bench/**/*.ts',
      'tests/support/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      '*.config.{js,ts}',
      '.ci/**/*.js',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
