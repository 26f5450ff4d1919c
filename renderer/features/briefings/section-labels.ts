import { BRIEFING_SECTION_LABELS, type BriefingSectionKind } from '../../../shared/domain/briefing';
import { t as translate } from '../../i18n';

/**
 * A section's name in the composer, in the interface language. The document keeps its own headings
 * (BRIEFING_SECTION_LABELS, in the template's language): this is only the composer's list.
 */
export function sectionLabel(kind: BriefingSectionKind): string {
  return translate(`briefings.section.${kind}`, { defaultValue: BRIEFING_SECTION_LABELS[kind] });
}
