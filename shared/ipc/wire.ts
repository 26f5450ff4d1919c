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

/** Whether `value` holds a Uint8Array anywhere (a Buffer is one); walks objects and arrays, not strings. */
function holdsBytes(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null && holdsBytes(item)) return true;
    return false;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && holdsBytes(item)) return true;
  }
  return false;
}

/**
 * One synchronous pass over the whole request, on the page's thread of the browser preview (the desktop
 * app does not use this: Electron's structured clone copies bytes as they are). Backups therefore cross
 * in parts of about a megabyte (stageBackupRecords, takeBackupPart); a file's bytes cross in one request,
 * which with the platform's own base64 costs ~0.1 s for 20 MB (the String.fromCharCode loop took ~2 s).
 *
 * A value without bytes (every part of a backup) goes through JSON.stringify without a replacer: a
 * replacer takes V8 off its fast path and calls back for every key — in a profile of a 64 MB backup
 * and restore that was ~1 s of main's thread, against a walk over the objects that skips the strings.
 */
export function toWire(value: unknown): string {
  if (!holdsBytes(value)) return JSON.stringify(value);
  // Look at the holder's own value, not `v`: Node's Buffer has a toJSON that would already have run.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { [BYTES_TAG]: bytesToBase64(original) } : v;
  });
}

/** The tag as it appears in the text of a value that carries bytes (keys are never escaped by toWire). */
const TAG_IN_TEXT = `"${BYTES_TAG}"`;

export function fromWire(text: string): unknown {
  // A reviver is called for every value parsed (~1.4 s of main's thread for a 64 MB backup's parts);
  // text without the tag cannot hold bytes, so it is parsed plainly.
  if (!text.includes(TAG_IN_TEXT)) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tagged = (v as Record<string, unknown>)[BYTES_TAG];
      if (keys.length === 1 && typeof tagged === 'string') return base64ToBytes(tagged);
    }
    return v;
  });
}
