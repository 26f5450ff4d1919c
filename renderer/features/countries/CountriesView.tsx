import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { compareExposure, exposureFor } from '../../../shared/domain/exposure';
import { THREAT_CATEGORIES, type ThreatCategory } from '../../../shared/domain/threat';
import { COMPARISON_ENTITY_ID, COMPARISON_KEY, MAX_COMPARED, MIN_COMPARED } from '../../db/countries';
import { useWorkbench } from '../../stores';
import type { NameLanguage } from '../../stores/countries';
import { CellInspector } from './CellInspector';
import { CompareTable } from './CompareTable';
import { moveCompared, swapCompared, toggleCompared } from './comparison';
import { CountryInspector } from './CountryInspector';
import { CountryMap } from './CountryMap';
import { History } from './History';
import { categoryLabel } from './labels';
import { ThreatMatrix } from './ThreatMatrix';
import { useCountriesData } from './useCountriesData';
import { useCountryActions } from './useCountryActions';
import './countries.css';

const LANGUAGES: { id: NameLanguage; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'ru', label: 'Русский' },
];

/**
 * Countries side by side: the regional map coloured by exposure above 2–4 aligned columns (facts,
 * exposure, top threats, passages, stance and notes), and the country × threat matrix as a tab. What is
 * compared, in what order, notes and overrides are kept in IndexedDB with their history.
 */
