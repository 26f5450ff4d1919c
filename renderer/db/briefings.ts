import type { Annotation } from '../../shared/domain/annotation';
import { Briefing, defaultBriefingSections, normaliseSections, type BriefingExport } from '../../shared/domain/briefing';
import type { BriefingWorkspace } from '../../shared/domain/briefing-model';
import type { WorkbenchDatabase } from './database';

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A briefing as saved, read through the schema so records from earlier versions gain the newer fields. */
export function readBriefing(record: unknown): Briefing {
  const briefing = Briefing.parse(record);
  return { ...briefing, sections: normaliseSections(briefing.sections) };
}

/** A new briefing with every section on, every active register, and the more restrictive marking. */
export function blankBriefing(fields: Partial<Briefing> = {}): Briefing {
  const now = new Date().toISOString();
  return Briefing.parse({
    id: crypto.randomUUID(),
    title: 'New briefing',
    subtitle: '',
    author: '',
    date: today(),
    audience: '',
    marking: 'FOR OFFICIAL USE ONLY',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [],
    recommendations: [],
    exports: [],
    ...fields,
    createdAt: now,
    updatedAt: now,
  });
}

export async function createBriefing(db: WorkbenchDatabase, fields: Partial<Briefing> = {}): Promise<Briefing> {
  const briefing = blankBriefing(fields);
  await db.briefings.add(briefing);
  return briefing;
}

/** Saves the composer's draft. A title left empty is refused: the document needs one. */
export async function saveBriefing(db: WorkbenchDatabase, draft: Briefing): Promise<Briefing> {
  if (!draft.title.trim()) throw new Error('A briefing needs a title. The last title was kept.');
  return db.transaction('rw', db.briefings, async () => {
    const saved = await db.briefings.get(draft.id);
    if (!saved) throw new Error('That briefing no longer exists; it may have been deleted.');
    // The export history is main's record of what was written; a stale draft never overwrites it.
    const after = Briefing.parse({ ...draft, exports: saved.exports, updatedAt: new Date().toISOString() });
    await db.briefings.put(after);
    return after;
  });
}

/** Copies a briefing with its choices, judgments and recommendations; the copy has no exports yet. */
export async function duplicateBriefing(db: WorkbenchDatabase, id: string): Promise<Briefing> {
  const original = await db.briefings.get(id);
  if (!original) throw new Error('That briefing no longer exists.');
  const source = readBriefing(original);
  const now = new Date().toISOString();
  const copy = Briefing.parse({
    ...source,
    id: crypto.randomUUID(),
    title: `${source.title} (copy)`.slice(0, 500),
    keyJudgments: source.keyJudgments.map((kj) => ({ ...kj, id: crypto.randomUUID() })),
    recommendations: source.recommendations.map((r) => ({ ...r, id: crypto.randomUUID() })),
    exports: [],
    createdAt: now,
    updatedAt: now,
  });
  await db.briefings.add(copy);
  return copy;
}

/** Deletes a briefing and answers it, so that undo can put it back exactly. */
export async function deleteBriefing(db: WorkbenchDatabase, id: string): Promise<Briefing | undefined> {
  return db.transaction('rw', db.briefings, async () => {
    const briefing = await db.briefings.get(id);
    if (briefing) await db.briefings.delete(id);
    return briefing;
  });
}

export async function restoreBriefing(db: WorkbenchDatabase, briefing: Briefing): Promise<void> {
  await db.briefings.put(briefing);
}

/** Adds a file main wrote to the briefing's export history. */
export async function recordExport(db: WorkbenchDatabase, id: string, entry: BriefingExport): Promise<Briefing> {
  return db.transaction('rw', db.briefings, async () => {
    const saved = await db.briefings.get(id);
    if (!saved) throw new Error('That briefing no longer exists; the file was written, but its history could not be kept.');
    const after = { ...saved, exports: [...saved.exports, entry], updatedAt: entry.at };
    await db.briefings.put(after);
    return after;
  });
}

/**
 * What the briefing model reads: every register, threat, source, actor and country, and the passages
 * linked to a threat or to one of the given key-judgment passages.
 */
export async function loadBriefingWorkspace(db: WorkbenchDatabase, evidenceIds: readonly string[] = []): Promise<BriefingWorkspace> {
  const [registers, threats, sources, actors, countries, exposureOverrides] = await Promise.all([
    db.registers.toArray(),
    db.threats.toArray(),
    db.sources.toArray(),
    db.actors.toArray(),
    db.countries.toArray(),
    db.exposureOverrides.toArray(),
  ]);
  const threatIds = threats.map((t) => t.id);
  const [linked, chosen] = await Promise.all([
    threatIds.length > 0 ? db.annotations.where('threatIds').anyOf(threatIds).distinct().toArray() : Promise.resolve([] as Annotation[]),
    db.annotations.bulkGet([...new Set(evidenceIds)]),
  ]);
  const annotations = new Map(linked.map((a) => [a.id, a]));
  for (const a of chosen) if (a) annotations.set(a.id, a);
  return { registers, threats, sources, actors, countries, exposureOverrides, annotations: [...annotations.values()] };
}
