import type { ColumnDef, FilterFn } from '@tanstack/react-table';
import { bandOf, impactWords, likelihoodWords } from '../../../shared/domain/scoring';
import { Confidence, THREAT_CATEGORIES, ThreatStatus, Trend, type Register, type Threat } from '../../../shared/domain/threat';
import type { Lookups } from '../annotations/useLookups';

/** The editor a cell opens with (Enter, F2, double-click or typing). */
export type EditorKind = 'text' | 'longtext' | 'select' | 'rating' | 'countries' | 'actors' | 'list' | 'date' | 'country';

export interface ColumnMeta {
  label: string;
  editor?: EditorKind;
  options?: readonly { value: string; label: string }[];
  /** Cell text is right-aligned numbers. */
  numeric?: boolean;
  width: number;
}

/** A grid row: the threat plus what is derived for display (evidence count). */
export interface ThreatRow extends Threat {
  evidenceCount: number;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const options = (values: readonly string[]) => values.map((value) => ({ value, label: capital(value) }));

/**
 * A column filter as analysts type it: words match anywhere (case-insensitive); on numbers, "3",
 * ">=3", "<2" or "2-4" compare.
 */
export const smartFilter: FilterFn<ThreatRow> = (row, columnId, raw) => {
  const wanted = String(raw ?? '').trim();
  if (!wanted) return true;
  const value = row.getValue<unknown>(columnId);
  if (typeof value === 'number') {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(wanted);
    if (range) return value >= Number(range[1]) && value <= Number(range[2]);
    const compare = /^(<=|>=|<|>|=)?\s*(\d+)$/.exec(wanted);
    if (compare) {
      const n = Number(compare[2]);
      switch (compare[1]) {
        case '<':
          return value < n;
        case '<=':
          return value <= n;
        case '>':
          return value > n;
        case '>=':
          return value >= n;
        default:
          return value === n;
      }
    }
  }
  return String(value ?? '').toLocaleLowerCase().includes(wanted.toLocaleLowerCase());
};

export function threatColumns(lookups: Lookups): ColumnDef<ThreatRow>[] {
  const names = (ids: string[]) => ids.map((id) => lookups.actors.get(id)?.name ?? '').filter(Boolean).join(', ');
  const col = (id: string, meta: ColumnMeta, accessorFn: (t: ThreatRow) => string | number, extra: Partial<ColumnDef<ThreatRow>> = {}): ColumnDef<ThreatRow> => ({
    id,
    accessorFn,
    header: meta.label,
    meta,
    size: meta.width,
    filterFn: smartFilter,
    ...extra,
  });
  return [
    col('title', { label: 'Threat', editor: 'text', width: 300 }, (t) => t.title),
    col('category', { label: 'Category', editor: 'select', options: options(THREAT_CATEGORIES), width: 120 }, (t) => t.category),
    col('likelihood', { label: 'Likelihood', editor: 'rating', numeric: true, width: 96 }, (t) => t.likelihood),
    col('impact', { label: 'Impact', editor: 'rating', numeric: true, width: 80 }, (t) => t.impact),
    col('score', { label: 'Score', numeric: true, width: 72 }, (t) => t.score),
    col('trend', { label: 'Trend', editor: 'select', options: options(Trend.options), width: 92 }, (t) => t.trend),
    col('confidence', { label: 'Confidence', editor: 'select', options: options(Confidence.options), width: 104 }, (t) => t.confidence),
    col('status', { label: 'Status', editor: 'select', options: options(ThreatStatus.options), width: 104 }, (t) => t.status),
    col('countries', { label: 'Affected', editor: 'countries', width: 150 }, (t) => t.countryCodes.join(' ')),
    col('actors', { label: 'Actors', editor: 'actors', width: 190 }, (t) => names(t.actorIds)),
    col('evidence', { label: 'Evidence', numeric: true, width: 84 }, (t) => t.evidenceCount),
    col('origin', { label: 'Origin', editor: 'country', width: 80 }, (t) => t.originCode ?? ''),
    col('indicators', { label: 'Indicators', editor: 'list', width: 240 }, (t) => t.indicators.join('; ')),
    col('mitigations', { label: 'Mitigations', editor: 'list', width: 240 }, (t) => t.mitigations.join('; ')),
    col('owner', { label: 'Owner', editor: 'text', width: 120 }, (t) => t.owner),
    col('lastReviewedOn', { label: 'Last review', editor: 'date', width: 110 }, (t) => t.lastReviewedOn ?? ''),
    col('description', { label: 'Description', editor: 'longtext', width: 320 }, (t) => t.description),
  ];
}

export function ratingTitle(column: string, value: number, levels: number): string {
  return column === 'likelihood' ? `${value} · ${likelihoodWords(value, levels)}` : `${value} · ${impactWords(value, levels)}`;
}

export function bandClass(threat: Threat, register: Register): string {
  return `band band-${bandOf(threat.score, register.scale.bands)}`;
}

export const GROUPABLE = [
  { id: 'category', label: 'Category' },
  { id: 'status', label: 'Status' },
  { id: 'trend', label: 'Trend' },
] as const;
