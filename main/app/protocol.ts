import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol } from 'electron';
import { SECURITY_HEADERS } from '../services/security';
import type { SourceStore } from '../services/source-store';
import { answerSourceText, isSourceTextPath } from '../services/source-text-route';
import { contentTypeOf, resolveStaticPath } from '../services/static-files';

import { APP_ORIGIN } from '../ipc/sender';

export const APP_SCHEME = APP_ORIGIN.protocol.replace(/:$/, '');
export const APP_HOST = APP_ORIGIN.host;

/** Must run before `app.ready`: app:// is a standard, secure origin, so IndexedDB and fetch work there. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Serves the built renderer at app://workbench/ with the CSP — nothing outside the renderer folder — and
 * the store's texts at their address (SOURCE_TEXT_PATH), which only the app's own pages can reach.
 */
export function serveRenderer(rendererDir: string, sourceStore: SourceStore): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (isSourceTextPath(url.pathname)) {
      const answer = await answerSourceText(sourceStore, url.pathname);
      return new Response(answer.body, {
        status: answer.status,
        headers: { ...SECURITY_HEADERS, 'Content-Type': answer.contentType, 'Cache-Control': 'no-store' },
      });
    }
    const path = resolveStaticPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    const body = path ? await readFile(path).catch(() => null) : null;
    if (!path || !body) return new Response('Not found', { status: 404 });
    return new Response(body, {
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(extname(path)) },
    });
  });
}
