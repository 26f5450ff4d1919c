import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? [])
    .filter(
      (m) =>
        m.ruleId === 'no-restricted-imports' ||
        m.ruleId === 'no-restricted-globals' ||
        m.ruleId === 'no-restricted-properties' ||
        m.ruleId === 'no-restricted-syntax',
    )
    .map((m) => m.message);
}

describe('import rules (lint)', () => {
  it.each([
    ['shared/domain/bad.ts', "import { readFile } from 'node:fs';\nexport const r = readFile;\n"],
    ['shared/domain/bad.ts', "import fs from 'fs';\nexport const r = fs;\n"],
    ['shared/ipc/bad.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/domain/bad.ts', "import { db } from '../../renderer/db';\nexport const d = db;\n"],
    [
      'shared/domain/bad.ts',
      "import { SourceStore } from '../../main/services/source-store';\nexport const s = SourceStore;\n",
    ],
    ['shared/domain/bad.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    ['shared/domain/bad.ts', 'export const title = () => document.title;\n'],
    ['shared/domain/bad.ts', 'export const env = () => process.env.HOME;\n'],
    ['renderer/app/bad.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n"],
    ['renderer/app/bad.ts', "import { join } from 'node:path';\nexport const j = join;\n"],
    [
      'renderer/app/bad.ts',
      "import { createHandlerTable } from '../../main/services/handlers';\nexport const c = createHandlerTable;\n",
    ],
    ['renderer/app/bad.ts', "import { CONTRACT } from '../../shared/ipc/contract';\nexport const c = CONTRACT;\n"],
    ['renderer/app/bad.ts', 'export const api = () => window.workbench;\n'],
    ['main/services/bad.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    // Only renderer/workspace writes the database, and the renderer's layers import nothing above them.
    [
      'renderer/features/register/bad.ts',
      "import { db } from '../../db';\nexport const w = () => db.threats.put({} as never);\n",
    ],
    [
      'renderer/app/bad.ts',
      "import { db } from '../db';\nexport const w = () => db.annotations.where('sourceId').equals('x').delete();\n",
    ],
    [
      'renderer/features/sources/bad.ts',
      "import { db } from '../../db';\nexport const w = () => db.table('tags').add({});\n",
    ],
    [
      'renderer/db/bad.ts',
      "import type { WorkbenchDatabase } from './database';\nexport const w = (db: WorkbenchDatabase) => db.transaction('rw', db.tags, async () => undefined);\n",
    ],
    ['renderer/features/register/bad.ts', "import { App } from '../../app/App';\nexport const a = App;\n"],
    ['renderer/workspace/bad.ts', "import { Reader } from '../features/sources/Reader';\nexport const r = Reader;\n"],
    ['renderer/db/bad.ts', "import { workspace } from '../workspace';\nexport const w = workspace;\n"],
    ['renderer/stores/bad.ts', "import { Rail } from '../app/Rail';\nexport const r = Rail;\n"],
    // One feature reaches another (and app/ reaches a feature) only through the feature's index.ts.
    [
      'renderer/features/register/bad.ts',
      "import { useLookups } from '../annotations/useLookups';\nexport const u = useLookups;\n",
    ],
    ['renderer/app/bad.ts', "import { Reader } from '../features/sources/Reader';\nexport const r = Reader;\n"],
    [
      'renderer/app/bad.ts',
      "import { join } from 'node:path';\nimport { SourcesView } from '../features/sources';\nexport const x = [join, SourcesView];\n",
    ],
    // ui/ is the kit beneath the views: no feature, command or table.
    ['renderer/ui/bad.ts', "import { SourcesView } from '../features/sources';\nexport const s = SourcesView;\n"],
    ['renderer/ui/bad.ts', "import { db } from '../db';\nexport const d = db;\n"],
    ['renderer/ui/bad.ts', "import { workspace } from '../workspace';\nexport const w = workspace;\n"],
    ['renderer/workspace/bad.ts', "import { formatDate } from '../ui/format';\nexport const f = formatDate;\n"],
    // Files main writes go through the atomic writer only.
    ['main/services/bad.ts', "import { writeFile } from 'node:fs/promises';\nexport const w = writeFile;\n"],
    ['main/services/bad.ts', "import { createWriteStream } from 'node:fs';\nexport const w = createWriteStream;\n"],
    ['main/services/bad.ts', "import { appendFile } from 'fs/promises';\nexport const w = appendFile;\n"],
    ['main/services/bad.ts', "import { promises } from 'node:fs';\nexport const w = promises.writeFile;\n"],
    ['main/services/bad.ts', "import * as fs from 'node:fs/promises';\nexport const w = fs.writeFile;\n"],
    ['main/services/bad.ts', "import fs from 'node:fs';\nexport const w = fs.writeFileSync;\n"],
    ['main/services/bad.ts', "export const w = async () => (await import('node:fs/promises')).writeFile;\n"],
    ['main/services/bad.ts', "import writeFileAtomic from 'write-file-atomic';\nexport const w = writeFileAtomic;\n"],
    ['main/app/bad.ts', "import { writeFileSync } from 'node:fs';\nexport const w = writeFileSync;\n"],
    ['main/bridge/bad.ts', "import { copyFile } from 'node:fs/promises';\nexport const w = copyFile;\n"],
    [
      'tests/e2e/bad.spec.ts',
      "import { SourceStore } from '../../main/services/source-store';\nexport const s = SourceStore;\n",
    ],
    // The bridge's browser client runs in the page: no Node, and nothing of main.
    [
      'renderer/platform/bridge-client.ts',
      "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
    ],
    [
      'renderer/platform/bridge-client.ts',
      "import { createHandlerTable } from '../../main/services/handlers';\nexport const c = createHandlerTable;\n",
    ],
  ])('refuses what %s may not import: %j', async (file, code) => {
    expect(await restrictedImports(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'shared/domain/good.ts',
      "import { z } from 'zod';\nimport { Id } from './primitives';\nexport const s = z.object({ id: Id });\n",
    ],
    [
      'renderer/app/good.ts',
      "import type { WorkbenchApi } from '../../shared/ipc';\nimport { riskScore } from '../../shared/domain/scoring';\nexport type A = WorkbenchApi;\nexport const r = riskScore;\n",
    ],
    [
      'main/services/good.ts',
      "import { readFile } from 'node:fs/promises';\nimport { riskScore } from '../../shared/domain/scoring';\nexport const x = [readFile, riskScore];\n",
    ],
    ['main/app/good.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'renderer/features/register/good.ts',
      "import { useLookups } from '../annotations';\nimport { EditableText } from '../../ui/EditableText';\nimport { db } from '../../db';\nimport { workspace } from '../../workspace';\nimport { columns } from './columns';\nexport const x = [useLookups, EditableText, db, workspace, columns];\n",
    ],
    [
      'renderer/app/good.ts',
      "import { SourcesView } from '../features/sources';\nimport { confirmLeave } from '../ui/useUnsavedGuard';\nexport const x = [SourcesView, confirmLeave];\n",
    ],
    [
      'main/services/good.ts',
      "import { writeFileAtomically } from './atomic-file';\nimport { rename, rm } from 'node:fs/promises';\nexport const w = [writeFileAtomically, rename, rm];\n",
    ],
    [
      'main/services/atomic-file.ts',
      "import { mkdir } from 'node:fs/promises';\nimport writeFileAtomic from 'write-file-atomic';\nexport const w = [mkdir, writeFileAtomic];\n",
    ],
    // …but, like the preload, it builds window.workbench from the contract's client (the rest of the renderer may not).
    [
      'renderer/platform/bridge-client.ts',
      "import { createApiClient } from '../../shared/ipc/client';\nimport { toWire } from '../../shared/ipc/wire';\nexport const c = [createApiClient, toWire];\n",
    ],
  ])('allows what %s may import', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  it('the real code base passes the rules', async () => {
    const results = await eslint.lintFiles(['shared', 'renderer', 'main']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(problems).toEqual([]);
    // Type-aware linting of the whole code base takes ~15 s alone and much longer on a loaded machine.
  }, 180_000);
});

describe('split tsconfigs', () => {
  it('gives the renderer no Node types', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wb-tsconfig-'));
    try {
      await writeFile(
        join(dir, 'uses-node.ts'),
        'export const home: string | undefined = process.env.HOME;\nexport const b = Buffer.from("x");\n',
      );
      await writeFile(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: join(root, 'tsconfig.web.json'),
          compilerOptions: {
            composite: false,
            noEmit: true,
            emitDeclarationOnly: false,
            declaration: false,
            tsBuildInfoFile: null,
          },
          include: [join(dir, 'uses-node.ts')],
        }),
      );
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const outcome = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
        () => ({ code: 0, stdout: '' }),
        (error: { code: number; stdout: string }) => error,
      );
      expect(outcome.code).not.toBe(0);
      expect(outcome.stdout).toMatch(/Cannot find name 'process'/);
      expect(outcome.stdout).toMatch(/Cannot find name 'Buffer'/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
