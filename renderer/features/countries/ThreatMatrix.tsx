import { useMemo } from 'react';
import type { Annotation } from '../../../shared/domain/annotation';
import { threatExposure } from '../../../shared/domain/exposure';
import { bandOf } from '../../../shared/domain/scoring';
import { THREAT_CATEGORIES } from '../../../shared/domain/threat';
import { t } from '../../i18n';
import { useWorkbench } from '../../stores';
import { categoryLabel, trendArrow } from './labels';
import { passagesFor, type CountriesData } from './useCountriesData';

/**
 * Threats as rows (grouped by category, worst first), compared countries as columns. Each cell carries
 * the country's score for the threat in its band's colour, the trend, an override mark and the number of
 * passages behind it; choosing a cell opens its evidence and override in the inspector.
 */
export function ThreatMatrix({ data }: { data: CountriesData }) {
  const cell = useWorkbench((s) => s.countryCell);
  const open = useWorkbench((s) => s.openCountryCell);
  const groups = useMemo(
    () =>
      THREAT_CATEGORIES.map((category) => ({
        category,
        threats: data.threats
          .filter((t) => t.category === category)
          .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.title.localeCompare(b.title)),
      })).filter((g) => g.threats.length > 0),
    [data.threats],
  );
  const columns = data.compared.filter((c) => data.byCode.has(c));
  // Passages by threat, once, rather than a scan of every passage per cell.
  const byThreat = useMemo(() => {
    const map = new Map<string, Annotation[]>();
    for (const a of data.annotations) {
      for (const id of a.threatIds) {
        const list = map.get(id);
        if (list) list.push(a);
        else map.set(id, [a]);
      }
    }
    return map;
  }, [data.annotations]);

  if (data.threats.length === 0) return <p className="empty">{t('countries.matrixEmpty')}</p>;
  return (
    <table className="matrix" aria-label={t('countries.matrix')}>
      <colgroup>
        <col className="matrix-threat-col" />
        <col className="matrix-base-col" />
        {columns.map((code) => (
          <col key={code} />
        ))}
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('register.columns.title')}</th>
          <th scope="col" className="num" title={t('countries.registerScoreTitle')}>
            {t('countries.register')}
          </th>
          {columns.map((code) => (
            <th key={code} scope="col" data-code={code} title={`${data.name(code)} (${code})`}>
              {data.name(code)}
            </th>
          ))}
        </tr>
      </thead>
      {groups.map(({ category, threats }) => (
        <tbody key={category}>
          <tr className="section-row">
            <th scope="rowgroup" colSpan={columns.length + 2}>
              {categoryLabel(category)}
            </th>
          </tr>
          {threats.map((threat) => {
            const base = threat.score === undefined ? null : bandOf(threat.score, data.scale.bands);
            return (
              <tr key={threat.id} data-threat-id={threat.id}>
                <th scope="row" className="matrix-threat" title={threat.title}>
                  {threat.title}
                </th>
                <td className="num">
                  {base ? (
                    <span
                      className={`band band-${base}`}
                      title={`${threat.likelihood} × ${threat.impact}, ${t(`register.band.${base}`)}`}
                    >
                      {threat.score}
                    </span>
                  ) : (
                    <span className="band band-unrated">{t('register.notRated')}</span>
                  )}
                </td>
                {columns.map((code) => {
                  const e = threatExposure(threat, code, data.overrides, data.scale);
                  const name = data.name(code);
                  if (!e) {
                    return (
                      <td key={code} className="matrix-na" title={t('countries.notAmong', { name })}>
                        <span aria-label={t('countries.notAffectedCell', { title: threat.title, name })}>·</span>
                      </td>
                    );
                  }
                  const evidence = passagesFor(byThreat.get(threat.id) ?? [], code);
                  const count = evidence.linked.length + evidence.mentioning.length;
                  const isOpen = cell?.threatId === threat.id && cell.countryCode === code;
                  return (
                    <td key={code}>
                      <button
                        type="button"
                        className={`matrix-cell band-${e.band}${isOpen ? ' selected' : ''}`}
                        aria-pressed={isOpen}
                        // Score and passage count first, in the order the cell shows them (WCAG 2.5.3).
                        aria-label={t('countries.matrixCell', {
                          title: threat.title,
                          name,
                          score: e.score,
                          passages: t('countries.passageCount', { count }),
                          band: t(`register.band.${e.band}`),
                          trend: t(`register.trend.${threat.trend}`),
                          overridden: e.override !== null,
                          base: e.base.score,
                        })}
                        onClick={() => open(isOpen ? null : { threatId: threat.id, countryCode: code })}
                      >
                        <span className="matrix-score">{e.score}</span>
                        <span className="trend" aria-hidden="true">
                          {trendArrow(threat.trend)}
                        </span>
                        {e.override && (
                          <span
                            className="override-mark"
                            aria-hidden="true"
                            title={t('countries.compare.overriddenWhy', { rationale: e.override.rationale })}
                          >
                            ✎
                          </span>
                        )}
                        <span
                          className="matrix-evidence"
                          aria-hidden="true"
                          title={t('countries.passageCount', { count })}
                        >
                          {count > 0 ? `❝${count}` : ''}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
