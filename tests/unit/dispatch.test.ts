import { describe, expect, it } from 'vitest';
import { dispatch } from '../../main/ipc/dispatch';
import { isTrustedSender } from '../../main/ipc/sender';
import { ServiceError } from '../../main/services/errors';
import type { HandlerTable } from '../../main/services/handlers';
import { createApiClient } from '../../shared/ipc/client';
import { CHANNELS } from '../../shared/ipc/channels';
import { WorkbenchError } from '../../shared/ipc/result';
import { realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

describe('dispatch: the one path every request takes', () => {
  it('answers a valid request with {ok:true,value}', async () => {
    const table = await realHandlerTable(await tempFolder());
    const result = await dispatch(table, 'appInfo', []);
    expect(result).toMatchObject({ ok: true, value: { name: 'Analyst Workbench', host: 'bridge' } });
  });

  it('refuses unknown channels, including prototype keys', async () => {
    const table = await realHandlerTable(await tempFolder());
    for (const key of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = await dispatch(table, key, []);
      expect(result).toEqual({ ok: false, error: expect.stringMatching(/does not know that request/) });
    }
  });

  it('parses arguments from unknown and explains what was wrong', async () => {
    const table = await realHandlerTable(await tempFolder());
    for (const args of [
      undefined,
      null,
      'x',
      {},
      [1],
      [{ bytes: 'not bytes' }],
      [{}],
      [{ bytes: new Uint8Array(1) }, 'extra'],
    ]) {
      const result = await dispatch(table, 'putSourceFile', args);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.error).toMatch(
          /^The request was refused because its data is not valid \(.+\)\. Nothing was changed\.$/,
        );
    }
    const badDigest = await dispatch(table, 'readSourceFile', ['../../etc/passwd']);
    expect(badDigest).toMatchObject({ ok: false, error: expect.stringMatching(/SHA-256/) });
  });

  it('passes a service’s own sentence through, and hides a bug behind a readable one', async () => {
    const base = await realHandlerTable(await tempFolder());
    const errors: string[] = [];
    const table: HandlerTable = {
      ...base,
      listSourceFiles: () => {
        throw new ServiceError('The sources folder cannot be read. Check its permissions.');
      },
      appInfo: () => {
        throw new TypeError('x is undefined');
      },
    };
    expect(await dispatch(table, 'listSourceFiles', [])).toEqual({
      ok: false,
      error: 'The sources folder cannot be read. Check its permissions.',
    });
    const bug = await dispatch(table, 'appInfo', [], { onUnexpectedError: (key) => errors.push(key) });
    expect(bug).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Something went wrong \(x is undefined\)\. Nothing was changed/),
    });
    expect(errors).toEqual(['appInfo']);
  });

  it('checks answers against the contract before they leave main', async () => {
    const base = await realHandlerTable(await tempFolder());
    const table = { ...base, appInfo: () => ({ name: 'x' }) } as unknown as HandlerTable;
    const logged: unknown[] = [];
    const result = await dispatch(table, 'appInfo', [], { onUnexpectedError: (_k, e) => logged.push(e) });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/could not vouch for/) });
    expect(logged).toHaveLength(1);
  });
});

describe('createApiClient: window.workbench as named functions', () => {
  it('unwraps values and turns refusals into WorkbenchError with the same sentence', async () => {
    const table = await realHandlerTable(await tempFolder());
    const seen: string[] = [];
    const api = createApiClient(
      async (channel, key, args) => {
        seen.push(channel);
        return dispatch(table, key, args);
      },
      () => () => undefined,
    );
    const info = await api.appInfo();
    expect(info.version).toBe('0.0.0-test');
    expect(seen).toEqual([CHANNELS.appInfo]);
    const failure = api.readSourceFile('0'.repeat(64));
    await expect(failure).rejects.toBeInstanceOf(WorkbenchError);
    await expect(failure).rejects.toThrow(/Re-import the file/);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(CHANNELS), 'onMenuCommand', 'sourceTextRequest'].sort());
    // An in-process client serves no text address: texts are read through readSourceText.
    expect(api.sourceTextRequest('ab'.repeat(32))).toBeNull();
  });

  it('rejects an answer that is not an envelope', async () => {
    const api = createApiClient(
      async () => 'garbage',
      () => () => undefined,
    );
    await expect(api.appInfo()).rejects.toThrow(/does not understand/);
  });
});

describe('sender check', () => {
  it('trusts only the app origin in the top frame', () => {
    expect(isTrustedSender({ url: 'app://workbench/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://workbench/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
