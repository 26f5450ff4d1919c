import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { fail } from '../../shared/ipc/result';
import { fromWire, toWire } from '../../shared/ipc/wire';
import { dispatch, type DispatchOptions } from '../ipc/dispatch';
import type { HandlerTable } from '../services/handlers';
import { SECURITY_HEADERS } from '../services/security';
import type { SourceStore } from '../services/source-store';
import { answerSourceText, isSourceTextPath } from '../services/source-text-route';
import { contentTypeOf, resolveStaticPath } from '../services/static-files';

/** The largest request body the bridge reads: a 200 MB file, base64-encoded, with room to spare. */
const MAX_BODY_BYTES = 280 * 1024 * 1024;
export const BRIDGE_SCRIPT_PATH = '/__workbench/bridge.js';
export const TOKEN_META_NAME = 'workbench-bridge-token';
export const TOKEN_HEADER = 'x-workbench-token';

export interface BridgeOptions {
  table: HandlerTable;
  /** The data folder's store, whose texts are served at SOURCE_TEXT_PATH to callers with the token. */
  sourceStore: SourceStore;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The browser client that installs `window.workbench` (dist/bridge/client.js). */
  clientScript: string;
  /** 0 picks a free port. */
  port: number;
  token?: string;
  dispatchOptions?: DispatchOptions;
}

export interface RunningBridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Uint8Array,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sameToken(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The loopback host of the very handler table Electron registers: it serves the built renderer and
 * answers `POST /api/<channel>` for callers that present this run's token, on 127.0.0.1 only.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(32).toString('hex');
  let port = options.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const indexHtml = async (): Promise<string> => {
    const html = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
    const injection = `<meta name="${TOKEN_META_NAME}" content="${token}"><script src="${BRIDGE_SCRIPT_PATH}"></script>`;
    return html.replace(/<head>/i, `<head>${injection}`);
  };

  /** Requests for the workspace's data (the API, stored texts) come from this page with this run's token. */
  const refusal = (req: IncomingMessage): { status: number; message: string } | null => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return { status: 403, message: 'Requests from other web pages are refused.' };
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token))
      return {
        status: 401,
        message: 'This request did not carry the workbench token and was refused. Reload the page.',
      };
    return null;
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, key: string): Promise<void> => {
    const refused = refusal(req);
    if (refused) {
      send(res, refused.status, toWire(fail(refused.message)), 'application/json');
      return;
    }
    let args: unknown;
    try {
      args = fromWire(await readBody(req));
    } catch {
      send(
        res,
        400,
        toWire(fail('The request could not be read (too large or not valid JSON). Nothing was changed.')),
        'application/json',
      );
      return;
    }
    const result = await dispatch(options.table, key, args, options.dispatchOptions);
    send(res, 200, toWire(result), 'application/json');
  };

  const server = createServer((req, res) => {
    void (async () => {
      // A page on another site that re-points its own name at 127.0.0.1 (DNS rebinding) sends its own Host.
      if (!allowedHosts().has(req.headers.host ?? '')) {
        send(res, 403, 'Forbidden host.', 'text/plain; charset=utf-8');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') {
          send(res, 405, toWire(fail('Use POST.')), 'application/json', { Allow: 'POST' });
          return;
        }
        await handleApi(req, res, url.pathname.slice('/api/'.length));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        send(res, 405, 'Method not allowed.', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
        return;
      }
      if (isSourceTextPath(url.pathname)) {
        const refused = refusal(req);
        if (refused) {
          send(res, refused.status, refused.message, 'text/plain; charset=utf-8');
          return;
        }
        const answer = await answerSourceText(options.sourceStore, url.pathname);
        send(res, answer.status, answer.body, answer.contentType);
        return;
      }
      if (url.pathname === BRIDGE_SCRIPT_PATH) {
        send(res, 200, options.clientScript, contentTypeOf('.js'));
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        send(res, 200, await indexHtml(), contentTypeOf('.html'));
        return;
      }
      const file = resolveStaticPath(options.rendererDir, url.pathname);
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!file || !body) {
        send(res, 404, 'Not found.', 'text/plain; charset=utf-8');
        return;
      }
      send(res, 200, body, contentTypeOf(extname(file)));
    })().catch((error: unknown) => {
      options.dispatchOptions?.onUnexpectedError?.('bridge', error);
      if (!res.headersSent) send(res, 500, 'Internal error.', 'text/plain; charset=utf-8');
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
