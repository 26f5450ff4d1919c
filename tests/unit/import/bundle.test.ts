import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractSource } from '../../../main/services/import';
import { DEFAULTS, fixture } from './helpers';

/**
 * The importers ship bundled into one file (dist/main/index.cjs for Electron, dist/bridge/cli.mjs for
 * the preview), away from node_modules. Bundling changes which builds of mammoth and jszip are used
 * (their "browser" fields), removes import.meta.url from CommonJS, and leaves pdfjs without
 * @napi-rs/canvas: this builds the importers the way scripts/build.mjs builds main, in a folder
 * with no node_modules, and checks they read every fixture exactly as they do unbundled.
 */

const root = resolve(import.meta.dirname, '..', '..', '..');
const fixtures = resolve(root, 'tests', 'fixtures', 'import');

const RUNNER = `
const fs = require('node:fs');
module.exports = async function run(extractSource, dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const bytes = new Uint8Array(fs.readFileSync(dir + '/' + name));
    try {
      const source = await extractSource(bytes, name, { keepFullText: false, maxBytes: ${DEFAULTS.maxBytes} });
      process.stdout.write(JSON.stringify({ name, source }) + '\\n');
    } catch (error) {
      process.stdout.write(JSON.stringify({ name, refusal: error.name + ': ' + error.message }) + '\\n');
    }
  }
};
`;

type Outcome = { name: string; source?: unknown; refusal?: string };

async function expected(): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const name of (await readdir(fixtures)).sort()) {
    try {
      outcomes.push({ name, source: await extractSource(await fixture(name), name, DEFAULTS) });
    } catch (error) {
      outcomes.push({ name, refusal: `${(error as Error).name}: ${(error as Error).message}` });
    }
  }
  return outcomes;
}

/** pdfjs prints its missing-canvas warnings to stdout; the results are the JSON lines. */
function outcomesFrom(stdout: string): Outcome[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Outcome);
}

describe('the importers, bundled like the app', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wb-import-bundle-'));
    await writeFile(
      join(dir, 'entry.ts'),
      `export { extractSource } from ${JSON.stringify(resolve(root, 'main/services/import/index.ts'))};\n`,
    );
    await writeFile(join(dir, 'runner.cjs'), RUNNER);
    for (const format of ['cjs', 'es'] as const) {
      await build({
        logLevel: 'silent',
        configFile: false,
        root,
        build: {
          outDir: join(dir, format),
          emptyOutDir: true,
          target: 'node20',
          minify: false,
          lib: {
            entry: join(dir, 'entry.ts'),
            formats: [format],
            fileName: () => (format === 'cjs' ? 'index.cjs' : 'index.mjs'),
          },
          rollupOptions: {
            external: ['electron', /^node:/, ...builtinModules],
            output: {
              codeSplitting: false,
              // As scripts/build.mjs gives the ES bundle, for CommonJS dependencies.
              ...(format === 'es'
                ? {
                    banner:
                      "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __filename = __fileURLToPath(import.meta.url);",
                  }
                : {}),
            },
          },
        },
      });
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads every fixture the same from the CommonJS bundle (Electron main)', async () => {
    const script = `require('./runner.cjs')(require('./cjs/index.cjs').extractSource, ${JSON.stringify(fixtures)});`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(outcomesFrom(stdout)).toEqual(JSON.parse(JSON.stringify(await expected())));
  }, 60_000);

  it('reads every fixture the same from the ES bundle (browser preview bridge)', async () => {
    const script = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(join(dir, 'x.cjs'))}); const { extractSource } = await import(${JSON.stringify(join(dir, 'es', 'index.mjs'))}); await require('./runner.cjs')(extractSource, ${JSON.stringify(fixtures)});`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(outcomesFrom(stdout)).toEqual(JSON.parse(JSON.stringify(await expected())));
  }, 60_000);
});
