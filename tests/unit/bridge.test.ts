import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIDGE_SCRIPT_PATH, startBridge, TOKEN_HEADER, type RunningBridge } from '../../main/bridge/server';
import { ensureDataFolder } from '../../main/services/data-folder';
import { SourceStore } from '../../main/services/source-store';
import { SOURCE_TEXT_PATH } from '../../shared/ipc/channels';
import { fromWire, toWire } from '../../shared/ipc/wire';
import { realHandlerTable } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const running: RunningBridge[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((b) => b.close()));
});

async function bridge(): Promise<RunningBridge & { dataRoot: string }> {
  const rendererDir = await tempFolder();
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><title>t</title></head><body></body></html>',
  );
  await mkdir(join(rendererDir, 'assets'));
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const dataRoot = await tempFolder();
  const b = await startBridge({
    table: await realHandlerTable(dataRoot),
    sourceStore: new SourceStore((await ensureDataFolder(dataRoot)).sources),
    rendererDir,
    clientScript: '/* client */',
    port: 0,
  });
  running.push(b);
  return { ...b, dataRoot };
}

function call(b: RunningBridge, key: string, args: unknown[], headers: Record<string, string> = {}) {
  return fetch(`${b.url}api/${key}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: b.token, ...headers },
    body: toWire(args),
  });
}

/** fetch cannot set Host, so a DNS-rebinding request is made with node:http. */
function statusWithHost(b: RunningBridge, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: b.port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 only and serves the renderer with the token and CSP', async () => {
    const b = await bridge();
    expect(b.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(b.url);
    const html = await page.text();
    expect(html).toContain(`<meta name="workbench-bridge-token" content="${b.token}">`);
    expect(html).toContain(`<script src="${BRIDGE_SCRIPT_PATH}"></script>`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(await (await fetch(`${b.url}${BRIDGE_SCRIPT_PATH.slice(1)}`)).text()).toBe('/* client */');
    expect(await (await fetch(`${b.url}assets/app.js`)).text()).toBe('console.log(1)');
  });

  it('uses a different random token on every run', async () => {
    const [a, b] = [await bridge(), await bridge()];
    expect(a.token).toMatch(/^[0-9a-f]{64}$/);
    expect(a.token).not.toBe(b.token);
  });

  it('answers the handler table for callers with the token', async () => {
    const b = await bridge();
    const info = fromWire(await (await call(b, 'appInfo', [])).text());
    expect(info).toMatchObject({ ok: true, value: { dataFolder: b.dataRoot, host: 'bridge' } });
    const bytes = new TextEncoder().encode('Ташкент, Kosh-Tepa');
    const put = fromWire(await (await call(b, 'putSourceFile', [{ bytes }])).text()) as {
      ok: true;
      value: { sha256: string };
    };
    expect(put.ok).toBe(true);
    const read = fromWire(await (await call(b, 'readSourceFile', [put.value.sha256])).text());
    expect(read).toEqual({ ok: true, value: bytes });
  });

  it('refuses callers without the token, from other origins, or with a foreign Host', async () => {
    const b = await bridge();
    expect((await call(b, 'appInfo', [], { [TOKEN_HEADER]: 'wrong' })).status).toBe(401);
    expect((await call(b, 'appInfo', [], { Origin: 'https://evil.example' })).status).toBe(403);
    expect(await statusWithHost(b, `evil.example:${b.port}`)).toBe(403);
    expect(await statusWithHost(b, `127.0.0.1:${b.port}`)).toBe(200);
    expect((await fetch(`${b.url}api/appInfo`)).status).toBe(405);
  });

  it('answers bad requests with envelopes, not crashes', async () => {
    const b = await bridge();
    const broken = await fetch(`${b.url}api/appInfo`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: b.token },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect(fromWire(await broken.text())).toMatchObject({ ok: false });
    expect(fromWire(await (await call(b, '__proto__', [])).text())).toMatchObject({ ok: false });
    expect(fromWire(await (await call(b, 'readSourceFile', ['../../../etc/passwd'])).text())).toMatchObject({
      ok: false,
    });
  });

  it('serves a stored text at its address, byte for byte, to the page with the token', async () => {
    const b = await bridge();
    // Several scripts, a right-to-left line and a character outside the BMP: the bytes are sent as stored.
    const text = 'Амударья — Kosh-Tepa\nکانال قوش تپه\n𝔸 end';
    const put = fromWire(await (await call(b, 'putSourceText', [{ text }])).text()) as {
      ok: true;
      value: { sha256: string };
    };
    const address = `${b.url}${SOURCE_TEXT_PATH.slice(1)}${put.value.sha256}`;
    const answer = await fetch(address, { headers: { [TOKEN_HEADER]: b.token } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.text()).toBe(text);

    expect((await fetch(address)).status).toBe(401);
    expect(
      (await fetch(address, { headers: { [TOKEN_HEADER]: b.token, Origin: 'https://evil.example' } })).status,
    ).toBe(403);
  });

  it('answers a missing, damaged or malformed text reference with a sentence, not a file', async () => {
    const b = await bridge();
    const fetchText = (name: string) =>
      fetch(`${b.url}${SOURCE_TEXT_PATH.slice(1)}${name}`, { headers: { [TOKEN_HEADER]: b.token } });

    const missing = await fetchText('a'.repeat(64));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/^The text of this source is no longer in the data folder\. Restore a backup/);

    const store = new SourceStore((await ensureDataFolder(b.dataRoot)).sources);
    const { sha256 } = await store.putText('the stored text');
    await writeFile(join(b.dataRoot, 'sources', sha256.slice(0, 2), sha256), 'changed on disk');
    const damaged = await fetchText(sha256);
    expect(damaged.status).toBe(404);
    expect(await damaged.text()).toMatch(/has been changed or damaged since it was stored/);

    for (const name of ['../../package.json', 'A'.repeat(64), `${'a'.repeat(64)}/x`, '%2e%2e%2fpackage.json']) {
      const bad = await fetchText(name);
      expect(bad.status, name).not.toBe(200);
      expect(await bad.text(), name).not.toContain('"name"');
    }
  });

  it('never serves files outside the renderer folder', async () => {
    const b = await bridge();
    for (const path of [
      '../package.json',
      '..%2f..%2fetc%2fpasswd',
      '%2e%2e/%2e%2e/etc/passwd',
      'assets/%00.js',
      '..\\..\\etc\\passwd',
    ]) {
      const response = await fetch(`${b.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });
});
