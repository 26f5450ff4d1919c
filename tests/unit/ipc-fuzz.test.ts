// IPC hardening: every channel of the contract — including channels added after this test was
// written, since it iterates CHANNEL_KEYS — gets 10,000 random and hostile payloads through the real
// handler table and `dispatch`, as a compromised renderer could send them. Each must answer an error
// sentence or a valid result: no throw, no bug reaching the log, no polluted prototype, and no file
// written outside the data folder. Deterministic: WORKBENCH_FUZZ_SEED replays a run; failures print it.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerTable } from '../../main/services/handlers';
import { CHANNEL_KEYS, CONTRACT, type ChannelKey } from '../../shared/ipc';
import { isIpcResult } from '../../shared/ipc/result';
import {
  BigValues,
  hostileValue,
  int,
  POLLUTION_JSON,
  pick,
  seededRng,
  shapedValue,
  withOwnKey,
  type HostileOptions,
  type Rng,
} from '../support/fuzz';
import { realHandlerTable } from '../support/handler-table';

const SEED = Number(process.env.WORKBENCH_FUZZ_SEED ?? 20261128);
const PAYLOADS_PER_CHANNEL = 10_000;
/**
 * How many payloads per channel may be fully valid requests. The happy path is exercised, but a
 * valid call does real work (a synced file write, a Word document), and 10,000 of those would test
 * the disk's speed rather than the channel's defences; past the budget a valid payload is redrawn.
 */
const VALID_BUDGET = 40;

/** What a payload was, for the failure message: enough to recognise it, never megabytes. */
function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'bigint'
        ? `${v}n`
        : v instanceof Uint8Array
          ? `<${v.byteLength} bytes>`
          : typeof v === 'string' && v.length > 80
            ? `<${v.length} chars: ${v.slice(0, 40)}…>`
            : v,
    );
    return (text ?? String(value)).slice(0, 400);
  } catch {
    return String(value).slice(0, 400);
  }
}

/** One payload for `key`: mostly shaped like its arguments with hostile parts, else plain hostility. */
function anyPayloadFor(key: ChannelKey, rng: Rng, options: HostileOptions): unknown {
  const roll = rng();
  const args = CONTRACT[key].args;
  if (roll < 0.1) return hostileValue(rng, options);
  if (roll < 0.25) return Array.from({ length: int(rng, 0, 4) }, () => hostileValue(rng, options));
  if (roll < 0.35) {
    // Prototype-pollution payloads as JSON.parse makes them, alone or inside a valid-shaped request.
    const polluted = JSON.parse(pick(rng, POLLUTION_JSON)) as Record<string, unknown>;
    const shaped = shapedValue(args, rng, 0, options);
    if (Array.isArray(shaped) && shaped[0] && typeof shaped[0] === 'object' && !(shaped[0] instanceof Uint8Array)) {
      for (const [field, value] of Object.entries(shaped[0] as Record<string, unknown>))
        withOwnKey(polluted, field, value);
      return [polluted];
    }
    return rng() < 0.5 ? [polluted] : polluted;
  }
  // Valid-shaped requests: untouched (the happy path must hold up too), lightly or heavily mutated.
  const mutate = pick(rng, [0, 0.02, 0.1, 0.3]);
  return shapedValue(args, rng, mutate, options);
}

function payloadFor(key: ChannelKey, rng: Rng, options: HostileOptions, budget: { valid: number }): unknown {
  for (;;) {
    const payload = anyPayloadFor(key, rng, options);
    if (!CONTRACT[key].args.safeParse(payload).success) return payload;
    if (budget.valid > 0) {
      budget.valid--;
      return payload;
    }
  }
}

const SENTENCE = /^["“A-Z0-9].*[.!?]["”)]?$/s;

