import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronFuses, fuseOptionName, loadBuilderConfig, loadValidator, root } from '../support/builder-config';
import { pngSize, readIcns, readIco } from '../support/icon-files';

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const { validateConfiguration, logger } = await loadValidator();
    const config = await loadBuilderConfig();
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    expect(config.appId).toBe('org.analystworkbench.app');
  });

  it('would reject an unknown key', async () => {
    const { validateConfiguration, logger } = await loadValidator();
    const config = await loadBuilderConfig({ notARealOption: true });
    await expect(validateConfiguration(config, logger)).rejects.toThrow(/unknown property/i);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows and dmg for macOS', async () => {
    const config = await loadBuilderConfig();
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
  });

  it('sets the Electron fuses the security review asks for, each one a fuse @electron/fuses knows', async () => {
    const config = await loadBuilderConfig();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const { FuseV1Options } = electronFuses();
    for (const key of Object.keys(config.electronFuses ?? {}))
      expect(FuseV1Options[fuseOptionName(key)], key).toBeTypeOf('number');
  });

  it('packages only the built output, the bundled data and package.json', async () => {
    const config = await loadBuilderConfig();
    expect(config.asar).toBe(true);
    // electron-builder's loader normalises the list into one file set.
    expect(config.files).toEqual([
      { filter: ['dist/main/**', 'dist/preload/**', 'dist/renderer/**', 'data/**', 'package.json', '!**/*.map'] },
    ]);
  });

  it('associates .awbackup backups with the app on every platform', async () => {
    const config = await loadBuilderConfig();
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({
        ext: 'awbackup',
        mimeType: 'application/x-analyst-workbench-backup',
        description: 'Analyst Workbench backup',
        role: 'Editor',
      }),
    ]);
    // NSIS writes associations to the machine-wide registry only in a per-machine install.
    expect(config.nsis?.perMachine).toBe(true);
  });

  it('gives Linux a desktop entry whose window class matches the desktop file Electron names', async () => {
    const config = await loadBuilderConfig();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { desktopName?: string };
    expect(config.linux?.category).toBe('Office');
    expect(config.linux?.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe('analyst-workbench.desktop');
    expect(config.linux?.desktop?.entry?.StartupWMClass).toBe(pkg.desktopName?.replace(/\.desktop$/, ''));
  });

  describe('icons, all drawn from build/icon.svg', () => {
    it('has the Linux PNG set from 16 to 1024 pixels, each the size its name says', async () => {
      const config = await loadBuilderConfig();
      const folder = resolve(root, config.linux?.icon ?? '');
      const names = readdirSync(folder).filter((name) => name.endsWith('.png'));
      const sizes = names.map((name) => Number(/^(\d+)x\1\.png$/.exec(name)?.[1])).sort((a, b) => a - b);
      expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
      for (const name of names) {
        const side = Number(name.split('x')[0]);
        expect(pngSize(readFileSync(join(folder, name))), name).toEqual({ width: side, height: side });
      }
    });

    it('has a Windows .ico holding 16 to 256 pixels (NSIS needs 256)', async () => {
      const config = await loadBuilderConfig();
      expect(config.win?.icon).toBe('build/icon.ico');
      const images = readIco(readFileSync(resolve(root, config.win?.icon ?? '')));
      expect(images.map((image) => image.stated)).toEqual([16, 24, 32, 48, 64, 128, 256]);
      for (const image of images) expect(image.png).toEqual({ width: image.stated, height: image.stated });
    });

    it('has a macOS .icns with every size up to 1024 (512@2x)', async () => {
      const config = await loadBuilderConfig();
      expect(config.mac?.icon).toBe('build/icon.icns');
      const elements = readIcns(readFileSync(resolve(root, config.mac?.icon ?? '')));
      const pixels = Object.fromEntries(elements.map((element) => [element.type, element.png?.width]));
      expect(pixels).toEqual({
        icp4: 16,
        icp5: 32,
        ic11: 32,
        icp6: 64,
        ic12: 64,
        ic07: 128,
        ic08: 256,
        ic13: 256,
        ic09: 512,
        ic14: 512,
        ic10: 1024,
      });
    });

    it('keeps the one source drawing beside them', () => {
      expect(existsSync(join(root, 'build', 'icon.svg'))).toBe(true);
    });
  });
});
