import { useMemo } from 'react';
import { BANDS, bandOf, impactWords, likelihoodWords } from '../../../shared/domain/scoring';
import type { Register, Threat } from '../../../shared/domain/threat';
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
 */
export function HeatMap({ register, threats, selected, onPick }: HeatMapProps) {
  const { levels, bands } = register.scale;
  // The register view re-renders on every sort and filter, and an edit moves one threat: heat-counts.ts
  // counts a register once and then moves the counts by the threats an edit replaced.
  const { counts, bandCounts } = useMemo(() => heatCountsOf(threats, bands), [threats, bands]);
  const range = Array.from({ length: levels }, (_, i) => i + 1);
  return (
    <div className="heat">
      <table className="heat-map" aria-label="Heat map">
        <tbody>
          {[...range].reverse().map((likelihood) => (
            <tr key={likelihood}>
              <th scope="row" title={likelihoodWords(likelihood, levels)}>
                {likelihood}
              </th>
              {range.map((impact) => {
                const count = counts.get(`${likelihood}:${impact}`) ?? 0;
                const band = bandOf(likelihood * impact, bands);
                const isSelected = selected?.likelihood === likelihood && selected.impact === impact;
                return (
                  <td key={impact}>
                    <button
                      type="button"
                      className={`heat-cell band-${band}${isSelected ? ' selected' : ''}`}
                      aria-pressed={isSelected}
                      aria-label={`Likelihood ${likelihood} (${likelihoodWords(likelihood, levels)}), impact ${impact} (${impactWords(impact, levels)}): ${count} threat${count === 1 ? '' : 's'}`}
                      onClick={() => onPick(isSelected ? null : { likelihood, impact })}
                    >
                      {count || ''}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th />
            {range.map((impact) => (
              <th key={impact} scope="col" title={impactWords(impact, levels)}>
                {impact}
              </th>
            ))}
          </tr>
        </tfoot>
      </table>
      <div className="heat-legend">
        <span className="axis">↑ Likelihood · Impact →</span>
        <ul className="band-counts" aria-label="Threats per band">
          {BANDS.map((band) => (
            <li key={band}>
              <span className={`band band-${band}`}>{bandCounts[band]}</span> {band}
            </li>
          ))}
        </ul>
        <p className="muted small">
          Bands: medium from {bands.medium}, high from {bands.high}, critical from {bands.critical} (score = likelihood
          × impact, {levels}×{levels}).
        </p>
      </div>
    </div>
  );
}
