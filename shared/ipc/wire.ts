/**
 * JSON cannot carry bytes, so the loopback bridge tags each Uint8Array as `{"$bytes": base64}`.
 * (Electron's IPC uses structured clone and needs none of this.)
 */
const BYTES_TAG = '$bytes';
const CHUNK = 0x8000;

/** The platform's own base64 (Uint8Array.prototype.toBase64 / Uint8Array.fromBase64), where it has them. */
interface NativeBase64 {
  toBase64?: () => string;
}
const fromBase64Native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;

export function bytesToBase64(bytes: Uint8Array): string {
  // Native where it exists (Chromium): ~0.1 s for 20 MB, where the loop below takes ~2 s on the page's thread.
  const native = (bytes as NativeBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  if (typeof fromBase64Native === 'function') return fromBase64Native(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * One synchronous pass over the whole request, on the page's thread of the browser preview (the desktop
 * app does not use this: Electron's structured clone copies bytes as they are). Backups therefore cross
 * in parts of about a megabyte (stageBackupRecords, takeBackupPart); a file's bytes cross in one request,
 * which with the platform's own base64 costs ~0.1 s for 20 MB (the String.fromCharCode loop took ~2 s).
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
