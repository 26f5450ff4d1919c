import { anchor, describeRange, type Selectors } from '../../../shared/domain/anchoring';
import type { Annotation, Tag } from '../../../shared/domain/annotation';
import { fromAnnotationCollection } from '../../../shared/interop/web-annotation';
import { t as translate } from '../../i18n';
import { CommandRefusal, type ChangeSet } from '../change-set';
import { defineCommand } from '../workspace';
import { ensureTag } from './codebook';

/** What the analyst chooses for a passage in the annotation popover. */
export interface AnnotationCoding {
  tagIds: string[];
  note: string;
  threatIds: string[];
  countryCodes: string[];
  actorIds: string[];
}

const gone = () => translate('refusals.gone.passage');

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function tidy(coding: AnnotationCoding): AnnotationCoding {
  return {
    tagIds: unique(coding.tagIds),
    note: coding.note.trim(),
    threatIds: unique(coding.threatIds),
    countryCodes: unique(coding.countryCodes),
    actorIds: unique(coding.actorIds),
  };
}

/** A passage as a label reads it: its first words, quoted. */
export function passageLabel(annotation: Pick<Annotation, 'quote'>): string {
  const words = annotation.quote.exact.replace(/\s+/g, ' ').trim();
  return translate('labels.quote', { words: words.length > 40 ? `${words.slice(0, 40).trimEnd()}…` : words });
}

/** The selectors of text.slice(start, end), or a refusal saying the selection is no longer there. */
function selectors(text: string, start: number, end: number): Selectors {
  try {
    return describeRange(text, start, end);
  } catch (error) {
    throw new CommandRefusal(
      translate('refusals.passages.notSaved', { reason: error instanceof Error ? error.message : String(error) }),
    );
  }
}

export interface NewPassage {
  /** The new passage's id, when the view has already painted it under that id (optimistic create). */
  id?: string;
  sourceId: string;
  /** The source's text as the reader shows it; the selectors are taken from it. */
  text: string;
  start: number;
  end: number;
  coding: AnnotationCoding;
}

/**
 * Codes text.slice(start, end) of a source. One record is written (with one revision per field), so
 * creating a passage among thousands stays one small transaction.
 */
export const createPassage = defineCommand({
  id: 'passages.create',
  label: (_args: NewPassage, created: Annotation) => translate('labels.annotate', { quote: passageLabel(created) }),
  run: async (changes, { id, sourceId, text, start, end, coding }: NewPassage) => {
    const { quote, position } = selectors(text, start, end);
    return changes.put('annotations', {
      id: id ?? crypto.randomUUID(),
      sourceId,
      quote,
      position,
      anchor: 'anchored',
      ...tidy(coding),
      createdAt: changes.at,
      updatedAt: changes.at,
    });
  },
});

export interface PassageCodingChange {
  id: string;
  coding: AnnotationCoding;
}

/** Changes a passage's coding: tags, note, threats, countries and actors. */
export const updatePassage = defineCommand({
  id: 'passages.update',
  label: (_args: PassageCodingChange, after: Annotation) =>
    translate('labels.editPassage', { quote: passageLabel(after) }),
  run: (changes, { id, coding }: PassageCodingChange) => changes.update('annotations', id, tidy(coding), gone()),
});

/** Deletes a passage; answers it as it was, or `undefined` when it was already gone (nothing to undo then). */
export const deletePassage = defineCommand({
  id: 'passages.delete',
  label: (_id: string, removed: Annotation | undefined) =>
    removed
      ? translate('labels.deletePassage', { quote: passageLabel(removed) })
      : translate('labels.deleteSomePassage'),
  run: (changes, id: string) => changes.delete('annotations', id),
});

export interface PassageMove {
  id: string;
  text: string;
  /** The new place; absent to confirm the passage where the workbench found it. */
  range?: { start: number; end: number };
}

async function place(changes: ChangeSet, { id, text, range }: PassageMove): Promise<Annotation> {
  const before = await changes.require('annotations', id, gone());
  const { start, end } = range ?? before.position;
  return changes.put('annotations', { ...before, ...selectors(text, start, end), anchor: 'anchored' });
}

/** Places a passage on a new range (re-selection in the review queue); its quote is taken afresh. */
export const movePassage = defineCommand({
  id: 'passages.move',
  label: (_args: PassageMove, after: Annotation) => translate('labels.reselectPassage', { quote: passageLabel(after) }),
  run: place,
});

