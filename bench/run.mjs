// `npm run bench` / `npm run bench:smoke`: builds the app (unless --skip-build), the benchmark page (a
// separate Vite entry that reuses the app's renderer/db modules, written to bench/tmp/site next to a
// copy of dist/renderer and never into dist/), the benchmark host and the runner; then runs the runner.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = `${root}bench/tmp`;
const args = process.argv.slice(2);
const quiet = { logLevel: process.env.BUILD_VERBOSE ? 'info' : 'warn', configFile: false, root };

if (!args.includes('--skip-build')) {
  const built = spawnSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

await rm(`${tmp}/site`, { recursive: true, force: true });
await mkdir(tmp, { recursive: true });
await cp(`${root}dist/renderer`, `${tmp}/site`, { recursive: true });
await build({
  ...quiet,
  root: `${root}bench/page`,
  base: '/bench/',
  build: {
    outDir: `${tmp}/site/bench`,
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});

// Node bundles: project TypeScript is bundled, packages stay external and resolve from node_modules.
const external = (id) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  (!id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'));
for (const [entry, fileName] of [
  ['bench/server.ts', 'server.mjs'],
  ['bench/runner.ts', 'runner.mjs'],
  ['bench/team.ts', 'team.mjs'],
]) {
  await build({
    ...quiet,
    build: {
      outDir: tmp,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      rollupOptions: { external, output: { codeSplitting: false } },
    },
  });
}

const run = spawnSync(process.execPath, [`${tmp}/runner.mjs`, ...args.filter((a) => a !== '--skip-build')], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, BENCH_ROOT: root },
});
process.exit(run.status ?? 1);
