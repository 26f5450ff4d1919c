// Builds the four bundles with Vite: renderer (browser), main and preload (CommonJS for Electron;
// the preload self-contained because a sandboxed preload cannot require files), and the loopback
// bridge (its Node server, and the browser client that installs window.workbench in the page:
// renderer/platform/bridge-client.ts, built to dist/bridge/client.js beside the server).
import { builtinModules } from 'node:module';
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('..', import.meta.url));
const nodeExternals = ['electron', /^node:/, ...builtinModules];
const quiet = { logLevel: process.env.BUILD_VERBOSE ? 'info' : 'warn', configFile: false, root };

const esmCommonJsShim = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
].join(' ');

function nodeBundle({ entry, outDir, fileName, format, emptyOutDir = true, minify = false }) {
  return build({
    ...quiet,
    // Node builds of dependencies (mammoth, jszip, pdfjs), not the browser builds their "browser" fields name.
    resolve: {
      mainFields: ['module', 'jsnext:main', 'jsnext', 'main'],
      conditions: ['node', 'import', 'module', 'default'],
    },
    build: {
      outDir,
      emptyOutDir,
      target: 'node20',
      minify,
      sourcemap: true,
      lib: { entry, formats: [format], fileName: () => fileName },
      rollupOptions: {
        external: nodeExternals,
        output: {
          codeSplitting: false,
          // Bundled CommonJS dependencies (write-file-atomic) use require and __filename; give ES output both.
          ...(format === 'es' ? { banner: esmCommonJsShim } : {}),
        },
      },
    },
  });
}

await rm(`${root}/dist`, { recursive: true, force: true });
await build({
  ...quiet,
  root: `${root}/renderer`,
  base: '/',
  plugins: [react()],
  build: { outDir: `${root}/dist/renderer`, emptyOutDir: true, target: 'chrome130', sourcemap: true },
});
// Main and its import worker each carry the document readers (pdf.js, mammoth, Readability); minified, the
// packaged app.asar stays small. Source maps (kept out of the package) still point at the TypeScript.
await nodeBundle({
  entry: 'main/app/main.ts',
  outDir: 'dist/main',
  fileName: 'index.cjs',
  format: 'cjs',
  minify: true,
});
// The import worker sits beside main (packaged with it) and is found by the bridge there too.
await nodeBundle({
  entry: 'main/services/import/worker-entry.ts',
  outDir: 'dist/main',
  fileName: 'import-worker.cjs',
  format: 'cjs',
  emptyOutDir: false,
  minify: true,
});
// The briefing worker packs .docx files off main's event loop; it carries the docx library, beside main.
await nodeBundle({
  entry: 'main/services/briefing-worker-entry.ts',
  outDir: 'dist/main',
  fileName: 'briefing-worker.cjs',
  format: 'cjs',
  emptyOutDir: false,
  minify: true,
});
// pdfjs's character maps and standard fonts, beside the bundles that read PDFs (main/services/import/pdf-assets.ts
// finds them there): without them CJK text in non-embedded fonts and vertical writing come out empty. Offline, so
// they ship with the app rather than being fetched.
for (const folder of ['cmaps', 'standard_fonts'])
  await cp(`${root}/node_modules/pdfjs-dist/${folder}`, `${root}/dist/main/pdfjs/${folder}`, { recursive: true });
await nodeBundle({ entry: 'main/preload.ts', outDir: 'dist/preload', fileName: 'index.cjs', format: 'cjs' });
await nodeBundle({ entry: 'main/bridge/cli.ts', outDir: 'dist/bridge', fileName: 'cli.mjs', format: 'es' });
await build({
  ...quiet,
  build: {
    outDir: 'dist/bridge',
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    lib: {
      entry: 'renderer/platform/bridge-client.ts',
      formats: ['iife'],
      name: 'workbenchBridge',
      fileName: () => 'client.js',
    },
  },
});
console.log('Built dist/renderer, dist/main, dist/preload and dist/bridge.');
