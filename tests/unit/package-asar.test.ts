// What an installer would ship: the app.asar (and the fused executable) that `electron-builder --dir`
// makes from the real config. `npm test` packages before the unit tests (npm run package:dir, with a
// stand-in Electron — see scripts/package-dir.mjs); run alone, this test says how to make the package.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { describe, expect, it } from 'vitest';
import { electronFuses, fuseOptionName, loadBuilderConfig, root } from '../support/builder-config';

/**
 * The bound the package must stay under. Today ~8.2 MB: the import worker (pdf.js, mammoth, linkedom) and the
 * briefing worker (docx) carry the heavy libraries; main itself is ~0.4 MB, as it reads no file in its own thread.
 */
const MAX_ASAR_BYTES = 12 * 1024 * 1024;
const FUSE_ENABLED = 49; // '1'
const FUSE_DISABLED = 48; // '0'

const release = join(root, 'release');
const missing =
  'There is no packaged app in release/: run "npm run build && npm run package:dir" (npm test does both) before this test.';

interface Packaged {
  folder: string;
  asar: string;
  entries: string[];
}
let opened: Packaged | undefined;

/** The package, opened once; every test fails with the same sentence (none is skipped) when it is missing. */
function packaged(): Packaged {
  if (opened) return opened;
  const name = existsSync(release)
    ? readdirSync(release).find((entry) => /^linux(-\w+)?-unpacked$/.test(entry))
    : undefined;
  const folder = name ? join(release, name) : '';
  const asar = join(folder, 'resources', 'app.asar');
  if (!name || !existsSync(asar)) throw new Error(missing);
  opened = { folder, asar, entries: listPackage(asar, { isPack: false }).map((entry) => entry.replace(/\\/g, '/')) };
  return opened;
}

