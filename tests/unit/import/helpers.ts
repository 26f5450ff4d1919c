import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { ServiceError } from '../../../main/services/errors';
import { extractSource, type ExtractOptions } from '../../../main/services/import';

export const MB = 1024 * 1024;
export const DEFAULTS: ExtractOptions = { keepFullText: false, maxBytes: 50 * MB };

const fixtures = resolve(import.meta.dirname, '..', '..', 'fixtures', 'import');

export async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(resolve(fixtures, name)));
}

export async function importFixture(name: string, options: Partial<ExtractOptions> = {}) {
  return extractSource(await fixture(name), name, { ...DEFAULTS, ...options });
}

/** Asserts a refusal the analyst can act on: a ServiceError naming the file, with the reason. */
export async function expectRefusal(
  attempt: Promise<unknown>,
  fileName: string,
  reason: RegExp,
): Promise<ServiceError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the import should have been refused').toBeInstanceOf(ServiceError);
  const message = (error as ServiceError).message;
  expect(message.startsWith(`"${fileName}" could not be imported: `), message).toBe(true);
  expect(message).toMatch(reason);
  // Every refusal ends with what to do, as a sentence of its own.
  expect(message).toMatch(/\. [A-Z][^]*\.$/);
  return error as ServiceError;
}

/** A deterministic stream of bytes that is no file format at all. */
export function noise(length: number, seed = 12345): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = (x >> 16) & 0xff;
  }
  return bytes;
}
