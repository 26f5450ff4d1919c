/**
 * Team sync (issue 20): runs bench/team.ts (built to bench/tmp/team.mjs) in a Node process of its own —
 * the analysts' Dexie runs on fake-indexeddb there, which must not leak into this runner — and takes the
 * results it prints as one JSON line.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { BenchEnv, ScenarioResult } from '../lib';

export async function teamScenarios(env: BenchEnv): Promise<ScenarioResult[]> {
  const root = resolve(process.env.BENCH_ROOT ?? process.cwd());
  const child = spawn(process.execPath, [join(root, 'bench', 'tmp', 'team.mjs'), JSON.stringify(env.sizes)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code !== 0) throw new Error(`The team benchmark stopped (exit code ${code}).`);
  const line = output.trim().split('\n').at(-1) ?? '';
  const results = JSON.parse(line) as ScenarioResult[];
  for (const r of results) env.log(`${r.scenario}: ${r.samples.join(', ')} ${r.unit}`);
  return results;
}
