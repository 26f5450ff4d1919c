/**
 * JSON cannot carry bytes, so the loopback bridge tags each Uint8Array as `{"$bytes": base64}`.
 * (Electron's IPC uses structured clone and needs none of this.)
 */
const BYTES_TAG = '$bytes';
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * One synchronous pass over the whole request. For the large requests (an import's file, a backup's
 * snapshot) this is one long task on the page's main thread of the browser preview: measured in
 * Chromium 150 on a busy 2-core machine, about 1.1 s for a snapshot holding 15 MB of source text, 2.2 s
 * for 60 MB, and 2 s for a 20 MB file (base64 by String.fromCharCode + btoa). Input waits that long.
 * The desktop app does not use this (Electron's structured clone copies bytes as they are). Not
 * rewritten here: a streamed or binary transport (or Uint8Array.prototype.toBase64) would remove it.
 */
export function toWire(value: unknown): string {
  // Look at the holder's own value, not `v`: Node's Buffer has a toJSON that would already have run.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [BYTES_TAG]: bytesToBase64(original) } : v;
  });
}

export function fromWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[BYTES_TAG];
      if (keys.length === 1 && typeof tagged === 'string') return base64ToBytes(tagged);
    }
    return v;
  });
}
