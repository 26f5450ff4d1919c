import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

// electron-builder's own loader and schema validation, without building anything.
async function loadValidator() {
  const configModule = (await import('app-builder-lib/out/util/config/config.js')) as unknown as {
    getConfig: (projectDir: string, configPath: string | null, configFromOptions: unknown) => Promise<Record<string, unknown>>;
    validateConfiguration: (config: unknown, debugLogger: unknown) => Promise<void>;
  };
  const { DebugLogger } = (await import('builder-util')) as unknown as { DebugLogger: new (enabled: boolean) => unknown };
  return { ...configModule, logger: new DebugLogger(false) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    const { getConfig, validateConfiguration, logger } = await loadValidator();
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    expect(config.appId).toBe('org.analystworkbench.app');
  });

  it('would reject an unknown key', async () => {
    const { getConfig, validateConfiguration, logger } = await loadValidator();
    const config = await getConfig(root, resolve(root, 'electron-builder.yml'), { notARealOption: true });
    await expect(validateConfiguration(config, logger)).rejects.toThrow(/unknown property/i);
  });
});
