import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '..', '..');

/** The subset of electron-builder's configuration the tests read. */
export interface BuilderConfig {
  appId?: string;
  files?: (string | { filter: string[] })[];
  asar?: boolean;
  electronLanguages?: string[];
  electronFuses?: Record<string, boolean>;
  fileAssociations?: { ext: string; name?: string; description?: string; mimeType?: string; role?: string }[];
  linux?: {
    icon?: string;
    target?: string[];
    category?: string;
    syncDesktopName?: boolean;
    desktop?: { entry?: Record<string, string> };
  };
  win?: { icon?: string; target?: string[] };
  nsis?: { perMachine?: boolean };
  mac?: { icon?: string; target?: string[]; category?: string };
  [key: string]: unknown;
}

interface ConfigModule {
  getConfig: (projectDir: string, configPath: string | null, configFromOptions: unknown) => Promise<BuilderConfig>;
  validateConfiguration: (config: unknown, debugLogger: unknown) => Promise<void>;
}

/** electron-builder's own loader and schema validation, without building anything. */
export async function loadValidator() {
  const configModule = (await import('app-builder-lib/out/util/config/config.js')) as unknown as ConfigModule;
  const { DebugLogger } = (await import('builder-util')) as unknown as {
    DebugLogger: new (enabled: boolean) => unknown;
  };
  return { ...configModule, logger: new DebugLogger(false) };
}

export async function loadBuilderConfig(extra: unknown = null): Promise<BuilderConfig> {
  const { getConfig } = await loadValidator();
  return getConfig(root, resolve(root, 'electron-builder.yml'), extra);
}

/** @electron/fuses as electron-builder itself resolves it (it is app-builder-lib's dependency, not ours). */
export function electronFuses(): {
  getCurrentFuseWire: (path: string) => Promise<Record<string, unknown>>;
  FuseV1Options: Record<string, number | string>;
} {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
  return fromBuilder('@electron/fuses');
}

/** The @electron/fuses option name of an electron-builder `electronFuses` key (runAsNode → RunAsNode). */
export const fuseOptionName = (configKey: string) => configKey[0]!.toUpperCase() + configKey.slice(1);
