import { CATEGORY_LABELS, type ThreatCategory, type Trend } from '../../../shared/domain/threat';
import { t } from '../../i18n';

/** A threat category's name in the interface language. */
export function categoryLabel(category: ThreatCategory): string {
  return t(`categories.${category}`, { defaultValue: CATEGORY_LABELS[category] });
}

const TREND_ARROWS: Record<Trend, string> = { rising: '↑', stable: '→', falling: '↓' };

export function trendArrow(trend: Trend): string {
  return TREND_ARROWS[trend];
}
