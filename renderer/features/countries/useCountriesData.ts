import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Country } from '../../../shared/domain/country';
import {
  countryExposure,
  indexOverrides,
  type CountryExposure,
  type ExposureOverride,
} from '../../../shared/domain/exposure';
import { DEFAULT_SCALE } from '../../../shared/domain/scoring';
import type { Source } from '../../../shared/domain/source';
import type { Register, RiskScale, Threat } from '../../../shared/domain/threat';
import { db } from '../../db';
import { inDocumentOrder } from '../../db/annotations';
import { readComparison } from '../../db/countries';
import { useWorkbench } from '../../stores';
import { countryName, mentionsCountry } from './names';

/** A country's passages: coded with it, or naming it (or its people) in the quote without being coded. */
export interface CountryPassages {
  linked: Annotation[];
  mentioning: Annotation[];
}

export interface CountriesData {
  countries: Country[];
  byCode: Map<string, Country>;
  compared: string[];
  registers: Register[];
  register: Register | undefined;
  scale: RiskScale;
  threats: Threat[];
  overrides: Map<string, ExposureOverride>;
  exposures: Map<string, CountryExposure<Threat>>;
  annotations: Annotation[];
  sources: Map<string, Source>;
  passagesOf: (code: string) => CountryPassages;
  name: (code: string) => string;
}

export function passagesFor(annotations: readonly Annotation[], code: string): CountryPassages {
  const linked: Annotation[] = [];
  const mentioning: Annotation[] = [];
  for (const a of annotations) {
    if (a.countryCodes.includes(code)) linked.push(a);
    else if (mentionsCountry(a.quote.exact, code)) mentioning.push(a);
  }
  // Passages about this country first (coded with fewer countries), then in reading order.
  const reading = (a: Annotation, b: Annotation) => a.sourceId.localeCompare(b.sourceId) || inDocumentOrder(a, b);
  linked.sort((a, b) => a.countryCodes.length - b.countryCodes.length || reading(a, b));
  mentioning.sort(reading);
  return { linked, mentioning };
}

/** The evidence of a country × threat cell: passages linked to the threat and linked to or naming the country. */
export function cellEvidence(annotations: readonly Annotation[], threatId: string, code: string): CountryPassages {
  return passagesFor(
    annotations.filter((a) => a.threatIds.includes(threatId)),
    code,
  );
}

/** Everything the Countries view shows, live from the database. */
export function useCountriesData(): CountriesData | undefined {
  const { registerId, selectRegister, language } = useWorkbench(
    useShallow((s) => ({
      registerId: s.selectedRegisterId,
      selectRegister: s.selectRegister,
      language: s.countryNames,
    })),
  );
  const countries = useLiveQuery(() => db.countries.toArray());
  const compared = useLiveQuery(() => readComparison(db));
  const registers = useLiveQuery(() => db.registers.orderBy('name').toArray());
  const register = registers?.find((r) => r.id === registerId) ?? registers?.find((r) => !r.archived) ?? registers?.[0];
  useEffect(() => {
    if (register && register.id !== registerId) selectRegister(register.id);
  }, [register, registerId, selectRegister]);
  const threats = useLiveQuery(
    async () => (register ? db.threats.where('registerId').equals(register.id).toArray() : []),
    [register?.id],
  );
  const overrideList = useLiveQuery(() => db.exposureOverrides.toArray());
  const annotations = useLiveQuery(() => db.annotations.toArray());
  const sourceList = useLiveQuery(() => db.sources.toArray());

  const byCode = useMemo(() => new Map((countries ?? []).map((c) => [c.code, c])), [countries]);
  const name = useCallback((code: string) => countryName(code, language, byCode.get(code)?.name), [language, byCode]);
  const scale = register?.scale ?? DEFAULT_SCALE;
  const overrides = useMemo(() => indexOverrides(overrideList ?? []), [overrideList]);
  const exposures = useMemo(
    () => new Map((countries ?? []).map((c) => [c.code, countryExposure(c.code, threats ?? [], overrides, scale)])),
    [countries, threats, overrides, scale],
  );
  const sources = useMemo(() => new Map((sourceList ?? []).map((s) => [s.id, s])), [sourceList]);
  const passages = useMemo(() => {
    const cache = new Map<string, CountryPassages>();
    return (code: string) => {
      let found = cache.get(code);
      if (!found) {
        found = passagesFor(annotations ?? [], code);
        cache.set(code, found);
      }
      return found;
    };
  }, [annotations]);

  if (!countries || !compared || !registers || !threats || !overrideList || !annotations || !sourceList)
    return undefined;
  return {
    countries,
    byCode,
    compared,
    registers,
    register,
    scale,
    threats,
    overrides,
    exposures,
    annotations,
    sources,
    passagesOf: passages,
    name,
  };
}
