import { z } from 'zod';
import { CalendarDate, CountryCode, Id, Instant, Timestamps } from './primitives';
import { CitationStyle, DEFAULT_CITATION_STYLE } from './citation-style';
import { Confidence, ThreatCategory } from './threat';
import { DEFAULT_QUOTES_PER_THREAT, MAX_QUOTES_PER_THREAT } from './evidence-selection';

export const BRIEFING_SECTIONS = [
  'cover',
  'contents',
  'bottom-line',
  'scope-note',
  'key-judgments',
  'assumptions',
  'alternatives',
  'threat-overview',
  'heat-map',
  'threat-details',
  'country-comparison',
  'key-gaps',
  'indicators',
  'recommendations',
  'estimative-key',
  'sources-annex',
] as const;
export const BriefingSectionKind = z.enum(BRIEFING_SECTIONS);
export type BriefingSectionKind = z.infer<typeof BriefingSectionKind>;

/** What each section is called in the composer and, for those with a heading, in the document. */
export const BRIEFING_SECTION_LABELS: Record<BriefingSectionKind, string> = {
  cover: 'Cover page',
  contents: 'Table of contents',
  'bottom-line': 'Bottom line',
  'scope-note': 'Scope note and sources',
  'key-judgments': 'Key judgments',
  assumptions: 'Key assumptions',
  alternatives: 'Alternative outcomes',
  'threat-overview': 'Threat overview',
  'heat-map': 'Heat map',
  'threat-details': 'Threat details',
  'country-comparison': 'Country comparison',
  'key-gaps': 'Key gaps',
  indicators: 'Indicators to watch',
  recommendations: 'Recommendations',
  'estimative-key': 'Estimative language',
  'sources-annex': 'Sources annex',
};

/** Handling lines analysts choose from; anything else is written as a custom marking. */
export const MARKING_PRESETS = ['UNCLASSIFIED', 'FOR OFFICIAL USE ONLY'] as const;

/**
 * A warning of the check before export that the analyst chose to let stand ("export anyway"): which one
 * (its key and the sentence it said), by whom and when. The briefing keeps the overrides in force; each
 * export records those it was written under.
 */
export const WarningOverride = z.object({
  key: z.string().min(1).max(200),
  message: z.string().max(2000),
  by: z.string().max(300),
  at: Instant,
});
export type WarningOverride = z.infer<typeof WarningOverride>;

export const BriefingExport = z.object({
  at: Instant,
  /** Where the file was written, as main reported it. */
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  /** The warnings overridden when this file was written; exports recorded before overrides existed had none. */
  overrides: z.array(WarningOverride).max(500).default([]),
});
export type BriefingExport = z.infer<typeof BriefingExport>;

/**
 * Records written before the field was named for what it holds (the passages) kept them as `evidenceIds`;
 * they are read under the new name, so stored briefings and older backups need no upgrade step.
 */
const renamedEvidence = (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const { evidenceIds, ...rest } = value as Record<string, unknown>;
  return evidenceIds !== undefined && !('passageIds' in rest) ? { ...rest, passageIds: evidenceIds } : value;
};

/** A judgment the briefing leads with: the analyst's words, their confidence, and the passages behind it. */
export const KeyJudgment = z.preprocess(
  renamedEvidence,
  z.object({
    id: Id,
    text: z.string().max(5000),
    confidence: Confidence,
    /** The passages that support the judgment (their ids), in the analyst's order. */
    passageIds: z.array(Id).max(200),
  }),
);
export type KeyJudgment = z.infer<typeof KeyJudgment>;

export const Recommendation = z.object({
  id: Id,
  text: z.string().max(5000),
  /** The key judgments (their ids) the recommendation follows from; the document names them. */
  judgmentIds: z.array(Id).max(100).default([]),
});
export type Recommendation = z.infer<typeof Recommendation>;

/** The passages the analyst chose to quote for one threat or key judgment (by its id), in place of the default. */
export const EvidenceChoice = z.object({
  forId: Id,
  passageIds: z.array(Id).max(200),
});
export type EvidenceChoice = z.infer<typeof EvidenceChoice>;

