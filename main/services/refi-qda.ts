import { ServiceError, type Sentences } from './errors';
import { readZipDirectory, readZipEntry, writeZip, ZipReadError } from './zip';

/**
 * The `.qdpx` container of a REFI-QDA project (REFI-QDA 1.5, §8): a zip holding `project.qde` and the
 * sources under `sources/`. The XML itself is written and read in shared/interop/refi-qda/; main only
 * packs and unpacks, on the zip code backups use.
 */

const NOTHING_IMPORTED = 'Nothing was imported.';
const NOT_A_PROJECT: Sentences = {
  en: `This file is not a REFI-QDA project (.qdpx files are zip files holding a project.qde). ${NOTHING_IMPORTED}`,
  ru: 'Этот файл не является проектом REFI-QDA (файлы .qdpx — это zip-архивы с project.qde внутри). Ничего не импортировано.',
};
const DAMAGED: Sentences = {
  en: `The REFI-QDA file is damaged or incomplete — it may have been cut off while it was copied. ${NOTHING_IMPORTED} Export it again from the program that wrote it.`,
  ru: 'Файл REFI-QDA повреждён или неполон — возможно, он был обрезан при копировании. Ничего не импортировано. Экспортируйте его снова из программы, которая его создала.',
};

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

function decode(bytes: Uint8Array, what: { en: string; ru: string }): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ServiceError({
      en: `${what.en} in the REFI-QDA file is not UTF-8 text, as the format requires. ${NOTHING_IMPORTED} Export it again from the program that wrote it.`,
      ru: `${what.ru} в файле REFI-QDA — не текст в UTF-8, как того требует формат. Ничего не импортировано. Экспортируйте его снова из программы, которая его создала.`,
    });
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
    const projectXml = decode(await readZipEntry(bytes, project, MAX_QDPX_ENTRY_BYTES), {
      en: 'The project.qde',
      ru: 'Файл project.qde',
    });
    const texts: QdpxContents['texts'] = [];
    let total = 0;
    for (const entry of entries.values()) {
      if (!/^sources\/[^/]+\.txt$/i.test(entry.name)) continue;
      total += entry.size;
      if (total > MAX_QDPX_TOTAL_BYTES)
        throw new ServiceError({
          en: `The texts in this REFI-QDA file come to more than 500 MB. ${NOTHING_IMPORTED}`,
          ru: 'Тексты в этом файле REFI-QDA занимают больше 500 МБ. Ничего не импортировано.',
        });
      const text = decode(await readZipEntry(bytes, entry, MAX_QDPX_ENTRY_BYTES), {
        en: `The source ${entry.name}`,
        ru: `Источник ${entry.name}`,
      });
      texts.push({ path: entry.name, text });
    }
    return { projectXml, texts };
  } catch (error) {
    if (error instanceof ZipReadError) throw new ServiceError(error.kind === 'not-a-zip' ? NOT_A_PROJECT : DAMAGED);
    throw error;
  }
}
