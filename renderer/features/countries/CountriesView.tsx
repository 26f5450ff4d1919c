import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { compareExposure, exposureFor } from '../../../shared/domain/exposure';
import { THREAT_CATEGORIES, type ThreatCategory } from '../../../shared/domain/threat';
import { COMPARISON_ENTITY_ID, COMPARISON_KEY, MAX_COMPARED, MIN_COMPARED } from '../../db/countries';
import { useT } from '../../i18n';
import { INSPECTOR_WIDTH, useWorkbench } from '../../stores';
import { PaneResizer } from '../../ui/PaneResizer';
import { PaneToggle } from '../../ui/PaneToggle';
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
import { focusStaysInView } from '../../ui/focus-stays-in-view';

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
  const t = useT();
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
      panes: s.sidePanes,
      setPanes: s.setSidePanes,
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
  // A folded inspector opens again with the next country or cell chosen.
  const { setPanes } = ui;
  useEffect(() => {
    if (ui.selectedCode || ui.cell) setPanes({ countryInspectorOpen: true });
  }, [ui.selectedCode, ui.cell, setPanes]);

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
          {t('countries.emptyTitle')}
        </h1>
        <p className="muted">{t('countries.emptyBody')}</p>
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
      t(data.compared.includes(code) ? 'labels.uncompareCountry' : 'labels.compareCountry', { name: name(code) }),
    );
  };
  const others = data.countries
    .filter((c) => !data.compared.includes(c.code))
    .sort((a, b) => name(a.code).localeCompare(name(b.code)));
  const cellThreat = ui.cell ? data.threats.find((t) => t.id === ui.cell!.threatId) : undefined;
  const inspected = ui.selectedCode ? data.byCode.get(ui.selectedCode) : undefined;

  return (
    <div
      className={`split split-inspector countries-view${ui.panes.countryInspectorOpen ? '' : ' inspector-closed'}`}
      style={{ '--inspector-width': `${ui.panes.countryInspectorWidth}px` } as CSSProperties}
    >
      <section className="pane countries-main" aria-labelledby="countries-heading">
        <header className="pane-header">
          <div>
            <h1 id="countries-heading">{t('views.countries')}</h1>
            <p className="muted small">
              {t('countries.comparedOf', {
                names: data.compared.map(name).join(' · '),
                count: data.compared.length,
                max: MAX_COMPARED,
              })}
            </p>
          </div>
          <div className="button-row">
            {data.registers.length > 1 && (
              <label className="inline-field">
                {t('countries.register')}
                <select
                  aria-label={t('countries.register')}
                  value={data.register?.id ?? ''}
                  onChange={(e) => ui.selectRegister(e.target.value)}
                >
                  {data.registers.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                      {r.archived ? t('countries.archived') : ''}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <fieldset className="segmented">
              <legend className="visually-hidden">{t('countries.names')}</legend>
              {LANGUAGES.map((l) => (
                <label key={l.id} className={ui.language === l.id ? 'checked' : undefined}>
                  <input
                    type="radio"
                    name="country-names"
                    value={l.id}
                    checked={ui.language === l.id}
                    onChange={() => ui.setLanguage(l.id)}
                    aria-label={t(`countries.namesIn.${l.id}`)}
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
                  {t('countries.colourBy')}
                  <select
                    aria-label={t('countries.colourMapBy')}
                    value={ui.category}
                    onChange={(e) => ui.setCategory(e.target.value as ThreatCategory | 'all')}
                  >
                    <option value="all">{t('countries.allThreats')}</option>
                    {THREAT_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {categoryLabel(c)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="inline-field">
                  {t('countries.add')}
                  <select
                    aria-label={t('countries.addCountry')}
                    value=""
                    onChange={(e) => {
                      if (e.target.value) toggle(e.target.value);
                    }}
                  >
                    <option value="">{t('countries.addCountryOption')}</option>
                    {others.map((c) => (
                      <option key={c.code} value={c.code}>
                        {name(c.code)}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <p className="muted small">{t('countries.howTo', { min: MIN_COMPARED, max: MAX_COMPARED })}</p>
              <p className={message ? 'limit-message' : 'visually-hidden'} role="status">
                {message}
              </p>
              <h2 className="ranking-title">
                {t('countries.ranking', {
                  category: ui.category === 'all' ? t('countries.overall') : categoryLabel(ui.category).toLowerCase(),
                })}
              </h2>
              <ol
                className="ranking"
                aria-label={t('countries.rankingLabel', {
                  category: ui.category === 'all' ? t('countries.overall') : categoryLabel(ui.category).toLowerCase(),
                })}
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
                      <span
                        className="override-mark"
                        title={t('countries.overridden')}
                        aria-label={t('countries.overriddenMark')}
                      >
                        ✎
                      </span>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <div className="tabs" role="tablist" aria-label={t('countries.tabs')}>
            <button
              type="button"
              role="tab"
              id="countries-tab-compare"
              aria-controls="countries-panel"
              aria-selected={ui.tab === 'compare'}
              onClick={() => ui.setTab('compare')}
            >
              {t('countries.sideBySide')}
            </button>
            <button
              type="button"
              role="tab"
              id="countries-tab-matrix"
              aria-controls="countries-panel"
              aria-selected={ui.tab === 'matrix'}
              onClick={() => ui.setTab('matrix')}
            >
              {t('countries.matrix')}
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
                  change(
                    moveCompared(data.compared, code, by),
                    t('labels.moveCountry', { name: name(code), direction: by < 0 ? 'left' : 'right' }),
                  )
                }
                onSwap={(out, replacement) =>
                  change(
                    swapCompared(data.compared, out, replacement),
                    t('labels.swapCountry', { out: name(out), replacement: name(replacement) }),
                  )
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
      {ui.panes.countryInspectorOpen ? (
        <PaneResizer
          label={t('countries.inspector')}
          name={t('panes.resizeInspector')}
          side="right"
          width={ui.panes.countryInspectorWidth}
          min={INSPECTOR_WIDTH.min}
          max={INSPECTOR_WIDTH.max}
          onResize={(countryInspectorWidth) => setPanes({ countryInspectorWidth })}
        />
      ) : (
        <div className="pane-strip pane-strip-right">
          <PaneToggle
            id="toggle-country-inspector"
            label={t('countries.inspector')}
            open={false}
            side="right"
            onToggle={() => setPanes({ countryInspectorOpen: true })}
          />
        </div>
      )}
      <aside
        className="pane inspector"
        aria-label={t('countries.inspector')}
        hidden={!ui.panes.countryInspectorOpen}
        ref={focusStaysInView}
      >
        {ui.panes.countryInspectorOpen && (
          <div className="inspector-fold">
            <PaneToggle
              id="toggle-country-inspector"
              label={t('countries.inspector')}
              open
              side="right"
              onToggle={() => setPanes({ countryInspectorOpen: false })}
            />
          </div>
        )}
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
            <p className="muted">{t('countries.inspectorHelp')}</p>
            <History
              sources={[
                {
                  entity: 'meta',
                  entityId: COMPARISON_KEY,
                  verbs: { create: t('countries.comparisonChosen'), delete: t('countries.comparisonDefault') },
                },
                { entity: 'comparison', entityId: COMPARISON_ENTITY_ID },
              ]}
              title={t('countries.historyTitle')}
              empty={t('countries.historyEmpty')}
            />
          </div>
        )}
      </aside>
    </div>
  );
}
