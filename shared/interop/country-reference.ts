import { z } from 'zod';
import { Country, FactSource } from '../domain/country';

/** The shape of `data/reference/countries.json` (compiled facts, each figure with its sources). */
const sourced = <T extends z.ZodType>(value: T) => z.object({ value, sources: z.array(FactSource) });

const ReferenceCountry = z.object({
  name: z.string().min(1),
  iso3166_1: z.object({ alpha2: z.string(), alpha3: z.string(), numeric: z.string(), sources: z.array(FactSource) }),
  unM49SubRegion: sourced(z.string()),
  capital: z.object({ name: z.string(), lat: z.number(), lon: z.number(), sources: z.array(FactSource) }),
  population: z.object({ value: z.number(), year: z.number(), text: z.string(), sources: z.array(FactSource) }),
  areaKm2: z.object({ total: z.number(), sources: z.array(FactSource) }),
  landBoundariesTotalKm: sourced(z.number()),
  borderWithAfghanistanKm: z.object({
    value: z.number().nullable(),
    alternatives: z.array(z.object({ value: z.number(), publication: z.string(), url: z.string() })).nullish(),
    sources: z.array(FactSource),
  }),
});

export const CountryReferenceFile = z.object({
  compiledOn: z.string(),
  countries: z.array(ReferenceCountry).min(1),
});
export type CountryReferenceFile = z.infer<typeof CountryReferenceFile>;

/** Turns the reference file into Country records with empty notes, ready for the analyst. */
export function countriesFromReference(file: CountryReferenceFile, now: string): Country[] {
  return file.countries.map((c) =>
    Country.parse({
      code: c.iso3166_1.alpha2,
      name: c.name,
      facts: {
        alpha3: c.iso3166_1.alpha3,
        numeric: c.iso3166_1.numeric,
        subregion: c.unM49SubRegion,
        capital: c.capital,
        population: c.population,
        areaKm2: c.areaKm2,
        landBoundariesTotalKm: c.landBoundariesTotalKm,
        borderWithAfghanistanKm: {
          value: c.borderWithAfghanistanKm.value,
          alternatives: c.borderWithAfghanistanKm.alternatives ?? [],
          sources: c.borderWithAfghanistanKm.sources,
        },
      },
      notes: '',
      stance: '',
      updatedAt: now,
    }),
  );
}
