// Validates Web Annotation documents against the W3C Web Annotation test suite's JSON schemas, vendored
// in tests/vendor/w3c-annotation/ (see SOURCE.md there), following the recipe of the suite's harness:
// draft-04 schemas, the six annotation definition files registered under their bare ids, and the 54
// "must" assertions listed in annotations/annotationMusts.test, each compiled and expected to give the
// result named in its `expectedResult`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const W3C_VENDOR_DIR = resolve(import.meta.dirname, '..', 'vendor', 'w3c-annotation');

/** The definition files the annotation assertions refer to (collections.json is loaded for the collection checks). */
const DEFINITIONS = [
  'specificResource',
  'choiceSet',
  'bodyTarget',
  'annotations',
  'otherProperties',
  'id',
  'collections',
];

interface AssertionFile {
  id: string;
  assertionType?: string;
  expectedResult?: 'valid' | 'invalid';
  title?: string;
  errorMessage?: string;
}

export interface Assertion {
  /** Path relative to the vendor folder, e.g. `annotations/3.1-annotationIdValidated.json`. */
  path: string;
  /** The assertion's file name, e.g. `3.1-annotationIdValidated.json` (two files declare another `id` inside). */
  id: string;
  /** The `id` declared inside the file. */
  schemaId: string;
  expectedResult: 'valid' | 'invalid';
  title: string;
  errorMessage: string;
  validate: ValidateFunction;
}

export interface FailedAssertion {
  id: string;
  path: string;
  errorMessage: string;
}

export interface W3cAnnotationValidator {
  /** The 54 "must" assertions of annotationMusts.test, in its order. */
  musts: readonly Assertion[];
  /** Failed "must" assertions for one annotation; empty when the annotation conforms. */
  failedMusts(annotation: unknown): FailedAssertion[];
  /** Runs one of the vendored optional ("may") feature checks, e.g. `annotations/bodiesTargets/3.3.5-bodyPurpose.json`. */
  check(path: string, document: unknown): boolean;
  /** Validates `document` against one definition, e.g. `collections.json#/definitions/totalFound`. */
  definition(ref: string, document: unknown): boolean;
}

export function readVendorJson(path: string): unknown {
  return JSON.parse(readFileSync(join(W3C_VENDOR_DIR, path), 'utf8'));
}

function compileAssertion(ajv: Ajv, path: string): Assertion {
  const schema = readVendorJson(path) as AssertionFile;
  return {
    path,
    id: path.slice(path.lastIndexOf('/') + 1),
    schemaId: schema.id,
    expectedResult: schema.expectedResult ?? 'valid',
    title: schema.title ?? schema.id,
    errorMessage: schema.errorMessage ?? schema.title ?? schema.id,
    validate: ajv.compile(schema as object),
  };
}

let cached: W3cAnnotationValidator | undefined;

/** Loads (once) the vendored schemas and compiles the must assertions. */
export function w3cAnnotationValidator(): W3cAnnotationValidator {
  if (cached) return cached;
  // strict: false because the assertion files carry the harness's own keywords (assertionType,
  // expectedResult, onUnexpectedResult, errorMessage); allErrors as the harness had it.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const name of DEFINITIONS) ajv.addSchema(readVendorJson(`definitions/${name}.json`) as object);

  const plan = readVendorJson('annotations/annotationMusts.test') as { assertions: string[] };
  const musts = plan.assertions.map((path) => compileAssertion(ajv, path));
  for (const must of musts) {
    if (must.expectedResult !== 'valid' && must.expectedResult !== 'invalid')
      throw new Error(`${must.path}: unexpected expectedResult`);
  }
  const optional = new Map<string, Assertion>();

  cached = {
    musts,
    failedMusts(annotation) {
      const failed: FailedAssertion[] = [];
      for (const must of musts) {
        const valid = must.validate(annotation) === true;
        if (valid !== (must.expectedResult === 'valid'))
          failed.push({ id: must.id, path: must.path, errorMessage: must.errorMessage });
      }
      return failed;
    },
    check(path, document) {
      let assertion = optional.get(path);
      if (!assertion) {
        assertion = compileAssertion(ajv, path);
        optional.set(path, assertion);
      }
      return assertion.validate(document) === true;
    },
    definition(ref, document) {
      const validate = ajv.getSchema(ref);
      if (!validate) throw new Error(`no schema ${ref}`);
      return validate(document) === true;
    },
  };
  return cached;
}
