// Deterministic hostile-input generators for the fuzz tests: a seeded PRNG, values no caller should
// send (wrong types, traversal paths, NUL bytes, prototype-pollution keys, odd numbers, huge strings
// and byte arrays), and values shaped by a zod schema with some fields replaced by hostile ones.
import type { z } from 'zod';

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

export function randomBytes(rng: Rng, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(rng() * 256);
  return bytes;
}

export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '.',
  '..',
  '../',
  '../../../../../../etc/passwd',
  '..\\..\\..\\Windows\\win.ini',
  '/etc/passwd',
  '/tmp/workbench-fuzz-escape',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  '\\\\server\\share\\briefing.docx',
  'file:///etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '....//....//etc/passwd',
  'exports/../../escape.docx',
  'a\u0000b',
  'briefing.docx\u0000.txt',
  '\u0000',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'CON',
  'nul.docx',
  'aux.txt',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Egnp.docx',
  '﻿',
  '<script>alert(1)</script>',
  "'; DROP TABLE sources; --",
  '${jndi:ldap://127.0.0.1/a}',
  '{{constructor.constructor("return process")()}}',
  'NaN',
  '-0',
  '1e309',
  'true',
  'null',
  'Ünïcödé Қазақстан افغانستان 🇦🇫',
  '0'.repeat(64),
  'g'.repeat(64),
  'A'.repeat(64),
  'a'.repeat(65),
  'x'.repeat(4097),
];

export const HOSTILE_NUMBERS: readonly number[] = [
  NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  -1,
  1,
  0.5,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  1e21,
  -1e21,
];

export const POLLUTION_JSON: readonly string[] = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"a":{"__proto__":{"isAdmin":true}},"__proto__":[]}',
  '{"__proto__":null}',
];

/** Big values, made once and shared: allocating megabytes per payload would make the run slow, not harder. */
export class BigValues {
  private strings: string[] | undefined;
  private bytes: Uint8Array[] | undefined;

  string(rng: Rng): string {
    this.strings ??= [
      'a'.repeat(1024 * 1024),
      '../'.repeat(1024 * 1024 + 7),
      'Қ'.repeat(2 * 1024 * 1024),
      'x'.repeat(10 * 1024 * 1024),
    ];
    return pick(rng, this.strings);
  }

  byteArray(rng: Rng): Uint8Array {
    this.bytes ??= [
      randomBytes(seededRng(1), 1024 * 1024),
      new Uint8Array(4 * 1024 * 1024),
      randomBytes(seededRng(2), 10 * 1024 * 1024),
    ];
    return pick(rng, this.bytes);
  }
}

/** An object that holds `key` as an own property, as JSON.parse makes it (an object literal would set the prototype). */
export function withOwnKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

export interface HostileOptions {
  big: BigValues;
  /** The chance of a 1–10 MB string or byte array where a string or bytes go. */
  bigChance: number;
}

/** A value no caller should send, of any type. */
export function hostileValue(rng: Rng, options: HostileOptions, depth = 0): unknown {
  const roll = rng();
  if (roll < 0.3) return rng() < options.bigChance * 2 ? options.big.string(rng) : pick(rng, HOSTILE_STRINGS);
  if (roll < 0.45) return pick(rng, HOSTILE_NUMBERS);
  if (roll < 0.55) return pick(rng, [undefined, null, true, false, 0n, 2n ** 70n, new Date(NaN), new Date(0)]);
  if (roll < 0.65)
    return rng() < options.bigChance * 2 ? options.big.byteArray(rng) : randomBytes(rng, int(rng, 0, 64));
  if (roll < 0.75) return JSON.parse(pick(rng, POLLUTION_JSON));
  if (depth > 3) return pick(rng, [[], {}, null]);
  if (roll < 0.85) return Array.from({ length: int(rng, 0, 4) }, () => hostileValue(rng, options, depth + 1));
  if (roll < 0.93) {
    const out: Record<string, unknown> = {};
    for (let i = int(rng, 0, 4); i > 0; i--)
      withOwnKey(out, pick(rng, HOSTILE_STRINGS), hostileValue(rng, options, depth + 1));
    return out;
  }
  // Deep nesting: a parser that recurses without a limit dies here.
  let nested: unknown = pick(rng, HOSTILE_STRINGS);
  for (let i = int(rng, 10, 2000); i > 0; i--) nested = rng() < 0.5 ? [nested] : { a: nested };
  return nested;
}

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } };
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

const internals = (schema: unknown) => schema as ZodInternals;

