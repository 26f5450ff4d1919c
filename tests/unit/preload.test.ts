import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_KEYS, CHANNELS, MENU_COMMAND_CHANNEL, SOURCE_TEXT_PATH } from '../../shared/ipc/channels';
import { PROJECT_ROOT } from '../support/handler-table';

/**
 * The built preload, run the way a sandboxed Electron renderer runs it: a CommonJS script whose only
 * `require` is 'electron'. Electron itself cannot run on this machine, so `contextBridge` and
 * `ipcRenderer` are recorded by hand; what is checked is the bundle we ship.
 */
interface Recorded {
  required: string[];
  exposed: Record<string, unknown>;
  invoked: unknown[][];
  listeners: Map<string, (...args: unknown[]) => void>;
}

async function runPreload(): Promise<Recorded & { api: Record<string, (...args: unknown[]) => unknown> }> {
  const code = await readFile(join(PROJECT_ROOT, 'dist', 'preload', 'index.cjs'), 'utf8');
  const recorded: Recorded = { required: [], exposed: {}, invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, value: unknown) => (recorded.exposed[name] = value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        recorded.invoked.push(args);
        return { ok: true, value: 'answer' };
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => recorded.listeners.set(channel, listener),
      removeListener: (channel: string) => recorded.listeners.delete(channel),
    },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    // The page a sandboxed preload runs in: the app's own origin.
    location: { origin: 'app://workbench' },
    URL,
    require: (name: string) => {
      recorded.required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require "${name}"`);
      return electron;
    },
  });
  return { ...recorded, api: recorded.exposed.workbench as Record<string, (...args: unknown[]) => unknown> };
}

describe('preload bundle (dist/preload/index.cjs)', () => {
  let preload: Awaited<ReturnType<typeof runPreload>>;
  beforeAll(async () => {
    preload = await runPreload();
  });

  it('is self-contained CommonJS that requires only electron', () => {
    expect(preload.required).toEqual(['electron']);
  });

  it('exposes window.workbench as named functions only', () => {
    expect(Object.keys(preload.exposed)).toEqual(['workbench']);
    expect(Object.keys(preload.api).sort()).toEqual([...CHANNEL_KEYS, 'onMenuCommand', 'sourceTextRequest'].sort());
    for (const value of Object.values(preload.api)) expect(typeof value).toBe('function');
  });

  it('forwards a call to its channel and unwraps the answer', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(preload.api.putSourceFile!({ bytes })).resolves.toBe('answer');
    expect(preload.invoked.at(-1)).toEqual([CHANNELS.putSourceFile, { bytes }]);
  });

  it("addresses a stored text under the app's own origin, and nothing that is not a digest", () => {
    const sha256 = 'ab'.repeat(32);
    expect(preload.api.sourceTextRequest!(sha256)).toEqual({
      url: `app://workbench${SOURCE_TEXT_PATH}${sha256}`,
      headers: {},
    });
    expect(preload.api.sourceTextRequest!('../../etc/passwd')).toBeNull();
  });

  it('passes menu commands without the event object, and only known commands', () => {
    const seen: unknown[][] = [];
    const unsubscribe = preload.api.onMenuCommand!((...args: unknown[]) => seen.push(args)) as () => void;
    const relay = preload.listeners.get(MENU_COMMAND_CHANNEL)!;
    relay({ sender: 'event object' }, 'navigate:register');
    relay({ sender: 'event object' }, 'rm -rf /');
    expect(seen).toEqual([['navigate:register']]);
    unsubscribe();
    expect(preload.listeners.has(MENU_COMMAND_CHANNEL)).toBe(false);
  });
});
