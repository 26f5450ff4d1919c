// Atomic files under a real crash: a separate Node process writes a large file again and again
// through main/services/atomic-file.ts and is killed (SIGKILL, no chance to clean up) at random
// moments. After every kill the file holds exactly one whole generation — the last one finished or
// the one being written — checked by SHA-256, never a torn mix or a truncated file.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationContent } from '../support/atomic-generations';
import { bundleForNode } from '../support/bundle-for-node';
import { seededRng } from '../support/fuzz';

const SIZE = 6 * 1024 * 1024;
const KILLS = 30;
const SEED = Number(process.env.WORKBENCH_FUZZ_SEED ?? 20261128);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Run {
  started: number[];
  finished: number[];
}

/** Starts the writer, kills it `delayMs` after it is ready, and answers what it said it did. */
function writeUntilKilled(script: string, target: string, first: number, delayMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, String(first), String(SIZE)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const run: Run = { started: [], finished: [] };
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), delayMs);
        const [word, n] = line.split(' ');
        if (word === 'start') run.started.push(Number(n));
        if (word === 'done') run.finished.push(Number(n));
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(run) : reject(new Error(`the writer ended on its own (${signal ?? _code})`)),
    );
  });
}

describe('atomic writes survive a killed writer', () => {
  let folder = '';
  let script = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'workbench-atomic-'));
    script = await bundleForNode(
      'tests/support/atomic-writer-child.ts',
      join(folder, 'bundle'),
      'atomic-writer-child.cjs',
    );
  }, 60_000);

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it(`leaves the old or the new whole file after each of ${KILLS} kills`, async () => {
    const rng = seededRng(SEED);
    const target = join(folder, 'data', 'sources', 'ab', 'target.bin');
    let lastFinished = -1; // nothing written yet: the file does not exist
    let next = 0;
    let midWrite = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const run = await writeUntilKilled(script, target, next, Math.floor(rng() * 250));
      if (run.finished.length > 0) lastFinished = run.finished.at(-1)!;
      const inFlight = run.started.length > run.finished.length ? run.started.at(-1)! : null;
      if (inFlight !== null) midWrite++;
      const context = `kill ${kill} (seed ${SEED}): finished ${lastFinished}, in flight ${inFlight}`;

      const content = await readFile(target).catch(() => null);
      const allowed = new Map<string, number>();
      if (lastFinished >= 0) allowed.set(sha256(generationContent(lastFinished, SIZE)), lastFinished);
      if (inFlight !== null) allowed.set(sha256(generationContent(inFlight, SIZE)), inFlight);
      if (content === null) {
        expect(lastFinished, `${context}: the file is missing although a write had finished`).toBe(-1);
      } else {
        expect(content.byteLength, context).toBe(SIZE);
        const generation = allowed.get(sha256(content));
        expect(generation, `${context}: the file is not any whole generation`).toBeDefined();
        lastFinished = generation!;
      }
      next = Math.max(lastFinished, inFlight ?? -1) + 1;
    }
    // The test means something only if kills landed while a write was under way.
    expect(midWrite, `seed ${SEED}`).toBeGreaterThanOrEqual(KILLS / 3);
  }, 180_000);
});