/** The analyst confirms a drifted passage where the workbench found it: its quote is taken afresh. */
export const acceptDrift = defineCommand({
  id: 'passages.acceptDrift',
  label: (_args: Omit<PassageMove, 'range'>, after: Annotation) =>
    translate('labels.acceptMovedPassage', { quote: passageLabel(after) }),
  run: (changes, args: Omit<PassageMove, 'range'>) => place(changes, args),
});

export interface W3cImport {
  /** The file's name, for the rationale ("Imported from <file>") and the sentences. */
  fileName: string;
  /** The file's content, parsed from JSON before the command runs. */
  json: unknown;
  sourceId: string;
  /** The source's text hash: positions measured on another text are dropped (the quote still anchors). */
  textHash: string;
  /** The source's text as it is now: every passage is anchored against it. */
  text: string;
}

export interface W3cImportResult {
  added: number;
  /** Passages of the file the workspace already has (by id): left as they are. */
  present: number;
  placed: { anchored: number; drifted: number; orphaned: number };
  problems: string[];
}

/**
 * Reads a W3C Web Annotation collection into a source as one change (one undo step, each revision
 * saying "Imported from <file>"): each passage is anchored against the source's text as it is now
 * (moved ones wait in Review); tags are matched by id, then by name, else created; links to threats,
 * actors and countries the workspace does not have are dropped.
 */
export const importW3cPassages = defineCommand({
  id: 'passages.importW3c',
  label: (args: W3cImport, result: W3cImportResult) =>
    translate('changes.importPassages', { count: result.added, name: args.fileName }),
  rationale: (args: W3cImport) => translate('changes.importedFrom', { name: args.fileName }),
  run: async (changes, { fileName, json, sourceId, textHash, text }: W3cImport): Promise<W3cImportResult> => {
    const codebook: Tag[] = await changes.db.tags.toArray();
    // Links are resolved below, by key: every linked id comes back in `linkIds` (none is taken for a threat unseen).
    const { annotations: incoming, problems } = fromAnnotationCollection(json, {
      sourceId,
      textHash,
      codebook,
      threats: [],
      actors: [],
    });
    if (incoming.length === 0) {
      throw new CommandRefusal(
        problems.length
          ? translate('refusals.passages.nothingReadBecause', { name: fileName, problem: problems[0] })
          : translate('refusals.passages.nothingRead', { name: fileName }),
      );
    }
    // Only the records the file names are looked up, by key: an import does not read whole tables.
    const existing = await changes.db.annotations.bulkGet(incoming.map((item) => item.id));
    const known = async (table: 'threats' | 'actors' | 'countries', keys: string[]) => {
      const wanted = unique(keys);
      const found = await changes.db.table(table).bulkGet(wanted);
      return new Set(wanted.filter((_, i) => found[i] !== undefined));
    };
    const threats = await known(
      'threats',
      incoming.flatMap((item) => [...item.threatIds, ...item.linkIds]),
    );
    const actors = await known(
      'actors',
      incoming.flatMap((item) => [...item.actorIds, ...item.linkIds]),
    );
    const countries = await known(
      'countries',
      incoming.flatMap((item) => item.countryCodes),
    );

    const placed = { anchored: 0, drifted: 0, orphaned: 0 };
    let present = 0;
    const records: Annotation[] = [];
    for (const [i, item] of incoming.entries()) {
      if (existing[i]) {
        present++;
        continue;
      }
      const tagIds = item.tagIds.filter((id) => codebook.some((t) => t.id === id));
      for (const name of item.tagNames) tagIds.push((await ensureTag(changes, codebook, { name })).id);
      const found = anchor(text, { quote: item.quote, position: item.position ?? { start: 0, end: 0 } });
      placed[found.status]++;
      const now = changes.at;
      records.push({
        id: item.id,
        sourceId,
        quote: item.quote,
        position:
          found.status === 'orphaned'
            ? (item.position ?? { start: 0, end: Math.max(1, item.quote.exact.length) })
            : { start: found.start, end: found.end },
        anchor: found.status,
        tagIds: unique(tagIds),
        note: item.note,
        threatIds: unique([...item.threatIds, ...item.linkIds]).filter((id) => threats.has(id)),
        countryCodes: item.countryCodes.filter((code) => countries.has(code)),
        actorIds: unique([...item.actorIds, ...item.linkIds]).filter((id) => actors.has(id)),
        createdAt: item.createdAt ?? now,
        updatedAt: item.updatedAt ?? now,
      });
    }
    // The file's own instants are kept: the passages are brought in whole, as they were written.
    await changes.bulkPut('annotations', records, { keepStamp: true });
    return { added: records.length, present, placed, problems };
  },
});