export const BriefingFilters = z.object({
  /** Registers whose threats are included; empty means every register that is not archived. */
  registerIds: z.array(Id),
  /** Empty means every category. */
  categories: z.array(ThreatCategory),
  minimumScore: z.number().int().nonnegative(),
  /** Threats that affect any of these countries (and the countries compared); empty means all. */
  countryCodes: z.array(CountryCode),
});
export type BriefingFilters = z.infer<typeof BriefingFilters>;

export const BriefingSection = z.object({ kind: BriefingSectionKind, enabled: z.boolean() });
export type BriefingSection = z.infer<typeof BriefingSection>;

export const Briefing = z.object({
  id: Id,
  title: z.string().min(1).max(500),
  subtitle: z.string().max(500),
  author: z.string().max(300),
  date: CalendarDate,
  audience: z.string().max(500),
  /** Handling line printed at the top and bottom of every page, e.g. "FOR OFFICIAL USE ONLY". */
  marking: z.string().max(200),
  sections: z.array(BriefingSection),
  filters: BriefingFilters,
  keyJudgments: z.array(KeyJudgment).max(100).default([]),
  recommendations: z.array(Recommendation).max(100).default([]),
  /** The briefing's conclusion in a few sentences, printed first ("bottom line up front"). */
  bottomLine: z.string().max(5000).default(''),
  /** The optional analytic sections, as the analyst writes them (paragraphs; lines starting "- " are a list). */
  assumptions: z.string().max(20_000).default(''),
  alternatives: z.string().max(20_000).default(''),
  keyGaps: z.string().max(20_000).default(''),
  indicators: z.string().max(20_000).default(''),
  /** The latest date of the information the briefing takes into account; the scope note states it. */
  informationCutOff: CalendarDate.nullable().default(null),
  /** How the footnotes and the sources annex cite; briefings saved before the choice existed use the default. */
  citationStyle: CitationStyle.default(DEFAULT_CITATION_STYLE),
  /** Quotes chosen per threat or key judgment; those not listed quote the strongest passages (evidence-selection.ts). */
  evidenceChoices: z.array(EvidenceChoice).max(1000).default([]),
  /** The most passages quoted under one threat or key judgment. */
  quotesPerThreat: z.number().int().min(1).max(MAX_QUOTES_PER_THREAT).default(DEFAULT_QUOTES_PER_THREAT),
  exports: z.array(BriefingExport),
  /** Warnings of the check before export the analyst let stand; changed only by the override commands. */
  warningOverrides: z.array(WarningOverride).max(500).default([]),
  ...Timestamps,
});
export type Briefing = z.infer<typeof Briefing>;

/** Sections a briefing has only when the analyst writes them: off in a new briefing. */
export const OPTIONAL_SECTIONS: ReadonlySet<BriefingSectionKind> = new Set([
  'assumptions',
  'alternatives',
  'key-gaps',
  'indicators',
]);

/** The analyst's text of each optional section (the field of the briefing that holds it). */
export const OPTIONAL_SECTION_FIELDS = {
  assumptions: 'assumptions',
  alternatives: 'alternatives',
  'key-gaps': 'keyGaps',
  indicators: 'indicators',
} as const satisfies Partial<Record<BriefingSectionKind, keyof Briefing>>;

/** Every section in its usual place, all on but the optional ones. */
export function defaultBriefingSections(): BriefingSection[] {
  return BRIEFING_SECTIONS.map((kind) => ({ kind, enabled: !OPTIONAL_SECTIONS.has(kind) }));
}

/**
 * The sections of a saved briefing as the composer shows them: the saved order, then any section kind
 * a later version added (switched off), without duplicates.
 */
export function normaliseSections(sections: readonly BriefingSection[]): BriefingSection[] {
  const seen = new Set<BriefingSectionKind>();
  const kept = sections.filter((s) => (seen.has(s.kind) ? false : (seen.add(s.kind), true)));
  return [...kept, ...BRIEFING_SECTIONS.filter((k) => !seen.has(k)).map((kind) => ({ kind, enabled: false }))];
}
