import { Dexie } from 'dexie';
import { isStoredSourceText, type SourceText } from '../../shared/domain/source';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import type { WorkbenchDatabase } from '../db/database';
import { storeSourceText, type TextStore } from '../db/source-texts';

/**
 * Moves every text still held in its `sourceTexts` record (written before schema 7, or brought in by a
 * restore of an older backup, a team sync or a merge of an older backup) into main's store, leaving the
 * record naming it. Not a change the analyst made: the text is the same, so there is no revision, no
 * undo step and nothing for team sync to send. A record changed meanwhile is left for the next run; an
 * empty text stays where it is.
 * Answers how many texts moved.
 */
export async function moveTextsToStore(db: WorkbenchDatabase): Promise<number> {
  // An empty text (a reference-only source's) stays in its record: there is nothing to store.
  const held = await db.sourceTexts.filter((record) => !isStoredSourceText(record) && record.text !== '').primaryKeys();
  let moved = 0;
  for (const sourceId of held) {
    const record = await db.sourceTexts.get(sourceId);
    if (!record || isStoredSourceText(record)) continue;
    const stored = await storeSourceText(db.textStore, sourceId, record.text);
    const replaced = await db.transaction('rw', db.sourceTexts, async () => {
      const now = await db.sourceTexts.get(sourceId);
      if (!now || isStoredSourceText(now) || now.text !== record.text) return false;
      await db.sourceTexts.put(stored);
      return true;
    });
    if (replaced) moved++;
  }
  return moved;
}

/**
 * Keeps texts moving to the store while the window is open: once now, and again shortly after any write
 * to `sourceTexts` (a restore, a sync, a merge may bring texts held in their records). Returns the stop.
 */
export function keepTextsInStore(db: WorkbenchDatabase, onError: (error: unknown) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = running.then(() => (stopped ? 0 : moveTextsToStore(db))).catch(onError);
  };
  const textsPart = `idb://${db.name}/sourceTexts/`;
  const onMutated = (parts: Record<string, unknown>) => {
    if (!parts[textsPart] || stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, 500);
  };
  Dexie.on.storagemutated.subscribe(onMutated);
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
    Dexie.on.storagemutated.unsubscribe(onMutated);
  };
}

/**
 * A colleague's snapshot with every text it holds in its records put into the store and named instead,
 * so that a merge compares texts by digest on both sides (this workspace's are all stored: see
 * moveTextsToStore).
 */
export async function withTextsStored(store: TextStore, snapshot: WorkspaceSnapshot): Promise<WorkspaceSnapshot> {
  const records = snapshot.tables.sourceTexts as SourceText[];
  const stored: SourceText[] = [];
  for (const record of records)
    stored.push(isStoredSourceText(record) ? record : await storeSourceText(store, record.sourceId, record.text));
  return { ...snapshot, tables: { ...snapshot.tables, sourceTexts: stored } };
}

/** The texts a merge of `mine` and `theirs` must read: those whose digest only one side names. */
export async function textsForMerge(
  store: TextStore,
  mine: WorkspaceSnapshot,
  theirs: WorkspaceSnapshot,
): Promise<Map<string, string>> {
  const digests = (snapshot: WorkspaceSnapshot) =>
    new Set((snapshot.tables.sourceTexts as SourceText[]).flatMap((r) => (isStoredSourceText(r) ? [r.sha256] : [])));
  const a = digests(mine);
  const b = digests(theirs);
  const wanted = [...[...a].filter((d) => !b.has(d)), ...[...b].filter((d) => !a.has(d))];
  const texts = await Promise.all(wanted.map((sha256) => store.read(sha256)));
  return new Map(wanted.map((sha256, i) => [sha256, texts[i]!]));
}
