// Validates STIX 2.1 bundles against the OASIS STIX 2.1 JSON schemas vendored in tests/vendor/stix-2.1/
// (see SOURCE.md there), following the recipe that came with them:
//
// - Ajv's draft 2020-12 build, `strict: false` (the schemas trip strictTypes and strictRequired),
//   `unicodeRegExp: false` (core.json's type pattern has a `\-` escape that the `u` flag rejects),
//   ajv-formats, and ajv-formats-draft2019 for `idn-hostname` only;
// - every schema file added under its absolute `$id`, so the relative `$ref`s resolve offline;
// - NOT common/bundle.json on its own: its `objects` list does not name location, note, opinion,
//   grouping, incident or extension-definition, and any such object falls through to a custom-object
//   branch that every SDO matches twice, so a bundle with a location or a note is always rejected.
//   Instead the envelope is checked by a small local schema, and each object by the schema named after
//   its `type` (as the OASIS stix2-validator does).
//
// The schemas cannot check that `*_ref`/`*_refs` point at objects of the bundle: `refProblems` does.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const STIX_VENDOR_DIR = resolve(import.meta.dirname, '..', 'vendor', 'stix-2.1');

const SCHEMA_BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';
const ENVELOPE_ID = 'urn:x-analyst-workbench:test:stix-2.1-bundle-envelope';

/** The envelope of a bundle, as common/bundle.json has it, but leaving the objects to their own schemas. */
const ENVELOPE_SCHEMA = {
  $id: ENVELOPE_ID,
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['type', 'id', 'objects'],
  properties: {
    type: { const: 'bundle' },
    id: { allOf: [{ $ref: `${SCHEMA_BASE}common/identifier.json` }, { pattern: '^bundle--' }] },
    objects: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['type', 'id'],
        properties: { type: { type: 'string' }, id: { type: 'string' } },
      },
    },
  },
};

/** Object types whose schema lives in common/ rather than sdos/, sros/ or observables/. */
const COMMON_OBJECT_TYPES = ['marking-definition', 'language-content', 'extension-definition'];

export function readStixVendorJson(path: string): unknown {
  return JSON.parse(readFileSync(join(STIX_VENDOR_DIR, path), 'utf8'));
}

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

/** Vendored files under `dir` (relative to the vendor folder), e.g. `local-fixtures`. */
export function stixVendorFiles(dir: string): string[] {
  return schemaFiles(join(STIX_VENDOR_DIR, dir))
    .map((path) => relative(STIX_VENDOR_DIR, path).split('\\').join('/'))
    .sort();
}

