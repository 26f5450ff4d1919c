/**
 * The one rule every export file name goes through (register CSV and STIX, annotations, briefings, and
 * main's save step): a name every platform accepts, that still reads like the title it came from.
 *
 * - Unicode NFC; Cyrillic, Kazakh, Dari and emoji are kept as they are.
 * - Characters Windows, macOS or Linux refuse in a name (`\ / : * ? " < > |`), control characters and
 *   invisible direction marks (which can make "report‮fdp.exe" look like "reportexe.pdf") become a space;
 *   runs of white space become one space.
 * - No leading dots or spaces (a hidden file), no trailing dots or spaces (Windows drops them).
 * - A Windows device name (CON, PRN, AUX, NUL, COM0–9, LPT0–9), alone or before an extension, gets "_".
 * - At most 120 characters (code points, never half an emoji) before the extension; nothing left → the fallback.
 */

/** Characters no file name may hold on some platform, control characters and bidirectional controls. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX_STEM = 120;

/** The cleaned stem of a file name (no extension): see the rules above. */
export function fileStem(title: string, fallback = 'export'): string {
  const cleaned = title
    .normalize('NFC')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const cut = Array.from(cleaned)
    .slice(0, MAX_STEM)
    .join('')
    .replace(/[.\s]+$/, '');
  const stem = cut || fallback;
  // Windows reserves a device name before any extension too ("CON.stix" is CON): mark the first part.
  const [first, ...rest] = stem.split('.');
  return WINDOWS_DEVICE.test(first!) ? [`${first}_`, ...rest].join('.') : stem;
}

/** `<clean stem><extension>`: the extension (".csv", ".stix.json") is the caller's own and kept as given. */
export function exportFileName(title: string, extension: string, fallback = 'export'): string {
  return `${fileStem(title, fallback)}${extension}`;
}

/**
 * A requested file name made safe (main's last step before writing): the last path part only, its
 * extension kept when it is a plain one (letters and digits, at most 12 characters), the rest as `fileStem`.
 */
export function safeFileName(requested: string, fallback = 'export'): string {
  const last = requested.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const trimmed = last.replace(/[.\s]+$/, '');
  const dot = /\.[\p{L}\p{N}]{1,12}$/u.exec(trimmed);
  const extension = dot && trimmed.slice(0, dot.index).trim() ? dot[0] : '';
  const stem = extension ? trimmed.slice(0, trimmed.length - extension.length) : last;
  return `${fileStem(stem, fallback)}${extension}`;
}
