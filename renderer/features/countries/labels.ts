import type { ThreatCategory, Trend } from '../../../shared/domain/threat';

const CATEGORY_LABELS: Record<ThreatCategory, string> = {
  terrorism: 'Terrorism',
  narcotics: 'Narcotics',
  migration: 'Migration',
  water: 'Water',
  humanitarian: 'Humanitarian',
  geopolitical: 'Geopolitical',
  other: 'Other',
};

export function categoryLabel(category: ThreatCategory): string {
  return CATEGORY_LABELS[category];
}

const TREND_ARROWS: Record<Trend, string> = { rising: '↑', stable: '→', falling: '↓' };

export function trendArrow(trend: Trend): string {
  return TREND_ARROWS[trend];
}