export interface StixValidator {
  /** Number of schema files loaded (57 in the OASIS repository). */
  schemaCount: number;
  /** The `$id` of the schema that checks objects of `type`, or undefined when there is none. */
  schemaFor(type: string): string | undefined;
  /** Problems of one STIX object against its type's schema; empty when it is valid. */
  objectProblems(object: unknown): string[];
  /** Problems of a bundle: its envelope, then each object by its type's schema; empty when it is valid. */
  bundleProblems(bundle: unknown): string[];
  /** Problems of `document` against one vendored schema, named by its path, e.g. `common/bundle.json`. */
  check(schemaPath: string, document: unknown): string[];
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((e) => {
    const where = e.instancePath || '(root)';
    const detail =
      e.keyword === 'enum' ? ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : '';
    return `${where} ${e.message ?? e.keyword}${detail}`;
  });
  return [...new Set(lines)];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

let cached: StixValidator | undefined;

/** Loads (once) all vendored schemas and compiles the envelope and per-type validators. */
export function stixValidator(): StixValidator {
  if (cached) return cached;
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  // ajv-formats-draft2019 ships no types; it is a CommonJS function (ajv, { formats }) => ajv.
  const requireCjs = createRequire(import.meta.url);
  const addDraft2019Formats = requireCjs('ajv-formats-draft2019') as (
    ajv: Ajv2020,
    options: { formats: string[] },
  ) => Ajv2020;
  addDraft2019Formats(ajv, { formats: ['idn-hostname'] });

  const files = schemaFiles(join(STIX_VENDOR_DIR, 'schemas'));
  const byType = new Map<string, string>();
  for (const file of files) {
    const schema = JSON.parse(readFileSync(file, 'utf8')) as { $id: string };
    ajv.addSchema(schema);
    const [dir, name] = relative(join(STIX_VENDOR_DIR, 'schemas'), file).split(/[\\/]/);
    const type = name!.replace(/\.json$/, '');
    if (
      dir === 'sdos' ||
      dir === 'sros' ||
      dir === 'observables' ||
      (dir === 'common' && COMMON_OBJECT_TYPES.includes(type))
    ) {
      byType.set(type, schema.$id);
    }
  }
  ajv.addSchema(ENVELOPE_SCHEMA);
  const envelope = ajv.getSchema(ENVELOPE_ID)!;
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (type: string): ValidateFunction | undefined => {
    const id = byType.get(type);
    if (!id) return undefined;
    let validate = compiled.get(id);
    if (!validate) {
      validate = ajv.getSchema(id);
      if (!validate) throw new Error(`schema ${id} did not compile`);
      compiled.set(id, validate);
    }
    return validate;
  };

  const objectProblems = (object: unknown): string[] => {
    if (!isObject(object)) return ['not a JSON object'];
    const type = object.type;
    if (typeof type !== 'string') return ['has no type'];
    const validate = validatorFor(type);
    if (!validate) return [`no STIX 2.1 schema for type "${type}"`];
    return validate(object) ? [] : describe(validate.errors);
  };

  cached = {
    schemaCount: files.length,
    schemaFor: (type) => byType.get(type),
    objectProblems,
    check(schemaPath, document) {
      const validate = ajv.getSchema(`${SCHEMA_BASE}${schemaPath}`);
      if (!validate) throw new Error(`no vendored schema ${schemaPath}`);
      return validate(document) ? [] : describe(validate.errors);
    },
    bundleProblems(bundle) {
      if (!envelope(bundle)) return describe(envelope.errors).map((p) => `bundle: ${p}`);
      const problems: string[] = [];
      const objects = (bundle as { objects: Record<string, unknown>[] }).objects;
      const versions = new Map<string, number>();
      objects.forEach((object, index) => {
        const label = `objects[${index}] ${String(object.id)}`;
        for (const problem of objectProblems(object)) problems.push(`${label}: ${problem}`);
        // The same object may appear in several versions, but not twice in the same one.
        const version = `${String(object.id)} @ ${String(object.modified ?? object.created ?? '')}`;
        const earlier = versions.get(version);
        if (earlier !== undefined) problems.push(`${label}: same id and version as objects[${earlier}]`);
        else versions.set(version, index);
      });
      return problems;
    },
  };
  return cached;
}

/** Every `*_ref` string and `*_refs` list anywhere in `value`, with the JSON path where it was found. */
function collectRefs(value: unknown, path: string, out: { path: string; ref: unknown }[]) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectRefs(item, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (key.endsWith('_ref')) out.push({ path: at, ref: child });
    else if (key.endsWith('_refs') && Array.isArray(child))
      child.forEach((ref, i) => out.push({ path: `${at}[${i}]`, ref }));
    else collectRefs(child, at, out);
  }
}

/**
 * References that do not resolve inside the bundle: every `*_ref` and `*_refs` value (at any depth,
 * e.g. granular_markings[].marking_ref) must be the id of an object of the bundle.
 */
export function refProblems(bundle: unknown): string[] {
  if (!isObject(bundle) || !Array.isArray(bundle.objects)) return ['bundle: has no objects'];
  const objects = bundle.objects as unknown[];
  const ids = new Set(objects.flatMap((o) => (isObject(o) && typeof o.id === 'string' ? [o.id] : [])));
  const problems: string[] = [];
  objects.forEach((object, index) => {
    const found: { path: string; ref: unknown }[] = [];
    collectRefs(object, '', found);
    for (const { path, ref } of found) {
      if (typeof ref !== 'string') problems.push(`objects[${index}]${path}: not an id (${JSON.stringify(ref)})`);
      else if (!ids.has(ref)) problems.push(`objects[${index}]${path}: ${ref} is not in the bundle`);
    }
  });
  return problems;
}
