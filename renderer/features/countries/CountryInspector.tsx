import type { Country, FactSource } from '../../../shared/domain/country';
import { formatNumber } from '../../ui/format';
import { borderText } from './CompareTable';
import { History } from './History';
import type { CountriesData } from './useCountriesData';

/** A country's reference facts with every source, and the history of the analyst's notes, stance and overrides. */
export function CountryInspector({ country, data }: { country: Country; data: CountriesData }) {
  const f = country.facts;
  const name = data.name(country.code);
  const rows: [string, string, FactSource[]][] = [
    ['Capital', f.capital.name, f.capital.sources],
    ['Population', f.population.text, f.population.sources],
    ['Area', `${formatNumber(f.areaKm2.total)} km²`, f.areaKm2.sources],
    ['Land boundaries', `${formatNumber(f.landBoundariesTotalKm.value)} km`, f.landBoundariesTotalKm.sources],
    ['Border with Afghanistan', borderText(country), f.borderWithAfghanistanKm.sources],
    ['Sub-region', f.subregion.value, f.subregion.sources],
  ];
  const threatTitle = (entityId: string) =>
    data.threats.find((t) => entityId.endsWith(`:${t.id}`))?.title ?? 'a threat in another register';
  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">Country</h2>
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
                {s.via && <span className="muted"> (via {s.via})</span>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {f.borderWithAfghanistanKm.alternatives.length > 0 && (
        <div className="fact-block">
          <h3>Other published border lengths</h3>
          <ul className="sources">
            {f.borderWithAfghanistanKm.alternatives.map((a) => (
              <li key={a.publication}>
                {formatNumber(a.value)} km — {a.publication}
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
            label: (r) => `override of “${threatTitle(r.entityId)}”`,
            verbs: { create: 'set', delete: 'removed' },
          },
        ]}
        empty="No notes, stance or overrides recorded yet."
      />
    </div>
  );
}
