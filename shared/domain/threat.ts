import { z } from 'zod';
import { CalendarDate, CountryCode, Id, Timestamps } from './primitives';

export const THREAT_CATEGORIES = [
  'terrorism',
  'narcotics',
  'migration',
  'water',
  'humanitarian',
  'geopolitical',
  'other',
] as const;
export const ThreatCategory = z.enum(THREAT_CATEGORIES);
export type ThreatCategory = z.infer<typeof ThreatCategory>;

/** A category's name in English: the exports' and briefings' wording (the UI's comes from its catalogues). */
export const CATEGORY_LABELS: Record<ThreatCategory, string> = {
  terrorism: 'Terrorism',
  narcotics: 'Narcotics',
  migration: 'Migration',
  water: 'Water',
  humanitarian: 'Humanitarian',
  geopolitical: 'Geopolitical',
  other: 'Other',
};

export const Trend = z.enum(['rising', 'stable', 'falling']);
export type Trend = z.infer<typeof Trend>;

/** Analytic confidence in a judgment (ICD 203): low, moderate, high. */
export const Confidence = z.enum(['low', 'moderate', 'high']);
export type Confidence = z.infer<typeof Confidence>;

export const ThreatStatus = z.enum(['active', 'monitoring', 'mitigated', 'closed']);
export type ThreatStatus = z.infer<typeof ThreatStatus>;

/** A rating on a register's scale (1 … levels). */
export const Rating = z.number().int().min(1).max(10);

/** Score bands; each threshold is the lowest score that falls in the band. */
export const BandThresholds = z
  .object({
    medium: z.number().int().positive(),
    high: z.number().int().positive(),
    critical: z.number().int().positive(),
  })
  .refine((b) => b.medium < b.high && b.high < b.critical, 'band thresholds must rise: medium < high < critical');
export type BandThresholds = z.infer<typeof BandThresholds>;

export const RiskScale = z.object({
  /** Number of likelihood and impact levels (e.g. 4 for a 4×4 matrix, 5 for 5×5). */
  levels: z.number().int().min(3).max(10),
  bands: BandThresholds,
});
export type RiskScale = z.infer<typeof RiskScale>;

export const Register = z.object({
  id: Id,
  name: z.string().min(1).max(300),
  description: z.string().max(20_000),
  scope: z.string().max(5000),
  scale: RiskScale,
  archived: z.boolean(),
  ...Timestamps,
});
export type Register = z.infer<typeof Register>;

/**
 * A threat in a register. Its evidence is not stored here: the passages that justify it are the
 * annotations whose `threatIds` include it (one source of truth, queried by index).
 */
export const Threat = z.object({
  id: Id,
  registerId: Id,
  title: z.string().min(1).max(500),
  description: z.string().max(50_000),
  category: ThreatCategory,
  actorIds: z.array(Id),
  /** Where the threat emanates from (ISO alpha-2), e.g. "AF". */
  originCode: CountryCode.nullable(),
  countryCodes: z.array(CountryCode),
  /**
   * The analyst's rating. Both are absent until the threat is rated: a new threat is "not yet rated",
   * and nothing (heat map, exports, briefings) treats it as if it had a score.
   */
  likelihood: Rating.optional(),
  impact: Rating.optional(),
  /** likelihood × impact, kept with the record so registers can be ordered by an index; absent while unrated. */
  score: z.number().int().positive().optional(),
  trend: Trend,
  confidence: Confidence,
  status: ThreatStatus,
  indicators: z.array(z.string().min(1).max(2000)),
  mitigations: z.array(z.string().min(1).max(2000)),
  owner: z.string().max(200),
  lastReviewedOn: CalendarDate.nullable(),
  ...Timestamps,
});
export type Threat = z.infer<typeof Threat>;

/** A threat with both ratings set, and so a score. */
export type RatedThreat = Threat & { likelihood: number; impact: number; score: number };

/** Whether the analyst has rated the threat (likelihood and impact both set). */
export function isRated<T extends Pick<Threat, 'likelihood' | 'impact' | 'score'>>(
  threat: T,
): threat is T & { likelihood: number; impact: number; score: number } {
  return threat.likelihood !== undefined && threat.impact !== undefined && threat.score !== undefined;
}
