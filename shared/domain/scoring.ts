import type { BandThresholds, RiskScale } from './threat';

export type Band = 'low' | 'medium' | 'high' | 'critical';
export const BANDS: readonly Band[] = ['low', 'medium', 'high', 'critical'];

/** The 5×5 scale analysts start with: 1–3 low, 4–7 medium, 8–14 high, 15–25 critical. */
export const DEFAULT_SCALE: RiskScale = { levels: 5, bands: { medium: 4, high: 8, critical: 15 } };

export function riskScore(likelihood: number, impact: number): number {
  return likelihood * impact;
}

export function bandOf(score: number, bands: BandThresholds): Band {
  if (score >= bands.critical) return 'critical';
  if (score >= bands.high) return 'high';
  if (score >= bands.medium) return 'medium';
  return 'low';
}

/**
 * Estimative words (US ICD 203) for a 1–5 likelihood, so a rating reads the way analysts write it.
 * Scales with other than five levels are mapped proportionally onto the same words.
 */
const LIKELIHOOD_WORDS = ['Very unlikely', 'Unlikely', 'Roughly even chance', 'Likely', 'Very likely'] as const;

export function likelihoodWords(likelihood: number, levels = 5): string {
  const index = Math.round(((likelihood - 1) / Math.max(1, levels - 1)) * (LIKELIHOOD_WORDS.length - 1));
  return LIKELIHOOD_WORDS[Math.min(LIKELIHOOD_WORDS.length - 1, Math.max(0, index))]!;
}

const IMPACT_WORDS = ['Minimal', 'Minor', 'Moderate', 'Major', 'Severe'] as const;

export function impactWords(impact: number, levels = 5): string {
  const index = Math.round(((impact - 1) / Math.max(1, levels - 1)) * (IMPACT_WORDS.length - 1));
  return IMPACT_WORDS[Math.min(IMPACT_WORDS.length - 1, Math.max(0, index))]!;
}
