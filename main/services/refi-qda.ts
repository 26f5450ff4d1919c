import { ServiceError } from './errors';
import { readZipDirectory, readZipEntry, writeZip, ZipReadError } from './zip';

/**
 * The `.qdpx` container of a REFI-QDA project (REFI-QDA 1.5, §8): a zip holding `project.qde` and the
 * sources under `sources/`. The XML itself is written and read in shared/interop/refi-qda/; main only
 * packs and unpacks, on the zip code backups use.
 */

const NOTHING_IMPORTED = 'Nothing was imported.';
const NOT_A_PROJECT = `This file is not a REFI-QDA project (.qdpx files are zip files holding a project.qde). ${NOTHING_IMPORTED}`;
const DAMAGED = `The REFI-QDA file is damaged or incomplete — it may have been cut off while it was copied. ${NOTHING_IMPORTED} Export it again from the program that wrote it.`;

/** Most a project.qde or one source text may unpack to. */
export const MAX_QDPX_ENTRY_BYTES = 200 * 1024 * 1024;
/** Most all the texts of one project may unpack to together. */
export const MAX_QDPX_TOTAL_BYTES = 500 * 1024 * 1024;

export interface QdpxContents {
  projectXml: string;
  /** The plain texts under `sources/`, by their path in the zip ("sources/<guid>.txt"). */
  texts: { path: string; text: string }[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ServiceError(
      `${what} in the REFI-QDA file is not UTF-8 text, as the format requires. ${NOTHING_IMPORTED} Export it again from the program that wrote it.`,
    );
  }
}

/** The zip of a project: `project.qde`, then each source's text as `sources/<guid>.txt` (deflated). */
export async function packQdpx(
  projectXml: string,
  sources: readonly { guid: string; text: string }[],
): Promise<Buffer> {
  const encoder = new TextEncoder();
  return writeZip([
    { name: 'project.qde', data: encoder.encode(projectXml), deflate: true },
    ...sources.map((s) => ({ name: `sources/${s.guid}.txt`, data: encoder.encode(s.text), deflate: true })),
  ]);
}

/** The project and the plain-text sources of a `.qdpx`; other files (pictures, PDFs, audio) are not read. */
export async function unpackQdpx(bytes: Uint8Array): Promise<QdpxContents> {
  try {
    const entries = readZipDirectory(bytes);
    const project = entries.get('project.qde');
    if (!project) throw new ServiceError(NOT_A_PROJECT);
    const projectXml = decode(await readZipEntry(bytes, project, MAX_QDPX_ENTRY_BYTES), 'The project.qde');
    const texts: QdpxContents['texts'] = [];
    let total = 0;
    for (const entry of entries.values()) {
      if (!/^sources\/[^/]+\.txt$/i.test(entry.name)) continue;
      total += entry.size;
      if (total > MAX_QDPX_TOTAL_BYTES)
        throw new ServiceError(`The texts in this REFI-QDA file come to more than 500 MB. ${NOTHING_IMPORTED}`);
      const text = decode(await readZipEntry(bytes, entry, MAX_QDPX_ENTRY_BYTES), `The source ${entry.name}`);
      texts.push({ path: entry.name, text });
    }
    return { projectXml, texts };
  } catch (error) {
    if (error instanceof ZipReadError) throw new ServiceError(error.kind === 'not-a-zip' ? NOT_A_PROJECT : DAMAGED);
    throw error;
  }
}
