import type { AnchorResult } from '../../../shared/domain/anchoring';
import type { Annotation } from '../../../shared/domain/annotation';
import { isStoredSourceText, Source, type SourceText } from '../../../shared/domain/source';
import type { WorkbenchDatabase } from '../../db/database';
import { sha256OfText } from '../../db/hash';
import type { TextChangePlan } from '../../../shared/domain/text-change-plan';
import type { ImportedSource } from '../../../shared/ipc/contract';
import { UNGRADED } from '../../db/sources';
import { t as translate } from '../../i18n';
import { CommandRefusal, type ChangeSet } from '../change-set';
import { defineCommand } from '../workspace';

const gone = () => translate('refusals.gone.source');

type StoredText = { sha256: string; size: number };

/** The record for a source's text: naming it in main's store when `prepare` put it there, else holding it. */
const sourceTextRecord = (sourceId: string, text: string, stored: StoredText | undefined): SourceText =>
  stored ? { sourceId, sha256: stored.sha256, bytes: stored.size } : { sourceId, text };

/** Imports a source read by main: its record and its text, one step. */
interface ImportArgs {
  imported: ImportedSource;
  fallbackTitle: string;
  /** The text as put into main's store by `prepare`. */
  stored?: StoredText;
}

export const importSource = defineCommand({
  id: 'sources.import',
  label: (_args: ImportArgs, source: Source) => translate('labels.importSource', { title: source.title }),
  prepare: async (args: ImportArgs, db) => ({ ...args, stored: await db.textStore.put(args.imported.text) }),
  run: async (changes, { imported, fallbackTitle, stored }: ImportArgs): Promise<Source> => {
    const m = imported.metadata;
    const source = Source.parse({
      id: crypto.randomUUID(),
      title: m.title.trim() || fallbackTitle,
      author: m.author,
      publisher: m.publisher,
      url: m.url,
      publishedOn: m.publishedOn,
      language: m.language || 'und',
      ...UNGRADED,
      file: imported.file,
      textHash: imported.textHash,
      textLength: imported.text.length,
      version: 1,
      ...(imported.warnings.length > 0 ? { importWarnings: imported.warnings.slice(0, 100) } : {}),
      ...(imported.guessed?.length ? { guessed: imported.guessed } : {}),
      ...(imported.languages && imported.languages.length > 1 ? { languages: imported.languages } : {}),
      createdAt: changes.at,
      updatedAt: changes.at,
    });
    await changes.put('sourceTexts', sourceTextRecord(source.id, imported.text, stored));
    return changes.put('sources', source);
  },
});

export type SourceMetadataPatch = Partial<
  Pick<
    Source,
    'title' | 'author' | 'publisher' | 'url' | 'publishedOn' | 'language' | 'reliability' | 'credibility' | 'guessed'
  >
>;

export const updateSourceMetadata = defineCommand({
  id: 'sources.updateMetadata',
  label: (args: { id: string; patch: SourceMetadataPatch; label?: string }, source: Source) =>
    args.label ?? translate('labels.editSourceDetails', { title: source.title }),
  run: (changes, { id, patch }: { id: string; patch: SourceMetadataPatch; label?: string }) =>
    changes.update('sources', id, patch, gone()),
});

export interface TextReplacement {
  anchored: number;
  drifted: number;
  orphaned: number;
}

/** The source's text or passages changed between the preview and Apply: nothing was written. */
export class PreviewOutdated extends CommandRefusal {
  override name = 'PreviewOutdated';
  constructor() {
    super(translate('refusals.sources.previewOutdated'));
  }
}

interface TextChangeArgs {
  sourceId: string;
  plan: TextChangePlan;
  /** Set by `prepare`: the previewed text's digest (to compare with a stored text) and the new text in the store. */
  previousSha256?: string;
  stored?: StoredText;
  textHash: string;
  /** The new original file, when the text comes from one (a replacement); a correction keeps the old. */
  file?: Source['file'];
  /** With a new file: what its import warned about, which replaces what the old file's import said. */
  importWarnings?: string[];
}

