import { z } from 'zod';
import { CountryCode, Instant } from './primitives';

/** Where a figure comes from: a publication, its address and, if read from a machine copy, which. */
export const FactSource = z.object({
  publication: z.string().min(1),
  url: z.string(),
  via: z.string().optional(),
});
export type FactSource = z.infer<typeof FactSource>;

const sourced = <T extends z.ZodType>(value: T) => z.object({ value, sources: z.array(FactSource) });

/** Reference facts of a country, each figure with its sources (see data/reference/README.md). */
export const CountryFacts = z.object({
  alpha3: z.string().regex(/^[A-Z]{3}$/),
  numeric: z.string().regex(/^\d{3}$/),
  subregion: sourced(z.string()),
  capital: z.object({
    name: z.string(),
    lat: z.number(),
    lon: z.number(),
    sources: z.array(FactSource),
  }),
  population: z.object({
    value: z.number().int().positive(),
    year: z.number().int(),
    text: z.string(),
    sources: z.array(FactSource),
  }),
  areaKm2: z.object({ total: z.number().positive(), sources: z.array(FactSource) }),
  landBoundariesTotalKm: sourced(z.number().nonnegative()),
  /** Null for Afghanistan itself. */
  borderWithAfghanistanKm: z.object({
    value: z.number().nonnegative().nullable(),
    alternatives: z.array(z.object({ value: z.number(), publication: z.string(), url: z.string() })),
    sources: z.array(FactSource),
  }),
});
export type CountryFacts = z.infer<typeof CountryFacts>;

/** A country as the analyst sees it: reference facts plus their own notes and stance. */
export const Country = z.object({
  code: CountryCode,
  name: z.string().min(1),
  facts: CountryFacts,
  notes: z.string().max(200_000),
  stance: z.string().max(20_000),
  updatedAt: Instant,
});
export type Country = z.infer<typeof Country>;
