import { z } from 'zod';
import { CountryCode, Id, Instant } from './primitives';
import { bandOf, riskScore, type Band } from './scoring';
import { Rating, THREAT_CATEGORIES, type RiskScale, type Threat, type ThreatCategory } from './threat';

/**
 * Exposure of a country to the threats in a register.
 *
 * A threat affects a country when the country is among the threat's `countryCodes` and the threat is
 * not `closed` (a mitigated threat keeps its residual rating and still counts). For that country the
 * threat is rated by the register's own likelihood × impact, unless the analyst has set a per-country
 * override with a rationale (the Kosh-Tepa canal weighs more on Uzbekistan than on Kazakhstan). An
 * override on a threat that no longer affects the country, or on a deleted threat, is kept but ignored.
 *
 * Exposure per category = the highest effective score among the threats of that category that affect
 * the country (and the overall exposure = the highest over all categories), banded with the register's
 * thresholds. Why the maximum and not a sum:
 *   - likelihood and impact are ordinal ratings and their product is an ordinal score; adding or
 *     averaging such scores has no meaning (Cox, "What's wrong with risk matrices?", Risk Analysis
 *     28(2), 2008), while the maximum is the one aggregate that is valid on an ordinal scale;
 *   - a sum would let many minor threats outrank one severe one (six "low" threats would read as a
 *     "high" exposure), and it grows with how finely the register splits a problem into threats;
 *   - it stays on the register's own scale, so the same bands and colours apply to cells and countries.
 * Accumulation is not hidden: each exposure carries all its contributing threats (worst first), and
 * countries with the same maximum are ranked by the next-worst threat, then the next (a lexicographic
 * order, see `compareExposure`), then by how many threats affect them.
 */

export const ExposureOverride = z.object({
  /** `${countryCode}:${threatId}`: one override per country and threat. */
  id: z.string().min(1),
  countryCode: CountryCode,
  threatId: Id,
  likelihood: Rating,
  impact: Rating,
  rationale: z
    .string()
    .trim()
    .min(1, 'An override needs a rationale: say why this country is rated differently.')
    .max(5000),
  createdAt: Instant,
  updatedAt: Instant,
});
export type ExposureOverride = z.infer<typeof ExposureOverride>;

/** What the analyst enters to override one threat's rating for one country. */
export interface OverrideInput {
  likelihood: number;
  impact: number;
  rationale: string;
}

export function overrideId(countryCode: string, threatId: string): string {
  return `${countryCode}:${threatId}`;
}

/** The threat fields exposure needs (a full Threat fits). */
export type ExposureThreat = Pick<
  Threat,
  'id' | 'title' | 'category' | 'countryCodes' | 'likelihood' | 'impact' | 'trend' | 'status'
>;

/** A rating on the register's scale with its score and band. */
export interface RatedScore {
  likelihood: number;
  impact: number;
  score: number;
  band: Band;
}

/** One threat as it bears on one country. */
export interface ThreatExposure<T extends ExposureThreat = ExposureThreat> extends RatedScore {
  threat: T;
  /** The register's own rating of the threat. */
  base: RatedScore;
  /** The override in force for this country, if any. */
  override: ExposureOverride | null;
}

export interface CategoryExposure<T extends ExposureThreat = ExposureThreat> {
  category: ThreatCategory | 'all';
  /** The highest effective score, or null when no threat of the category affects the country. */
  score: number | null;
  band: Band | null;
  /** The contributing threats, worst first. */
  threats: ThreatExposure<T>[];
  /** What the register's own ratings alone would give (null when nothing affects the country). */
  baseScore: number | null;
  /** True when the score shown rests on an override: the worst threat is overridden, or overrides moved the score. */
  overridden: boolean;
  /** How many contributing threats carry an override for this country. */
  overrides: number;
}

export interface CountryExposure<T extends ExposureThreat = ExposureThreat> {
  countryCode: string;
  overall: CategoryExposure<T>;
  byCategory: Record<ThreatCategory, CategoryExposure<T>>;
  /** Every threat that affects the country, worst first. */
  threats: ThreatExposure<T>[];
}

export type OverrideLookup = ReadonlyMap<string, ExposureOverride>;

export function indexOverrides(overrides: readonly ExposureOverride[]): Map<string, ExposureOverride> {
  return new Map(overrides.map((o) => [overrideId(o.countryCode, o.threatId), o]));
}

export function affects(threat: ExposureThreat, countryCode: string): boolean {
  return threat.status !== 'closed' && threat.countryCodes.includes(countryCode);
}

function rated(likelihood: number, impact: number, scale: RiskScale): RatedScore {
  const score = riskScore(likelihood, impact);
  return { likelihood, impact, score, band: bandOf(score, scale.bands) };
}

/** How a threat bears on a country, or null if it does not affect it. */
export function threatExposure<T extends ExposureThreat>(
  threat: T,
  countryCode: string,
  overrides: OverrideLookup,
  scale: RiskScale,
): ThreatExposure<T> | null {
  // An unrated threat has no score to bear on a country with: it waits for the analyst's rating.
  if (!affects(threat, countryCode) || threat.likelihood === undefined || threat.impact === undefined) return null;
  const base = rated(threat.likelihood, threat.impact, scale);
  const override = overrides.get(overrideId(countryCode, threat.id)) ?? null;
  const effective = override ? rated(override.likelihood, override.impact, scale) : base;
  return { ...effective, threat, base, override };
}

