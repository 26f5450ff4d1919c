/** Tidying what files say about themselves into the form a source record keeps. */

/** One line, single spaces, NFC: metadata is shown in lists and compared. */
export function cleanField(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** The first of the candidates that says something. */
export function firstOf(...candidates: unknown[]): string {
  for (const candidate of candidates) {
    const value = cleanField(candidate);
    if (value) return value;
  }
  return '';
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (!isRealDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A publication date as YYYY-MM-DD, from the forms files use: ISO 8601 ("2024-03-15T08:30:00+05:00"),
 * PDF dates ("D:20240315083000+05'00'"), compact "20240315", and Russian-style "15.03.2024".
 * The date is taken as written, not shifted to UTC: the publisher's own calendar day is the one cited.
 */
export function toCalendarDate(raw: unknown): string | null {
  const value = cleanField(raw);
  if (!value) return null;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(value);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(?:D:)?(\d{4})(\d{2})(\d{2})/.exec(value);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\b/.exec(value);
  if (match) return calendarDate(Number(match[3]), Number(match[2]), Number(match[1]));
  // Anything else ("15 March 2024", "Fri, 15 Mar 2024 08:30:00 GMT"): as JavaScript reads it, in local time.
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime()) || !/\d{4}/.test(value)) return null;
  return calendarDate(parsed.getFullYear(), parsed.getMonth() + 1, parsed.getDate());
}

/** A link to the original, when it is one a reader can open. */
export function toWebAddress(raw: unknown): string {
  const value = cleanField(raw);
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
  } catch {
    return '';
  }
}

/** Titles word processors fill in by themselves, which say nothing about the document. */
const PLACEHOLDER_TITLES =
  /^(untitled|untitled document|document\d*|doc\d*|title|presentation\d*|без названия|новый документ|документ\d*)$/i;

/**
 * A document's declared title, without the noise producers add: "Microsoft Word - report.docx"
 * becomes "report", placeholders such as "Untitled" become ''.
 */
export function cleanTitle(raw: unknown): string {
  let title = cleanField(raw).replace(/^Microsoft (Word|PowerPoint|Excel) - /, '');
  if (/^[^\s]+\.(docx?|pdf|odt|rtf|txt|html?)$/i.test(title)) title = title.replace(/\.[^.]+$/, '');
  return PLACEHOLDER_TITLES.test(title) ? '' : title;
}

/** Decodes the five XML entities and numeric references, for values read out of XML by pattern. */
export function decodeXmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? entity;
  });
}
