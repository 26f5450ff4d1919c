import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { BANDS, bandOf, type Band } from '../../../shared/domain/scoring';
import type { BandThresholds, Register, Threat } from '../../../shared/domain/threat';
import { useT } from '../../i18n';
import { impactLabel, likelihoodLabel, valueLabel } from './columns';
import { heatCountsOf } from './heat-counts';

interface HeatMapProps {
  register: Register;
  threats: Threat[];
  selected: { likelihood: number; impact: number } | null;
  onPick: (cell: { likelihood: number; impact: number } | null) => void;
}

/**
 * The likelihood × impact matrix of the register's own scale, each cell in its band's colour with the
 * number of threats in it. Choosing a cell filters the grid; choosing it again clears the filter.
 * Memoised, as its cells are: a sort or a selection does not touch it, and an edit re-renders the one or
 * two cells whose count moved (each cell's label is a translated sentence).
 */
export const HeatMap = memo(function HeatMap({ register, threats, selected, onPick }: HeatMapProps) {
  const t = useT();
  const { levels, bands } = register.scale;
  // The register view re-renders on every sort and filter, and an edit moves one threat: heat-counts.ts
  // counts a register once and then moves the counts by the threats an edit replaced.
  const { counts, bandCounts, unrated } = useMemo(() => heatCountsOf(threats, bands), [threats, bands]);
  const range = Array.from({ length: levels }, (_, i) => i + 1);
  // One tab stop for the whole matrix; the arrow keys move between its cells (a roving tab index).
  const [current, setCurrent] = useState<{ likelihood: number; impact: number }>(
    () => selected ?? { likelihood: levels, impact: 1 },
  );
  const focused =
    current.likelihood <= levels && current.impact <= levels ? current : { likelihood: levels, impact: 1 };
  const table = useRef<HTMLTableElement>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [1, 0],
      ArrowDown: [-1, 0],
      ArrowRight: [0, 1],
      ArrowLeft: [0, -1],
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const clamp = (n: number) => Math.min(levels, Math.max(1, n));
    const next = { likelihood: clamp(focused.likelihood + move[0]), impact: clamp(focused.impact + move[1]) };
    setCurrent(next);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.likelihood}:${next.impact}"]`)?.focus();
  };
  return (
    <div className="heat">
      <table className="heat-map" aria-label={t('register.heatMap')} ref={table} onKeyDown={onKeyDown}>
        <tbody>
          {[...range].reverse().map((likelihood) => (
            <tr key={likelihood}>
              <th scope="row" title={likelihoodLabel(likelihood, levels)}>
                {likelihood}
              </th>
              {range.map((impact) => (
                <HeatCell
                  key={impact}
                  likelihood={likelihood}
                  impact={impact}
                  levels={levels}
                  count={counts.get(`${likelihood}:${impact}`) ?? 0}
                  band={bandOf(likelihood * impact, bands)}
                  selected={selected?.likelihood === likelihood && selected.impact === impact}
                  focused={focused.likelihood === likelihood && focused.impact === impact}
                  onFocus={setCurrent}
                  onPick={onPick}
                />
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th />
            {range.map((impact) => (
              <th key={impact} scope="col" title={impactLabel(impact, levels)}>
                {impact}
              </th>
            ))}
          </tr>
        </tfoot>
      </table>
      <HeatLegend bandCounts={bandCounts} unrated={unrated} bands={bands} levels={levels} />
    </div>
  );
});

const HeatLegend = memo(function HeatLegend({
  bandCounts,
  unrated,
  bands,
  levels,
}: {
  bandCounts: Record<Band, number>;
  unrated: number;
  bands: BandThresholds;
  levels: number;
}) {
  const t = useT();
  return (
    <div className="heat-legend">
      <span className="axis">{t('register.heatAxes')}</span>
      <ul className="band-counts" aria-label={t('register.perBand')}>
        {BANDS.map((band) => (
          <li key={band}>
            <span className={`band band-${band}`}>{bandCounts[band]}</span>{' '}
            <span className="band-label">{valueLabel('band', band)}</span>
          </li>
        ))}
        <li data-testid="unrated-count">
          <span className="band band-unrated">{unrated}</span>{' '}
          <span className="band-label">{t('register.notRated')}</span>
        </li>
      </ul>
      <p className="muted small">{t('register.bandsExplained', { ...bands, levels })}</p>
    </div>
  );
});

interface HeatCellProps {
  likelihood: number;
  impact: number;
  levels: number;
  count: number;
  band: Band;
  selected: boolean;
  /** The matrix's one tab stop. */
  focused: boolean;
  onFocus: (cell: { likelihood: number; impact: number }) => void;
  onPick: (cell: { likelihood: number; impact: number } | null) => void;
}

const HeatCell = memo(function HeatCell({
  likelihood,
  impact,
  levels,
  count,
  band,
  selected,
  focused,
  onFocus,
  onPick,
}: HeatCellProps) {
  const t = useT();
  return (
    <td>
      <button
        type="button"
        className={`heat-cell band-${band}${selected ? ' selected' : ''}`}
        data-cell={`${likelihood}:${impact}`}
        tabIndex={focused ? 0 : -1}
        onFocus={() => onFocus({ likelihood, impact })}
        aria-pressed={selected}
        aria-label={t('register.heatCell', {
          likelihood,
          likelihoodWords: likelihoodLabel(likelihood, levels),
          impact,
          impactWords: impactLabel(impact, levels),
          count,
        })}
        onClick={() => onPick(selected ? null : { likelihood, impact })}
      >
        {count || ''}
      </button>
    </td>
  );
});