export function CountriesView() {
  const data = useCountriesData();
  const ui = useWorkbench(
    useShallow((s) => ({
      language: s.countryNames,
      setLanguage: s.setCountryNames,
      category: s.mapCategory,
      setCategory: s.setMapCategory,
      tab: s.countriesTab,
      setTab: s.setCountriesTab,
      cell: s.countryCell,
      openCell: s.openCountryCell,
      selectedCode: s.selectedCountryCode,
      selectRegister: s.selectRegister,
    })),
  );
  const name = useMemo(() => data?.name ?? ((code: string) => code), [data?.name]);
  const actions = useCountryActions(name);
  const [message, setMessage] = useState<string | null>(null);
  // A country chosen elsewhere (the palette) shows in the inspector in place of an open cell.
  const { openCell } = ui;
  useEffect(() => {
    if (ui.selectedCode) openCell(null);
  }, [ui.selectedCode, openCell]);

  const ranking = useMemo(() => {
    if (!data) return [];
    return data.countries
      .map((c) => ({ code: c.code, exposure: exposureFor(data.exposures.get(c.code)!, ui.category) }))
      .sort((a, b) => compareExposure(a.exposure, b.exposure) || name(a.code).localeCompare(name(b.code)));
  }, [data, ui.category, name]);

  if (!data) return null;
  if (data.countries.length === 0) {
    return (
      <section className="pane empty empty-large" aria-labelledby="countries-heading">
        <h1 id="countries-heading" className="empty-title">
          No countries in this workspace
        </h1>
      </section>
    );
  }

  const change = (codes: string[], label: string) => {
    setMessage(null);
    void actions.compare(codes, label).catch(() => undefined);
  };
  const toggle = (code: string) => {
    const result = toggleCompared(data.compared, code, name);
    if ('refused' in result) {
      setMessage(result.refused);
      return;
    }
    change(
      result.codes,
      data.compared.includes(code) ? `take ${name(code)} out of the comparison` : `compare ${name(code)}`,
    );
  };
  const others = data.countries
    .filter((c) => !data.compared.includes(c.code))
    .sort((a, b) => name(a.code).localeCompare(name(b.code)));
  const cellThreat = ui.cell ? data.threats.find((t) => t.id === ui.cell!.threatId) : undefined;
  const inspected = ui.selectedCode ? data.byCode.get(ui.selectedCode) : undefined;

  return (
    <div className="split split-inspector countries-view">
      <section className="pane countries-main" aria-labelledby="countries-heading">
        <header className="pane-header">
          <div>
            <h1 id="countries-heading">Countries</h1>
            <p className="muted small">
              {data.compared.map(name).join(' · ')} — {data.compared.length} of {MAX_COMPARED}
            </p>
          </div>
          <div className="button-row">
            {data.registers.length > 1 && (
              <label className="inline-field">
                Register
                <select
                  aria-label="Register"
                  value={data.register?.id ?? ''}
                  onChange={(e) => ui.selectRegister(e.target.value)}
                >
                  {data.registers.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                      {r.archived ? ' (archived)' : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <fieldset className="segmented">
              <legend className="visually-hidden">Country names</legend>
              {LANGUAGES.map((l) => (
                <label key={l.id} className={ui.language === l.id ? 'checked' : undefined}>
                  <input
                    type="radio"
                    name="country-names"
                    value={l.id}
                    checked={ui.language === l.id}
                    onChange={() => ui.setLanguage(l.id)}
                    aria-label={`Country names in ${l.id === 'en' ? 'English' : 'Russian'}`}
                  />
                  {l.label}
                </label>
              ))}
            </fieldset>
          </div>
        </header>
        <div className="countries-scroll">
          <div className="countries-top">
            <CountryMap
              countries={data.countries}
              name={name}
              exposures={data.exposures}
              category={ui.category}
              scale={data.scale}
              compared={data.compared}
              onToggle={toggle}
            />
            <div className="countries-controls">
              <div className="field-row">
                <label className="inline-field">
                  Colour by
                  <select
                    aria-label="Colour the map by"
                    value={ui.category}
                    onChange={(e) => ui.setCategory(e.target.value as ThreatCategory | 'all')}
                  >
                    <option value="all">All threats (overall)</option>
                    {THREAT_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {categoryLabel(c)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="inline-field">
                  Add
                  <select
                    aria-label="Add a country"
                    value=""
                    onChange={(e) => {
                      if (e.target.value) toggle(e.target.value);
                    }}
                  >
                    <option value="">Add a country…</option>
                    {others.map((c) => (
                      <option key={c.code} value={c.code}>
                        {name(c.code)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <p className="muted small">
                Click a country on the map, or Tab to it and press Enter, to add it or take it out. {MIN_COMPARED} to{' '}
                {MAX_COMPARED} countries side by side; move and swap columns from their headers.
              </p>
              <p className={message ? 'limit-message' : 'visually-hidden'} role="status">
                {message}
              </p>
              <h2 className="ranking-title">
                Ranking · {ui.category === 'all' ? 'overall' : categoryLabel(ui.category).toLowerCase()}
              </h2>
              <ol
                className="ranking"
                aria-label={`Exposure ranking, ${ui.category === 'all' ? 'overall' : categoryLabel(ui.category).toLowerCase()}`}
              >
                {ranking.map(({ code, exposure }) => (
                  <li key={code} className={data.compared.includes(code) ? 'compared' : undefined}>
                    {exposure.score != null ? (
                      <span className={`band band-${exposure.band}`}>{exposure.score}</span>
                    ) : (
                      <span className="band band-none">–</span>
                    )}
                    <span className="ranking-name">{name(code)}</span>
                    {exposure.overridden && (
                      <span className="override-mark" title="Overridden" aria-label="overridden">
                        ✎
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <div className="tabs" role="tablist" aria-label="Countries">
            <button
              type="button"
              role="tab"
              id="countries-tab-compare"
              aria-controls="countries-panel"
              aria-selected={ui.tab === 'compare'}
              onClick={() => ui.setTab('compare')}
            >
              Side by side
            </button>
            <button
              type="button"
              role="tab"
              id="countries-tab-matrix"
              aria-controls="countries-panel"
              aria-selected={ui.tab === 'matrix'}
              onClick={() => ui.setTab('matrix')}
            >
              Country × threat matrix
            </button>
          </div>
          <div
            className="countries-panel"
            id="countries-panel"
            role="tabpanel"
            aria-labelledby={`countries-tab-${ui.tab}`}
          >
            {ui.tab === 'compare' ? (
              <CompareTable
                data={data}
                onMove={(code, by) =>
                  change(moveCompared(data.compared, code, by), `move ${name(code)} ${by < 0 ? 'left' : 'right'}`)
                }
                onSwap={(out, replacement) =>
                  change(swapCompared(data.compared, out, replacement), `swap ${name(out)} for ${name(replacement)}`)
                }
                onRemove={toggle}
                onEditCountry={(code, patch) => actions.editCountry(code, patch)}
              />
            ) : (
              <ThreatMatrix data={data} />
            )}
          </div>
        </div>
      </section>
      <aside className="pane inspector" aria-label="Inspector">
        {cellThreat && ui.cell ? (
          <CellInspector
            data={data}
            threat={cellThreat}
            code={ui.cell.countryCode}
            onOverride={(input) => actions.override(ui.cell!.countryCode, cellThreat.id, cellThreat.title, input)}
          />
        ) : inspected ? (
          <CountryInspector country={inspected} data={data} />
        ) : (
          <div className="inspector-body">
            <p className="muted">
              Choose a country’s name to see the sources of its figures and its history, or a matrix cell (or a top
              threat) for its evidence and a per-country override.
            </p>
            <History
              sources={[
                {
                  entity: 'meta',
                  entityId: COMPARISON_KEY,
                  verbs: { create: 'comparison chosen', delete: 'back to the default comparison' },
                },
                { entity: 'comparison', entityId: COMPARISON_ENTITY_ID },
              ]}
              title="Comparison history"
              empty="The default comparison: no changes yet."
            />
          </div>
        )}
      </aside>
    </div>
  );
}
