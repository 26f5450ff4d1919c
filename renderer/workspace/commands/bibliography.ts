import { Source } from '../../../shared/domain/source';
import { planBibliography, type CslInput, type ReferenceFields } from '../../../shared/interop/bibliography';
import { UNGRADED } from '../../db/sources';
import { t as translate } from '../../i18n';
import { CommandRefusal, type ChangeSet } from '../change-set';
import { defineCommand } from '../workspace';

export interface ReferencesImport {
  fileName: string;
  /** The file's references as CSL-JSON items (read by citation-js in main). */
  items: CslInput[];
  /** SHA-256 of the empty text: a source created from a reference has no text until the analyst adds it. */
  emptyTextHash: string;
}

export interface ReferencesImported {
  filled: number;
  created: number;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LENGTHS = { title: 1000, author: 500, publisher: 500, url: 2000 } as const;

/** A reference's values as a source record holds them: cut to the record's limits, an odd language or date dropped. */
function recordValues(fields: Partial<ReferenceFields>): Partial<Source> {
  const values: Partial<Source> = {};
  for (const field of ['title', 'author', 'publisher', 'url'] as const)
    if (fields[field]) values[field] = fields[field].slice(0, LENGTHS[field]);
  if (fields.publishedOn && CALENDAR_DATE.test(fields.publishedOn)) values.publishedOn = fields.publishedOn;
  if (fields.language && fields.language.length >= 2 && fields.language.length <= 35) values.language = fields.language;
  return values;
}

async function createFromReference(changes: ChangeSet, ref: ReferenceFields, emptyTextHash: string): Promise<void> {
  const source = Source.parse({
    id: crypto.randomUUID(),
    title: ref.title.slice(0, 1000),
    author: '',
    publisher: '',
    url: '',
    publishedOn: null,
    language: 'und',
    ...recordValues(ref),
    ...UNGRADED,
    file: null,
    textHash: emptyTextHash,
    textLength: 0,
    version: 1,
    createdAt: changes.at,
    updatedAt: changes.at,
  });
  await changes.put('sourceTexts', { sourceId: source.id, text: '' });
  await changes.put('sources', source);
}

/**
 * Fills and creates sources from a reference manager's export as one change (one undo step; each
 * revision says "Imported from <file>"): `planBibliography` matches each reference to a source by DOI,
 * URL or title and fills only the source's empty fields; references no source matches become sources.
 */
export const importReferences = defineCommand({
  id: 'sources.importReferences',
  label: (args: ReferencesImport) => translate('labels.importReferences', { name: args.fileName }),
  rationale: (args: ReferencesImport) => translate('changes.importedFrom', { name: args.fileName }),
  run: async (changes, { fileName, items, emptyTextHash }: ReferencesImport): Promise<ReferencesImported> => {
    const plan = planBibliography(items, await changes.db.sources.toArray());
    const filling = plan.fills.filter((f) => Object.keys(recordValues(f.fills)).length > 0);
    if (filling.length === 0 && plan.creates.length === 0)
      throw new CommandRefusal(translate('refusals.references.nothingNew', { name: fileName }));
    for (const fill of filling)
      await changes.update('sources', fill.sourceId, recordValues(fill.fills), translate('refusals.gone.sourceFilled'));
    for (const ref of plan.creates) await createFromReference(changes, ref, emptyTextHash);
    return { filled: filling.length, created: plan.creates.length };
  },
});
