import { z } from 'zod';
import { CalendarDate, CountryCode, Id, Instant, Timestamps } from './primitives';
import { ThreatCategory } from './threat';

export const BRIEFING_SECTIONS = [
  'cover',
  'contents',
  'key-judgments',
  'threat-overview',
  'heat-map',
  'threat-details',
  'country-comparison',
  'recommendations',
  'sources-annex',
] as const;
export const BriefingSectionKind = z.enum(BRIEFING_SECTIONS);
export type BriefingSectionKind = z.infer<typeof BriefingSectionKind>;

export const BriefingExport = z.object({
  at: Instant,
  /** Where the file was written, as main reported it. */
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
});

export const Briefing = z.object({
  id: Id,
  title: z.string().min(1).max(500),
  subtitle: z.string().max(500),
  author: z.string().max(300),
  date: CalendarDate,
  audience: z.string().max(500),
  /** Handling line printed at the top and bottom of every page, e.g. "FOR OFFICIAL USE ONLY". */
  marking: z.string().max(200),
  sections: z.array(z.object({ kind: BriefingSectionKind, enabled: z.boolean() })),
  filters: z.object({
    registerIds: z.array(Id),
    categories: z.array(ThreatCategory),
    minimumScore: z.number().int().nonnegative(),
    countryCodes: z.array(CountryCode),
  }),
  exports: z.array(BriefingExport),
  ...Timestamps,
});
export type Briefing = z.infer<typeof Briefing>;
