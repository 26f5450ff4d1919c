/**
 * Runs in the browser page the bridge (main/bridge) serves, before the renderer: installs
 * `window.workbench` as the same typed API the desktop preload exposes, carried over fetch to the
 * loopback bridge. Browser code, so it lives with the platform facade (the only other file that touches
 * window.workbench); bundled on its own by scripts/build.mjs to dist/bridge/client.js, which the bridge
 * serves in the page before the renderer's bundle. Like the preload, it takes the contract's client
 * from shared/ipc and nothing of the renderer.
 */
import { sourceTextPathOf } from '../../shared/ipc/channels';
import { createApiClient } from '../../shared/ipc/client';
import { fail } from '../../shared/ipc/result';
import { fromWire, toWire } from '../../shared/ipc/wire';

const TOKEN_META_NAME = 'workbench-bridge-token';
const TOKEN_HEADER = 'x-workbench-token';

const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META_NAME}"]`)?.content ?? '';

/**
 * Above this size a request body goes as a Blob: Chromium uploads a string body through its network pipe a
 * piece at a time, which made a 1 MB request (a part of a backup) take ~100 ms; the same bytes as a Blob take
 * ~20 ms. Small requests stay strings, which DevTools and Playwright can read back (a Blob body is opaque).
 */
const BLOB_BODY_FROM = 64 * 1024;

const workbench = createApiClient(
  async (_channel, key, args) => {
    try {
      const wire = toWire(args);
      const response = await fetch(`/api/${key}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        // For a large import or backup the serialisation is one long task on the page's thread (see toWire).
        body: wire.length >= BLOB_BODY_FROM ? new Blob([wire], { type: 'application/json' }) : wire,
      });
      return fromWire(await response.text());
    } catch {
      return fail(
        'The workbench service is not answering. Check that "npm run preview" is still running, then reload the page.',
      );
    }
  },
  // A browser tab has no application menu; its commands are reached through the app's own keys.
  () => () => undefined,
  // The bridge serves texts to callers with this run's token, like its API.
  (sha256) => {
    const path = sourceTextPathOf(sha256);
    return path ? { url: new URL(path, location.origin).href, headers: { [TOKEN_HEADER]: token } } : null;
  },
);

Object.defineProperty(window, 'workbench', { value: Object.freeze(workbench), enumerable: true });
