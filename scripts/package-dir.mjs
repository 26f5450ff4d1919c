// Packages the built app with electron-builder, offline: `electron-builder --linux --dir` against a
// stand-in Electron folder, so that what an installer would hold can be checked here (tests/unit/
// package-asar.test.ts) where the Electron binary cannot be downloaded. Run after `npm run build`:
//   node scripts/package-dir.mjs        → release/linux-unpacked/ (+ release/desktop-integration/)
//
// The stand-in is a tiny script, not Electron, but it carries Electron's fuse wire (the sentinel,
// version 1, and the eight V1 fuses at the defaults Electron ships), so electron-builder's real fuse step
// (@electron/fuses flipFuses) runs on it exactly as on a real binary and the test can read the result.
// It also holds three Chromium locale files, so `electronLanguages` is applied for real.
//
// Beside the package it writes what the deb and AppImage targets would install for desktop integration
// — the .desktop entry and the shared-mime-info XML for backups — computed by electron-builder's own
// LinuxTargetHelper from electron-builder.yml (those targets themselves need downloads).
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Platform, build } from 'electron-builder';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper');
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget');

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults, in FuseV1Options order: RunAsNode on, CookieEncryption off, NodeOptions on,
// NodeCliInspect on, EmbeddedAsarIntegrity off, OnlyLoadAppFromAsar off, BrowserV8Snapshot off,
// GrantFileProtocolExtraPrivileges on.
const ELECTRON_DEFAULT_FUSES = '10110001';

async function makeStandInElectron(folder) {
  await mkdir(join(folder, 'locales'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
  ]);
  const script = Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n# Stand-in for the Electron binary (scripts/package-dir.mjs); it carries only the fuse wire:\n# ',
    ),
    wire,
    Buffer.from(
      '\necho "This is a stand-in for Electron made for packaging tests; install Electron to run the app." >&2\nexit 1\n',
    ),
  ]);
  await writeFile(join(folder, 'electron'), script);
  await chmod(join(folder, 'electron'), 0o755);
  for (const locale of ['en-US', 'ru', 'de'])
    await writeFile(join(folder, 'locales', `${locale}.pak`), `stand-in ${locale} locale\n`);
}

/** The .desktop entry and MIME XML the Linux targets would install, by electron-builder's own code. */
async function writeDesktopIntegration(packager, outFolder) {
  await mkdir(outFolder, { recursive: true });
  const helper = new LinuxTargetHelper(packager);
  const options = { ...packager.platformSpecificBuildOptions, ...(packager.config.deb ?? {}) };
  await helper.writeDesktopEntry(options, null, join(outFolder, `${helper.getDesktopFileName()}.desktop`));
  const mimeXml = await helper.mimeTypeFiles;
  if (mimeXml) await copyFile(mimeXml, join(outFolder, `${packager.executableName}.xml`));
  // The deb target's own metadata check, which `npm run dist` would otherwise only reach online.
  await new FpmTarget('deb', packager, helper, outFolder).checkOptions().catch((error) => {
    console.warn(`Warning: npm run dist would fail to build the deb: ${error.message.replace(/\s+/g, ' ')}`);
  });
}

async function main() {
  for (const built of ['dist/main/index.cjs', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run "npm run build" first.`);
  }
  const standIn = await mkdtemp(join(tmpdir(), 'workbench-electron-stand-in-'));
  const output = join(root, 'release');
  try {
    await makeStandInElectron(standIn);
    await rm(output, { recursive: true, force: true });
    const started = Date.now();
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir'),
      publish: 'never',
      config: {
        electronDist: standIn,
        afterPack: (context) => writeDesktopIntegration(context.packager, join(output, 'desktop-integration')),
      },
    });
    const appAsar = relative(root, join(output, 'linux-unpacked', 'resources', 'app.asar'));
    const size = existsSync(join(root, appAsar))
      ? `${((await readFile(join(root, appAsar))).length / 1e6).toFixed(1)} MB`
      : 'missing';
    console.log(
      `Packaged with a stand-in Electron in ${((Date.now() - started) / 1000).toFixed(1)} s: ${appAsar} (${size}).`,
    );
  } finally {
    await rm(standIn, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`Packaging failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