const placedAs = (result: AnchorResult, passage: Annotation, at: string): Annotation =>
  result.status === 'orphaned'
    ? { ...passage, anchor: 'orphaned', updatedAt: at }
    : { ...passage, position: { start: result.start, end: result.end }, anchor: result.status, updatedAt: at };

/**
 * Writes a changed text exactly as the analyst previewed it: refused, with nothing written, when the
 * text or the passages are no longer those the plan was made from. Moved passages become `drifted`
 * (placed where they were found, to confirm under Review); lost ones `orphaned` (kept with their quote
 * and note). The text and every passage's new place are revisions, so undo puts all of it back.
 */
async function changeText(
  changes: ChangeSet,
  { sourceId, plan, textHash, file, importWarnings, previousSha256, stored }: TextChangeArgs,
): Promise<TextReplacement> {
  const source = await changes.require('sources', sourceId, gone());
  const previous = await changes.get('sourceTexts', sourceId);
  const samePrevious = !previous
    ? plan.previousText === ''
    : isStoredSourceText(previous)
      ? previous.sha256 === previousSha256
      : previous.text === plan.previousText;
  const passages = await changes.db.annotations.where('sourceId').equals(sourceId).toArray();
  const planned = new Map(plan.passages.map((p) => [p.id, p]));
  if (
    !samePrevious ||
    passages.length !== planned.size ||
    passages.some((a) => planned.get(a.id)?.quote !== a.quote.exact)
  )
    throw new PreviewOutdated();
  const counts: TextReplacement = { anchored: 0, drifted: 0, orphaned: 0 };
  const moved = passages.map((passage) => {
    const result = planned.get(passage.id)!.result;
    counts[result.status]++;
    return placedAs(result, passage, changes.at);
  });
  await changes.bulkPut('annotations', moved);
  await changes.put('sourceTexts', sourceTextRecord(sourceId, plan.nextText, stored));
  const { importWarnings: previousWarnings, ...rest } = source;
  const warnings = file === undefined ? previousWarnings : importWarnings?.slice(0, 100);
  await changes.put('sources', {
    ...rest,
    textHash,
    textLength: plan.nextText.length,
    version: source.version + 1,
    file: file === undefined ? source.file : file,
    ...(warnings && warnings.length > 0 ? { importWarnings: warnings } : {}),
  });
  return counts;
}

type TextChangeLabel = (args: TextChangeArgs & { title: string }) => string;
const replaceLabel: TextChangeLabel = ({ title }) => translate('labels.replaceText', { title });
const correctLabel: TextChangeLabel = ({ title }) => translate('labels.correctText', { title });

/** Puts the new text into main's store and notes the previewed text's digest, before the transaction. */
async function prepareTextChange<Args extends TextChangeArgs>(args: Args, db: WorkbenchDatabase): Promise<Args> {
  const [previousSha256, stored] = await Promise.all([
    sha256OfText(args.plan.previousText),
    db.textStore.put(args.plan.nextText),
  ]);
  return { ...args, previousSha256, stored };
}

/** A new version of the source's text, from a file: the file becomes the source's original. */
export const replaceSourceText = defineCommand({
  id: 'sources.replaceText',
  label: replaceLabel,
  prepare: prepareTextChange,
  run: (changes, args: TextChangeArgs & { title: string }) => changeText(changes, args),
});

/** The analyst's correction of the text in place. */
export const correctSourceText = defineCommand({
  id: 'sources.correctText',
  label: correctLabel,
  prepare: prepareTextChange,
  run: (changes, args: TextChangeArgs & { title: string }) => changeText(changes, args),
});

/** Deletes a source with its text and its passages; undo brings all of them back. */
export const deleteSource = defineCommand({
  id: 'sources.delete',
  label: (_id: string, source: Source) => translate('labels.deleteSource', { title: source.title }),
  run: async (changes, id: string): Promise<Source> => {
    const source = await changes.require('sources', id, gone());
    const passages = await changes.db.annotations.where('sourceId').equals(id).primaryKeys();
    await changes.bulkDelete('annotations', passages);
    await changes.delete('sourceTexts', id);
    await changes.delete('sources', id);
    return source;
  },
});