async function filesUnder(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

describe('IPC fuzzing: hostile payloads on every channel', () => {
  let root = '';
  let dataRoot = '';
  let table: HandlerTable;
  const unexpected: string[] = [];
  const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
  const arrayPrototypeNames = Object.getOwnPropertyNames(Array.prototype).sort();
  const big = new BigValues();
  const outcomes = new Map<ChannelKey, { ok: number; refused: number }>();

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'workbench-fuzz-'));
    dataRoot = join(root, 'data');
    // A neighbour of the data folder that traversal payloads would reach first.
    await mkdir(join(root, 'outside'));
    await writeFile(join(root, 'outside', 'keep.txt'), 'untouched');
    table = await realHandlerTable(dataRoot);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    const summary = [...outcomes].map(([key, { ok, refused }]) => `${key} ${ok} ok / ${refused} refused`).join('; ');
    console.info(`ipc fuzz (seed ${SEED}): ${summary}`);
  });

  it.each(CHANNEL_KEYS.map((key) => [key]))(
    '%s answers every payload with an error sentence or a valid result',
    async (key) => {
      // Each channel gets its own stream, so adding a channel does not change what the others receive.
      const rng = seededRng(
        SEED ^ [...key].reduce((hash, c) => Math.imul(hash ^ c.charCodeAt(0), 16777619), 2166136261),
      );
      const options: HostileOptions = { big, bigChance: 0.0005 };
      const problems: string[] = [];
      const count = { ok: 0, refused: 0 };
      const budget = { valid: VALID_BUDGET };
      for (let i = 0; i < PAYLOADS_PER_CHANNEL && problems.length < 5; i++) {
        const payload = payloadFor(key, rng, options, budget);
        let result: unknown;
        try {
          result = await dispatch(table, key, payload, {
            onUnexpectedError: (k, error) =>
              unexpected.push(
                `${k} #${i}: ${error instanceof Error ? error.stack : String(error)} for ${preview(payload)}`,
              ),
          });
        } catch (error) {
          problems.push(`#${i} threw ${String(error)} for ${preview(payload)}`);
          continue;
        }
        if (!isIpcResult(result)) {
          problems.push(`#${i} answered ${preview(result)}, not a result envelope, for ${preview(payload)}`);
        } else if (result.ok) {
          count.ok++;
          if (!CONTRACT[key].result.safeParse(result.value).success)
            problems.push(`#${i} answered a value outside the contract for ${preview(payload)}`);
        } else {
          count.refused++;
          if (!SENTENCE.test(result.error) || result.error.length > 2000)
            problems.push(`#${i} answered "${result.error.slice(0, 300)}", not a sentence, for ${preview(payload)}`);
        }
      }
      outcomes.set(key, count);
      const context = `seed ${SEED}, channel ${key} (replay with WORKBENCH_FUZZ_SEED=${SEED})`;
      expect(problems, context).toEqual([]);
      expect(unexpected, `${context}: handler failures that are bugs, not refusals`).toEqual([]);
      expect(Object.getOwnPropertyNames(Object.prototype).sort(), context).toEqual(prototypeNames);
      expect(Object.getOwnPropertyNames(Array.prototype).sort(), context).toEqual(arrayPrototypeNames);
      expect(({} as Record<string, unknown>).polluted, context).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin, context).toBeUndefined();
      // The process still answers.
      expect(await dispatch(table, 'appInfo', [])).toMatchObject({ ok: true, value: { dataFolder: dataRoot } });
    },
    120_000,
  );

  it('wrote no file outside the data folder', async () => {
    const outside = (await filesUnder(root))
      .filter((path) => !path.startsWith(dataRoot + sep))
      .map((path) => relative(root, path));
    expect(outside, `seed ${SEED}`).toEqual([join('outside', 'keep.txt')]);
    expect(await readFile(join(root, 'outside', 'keep.txt'), 'utf8')).toBe('untouched');
    // And inside it, only the folders main keeps.
    const top = new Set((await filesUnder(dataRoot)).map((path) => relative(dataRoot, path).split(sep)[0]));
    for (const name of top) expect(['sources', 'exports', 'backups', 'logs', 'recent-exports.json']).toContain(name);
  });
});
