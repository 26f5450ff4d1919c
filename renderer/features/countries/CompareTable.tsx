import type { ReactNode } from 'react';
import { focusWhenPresent } from '../desktop';
import type { Annotation } from '../../../shared/domain/annotation';
import type { Country, FactSource } from '../../../shared/domain/country';
import type { CategoryExposure, ThreatExposure } from '../../../shared/domain/exposure';
import { THREAT_CATEGORIES, type Threat } from '../../../shared/domain/threat';
import { t } from '../../i18n';
import { useWorkbench } from '../../stores';
import { formatNumber } from '../../ui/format';
import { FormattedNote } from './FormattedNote';
import { categoryLabel, trendArrow } from './labels';
import type { CountriesData } from './useCountriesData';

const TOP_THREATS = 5;
const PASSAGES_SHOWN = 3;

export function sourceNote(sources: FactSource[]): string {
  return sources.length
    ? t('countries.compare.source', {
        sources: sources
          .map((s) => (s.via ? t('countries.compare.via', { publication: s.publication, via: s.via }) : s.publication))
          .join('; '),
      })
    : t('countries.compare.noSource');
}

function Figure({ value, sources }: { value: string; sources: FactSource[] }) {
  return (
    <span className="figure" title={sourceNote(sources)}>
      {value}
    </span>
  );
}

export function borderText(country: Country): string {
  const border = country.facts.borderWithAfghanistanKm.value;
  if (border === null) return '—';
  return border === 0 ? t('countries.compare.noBorder') : t('countries.compare.km', { value: formatNumber(border) });
}

export function ExposureBadge({ exposure, what }: { exposure: CategoryExposure<Threat>; what: string }) {
  if (exposure.score === null || !exposure.band) return <span className="muted">—</span>;
  const n = exposure.threats.length;
  const worst = exposure.threats[0]!;
  const title = [
    t('countries.exposureTitle', { what, score: exposure.score, band: t(`register.band.${exposure.band}`), count: n }),
    ...exposure.threats.map((e) => `${e.score}${e.override ? '*' : ''} ${e.threat.title}`),
    ...(exposure.overridden ? [t('countries.overriddenNote', { score: exposure.baseScore })] : []),
  ].join('\n');
  return (
    <span className="exposure" title={title}>
      <span className={`band band-${exposure.band}`}>{exposure.score}</span>
      <span className="exposure-count muted">{t('countries.threatCount', { count: n })}</span>
      {exposure.overridden && (
        <span
          className="badge override"
          title={
            worst.override
              ? t('countries.compare.overriddenWhy', { rationale: worst.override.rationale })
              : t('countries.compare.overridesChanged')
          }
        >
          {t('countries.overriddenMark')}
        </span>
      )}
    </span>
  );
}

interface ColumnProps {
  data: CountriesData;
  onMove: (code: string, by: -1 | 1) => void;
  onSwap: (out: string, replacement: string) => void;
  onRemove: (code: string) => void;
  onEditCountry: (code: string, patch: { notes?: string; stance?: string }) => Promise<unknown>;
}

function ThreatLine({ e, code, countryName }: { e: ThreatExposure<Threat>; code: string; countryName: string }) {
  const open = useWorkbench((s) => s.openCountryCell);
  return (
    <li>
      <button
        type="button"
        className="threat-line"
        title={
          e.override
            ? t('countries.compare.threatOverridden', { title: e.threat.title, rationale: e.override.rationale })
            : e.threat.title
        }
        onClick={() => open({ threatId: e.threat.id, countryCode: code })}
        aria-label={t('countries.compare.threatLine', {
          title: e.threat.title,
          country: countryName,
          score: e.score,
          band: t(`register.band.${e.band}`),
          trend: t(`register.trend.${e.threat.trend}`),
          overridden: e.override !== null,
        })}
      >
        <span className={`band band-${e.band}`}>{e.score}</span>
        <span className={`trend trend-${e.threat.trend}`} aria-hidden="true">
          {trendArrow(e.threat.trend)}
        </span>
        <span className="threat-line-title">{e.threat.title}</span>
        {e.override && (
          <span
            className="override-mark"
            title={t('countries.compare.overriddenWhy', { rationale: e.override.rationale })}
            aria-hidden="true"
          >
            ✎
          </span>
        )}
      </button>
    </li>
  );
}

function Quote({ annotation, data }: { annotation: Annotation; data: CountriesData }) {
  const source = data.sources.get(annotation.sourceId);
  return (
    <li>
      <span className="compare-quote" dir="auto">
        {annotation.quote.exact}
      </span>
      {source && <span className="muted small"> — {source.author || source.title}</span>}
    </li>
  );
}

