// The rotating error log in main (Help › Open Error Log), the renderer's error reports through the
// handler table, and the channel that opens the log.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { ErrorReports } from '../../main/services/error-reports';
import { formatEntry, Log } from '../../main/services/log';
import { realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const at = () => new Date('2026-11-28T10:00:00Z');

async function logFiles(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => !name.includes('.tmp') && name.endsWith('.log')).sort();
}

/** Entries of a log file: lines that start with a timestamp. */
function entries(text: string): string[] {
  return text.split('\n').filter((line) => /^\d{4}-\d\d-\d\dT/.test(line));
}

describe('rotating error log', () => {
  it('appends entries in the order they were written, even when written all at once', async () => {
    const folder = await tempFolder();
    const log = new Log(folder, { now: at });
    const writes = Array.from({ length: 200 }, (_, i) => log.write('error', `entry ${i}`));
    await Promise.all(writes);
    const text = await readFile(log.file, 'utf8');
    expect(entries(text).map((line) => line.split(' ').slice(2).join(' '))).toEqual(
      Array.from({ length: 200 }, (_, i) => `entry ${i}`),
    );
    expect(await logFiles(folder)).toEqual(['workbench.log']);
  });

  it('keeps what an earlier run wrote and appends after it', async () => {
    const folder = await tempFolder();
    await new Log(folder, { now: at }).write('info', 'first run');
    await new Log(folder, { now: at }).write('error', 'second run', new Error('boom'));
    const text = await readFile(join(folder, 'workbench.log'), 'utf8');
    expect(entries(text).map((line) => line.split(' ').slice(1).join(' '))).toEqual([
      'INFO first run',
      'ERROR second run',
    ]);
    expect(text).toContain('    Error: boom');
  });

  it('rotates by size: the current file stays under the cap, N older files are kept, the oldest dropped', async () => {
    const folder = await tempFolder();
    const log = new Log(folder, { now: at, maxBytes: 4096, keep: 3 });
    const line = 'x'.repeat(200);
    for (let i = 0; i < 200; i++) void log.write('error', `${String(i).padStart(3, '0')} ${line}`);
    await log.write('error', 'last');
    expect(await logFiles(folder)).toEqual(['workbench.1.log', 'workbench.2.log', 'workbench.3.log', 'workbench.log']);
    const files = ['workbench.3.log', 'workbench.2.log', 'workbench.1.log', 'workbench.log'];
    const texts = await Promise.all(files.map((name) => readFile(join(folder, name), 'utf8')));
    for (const text of texts) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    // Oldest to newest, the kept entries are one unbroken run ending with the last one written.
    const numbers = texts.flatMap(entries).map((l) => l.split(' ')[2]);
    expect(numbers.at(-1)).toBe('last');
    const counted = numbers.slice(0, -1).map(Number);
    expect(counted.at(-1)).toBe(199);
    expect(counted).toEqual(counted.map((_, i) => counted[0]! + i));
    expect(counted[0]).toBeGreaterThan(0); // the first entries were rotated out
  });

  it('never leaves a torn entry: every line of every file is whole', async () => {
    const folder = await tempFolder();
    const log = new Log(folder, { now: at, maxBytes: 2048, keep: 2 });
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => log.write('warn', `entry ${i}`, { detail: 'y'.repeat(i * 3) })),
    );
    for (const name of await logFiles(folder)) {
      const text = await readFile(join(folder, name), 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      for (const line of entries(text))
        expect(line).toMatch(
          /^2026-11-28T10:00:00\.000Z WARN entry \d+ \{"detail":"y*"\}$|^2026-11-28T10:00:00\.000Z WARN entry \d+$/,
        );
    }
  });

  it('never throws, even when the log folder cannot be written, and recovers when it can', async () => {
    const parent = await tempFolder();
    const folder = join(parent, 'logs');
    await writeFile(folder, 'a file where the folder should be');
    const log = new Log(folder, { now: at });
    await expect(log.write('error', 'lost', new Error('nowhere to go'))).resolves.toBeUndefined();
    // The folder comes back (the analyst freed the name): the next entries are written.
    await rm(folder);
    await mkdir(folder);
    await log.write('error', 'accepted');
    expect(entries(await readFile(join(folder, 'workbench.log'), 'utf8')).at(-1)).toContain('accepted');
  });

  it('formats entries so that one entry cannot forge another or run without bound', () => {
    const forged = formatEntry(
      at(),
      'error',
      'first\n2026-01-01T00:00:00.000Z INFO forged\u001b[31m',
      'stack line 1\nstack line 2',
    );
    expect(entries(forged)).toHaveLength(1);
    expect(forged).not.toContain('\u001b');
    expect(forged).toContain('\n    stack line 2\n');
    const huge = formatEntry(at(), 'error', 'm'.repeat(100_000));
    expect(huge.length).toBeLessThan(17_000);
    expect(huge.endsWith('…[cut]\n')).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatEntry(at(), 'warn', 'cyclic', cyclic)).toContain('[object Object]');
  });
});

