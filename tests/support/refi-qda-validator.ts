import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { unpackQdpx, type QdpxContents } from '../../main/services/refi-qda';
import { PROJECT_ROOT } from './handler-table';

export const REFI_QDA_VENDOR = resolve(PROJECT_ROOT, 'tests/vendor/refi-qda');

let schema: Promise<string> | null = null;

/**
 * libxml2's schema validation (xmllint, in WebAssembly) of a `project.qde` against the official QDA-XML
 * schema: the messages of every error, empty when the file is valid.
 */
export async function refiQdaSchemaErrors(projectXml: string): Promise<string[]> {
  schema ??= readFile(resolve(REFI_QDA_VENDOR, 'Project-mrt2019.xsd'), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: projectXml }],
    schema: [{ fileName: 'Project-mrt2019.xsd', contents: await schema }],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

/** The bytes of a file: a vendored sample (by its name under samples/) or an export main wrote (by its path). */
export function readQdpx(sampleOrPath: string): Promise<Uint8Array> {
  return readFile(sampleOrPath.includes('/') ? sampleOrPath : resolve(REFI_QDA_VENDOR, 'samples', sampleOrPath));
}

/** What main's own reader finds in a `.qdpx` on disk (the e2e tests check the file the app wrote). */
export async function qdpxContents(path: string): Promise<QdpxContents> {
  return unpackQdpx(await readQdpx(path));
}