/**
 * One column per compared country, aligned row by row: reference facts (the source of each figure on
 * hover), exposure per threat category, the top threats, passages, and the analyst's stance and notes.
 */
export function CompareTable({ data, onMove, onSwap, onRemove, onEditCountry }: ColumnProps) {
  const select = useWorkbench((s) => s.selectCountry);
  const open = useWorkbench((s) => s.openCountryCell);
  const selected = useWorkbench((s) => s.selectedCountryCode);
  const retrieve = useWorkbench((s) => s.retrieve);
  const columns = data.compared.flatMap((code) => {
    const country = data.byCode.get(code);
    const exposure = data.exposures.get(code);
    return country && exposure ? [{ code, country, exposure, name: data.name(code) }] : [];
  });
  const others = data.countries
    .filter((c) => !data.compared.includes(c.code))
    .sort((a, b) => data.name(a.code).localeCompare(data.name(b.code)));

  const factRow = (label: string, cell: (country: Country) => ReactNode) => (
    <tr>
      <th scope="row">{label}</th>
      {columns.map(({ code, country }) => (
        <td key={code}>{cell(country)}</td>
      ))}
    </tr>
  );

  return (
    <table className="compare" aria-label={t('countries.compare.label')}>
      <colgroup>
        <col className="compare-label-col" />
        {columns.map(({ code }) => (
          <col key={code} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <td className="compare-corner" />
          {columns.map(({ code, name }, i) => (
            <th
              key={code}
              scope="col"
              aria-label={name}
              data-code={code}
              aria-current={selected === code ? 'true' : undefined}
            >
              <div className="compare-head">
                <button
                  type="button"
                  className="country-name"
                  onClick={() => {
                    open(null);
                    select(code);
                  }}
                  title={t('countries.compare.nameTitle')}
                >
                  {name}
                </button>
                <span className="code">{code}</span>
              </div>
              <div className="compare-tools">
                <button
                  type="button"
                  className="icon"
                  aria-label={t('countries.compare.moveLeftOf', { name })}
                  title={t('countries.compare.moveLeft')}
                  disabled={i === 0}
                  onClick={() => onMove(code, -1)}
                >
                  ←
                </button>
                <button
                  type="button"
                  className="icon"
                  aria-label={t('countries.compare.moveRightOf', { name })}
                  title={t('countries.compare.moveRight')}
                  disabled={i === columns.length - 1}
                  onClick={() => onMove(code, 1)}
                >
                  →
                </button>
                <select
                  aria-label={t('countries.compare.swapFor', { name })}
                  value=""
                  onChange={(e) => {
                    if (e.target.value) onSwap(code, e.target.value);
                  }}
                >
                  <option value="">{t('countries.compare.swap')}</option>
                  {others.map((c) => (
                    <option key={c.code} value={c.code}>
                      {data.name(c.code)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="icon"
                  aria-label={t('countries.compare.removeFrom', { name })}
                  title={t('countries.compare.takeOut')}
                  data-remove-country={code}
                  onClick={() => {
                    onRemove(code);
                    // The button goes with its column: the focus moves to the next column's, not to the page.
                    focusWhenPresent(`button[data-remove-country]:not([data-remove-country="${CSS.escape(code)}"])`);
                  }}
                >
                  ×
                </button>
              </div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        <tr className="section-row">
          <th scope="rowgroup" colSpan={columns.length + 1}>
            {t('countries.compare.facts')} <span className="muted small">{t('countries.compare.factsHint')}</span>
          </th>
        </tr>
        {factRow(t('countries.compare.capital'), (c) => (
          <Figure value={c.facts.capital.name} sources={c.facts.capital.sources} />
        ))}
        {factRow(t('countries.compare.population'), (c) => (
          <Figure
            value={`${formatNumber(c.facts.population.value)} (${c.facts.population.year})`}
            sources={c.facts.population.sources}
          />
        ))}
        {factRow(t('countries.compare.area'), (c) => (
          <Figure
            value={t('countries.compare.km2', { value: formatNumber(c.facts.areaKm2.total) })}
            sources={c.facts.areaKm2.sources}
          />
        ))}
        {factRow(t('countries.compare.boundaries'), (c) => (
          <Figure
            value={t('countries.compare.km', { value: formatNumber(c.facts.landBoundariesTotalKm.value) })}
            sources={c.facts.landBoundariesTotalKm.sources}
          />
        ))}
        {factRow(t('countries.compare.afghanBorder'), (c) => (
          <>
            <Figure value={borderText(c)} sources={c.facts.borderWithAfghanistanKm.sources} />
            {c.facts.borderWithAfghanistanKm.alternatives.length > 0 && (
              <span
                className="muted small"
                title={c.facts.borderWithAfghanistanKm.alternatives
                  .map((a) => `${t('countries.compare.km', { value: formatNumber(a.value) })} — ${a.publication}`)
                  .join('\n')}
              >
                {' '}
                {t('countries.compare.other', {
                  values: c.facts.borderWithAfghanistanKm.alternatives.map((a) => formatNumber(a.value)).join(', '),
                })}
              </span>
            )}
          </>
        ))}
      </tbody>
      <tbody>
        <tr className="section-row">
          <th scope="rowgroup" colSpan={columns.length + 1}>
            {t('countries.compare.exposure')}{' '}
            <span className="muted small">
              {t('countries.compare.exposureHint', {
                register: data.register?.name ?? t('countries.compare.noRegister'),
              })}
            </span>
          </th>
        </tr>
        <tr className="exposure-row overall">
          <th scope="row">{t('countries.compare.overall')}</th>
          {columns.map(({ code, exposure }) => (
            <td key={code}>
              <ExposureBadge exposure={exposure.overall} what={t('countries.compare.overall')} />
            </td>
          ))}
        </tr>
        {THREAT_CATEGORIES.map((category) => (
          <tr key={category} className="exposure-row">
            <th scope="row">{categoryLabel(category)}</th>
            {columns.map(({ code, exposure }) => (
              <td key={code}>
                <ExposureBadge exposure={exposure.byCategory[category]} what={categoryLabel(category)} />
              </td>
            ))}
          </tr>
        ))}
        <tr>
          <th scope="row">{t('countries.compare.top')}</th>
          {columns.map(({ code, exposure, name }) => (
            <td key={code}>
              {exposure.threats.length === 0 ? (
                <span className="muted">{t('countries.compare.noneInRegister')}</span>
              ) : (
                <ol className="threat-lines" aria-label={t('countries.compare.topFor', { name })}>
                  {exposure.threats.slice(0, TOP_THREATS).map((e) => (
                    <ThreatLine key={e.threat.id} e={e} code={code} countryName={name} />
                  ))}
                </ol>
              )}
              {exposure.threats.length > TOP_THREATS && (
                <p className="muted small">
                  {t('countries.compare.more', { count: exposure.threats.length - TOP_THREATS })}
                </p>
              )}
            </td>
          ))}
        </tr>
      </tbody>
      <tbody>
        <tr className="section-row">
          <th scope="rowgroup" colSpan={columns.length + 1}>
            {t('countries.compare.passagesSection')}
          </th>
        </tr>
        <tr>
          <th scope="row">{t('views.passages')}</th>
          {columns.map(({ code, name }) => {
            const { linked, mentioning } = data.passagesOf(code);
            const shown = [...linked, ...mentioning].slice(0, PASSAGES_SHOWN);
            return (
              <td key={code}>
                <p className="passage-counts">
                  {t('countries.compare.linked', { count: linked.length })}
                  {mentioning.length > 0 && (
                    <> · {t('countries.compare.mention', { count: mentioning.length, name })}</>
                  )}
                </p>
                {shown.length > 0 && (
                  <ul className="compare-quotes" aria-label={t('countries.compare.passagesOn', { name })}>
                    {shown.map((a) => (
                      <Quote key={a.id} annotation={a} data={data} />
                    ))}
                  </ul>
                )}
                {linked.length > 0 && (
                  <button type="button" className="link small" onClick={() => retrieve(`country:${code}`)}>
                    {t('countries.compare.allLinked', { name })}
                  </button>
                )}
              </td>
            );
          })}
        </tr>
        <tr>
          <th scope="row">{t('countries.compare.stance')}</th>
          {columns.map(({ code, country, name }) => (
            <td key={code}>
              <FormattedNote
                label={t('countries.compare.stanceOf', { name })}
                editLabel={t('countries.compare.editStance', { name })}
                value={country.stance}
                placeholder={t('countries.compare.noStance')}
                rows={3}
                onCommit={(stance) => onEditCountry(code, { stance })}
              />
            </td>
          ))}
        </tr>
        <tr>
          <th scope="row">{t('countries.compare.notes')}</th>
          {columns.map(({ code, country, name }) => (
            <td key={code}>
              <FormattedNote
                label={t('countries.compare.notesOn', { name })}
                editLabel={t('countries.compare.editNotes', { name })}
                value={country.notes}
                placeholder={t('countries.compare.noNotes')}
                onCommit={(notes) => onEditCountry(code, { notes })}
              />
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}