describe('renderer error reports', () => {
  it('are written to the error log with their view, origin and stack', async () => {
    const root = await tempFolder();
    const table = await realHandlerTable(root);
    const result = await dispatch(table, 'reportError', [
      {
        origin: 'boundary',
        view: 'register',
        message: 'Cannot read properties of undefined',
        stack: 'TypeError: …\n    at ThreatGrid',
      },
    ]);
    expect(result).toEqual({ ok: true, value: { logged: true } });
    const text = await readFile(join(root, 'logs', 'workbench.log'), 'utf8');
    expect(text).toContain('ERROR renderer (register, boundary): Cannot read properties of undefined');
    expect(text).toContain('    at ThreatGrid');
  });

  it('are refused when they break the contract’s caps or name no view', async () => {
    const table = await realHandlerTable(await tempFolder());
    for (const report of [
      { origin: 'boundary', view: 'register', message: 'm'.repeat(2001) },
      { origin: 'boundary', view: '../../etc', message: 'm' },
      { origin: 'shell', view: 'register', message: 'm' },
      { origin: 'window', view: 'register', message: 'm', stack: 's'.repeat(16_001) },
    ]) {
      const result = await dispatch(table, 'reportError', [report]);
      expect(result.ok).toBe(false);
    }
  });

  it('are rate-limited: a flood logs the first ones and then how many were dropped', async () => {
    const folder = await tempFolder();
    const log = new Log(folder, { now: at });
    let clock = 0;
    const reports = new ErrorReports(log, { burst: 5, windowMs: 1000, now: () => clock });
    const outcomes = [];
    for (let i = 0; i < 50; i++)
      outcomes.push(await reports.report({ origin: 'window', view: 'sources', message: `loop ${i}` }));
    expect(outcomes.filter((o) => o.logged)).toHaveLength(5);
    clock = 1000;
    expect(await reports.report({ origin: 'window', view: 'sources', message: 'after the flood' })).toEqual({
      logged: true,
    });
    await log.write('info', 'flushed');
    const lines = entries(await readFile(log.file, 'utf8'));
    expect(lines.filter((l) => l.includes('loop '))).toHaveLength(5);
    expect(lines.some((l) => l.includes('45 more error reports were dropped'))).toBe(true);
    expect(lines.some((l) => l.includes('after the flood'))).toBe(true);
  });
});

describe('openLogFile', () => {
  it('says where the log is in the browser preview, creating it if nothing was logged yet', async () => {
    const root = await tempFolder();
    const table = await realHandlerTable(root);
    const result = await dispatch(table, 'openLogFile', []);
    const path = join(root, 'logs', 'workbench.log');
    expect(result).toEqual({
      ok: true,
      value: {
        done: false,
        path,
        message: `Opening files is only available in the desktop app. The error log is at ${path}.`,
      },
    });
    expect(await readFile(path, 'utf8')).toContain('no errors recorded so far');
  });
});

describe('openLogFile on the desktop', () => {
  it('opens main’s own log file with the system viewer, or says why it could not', async () => {
    const { createHandlerTable } = await import('../../main/services/handlers');
    const { ensureDataFolder } = await import('../../main/services/data-folder');
    const root = await tempFolder();
    const opened: string[] = [];
    let answer = '';
    const table = createHandlerTable({
      appName: 'Analyst Workbench',
      appVersion: '0.0.0-test',
      host: 'electron',
      dataFolder: await ensureDataFolder(root),
      bundledDataRoot: root,
      openPath: async (path) => {
        opened.push(path);
        return answer;
      },
    });
    const path = join(root, 'logs', 'workbench.log');
    expect(await dispatch(table, 'openLogFile', [])).toEqual({
      ok: true,
      value: { done: true, path, message: `Opened the error log (${path}).` },
    });
    answer = 'No application is associated with .log files';
    expect(await dispatch(table, 'openLogFile', [])).toEqual({
      ok: false,
      error: `The error log could not be opened (No application is associated with .log files). It is at ${path}; open it with any text editor.`,
    });
    expect(opened).toEqual([path, path]);
  });
});
