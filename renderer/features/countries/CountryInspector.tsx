import type { Country, FactSource } from '../../../shared/domain/country';
import { useT } from '../../i18n';
import { formatNumber } from '../../ui/format';
import { borderText } from './CompareTable';
import { History } from './History';
import type { CountriesData } from './useCountriesData';

/** A country's reference facts with every source, and the history of the analyst's notes, stance and overrides. */
export function CountryInspector({ country, data }: { country: Country; data: CountriesData }) {
  const t = useT();
  const f = country.facts;
  const name = data.name(country.code);
  const rows: [string, string, FactSource[]][] = [
    [t('countries.compare.capital'), f.capital.name, f.capital.sources],
    [t('countries.compare.population'), f.population.text, f.population.sources],
    [
      t('countries.compare.area'),
      t('countries.compare.km2', { value: formatNumber(f.areaKm2.total) }),
      f.areaKm2.sources,
    ],
    [
      t('countries.compare.boundaries'),
      t('countries.compare.km', { value: formatNumber(f.landBoundariesTotalKm.value) }),
      f.landBoundariesTotalKm.sources,
    ],
    [t('countries.compare.afghanBorder'), borderText(country), f.borderWithAfghanistanKm.sources],
    [t('countries.compare.subregion'), f.subregion.value, f.subregion.sources],
  ];
  const threatTitle = (entityId: string) =>
    data.threats.find((threat) => entityId.endsWith(`:${threat.id}`))?.title ?? t('countries.otherRegisterThreat');
  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">{t('countries.kicker')}</h2>
      <p className="inspector-title">
        {name} <span className="code">{country.code}</span>
      </p>
      {name !== country.name && <p className="muted small">{country.name}</p>}
      {rows.map(([label, value, sources]) => (
        <div key={label} className="fact-block">
          <h3>{label}</h3>
          <p>{value}</p>
          <ul className="sources">
            {sources.map((s) => (
              <li key={s.publication + (s.via ?? '')}>
                {s.url ? <span title={s.url}>{s.publication}</span> : s.publication}
                {s.via && <span className="muted"> {t('countries.viaNote', { via: s.via })}</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {f.borderWithAfghanistanKm.alternatives.length > 0 && (
        <div className="fact-block">
          <h3>{t('countries.otherBorders')}</h3>
          <ul className="sources">
            {f.borderWithAfghanistanKm.alternatives.map((a) => (
              <li key={a.publication}>
                {t('countries.alternativeBorder', { value: formatNumber(a.value), publication: a.publication })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <History
        sources={[
          { entity: 'country', entityId: country.code },
          {
            entity: 'exposureOverride',
            prefix: `${country.code}:`,
            label: (r) => t('countries.overrideOf', { title: threatTitle(r.entityId) }),
            verbs: { create: t('countries.overrideSet'), delete: t('countries.overrideRemoved') },
          },
        ]}
        empty={t('countries.noCountryHistory')}
      />
    </div>
  );
}
