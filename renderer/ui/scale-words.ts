import { impactWords, likelihoodWords } from '../../shared/domain/scoring';
import { words as translated } from '../i18n';

// The estimative words of the shared scale are English (exports keep them); the interface shows them
// in its own language, found by the English word.
const LIKELIHOOD_KEYS: Record<string, string> = {
  'Very unlikely': 'veryUnlikely',
  Unlikely: 'unlikely',
  'Roughly even chance': 'evenChance',
  Likely: 'likely',
  'Very likely': 'veryLikely',
};
const IMPACT_KEYS: Record<string, string> = {
  Minimal: 'minimal',
  Minor: 'minor',
  Moderate: 'moderate',
  Major: 'major',
  Severe: 'severe',
};

/** The estimative words of a likelihood level in the interface language. */
export function likelihoodLabel(value: number, levels: number): string {
  const words = likelihoodWords(value, levels);
  return translated(`register.likelihoodWords.${LIKELIHOOD_KEYS[words] ?? ''}`, words);
}

/** The words of an impact level in the interface language. */
export function impactLabel(value: number, levels: number): string {
  const words = impactWords(value, levels);
  return translated(`register.impactWords.${IMPACT_KEYS[words] ?? ''}`, words);
}
