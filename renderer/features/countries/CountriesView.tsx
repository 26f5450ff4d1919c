import { useLiveQuery } from 'dexie-react-hooks';
import type { Country, FactSource } from '../../../shared/domain/country';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import { formatNumber } from '../common/format';

function citation(sources: FactSource[]): string {
  return sources.length ? `Source: ${sources.map((s) => s.publication).join('; ')}` : 'No source recorded';
}

function Figure({ value, sources }: { value: string; sources: FactSource[] }) {
  return (
    <span className="figure" title={citation(sources)}>
      {value}
    </span>
  );
}

function borderText(country: Country): string {
  const border = country.facts.borderWithAfghanistanKm.value;
  if (border === null) return '—';
  return border === 0 ? 'none' : `${formatNumber(border)} km`;
}

export function CountriesView() {
  const countries = useLiveQuery(() => db.countries.toArray());
  const selectedCode = useWorkbench((s) => s.selectedCountryCode);
  const select = useWorkbench((s) => s.selectCountry);
  if (!countries) return null;
  const selected = countries.find((c) => c.code === selectedCode);

  return (
    <div className="split split-inspector">
      <section className="pane" aria-labelledby="countries-heading">
        <header className="pane-header">
          <h1 id="countries-heading">Countries</h1>
        </header>
        {countries.length === 0 ? (
          <div className="empty">
            <p>No countries in this workspace.</p>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="grid" aria-label="Countries">
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col">Capital</th>
                  <th scope="col" className="num">Population</th>
                  <th scope="col" className="num">Area, km²</th>
                  <th scope="col" className="num">Border with Afghanistan</th>
                  <th scope="col">Sub-region</th>
                </tr>
              </thead>
              <tbody>
                {countries.map((c) => (
                  <tr key={c.code} aria-selected={c.code === selectedCode} tabIndex={0} onClick={() => select(c.code)} onKeyDown={(e) => e.key === 'Enter' && select(c.code)}>
                    <td className="title-cell">
                      <span className="code">{c.code}</span> {c.name}
                    </td>
                    <td>
                      <Figure value={c.facts.capital.name} sources={c.facts.capital.sources} />
                    </td>
                    <td className="num">
                      <Figure value={`${formatNumber(c.facts.population.value)} (${c.facts.population.year})`} sources={c.facts.population.sources} />
                    </td>
                    <td className="num">
                      <Figure value={formatNumber(c.facts.areaKm2.total)} sources={c.facts.areaKm2.sources} />
                    </td>
                    <td className="num">
                      <Figure value={borderText(c)} sources={c.facts.borderWithAfghanistanKm.sources} />
                    </td>
                    <td>{c.facts.subregion.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <aside className="pane inspector" aria-label="Inspector">
        {selected ? <CountryInspector country={selected} /> : <p className="muted empty">Select a country to see the sources of its figures.</p>}
      </aside>
    </div>
  );
}

function CountryInspector({ country }: { country: Country }) {
  const f = country.facts;
  const rows: [string, string, FactSource[]][] = [
    ['Capital', f.capital.name, f.capital.sources],
    ['Population', f.population.text, f.population.sources],
    ['Area', `${formatNumber(f.areaKm2.total)} km²`, f.areaKm2.sources],
    ['Land boundaries', `${formatNumber(f.landBoundariesTotalKm.value)} km`, f.landBoundariesTotalKm.sources],
    ['Border with Afghanistan', borderText(country), f.borderWithAfghanistanKm.sources],
  ];
  return (
    <div className="inspector-body">
      <h2 className="inspector-kicker">Country</h2>
      <p className="inspector-title">
        {country.name} <span className="code">{country.code}</span>
      </p>
      {rows.map(([label, value, sources]) => (
        <div key={label} className="fact-block">
          <h3>{label}</h3>
          <p>{value}</p>
          <ul className="sources">
            {sources.map((s) => (
              <li key={s.publication + (s.via ?? '')}>
                {s.publication}
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
    </div>
  );
}