/** Patterns of the contract whose valid values are cheap to make: ids, dates, view names, language tags. */
function stringForPattern(rng: Rng, pattern: RegExp): string | null {
  const source = pattern.source;
  if (source === '^[0-9a-f]{64}$')
    return Array.from({ length: 64 }, () => '0123456789abcdef'[int(rng, 0, 15)]).join('');
  if (source.includes('02-29')) return `20${int(rng, 10, 39)}-0${int(rng, 1, 9)}-1${int(rng, 0, 9)}`;
  if (source.startsWith('^[a-z][a-z0-9-]')) return pick(rng, ['sources', 'register', 'countries', 'app', 'a-1']);
  if (source.startsWith('^([A-Za-z]{2,3}')) return pick(rng, ['', 'ru', 'fa', 'kk-Cyrl', 'en-GB']);
  return null;
}

function patternsOf(schema: ZodInternals): RegExp[] {
  const def = schema._zod.def;
  const found: RegExp[] = [];
  if (def.pattern instanceof RegExp) found.push(def.pattern);
  for (const check of (def.checks as { _zod: { def: { pattern?: unknown } } }[] | undefined) ?? []) {
    if (check._zod.def.pattern instanceof RegExp) found.push(check._zod.def.pattern);
  }
  return found;
}

const FILE_NAMES = [
  'article.txt',
  'notes.md',
  'page.html',
  'report.docx',
  'scan.pdf',
  'x.pdf',
  '../../escape.txt',
  '/etc/passwd',
  'C:\\evil\\..\\a.docx',
  'a\u0000.txt',
  'no-extension',
  '.hidden.md',
];

function shapedString(rng: Rng, schema: ZodInternals, options: HostileOptions): string {
  for (const pattern of patternsOf(schema)) {
    const made = stringForPattern(rng, pattern);
    if (made !== null) return made;
  }
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 200, 200);
  const roll = rng();
  if (roll < 0.25) return pick(rng, FILE_NAMES);
  if (roll < 0.5) return pick(rng, HOSTILE_STRINGS);
  if (roll < 0.5 + options.bigChance) return options.big.string(rng);
  const length = int(rng, min, Math.max(min, max));
  return Array.from({ length }, () => pick(rng, ['a', 'b', 'Қ', 'ش', ' ', '.', '/', '\n', 'é'])).join('');
}

function shapedNumber(rng: Rng, schema: ZodInternals): number {
  const min = Number.isFinite(schema.minValue ?? NaN) ? schema.minValue! : -1000;
  const max = Number.isFinite(schema.maxValue ?? NaN) ? schema.maxValue! : 1000;
  // Limits of the contract are often large (200 MB); most values stay small so that a valid call stays cheap.
  const top = rng() < 0.9 ? Math.min(max, min + 100) : max;
  const value = min + rng() * (top - min);
  return schema.isInt ? Math.round(value) : value;
}

/**
 * A value shaped like `schema` (objects with its keys, arrays of its element, strings within its
 * limits), in which each part is swapped for a hostile value with chance `mutate`.
 */
export function shapedValue(schema: z.ZodType, rng: Rng, mutate: number, options: HostileOptions, depth = 0): unknown {
  if (rng() < mutate) return hostileValue(rng, options);
  const inner = internals(schema);
  const def = inner._zod.def;
  const recurse = (child: unknown) => shapedValue(child as z.ZodType, rng, mutate, options, depth + 1);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
        if (rng() < mutate / 2) continue;
        out[key] = recurse(child);
      }
      if (rng() < mutate)
        withOwnKey(
          out,
          pick(rng, ['__proto__', 'constructor', 'prototype', 'toString']),
          JSON.parse(pick(rng, POLLUTION_JSON)),
        );
      return out;
    }
    case 'tuple':
      return (def.items as unknown[]).map(recurse);
    case 'array': {
      if (depth > 6) return [];
      const checks =
        (def.checks as { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[] | undefined) ?? [];
      const min = checks.find((c) => c._zod.def.check === 'min_length')?._zod.def.minimum ?? 0;
      return Array.from({ length: int(rng, min, min + 3) }, () => recurse(def.element));
    }
    case 'string':
      return shapedString(rng, inner, options);
    case 'number':
      return shapedNumber(rng, inner);
    case 'boolean':
      return rng() < 0.5;
    case 'enum':
      return pick(rng, Object.values(def.entries as Record<string, string>));
    case 'literal':
      return pick(rng, def.values as unknown[]);
    case 'union':
      return recurse(pick(rng, def.options as unknown[]));
    case 'optional':
      return rng() < 0.3 ? undefined : recurse(def.innerType);
    case 'nullable':
      return rng() < 0.3 ? null : recurse(def.innerType);
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return recurse(def.innerType);
    case 'pipe':
      return recurse(def.in);
    case 'lazy':
      return depth > 6 ? null : recurse((def.getter as () => unknown)());
    case 'custom':
      // The contract's only custom type is a file's bytes.
      return rng() < options.bigChance ? options.big.byteArray(rng) : randomBytes(rng, int(rng, 0, 256));
    case 'record':
      return {};
    default:
      return hostileValue(rng, options);
  }
}
