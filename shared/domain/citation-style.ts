import { z } from 'zod';

/** The citation styles a briefing can be written in (CSL styles bundled in data/citation/). */
export const CITATION_STYLES = ['chicago-full-note', 'chicago-short-note', 'gost-r-7.0.5-2008', 'apa'] as const;
export const CitationStyle = z.enum(CITATION_STYLES);
export type CitationStyle = z.infer<typeof CitationStyle>;

export const DEFAULT_CITATION_STYLE: CitationStyle = 'chicago-full-note';

/** How the composer names each style. */
export const CITATION_STYLE_LABELS: Record<CitationStyle, string> = {
  'chicago-full-note': 'Chicago, full note first, short after',
  'chicago-short-note': 'Chicago, short notes throughout',
  'gost-r-7.0.5-2008': 'GOST R 7.0.5-2008 (CIS)',
  apa: 'APA 7th edition',
};