/** The sentence an import ends with. */
export function describeW3cImport(fileName: string, result: W3cImportResult): string {
  const { added, present, placed, problems } = result;
  const parts = [translate('changes.importedPassages', { count: added, name: fileName })];
  if (placed.drifted + placed.orphaned > 0)
    parts.push(translate('changes.importedPlaced', { moved: placed.drifted, lost: placed.orphaned }));
  if (present > 0) parts.push(translate('changes.importedPresent', { count: present }));
  if (problems.length > 0)
    parts.push(translate('changes.importedProblems', { count: problems.length, first: problems[0] }));
  return parts.join(' ');
}

/** A reviewer's comment from a Word file (see WordComment in the contract), to be made a passage. */
export interface CommentToPlace {
  author: string;
  date: string | null;
  text: string;
  quote: string;
  occurrence: number;
}

export interface CommentsAsPassages {
  sourceId: string;
  /** The source's text as the reader shows it. */
  text: string;
  comments: CommentToPlace[];
}

export interface CommentsPlaced {
  created: number;
  /** Comments whose text could not be found (the text was corrected since, or Word anchored nothing). */
  missing: number;
}

/** Where the n-th occurrence of `quote` starts in `text`, or -1. */
function occurrenceOf(text: string, quote: string, occurrence: number): number {
  let at = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

/** The note a comment becomes: who said it, when, and what (in the interface language of the import). */
export function commentNote(comment: CommentToPlace): string {
  const author = comment.author || translate('changes.unknownReviewer');
  return comment.date
    ? translate('changes.commentNoteDated', { author, date: comment.date, text: comment.text })
    : translate('changes.commentNote', { author, text: comment.text });
}

/**
 * Makes reviewers' comments of an imported Word file passages of its text, each with the comment as its
 * note: one change, one undo step. A comment whose text is not found is counted, not guessed at.
 */
export const commentsToPassages = defineCommand({
  id: 'passages.fromComments',
  label: (_args: CommentsAsPassages, result: CommentsPlaced) =>
    translate('changes.commentsToPassages', { count: result.created }),
  run: async (changes, { sourceId, text, comments }: CommentsAsPassages): Promise<CommentsPlaced> => {
    await changes.require('sources', sourceId, translate('refusals.gone.source'));
    const records: Annotation[] = [];
    let missing = 0;
    for (const comment of comments) {
      const quote = comment.quote.trim();
      const start = quote ? occurrenceOf(text, quote, comment.occurrence) : -1;
      if (start < 0) {
        missing++;
        continue;
      }
      const found = selectors(text, start, start + quote.length);
      records.push({
        id: crypto.randomUUID(),
        sourceId,
        quote: found.quote,
        position: found.position,
        anchor: 'anchored',
        tagIds: [],
        note: commentNote(comment).slice(0, 100_000),
        threatIds: [],
        countryCodes: [],
        actorIds: [],
        createdAt: changes.at,
        updatedAt: changes.at,
      });
    }
    if (records.length === 0) throw new CommandRefusal(translate('refusals.passages.commentsNotFound'));
    await changes.bulkPut('annotations', records);
    return { created: records.length, missing };
  },
});

/**
 * Marks a passage as a bare mention (a name, no evidence to quote) or as evidence; briefings quote no
 * mention by default. `null` takes the mark off: briefings judge by the passage's length again.
 */
export const markPassageMention = defineCommand({
  id: 'passages.markMention',
  label: ({ mention }: { id: string; mention: boolean | null }, after: Annotation) =>
    mention === null
      ? translate('labels.unmarkPassage', { quote: passageLabel(after) })
      : translate('labels.markPassage', { quote: passageLabel(after), mention: String(mention) }),
  run: async (changes, { id, mention }: { id: string; mention: boolean | null }): Promise<Annotation> => {
    const { mention: _previous, ...before } = await changes.require('annotations', id, gone());
    return changes.put('annotations', mention === null ? before : { ...before, mention });
  },
});
