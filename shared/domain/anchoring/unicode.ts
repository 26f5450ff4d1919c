/**
 * Code-unit helpers for anchoring: positions are UTF-16 code units of the normalised text, and a
 * range the app hands back must never cut a character in two.
 */

export const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
export const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** True when offset `i` falls between the two halves of a surrogate pair (an emoji, a flag half, …). */
export function splitsSurrogatePair(text: string, i: number): boolean {
  return i > 0 && i < text.length && isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i));
}

const MARK = /^\p{M}$/u;
const ZWJ = 0x200d;

/** Code points that attach to the character before them (UAX #29 "Extend", approximately). */
function extendsPrevious(cp: number): boolean {
  if (cp === ZWJ) return true;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return true; // emoji skin-tone modifiers (👍🏽)
  if (cp >= 0xe0020 && cp <= 0xe007f) return true; // tag characters (subdivision flags)
  // Combining marks, including variation selectors and Arabic harakat. ZWNJ (U+200C), which
  // Dari and Pashto write inside words, is deliberately not treated as attaching.
  return cp > 0x2ff && MARK.test(String.fromCodePoint(cp));
}

const isRegionalIndicator = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** Start offset of the code point that ends just before `i`. */
function previousCodePointStart(text: string, i: number): number {
  if (i >= 2 && isLowSurrogate(text.charCodeAt(i - 1)) && isHighSurrogate(text.charCodeAt(i - 2))) return i - 2;
  return i - 1;
}

/**
 * True when `i` is a boundary between user-perceived characters: not inside a surrogate pair, not
 * before a combining mark / skin-tone modifier / ZWJ, not after a ZWJ, not between the two letters
 * of a flag. An approximation of UAX #29 that is the same on every engine (Intl.Segmenter follows
 * each engine's ICU version).
 */
export function isClusterBoundary(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return true;
  if (splitsSurrogatePair(text, i)) return false;
  const after = text.codePointAt(i) ?? 0;
  if (extendsPrevious(after)) return false;
  const beforeStart = previousCodePointStart(text, i);
  const before = text.codePointAt(beforeStart) ?? 0;
  if (before === ZWJ) return false;
  if (isRegionalIndicator(after) && isRegionalIndicator(before)) {
    let count = 0;
    let j = i;
    while (j > 0) {
      const k = previousCodePointStart(text, j);
      if (!isRegionalIndicator(text.codePointAt(k) ?? 0)) break;
      count += 1;
      j = k;
    }
    return count % 2 === 0;
  }
  return true;
}

/** Moves a start offset back until it is a character boundary (the range can only grow). */
export function snapStart(text: string, i: number): number {
  let at = Math.max(0, Math.min(i, text.length));
  while (!isClusterBoundary(text, at)) at = previousCodePointStart(text, at);
  return at;
}

/** Moves an end offset forward until it is a character boundary (the range can only grow). */
export function snapEnd(text: string, i: number): number {
  let at = Math.max(0, Math.min(i, text.length));
  while (!isClusterBoundary(text, at)) {
    at += splitsSurrogatePair(text, at) ? 1 : (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
  }
  return at;
}
