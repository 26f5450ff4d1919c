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

export type ReferenceFormat = 'csl-json' | 'bibtex' | 'ris';

export const REFERENCE_FORMATS: readonly { format: ReferenceFormat; label: string; extension: string }[] = [
  { format: 'csl-json', label: 'CSL-JSON (Zotero, Mendeley, citation tools)', extension: '.json' },
  { format: 'bibtex', label: 'BibTeX (.bib)', extension: '.bib' },
  { format: 'ris', label: 'RIS (.ris)', extension: '.ris' },
];

/** Writes every source of the workspace as references in `format` through main. */
export async function exportReferences(format: ReferenceFormat): Promise<{ path: string | null; count: number }> {
  const sources = (await db.sources.toArray()).sort((a, b) => a.title.localeCompare(b.title));
  if (sources.length === 0) throw new Error('The workspace has no sources yet, so there is nothing to export.');
  const keys = citationKeys(sources);
  const { extension } = REFERENCE_FORMATS.find((f) => f.format === format)!;
  const { path } = await workbench().exportReferences({
    fileName: exportFileName(`Sources ${new Date().toISOString().slice(0, 10)}`, extension, 'sources'),
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
