import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from './handler-table';

/**
 * Bundles a TypeScript entry into one CommonJS file a plain `node` (or a worker thread) can run, the
 * way scripts/build.mjs bundles main: the tests that need a real separate process or thread run the
 * project's own modules, not a copy of them. Answers the bundle's path.
 */
export async function bundleForNode(entry: string, outDir: string, fileName: string): Promise<string> {
  await build({
    configFile: false,
    root: PROJECT_ROOT,
    logLevel: 'error',
    resolve: {
      mainFields: ['module', 'jsnext:main', 'jsnext', 'main'],
      conditions: ['node', 'import', 'module', 'default'],
    },
    build: {
      outDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      sourcemap: false,
      lib: { entry: join(PROJECT_ROOT, entry), formats: ['cjs'], fileName: () => fileName },
      rollupOptions: { external: ['electron', /^node:/, ...builtinModules], output: { codeSplitting: false } },
    },
  });
  return join(outDir, fileName);
}
