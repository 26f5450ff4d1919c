import { isStoredSourceText, type SourceText, type StoredSourceText } from '../../shared/domain/source';
import type { TextRequest, WorkbenchApi } from '../../shared/ipc';
import { fetchSourceText, TextFetchFailed } from '../platform/text-fetch';
import { workbench } from '../platform/workbench';
import { t as translate } from '../i18n';
import type { WorkbenchDatabase } from './database';

/**
 * Where source texts are kept: main's content-addressed store (`main/services/source-store.ts`), a file
 * per text named by the SHA-256 of its UTF-8 bytes. IndexedDB keeps only the reference, so a backup
 * copies files beside a small records snapshot and a restore finds the files already there (issue 19).
 */
export interface TextStore {
  put(text: string): Promise<{ sha256: string; size: number }>;
  read(sha256: string): Promise<string>;
  /** Where a worker of this window can fetch a stored text itself; null where the store has no address. */
  locate(sha256: string): TextRequest | null;
}

/**
 * The store behind a workbench API (the app's own, or a test's real handler table). A text is fetched
 * from its address where the host serves one, and read through the API otherwise.
 */
export const textStoreOf = (
  api: () => Pick<WorkbenchApi, 'putSourceText' | 'readSourceText' | 'sourceTextRequest'>,
): TextStore => ({
  put: (text) => api().putSourceText({ text }),
  read: (sha256) => {
    const request = api().sourceTextRequest(sha256);
    return request ? fetchSourceText(request).catch(sayFetchFailure) : api().readSourceText(sha256);
  },
  locate: (sha256) => api().sourceTextRequest(sha256),
});

/** A text fetch that failed without the host's own sentence, said in the interface language. */
function sayFetchFailure(error: unknown): never {
  if (!(error instanceof TextFetchFailed)) throw error;
  throw new Error(
    error.status === null
      ? translate('sources.textUnreachable')
      : translate('sources.textStatus', { status: String(error.status) }),
    { cause: error },
  );
}

/** The app's store, reached through the platform (the desktop preload, or the preview's loopback bridge). */
export const platformTextStore: TextStore = textStoreOf(workbench);

/**
 * Texts kept in memory after a read: a few books, so going back to a source or undoing a change rarely
 * asks main again — few enough that the window's memory stays within its budget (a character is two bytes).
 */
const CACHE_CHARS = 8_000_000;
const CACHE_TEXTS = 4;

/**
 * A store with the last few texts read or written kept in memory. A stored text never changes (its
 * name is its digest), so what is cached is never stale.
 */
export class CachedTextStore implements TextStore {
  private readonly cache = new Map<string, string>();
  private readonly reading = new Map<string, Promise<string>>();
  private chars = 0;

  constructor(private readonly store: TextStore) {}

  async put(text: string): Promise<{ sha256: string; size: number }> {
    const stored = await this.store.put(text);
    this.remember(stored.sha256, text);
    return stored;
  }

  read(sha256: string): Promise<string> {
    const cached = this.cache.get(sha256);
    if (cached !== undefined) {
      // Most recently used last.
      this.cache.delete(sha256);
      this.cache.set(sha256, cached);
      return Promise.resolve(cached);
    }
    let pending = this.reading.get(sha256);
    if (!pending) {
      pending = this.store.read(sha256).then(
        (text) => {
          this.reading.delete(sha256);
          this.remember(sha256, text);
          return text;
        },
        (error: unknown) => {
          this.reading.delete(sha256);
          throw error;
        },
      );
      this.reading.set(sha256, pending);
    }
    return pending;
  }

  locate(sha256: string): TextRequest | null {
    return this.store.locate(sha256);
  }

  /** The text when it is cached or already being read, so a second reader shares it; undefined otherwise. */
  held(sha256: string): Promise<string> | undefined {
    const cached = this.cache.get(sha256);
    if (cached !== undefined) return Promise.resolve(cached);
    return this.reading.get(sha256);
  }

  /**
   * A text for a reader that keeps it briefly (the search index): the one held here, when there is one;
   * otherwise read from the store without keeping it here.
   */
  readPast(sha256: string): Promise<string> {
    return this.held(sha256) ?? this.store.read(sha256);
  }

  private remember(sha256: string, text: string): void {
    if (text.length > CACHE_CHARS) return;
    const had = this.cache.get(sha256);
    if (had !== undefined) {
      this.cache.delete(sha256);
      this.chars -= had.length;
    }
    this.cache.set(sha256, text);
    this.chars += text.length;
    for (const [key, value] of this.cache) {
      if (this.chars <= CACHE_CHARS && this.cache.size <= CACHE_TEXTS) break;
      this.cache.delete(key);
      this.chars -= value.length;
    }
  }
}

/** The text a `sourceTexts` record holds or names ('' for a source without one). */
export function textOf(store: TextStore, record: SourceText | undefined): Promise<string> {
  if (!record) return Promise.resolve('');
  return isStoredSourceText(record) ? store.read(record.sha256) : Promise.resolve(record.text);
}

/** Several records' texts, read side by side. */
export function textsOf(store: TextStore, records: readonly (SourceText | undefined)[]): Promise<string[]> {
  return Promise.all(records.map((record) => textOf(store, record)));
}

/** Puts `text` into the store and answers the record that names it. */
export async function storeSourceText(store: TextStore, sourceId: string, text: string): Promise<StoredSourceText> {
  const { sha256, size } = await store.put(text);
  return { sourceId, sha256, bytes: size };
}

/** The texts these records hold or name, by source id. */
async function textsBySource(store: TextStore, records: readonly SourceText[]): Promise<Map<string, string>> {
  const texts = await textsOf(store, records);
  return new Map(records.map((record, i) => [record.sourceId, texts[i]!]));
}

/**
 * The texts of these sources by source id (a source without a text record is absent). Not inside a
 * transaction: reading a stored text waits for main, and IndexedDB ends a transaction left waiting.
 */
export async function readSourceTexts(
  db: WorkbenchDatabase,
  sourceIds: readonly string[],
): Promise<Map<string, string>> {
  const records = (await db.sourceTexts.bulkGet([...sourceIds])).filter((r) => r !== undefined);
  return textsBySource(db.textStore, records);
}

/** Every source's text by source id (see readSourceTexts). */
export async function readAllSourceTexts(db: WorkbenchDatabase): Promise<Map<string, string>> {
  return textsBySource(db.textStore, await db.sourceTexts.toArray());
}
