import type { TeamRequest, TeamResponse } from '../../shared/ipc/contract';
import { ServiceError } from './errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A request that has had no answer by then is treated as "the server cannot be reached". */
const TIMEOUT_MS = 60_000;

/**
 * Team sync's HTTP requests to the institute's CouchDB server, made here rather than in the window so
 * the window's Content Security Policy keeps `connect-src 'self'`. Only an https:// server (or one on
 * this computer), only under the team database's path. The request carries the analyst's password:
 * nothing of it is logged, and a failure is answered as status 0 ("not reached"), never thrown with it.
 */
export async function sendTeamRequest(request: TeamRequest): Promise<TeamResponse> {
  let server: URL;
  try {
    server = new URL(request.url);
  } catch {
    throw new ServiceError({
      en: 'The team server address is not a web address. Correct it in Settings › Team.',
      ru: 'Адрес сервера команды — не веб-адрес. Исправьте его в разделе «Настройки › Команда».',
    });
  }
  if (server.protocol !== 'https:' && !(server.protocol === 'http:' && LOOPBACK.has(server.hostname))) {
    throw new ServiceError({
      en: 'The team server address must start with https:// (plain http:// only for a server on this computer). Correct it in Settings › Team.',
      ru: 'Адрес сервера команды должен начинаться с https:// (простой http:// — только для сервера на этом компьютере). Исправьте его в разделе «Настройки › Команда».',
    });
  }
  const target = `${request.url.replace(/\/+$/, '')}/${encodeURIComponent(request.database)}${request.path}`;
  const headers: Record<string, string> = { Accept: request.bytes ? '*/*' : 'application/json' };
  if (request.user) {
    headers.Authorization = `Basic ${Buffer.from(`${request.user}:${request.password}`).toString('base64')}`;
  }
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  // A connection the server closed while idle fails the first request sent on it: a read (GET, `_bulk_get`,
  // `_all_docs`) gets one more try on a new one. A write does not: the next sync finds out what the server took.
  const read = request.method === 'GET' || /^\/_(bulk_get|all_docs)/.test(request.path);
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(target, {
        method: request.method,
        headers,
        body: request.body,
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (request.bytes)
        return { status: response.status, body: '', bytes: new Uint8Array(await response.arrayBuffer()) };
      return { status: response.status, body: await response.text() };
    } catch (error) {
      // A request that timed out is not tried again: the server is not answering.
      if (!read || attempt >= 2 || (error instanceof Error && error.name === 'TimeoutError'))
        return { status: 0, body: '' };
    }
  }
}
