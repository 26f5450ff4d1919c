/**
 * Turning a text file's bytes into a string. Analysts get UTF-8 from the web, UTF-16 from Windows
 * Notepad ("Unicode") and Windows-1251 from older Russian-language sites and archives; anything
 * else is most likely not text at all, and importing it would fill a source with garbage.
 */

import type { ImportWarning } from './import-words';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | (string & {});

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Set when the reading is a best effort the analyst should check. */
  warning?: ImportWarning;
}

/** Control characters text files do not contain (tab, line ends and form feed they do), or U+FFFD. */
function isStray(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xfffd
  );
}

function strayShare(text: string): number {
  let stray = 0;
  for (let i = 0; i < text.length; i++) if (isStray(text.charCodeAt(i))) stray += 1;
  return text.length === 0 ? 0 : stray / text.length;
}

function looksLikeText(text: string): boolean {
  return strayShare(text) <= 0.005;
}

function decode(bytes: Uint8Array, encoding: string, fatal: boolean): string | null {
  try {
    return new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Windows-1251 maps every high byte to a Cyrillic letter, so decoding always "succeeds"; accept it only
 * when the result reads like Cyrillic prose: mostly Cyrillic among the non-ASCII characters, and mostly
 * lower case (random bytes, and UTF-8 misread as 1251 — "РџСЂРёРІРµС‚" — are half or more capitals).
 */
function plausibleCyrillic(text: string): boolean {
  if (!looksLikeText(text)) return false;
  const nonAscii = text.match(/[^\p{ASCII}]/gu)?.length ?? 0;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const lower = text.match(/[а-яё]/g)?.length ?? 0;
  const typographic = text.match(/[«»„“”‘’–—…№\u00A0]/g)?.length ?? 0;
  return cyrillic >= 10 && (cyrillic + typographic) / nonAscii >= 0.95 && lower / cyrillic >= 0.6;
}

/** A few undecodable bytes in otherwise good UTF-8 (a file cut mid-character, one stray byte). */
const LOSSY_UTF8_SHARE = 0.001;

/**
 * The text of `bytes`, or null when they are not text in any encoding we read.
 * `declared` is the charset an HTML page names for itself; it is tried first when given.
 */
export function decodeText(bytes: Uint8Array, declared?: string): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return accept(decode(bytes, 'utf-8', true), 'utf-8');
  // FF FE 00 00 is UTF-32, which no tool our analysts use writes; refuse it rather than misread it.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0))
    return accept(decode(bytes, 'utf-16le', true), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return accept(decode(bytes, 'utf-16be', true), 'utf-16be');

  // Valid UTF-8 wins even over a page's own declaration: real Cyrillic text in a legacy encoding is
  // never valid UTF-8, while pages re-saved as UTF-8 often keep their old <meta charset>.
  const utf8 = accept(decode(bytes, 'utf-8', true), 'utf-8');
  if (utf8) return utf8;

  const declaredEncoding = declared ? canonicalEncoding(declared) : null;
  if (declaredEncoding && declaredEncoding !== 'utf-8' && !declaredEncoding.startsWith('utf-16')) {
    const text = decode(bytes, declaredEncoding, true);
    if (text !== null && looksLikeText(text)) return { text, encoding: declaredEncoding };
  }

  const cp1251 = decode(bytes, 'windows-1251', false);
  if (cp1251 !== null && plausibleCyrillic(cp1251)) {
    return {
      text: cp1251,
      encoding: 'windows-1251',
      warning: { code: 'read-as-cp1251' },
    };
  }

  const lossy = decode(bytes, 'utf-8', false);
  if (lossy !== null && looksLikeTextApartFromReplacements(lossy)) {
    const replaced = lossy.match(/\uFFFD/g)?.length ?? 0;
    if (replaced / lossy.length <= LOSSY_UTF8_SHARE) {
      return {
        text: lossy,
        encoding: 'utf-8',
        warning: { code: 'unreadable-characters', count: replaced },
      };
    }
  }
  return null;
}

function looksLikeTextApartFromReplacements(text: string): boolean {
  return looksLikeText(text.replace(/\uFFFD/g, ''));
}

function accept(text: string | null, encoding: TextEncoding): DecodedText | null {
  return text !== null && looksLikeText(text) ? { text, encoding } : null;
}

/** The WHATWG name of a charset label ("cp1251" → "windows-1251"), or null if Node cannot decode it. */
function canonicalEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/**
 * The charset an HTML page declares in its first bytes (`<meta charset>`, the http-equiv form, or an
 * XML declaration), as browsers look for it before decoding.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return match?.[1];
}