/** Worst first; equal scores by the register's own score, then by title (a stable order). */
function byWorst(a: ThreatExposure, b: ThreatExposure): number {
  return b.score - a.score || b.base.score - a.base.score || a.threat.title.localeCompare(b.threat.title);
}

function aggregate<T extends ExposureThreat>(
  category: ThreatCategory | 'all',
  threats: ThreatExposure<T>[],
): CategoryExposure<T> {
  const worst = threats[0];
  if (!worst)
    return { category, score: null, band: null, threats: [], baseScore: null, overridden: false, overrides: 0 };
  const baseScore = Math.max(...threats.map((e) => e.base.score));
  return {
    category,
    score: worst.score,
    band: worst.band,
    threats,
    baseScore,
    overridden: worst.override !== null || baseScore !== worst.score,
    overrides: threats.filter((e) => e.override !== null).length,
  };
}

/** The exposure of one country, overall and per category, from the threats of one register. */
export function countryExposure<T extends ExposureThreat>(
  countryCode: string,
  threats: readonly T[],
  overrides: OverrideLookup,
  scale: RiskScale,
): CountryExposure<T> {
  const all = threats.flatMap((t) => threatExposure(t, countryCode, overrides, scale) ?? []).sort(byWorst);
  const byCategory = Object.fromEntries(
    THREAT_CATEGORIES.map((c) => [
      c,
      aggregate(
        c,
        all.filter((e) => e.threat.category === c),
      ),
    ]),
  ) as Record<ThreatCategory, CategoryExposure<T>>;
  return { countryCode, overall: aggregate('all', all), byCategory, threats: all };
}

/** The exposure of a country for one category, or overall for 'all'. */
export function exposureFor<T extends ExposureThreat>(
  exposure: CountryExposure<T>,
  category: ThreatCategory | 'all',
): CategoryExposure<T> {
  return category === 'all' ? exposure.overall : exposure.byCategory[category];
}

/**
 * Orders exposures worst first: by the highest score, then the next-highest, and so on; a country
 * with more threats at equal scores comes first. No exposure at all sorts last.
 */
export function compareExposure(a: CategoryExposure, b: CategoryExposure): number {
  const length = Math.max(a.threats.length, b.threats.length);
  for (let i = 0; i < length; i++) {
    const sa = a.threats[i]?.score ?? 0;
    const sb = b.threats[i]?.score ?? 0;
    if (sa !== sb) return sb - sa;
  }
  return 0;
}

/** What is wrong with an override, as a code and its facts; the renderer says it in the interface language. */
export type OverrideIssue =
  | { code: 'rating-off-scale'; field: 'likelihood' | 'impact'; levels: number }
  | { code: 'rationale-missing' }
  | { code: 'rationale-too-long'; limit: number };

export const OVERRIDE_RATIONALE_LIMIT = 5000;

/** Checks an override against the register's scale; returns what is wrong, or null if it is fine. */
export function overrideIssue(input: OverrideInput, scale: RiskScale): OverrideIssue | null {
  const { levels } = scale;
  for (const [field, value] of [
    ['likelihood', input.likelihood],
    ['impact', input.impact],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > levels) return { code: 'rating-off-scale', field, levels };
  }
  if (!input.rationale.trim()) return { code: 'rationale-missing' };
  if (input.rationale.length > OVERRIDE_RATIONALE_LIMIT)
    return { code: 'rationale-too-long', limit: OVERRIDE_RATIONALE_LIMIT };
  return null;
}

/** An override issue as an English sentence (main, tests and thrown errors; the interface translates the code). */
export function overrideIssueText(issue: OverrideIssue): string {
  switch (issue.code) {
    case 'rating-off-scale': {
      const { levels } = issue;
      const name = issue.field === 'likelihood' ? 'Likelihood' : 'Impact';
      return `${name} must be a whole number from 1 to ${levels} on this register’s ${levels}×${levels} scale.`;
    }
    case 'rationale-missing':
      return 'An override needs a rationale: say why this country is rated differently.';
    case 'rationale-too-long':
      return `Keep the rationale under ${issue.limit.toLocaleString('en')} characters.`;
  }
}

/** Checks an override against the register's scale; returns an English sentence, or null if it is fine. */
export function overrideProblem(input: OverrideInput, scale: RiskScale): string | null {
  const issue = overrideIssue(input, scale);
  return issue ? overrideIssueText(issue) : null;
}

/** A validated override record (throws with a readable message if the input is refused). */
export function makeOverride(
  countryCode: string,
  threatId: string,
  input: OverrideInput,
  scale: RiskScale,
  now: string,
  existing?: ExposureOverride | null,
): ExposureOverride {
  const problem = overrideProblem(input, scale);
  if (problem) throw new Error(problem);
  return ExposureOverride.parse({
    id: overrideId(countryCode, threatId),
    countryCode,
    threatId,
    likelihood: input.likelihood,
    impact: input.impact,
    rationale: input.rationale.trim(),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
}
