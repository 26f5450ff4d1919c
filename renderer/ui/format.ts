import { uiLocale } from '../i18n';

// Formats follow the interface language (Intl), so a Russian interface writes "12 мар. 2024 г." and "1 234".
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.ListFormat;
const cache = new Map<string, Formatter>();
function formatter<T extends Formatter>(key: string, make: (locale: string) => T): T {
  const locale = uiLocale();
  const id = `${locale}|${key}`;
  let found = cache.get(id) as T | undefined;
  if (!found) cache.set(id, (found = make(locale)));
  return found;
}

/**
 * A language's or a region's name in the interface language ("Russian", "русский"; "Tajikistan",
 * "Таджикистан"), or null when the runtime has no name for the code.
 */
export function displayName(type: 'language' | 'region', code: string): string | null {
  try {
    const name = formatter(`names-${type}`, (l) => new Intl.DisplayNames(l, { type })).of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

/** Items as a list of the interface language: "author, publisher, or date", "автор, издатель, дата". */
export function formatList(items: readonly string[], type: Intl.ListFormatType): string {
  return formatter(`list-${type}`, (l) => new Intl.ListFormat(l, { type })).format(items);
}

export function formatNumber(value: number): string {
  return formatter('number', (l) => new Intl.NumberFormat(l)).format(value);
}

/** "12 Mar 2024" from an ISO instant or date; empty for null. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const dateOnly = iso.length === 10;
  const date = new Date(dateOnly ? `${iso}T00:00:00Z` : iso);
  return formatter(
    dateOnly ? 'date-utc' : 'date',
    (l) =>
      new Intl.DateTimeFormat(l, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: dateOnly ? 'UTC' : undefined,
      }),
  ).format(date);
}

export function formatDateTime(iso: string): string {
  return formatter(
    'datetime',
    (l) =>
      new Intl.DateTimeFormat(l, {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(new Date(iso));
}
