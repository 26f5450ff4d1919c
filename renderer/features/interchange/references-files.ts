import {
  citationKeys,
  CslInput,
  planBibliography,
  referenceOf,
  type BibliographyPlan,
} from '../../../shared/interop/bibliography';
import { exportFileName } from '../../../shared/interop/file-name';
import { db } from '../../db';
import { sha256OfText } from '../../db/hash';
import { workbench } from '../../platform/workbench';
import { t as translate } from '../../i18n';

export type ReferenceFormat = 'csl-json' | 'bibtex' | 'ris';

/** The formats, in the order the export dialog offers them (named there by `interchange.formats.<format>`). */
export const REFERENCE_FORMATS: readonly { format: ReferenceFormat; extension: string }[] = [
  { format: 'csl-json', extension: '.json' },
  { format: 'bibtex', extension: '.bib' },
  { format: 'ris', extension: '.ris' },
];

/** Writes every source of the workspace as references in `format` through main. */
export async function exportReferences(format: ReferenceFormat): Promise<{ path: string | null; count: number }> {
  const sources = (await db.sources.toArray()).sort((a, b) => a.title.localeCompare(b.title));
  if (sources.length === 0) throw new Error(translate('interchange.noSources'));
  const keys = citationKeys(sources);
  const { extension } = REFERENCE_FORMATS.find((f) => f.format === format)!;
  const { path } = await workbench().exportReferences({
    fileName: exportFileName(
      translate('interchange.referencesFileName', { date: new Date().toISOString().slice(0, 10) }),
      extension,
      'sources',
    ),
    format,
    items: sources.map((source, i) => referenceOf(source, keys[i]!)),
  });
  return { path, count: sources.length };
}

export interface ReferencesReading {
  items: CslInput[];
  plan: BibliographyPlan;
  emptyTextHash: string;
}

/** Reads a CSL-JSON, BibTeX or RIS file (parsed by citation-js in main) and plans it against the sources as they are. */
export async function readReferencesFile(file: File): Promise<ReferencesReading> {
  const { items: raw } = await workbench().readReferences({ text: await file.text() });
  const items = raw.flatMap((item) => {
    const parsed = CslInput.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    items,
    plan: planBibliography(items, await db.sources.toArray()),
    emptyTextHash: await sha256OfText(''),
  };
}