const read = (entry: string) => extractFile(packaged().asar, entry.replace(/^\//, '')).toString('utf8');

describe('the packaged app.asar', () => {
  it('holds main, preload, renderer and the bundled data', () => {
    const { entries } = packaged();
    expect(entries).toEqual(
      expect.arrayContaining([
        '/dist/main/index.cjs',
        '/dist/main/import-worker.cjs',
        '/dist/main/briefing-worker.cjs',
        '/dist/preload/index.cjs',
        '/dist/renderer/index.html',
        '/data/sample/security-threats-afghanistan-kazakhstan.txt',
        '/data/demo/workspace.json',
        '/data/reference/countries.json',
        '/package.json',
      ]),
    );
  });

  it('holds nothing else: no sources, tests, node_modules, source maps or the dev-only bridge', () => {
    const { entries } = packaged();
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['data', 'dist', 'package.json']);
    expect(entries.filter((entry) => /\.(tsx?|mts|cts)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /(^|\/)(tests?|node_modules|__tests__)(\/|$)/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    expect(
      entries.filter((entry) => entry.startsWith('/dist/') && !/^\/dist\/(main|preload|renderer)(\/|$)/.test(entry)),
    ).toEqual([]);
  });

  it('names no devDependency: everything the app needs is bundled by Vite', () => {
    const { entries } = packaged();
    const pkg = JSON.parse(read('/package.json')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg).not.toHaveProperty('devDependencies');
    expect(pkg).not.toHaveProperty('scripts');
    const ourPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const shipped = entries.join('\n');
    for (const name of Object.keys(ourPkg.devDependencies))
      expect(shipped, name).not.toContain(`/node_modules/${name}/`);
  });

  it('starts from a main that exists in the package, with the preload where main looks for it', () => {
    const { entries } = packaged();
    const pkg = JSON.parse(read('/package.json')) as { main: string; desktopName?: string };
    expect(entries).toContain(`/${pkg.main}`);
    // main/app/window.ts preloadPathFrom: <dir of main>/../preload/index.cjs
    const preload = `/${pkg.main.split('/').slice(0, -2).join('/')}/preload/index.cjs`;
    expect(entries).toContain(preload);
    expect(pkg.desktopName).toBe('analyst-workbench.desktop');
  });

  it('ships a renderer whose page finds every script and stylesheet it names', () => {
    const { entries } = packaged();
    const html = read('/dist/renderer/index.html');
    const assets = [...html.matchAll(/(?:src|href)="\/?([^"]+)"/g)].map((match) => `/dist/renderer/${match[1]}`);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(entries, asset).toContain(asset);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('ships pdfjs’s character maps and standard fonts unpacked beside app.asar, where the import worker reads them', () => {
    const { folder, entries } = packaged();
    const unpacked = join(folder, 'resources', 'app.asar.unpacked', 'dist', 'main', 'pdfjs');
    // main/services/import/pdf-assets.ts looks for <dir of the worker>/pdfjs inside app.asar.unpacked.
    expect(entries).toContain('/dist/main/import-worker.cjs');
    expect(existsSync(join(unpacked, 'cmaps', 'Adobe-Japan1-UCS2.bcmap'))).toBe(true);
    expect(existsSync(join(unpacked, 'cmaps', '90ms-RKSJ-H.bcmap'))).toBe(true);
    expect(readdirSync(join(unpacked, 'cmaps')).length).toBeGreaterThan(150);
    expect(existsSync(join(unpacked, 'standard_fonts', 'LiberationSans-Regular.ttf'))).toBe(true);
  });

  it(`stays small (under ${MAX_ASAR_BYTES / 1024 / 1024} MB)`, () => {
    const { asar } = packaged();
    expect(statSync(asar).size).toBeLessThan(MAX_ASAR_BYTES);
  });

  it('keeps the readers and the Word writer out of main: they run on the workers, main never loads them', () => {
    // pdf.js alone is ~1.6 MB minified and docx ~1.2 MB; main's own code, zod and citation-js are ~0.4 MB.
    const main = read('/dist/main/index.cjs');
    expect(main.length).toBeLessThan(1024 * 1024);
    for (const library of ['pdfjs-dist', 'mammoth', 'linkedom', 'Readability']) expect(main).not.toContain(library);
  });
});

describe('the packaged executable and resources', () => {
  it('has every fuse flipped as electron-builder.yml says (on the stand-in’s copy of Electron’s fuse wire)', async () => {
    const { folder } = packaged();
    const config = await loadBuilderConfig();
    const { getCurrentFuseWire, FuseV1Options } = electronFuses();
    const executable = join(folder, 'analyst-workbench');
    expect(existsSync(executable), 'the executable is named after the package').toBe(true);
    const wire = await getCurrentFuseWire(executable);
    const fuses = Object.entries(config.electronFuses ?? {});
    expect(fuses.length).toBeGreaterThanOrEqual(6);
    for (const [key, enabled] of fuses) {
      expect(wire[String(FuseV1Options[fuseOptionName(key)])], key).toBe(enabled ? FUSE_ENABLED : FUSE_DISABLED);
    }
  });

  it('keeps only the Chromium locales the app is written for', async () => {
    const { folder } = packaged();
    const config = await loadBuilderConfig();
    const locales = readdirSync(join(folder, 'locales')).map((name) => name.replace(/\.pak$/, ''));
    expect(locales.sort()).toEqual([...(config.electronLanguages ?? [])].sort());
  });

  it('installs a desktop entry that opens backups, and teaches the system the backup file type', () => {
    packaged(); // says how to make the package when it is missing
    const integration = join(release, 'desktop-integration');
    const entry = readFileSync(join(integration, 'analyst-workbench.desktop'), 'utf8');
    const keys = Object.fromEntries(
      entry
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(entry.startsWith('[Desktop Entry]')).toBe(true);
    expect(keys).toMatchObject({
      Name: 'Analyst Workbench',
      Type: 'Application',
      Icon: 'analyst-workbench',
      Categories: 'Office;',
      MimeType: 'application/x-analyst-workbench-backup;',
      StartupWMClass: 'analyst-workbench',
    });
    expect(keys.Comment).toMatch(/\S/);
    expect(keys.Exec).toMatch(/analyst-workbench"? %U$/);
    const mime = readFileSync(join(integration, 'analyst-workbench.xml'), 'utf8');
    expect(mime).toContain('<mime-type type="application/x-analyst-workbench-backup">');
    expect(mime).toContain('<glob pattern="*.awbackup"/>');
  });
});
