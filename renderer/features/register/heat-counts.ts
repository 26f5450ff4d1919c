import { BANDS, bandOf, type Band } from '../../../shared/domain/scoring';
import type { BandThresholds, Threat } from '../../../shared/domain/threat';
import { changeOf } from '../../db/list-change';

export interface HeatCounts {
  /** Threats per cell, by `${likelihood}:${impact}`. */
  counts: Map<string, number>;
  bandCounts: Record<Band, number>;
  /** Threats not yet rated: they have no cell and are counted beside the matrix, not placed by guess. */
  unrated: number;
}

interface Counted extends HeatCounts {
  bands: BandThresholds;
}

const cellOf = (t: Threat) => `${t.likelihood}:${t.impact}`;

function add(counted: HeatCounts, threat: Threat, by: 1 | -1, bands: BandThresholds): void {
  if (threat.score === undefined) {
    counted.unrated += by;
    return;
  }
  const cell = cellOf(threat);
  counted.counts.set(cell, (counted.counts.get(cell) ?? 0) + by);
  counted.bandCounts[bandOf(threat.score, bands)] += by;
}

/** Counts per list of threats; a list kept by the register is replaced on every change. */
const counted = new WeakMap<readonly Threat[], Counted>();

/**
 * The heat map's counts for a register's threats. When the list is the previous one with a few threats
 * replaced (an edit: list-change.ts), the previous counts are moved by those threats alone — one cell
 * down, one up — instead of counting 10,000 threats again.
 */
export function heatCountsOf(threats: readonly Threat[], bands: BandThresholds): HeatCounts {
  const known = counted.get(threats);
  if (known && known.bands === bands) return known;
  const change = changeOf(threats);
  const before = change ? counted.get(change.previous) : undefined;
  let result: Counted;
  if (change && before && before.bands === bands) {
    result = {
      counts: new Map(before.counts),
      bandCounts: { ...before.bandCounts },
      unrated: before.unrated,
      bands,
    };
    for (const position of change.positions) {
      add(result, change.previous[position]!, -1, bands);
      add(result, threats[position]!, 1, bands);
    }
    // Counts per band that did not move stay the same object, so the legend showing them need not render.
    if (BANDS.every((band) => result.bandCounts[band] === before.bandCounts[band]))
      result.bandCounts = before.bandCounts;
  } else {
    result = { counts: new Map(), bandCounts: { low: 0, medium: 0, high: 0, critical: 0 }, unrated: 0, bands };
    for (const threat of threats) add(result, threat, 1, bands);
  }
  counted.set(threats, result);
  return result;
}
