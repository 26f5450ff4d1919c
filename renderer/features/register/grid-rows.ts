import type { Threat } from '../../../shared/domain/threat';
import { changeOf, recordChange } from '../../db/list-change';
import type { ThreatRow } from './columns';

interface Built {
  rows: ThreatRow[];
  evidence: ReadonlyMap<string, number> | undefined;
}

/**
 * The grid's rows for a register's threats (each threat with its evidence count), kept per list of
 * threats. An edit's list is the previous one with a few threats replaced (list-change.ts): its rows are
 * then the previous rows with those few rebuilt, and the change is recorded for the grid (stable-rows.ts)
 * in turn. A threat that did not change keeps its row object, so the grid can tell one edited row from
 * a new register. A heat-map cell's filter (`cell`) gives a list of its own each time.
 */
export class GridRows {
  private readonly rowOf = new WeakMap<Threat, ThreatRow>();
  private readonly built = new WeakMap<readonly Threat[], Built>();

  private rowFor(threat: Threat, evidence: ReadonlyMap<string, number> | undefined): ThreatRow {
    const evidenceCount = evidence?.get(threat.id) ?? 0;
    const known = this.rowOf.get(threat);
    if (known?.evidenceCount === evidenceCount) return known;
    const row = { ...threat, evidenceCount };
    this.rowOf.set(threat, row);
    return row;
  }

  rows(
    threats: readonly Threat[],
    evidence: ReadonlyMap<string, number> | undefined,
    cell: { likelihood: number; impact: number } | null,
  ): ThreatRow[] {
    if (cell) {
      const inCell = threats.filter((t) => t.likelihood === cell.likelihood && t.impact === cell.impact);
      return inCell.map((t) => this.rowFor(t, evidence));
    }
    const known = this.built.get(threats);
    if (known && known.evidence === evidence) return known.rows;
    const change = changeOf(threats);
    const before = change ? this.built.get(change.previous) : undefined;
    let rows: ThreatRow[];
    if (change && before && before.evidence === evidence) {
      rows = before.rows.slice();
      for (const position of change.positions) rows[position] = this.rowFor(threats[position]!, evidence);
      recordChange(rows, before.rows, change.positions);
    } else {
      rows = threats.map((t) => this.rowFor(t, evidence));
    }
    this.built.set(threats, { rows, evidence });
    return rows;
  }
}
