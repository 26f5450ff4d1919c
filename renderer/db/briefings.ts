import { readSourceTexts } from './source-texts';
import type { Annotation } from '../../shared/domain/annotation';
import { Briefing, defaultBriefingSections, normaliseSections } from '../../shared/domain/briefing';
import type { BriefingWorkspace } from '../../shared/domain/briefing-model';
import { passageLocator, type PassageLocator } from '../../shared/domain/citation-engine';
import { readTemplate, type BriefingTemplate } from '../../shared/domain/briefing-template';
import type { WorkbenchDatabase } from './database';
import { t as translate } from '../i18n';

/** Where the workspace keeps its briefing template (`meta`, changed by briefings.setTemplate). */
export const BRIEFING_TEMPLATE_KEY = 'briefingTemplate';

/** The workspace's briefing template; the default while none is set. */
export async function briefingTemplate(db: WorkbenchDatabase): Promise<BriefingTemplate> {
  return readTemplate((await db.meta.get(BRIEFING_TEMPLATE_KEY))?.value);
}

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
    title: translate('briefings.defaultTitle'),
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

/**
 * What the briefing model reads: every register, threat, source, actor and country, and the passages
 * linked to a threat or to one of the given key-judgment passages.
 */
export async function loadBriefingWorkspace(
  db: WorkbenchDatabase,
  passageIds: readonly string[] = [],
): Promise<BriefingWorkspace> {
  const [registers, threats, sources, actors, countries, exposureOverrides, template] = await Promise.all([
    db.registers.toArray(),
    db.threats.toArray(),
    db.sources.toArray(),
    db.actors.toArray(),
    db.countries.toArray(),
    db.exposureOverrides.toArray(),
    briefingTemplate(db),
  ]);
  const threatIds = threats.map((t) => t.id);
  const [linked, chosen] = await Promise.all([
    threatIds.length > 0
      ? db.annotations.where('threatIds').anyOf(threatIds).distinct().toArray()
      : Promise.resolve([] as Annotation[]),
    db.annotations.bulkGet([...new Set(passageIds)]),
  ]);
  const annotations = new Map(linked.map((a) => [a.id, a]));
  for (const a of chosen) if (a) annotations.set(a.id, a);
  const passageLocators = await locatePassages(db, [...annotations.values()]);
  return {
    registers,
    threats,
    sources,
    actors,
    countries,
    exposureOverrides,
    annotations: [...annotations.values()],
    passageLocators,
    template,
  };
}

/** The page or paragraph of each passage in its source's current text, for the notes' locators. */
async function locatePassages(db: WorkbenchDatabase, annotations: readonly Annotation[]) {
  const sourceIds = [...new Set(annotations.map((a) => a.sourceId))];
  const bySource = await readSourceTexts(db, sourceIds);
  const locators = new Map<string, PassageLocator>();
  for (const a of annotations) {
    const text = bySource.get(a.sourceId);
    // An orphaned passage has no place in the text to cite.
    const locator = text !== undefined && a.anchor !== 'orphaned' ? passageLocator(text, a.position.start) : null;
    if (locator) locators.set(a.id, locator);
  }
  return locators;
}
