/**
 * REFI-QDA counts text positions in Unicode code points: "Selections in a text file are defined by the
 * first and the last character (Unicode codepoint) in the file. The first codepoint in the file has the
 * number 0 (zero)" (REFI-QDA 1.5, §10.2). The end is exclusive, as in the specification's own example
 * (one selection ends at 56 and the next starts at 56) and in the programs that write the format.
 *
 * The workbench's positions are JavaScript string offsets: UTF-16 code units. The two differ by one for
 * every character outside the Basic Multilingual Plane (an emoji, some CJK) before the position; Cyrillic,
 * Kazakh and Dari letters are one code unit and one code point each. A converter is built once per text
 * (the places where surrogate pairs start) and answers each conversion by a binary search.
 */
export interface PositionConverter {
  /** The code-point position of a UTF-16 offset (an offset inside a surrogate pair counts as the pair's start). */
  toCodePoints(utf16: number): number;
  /** The UTF-16 offset of a code-point position, or null when the text has fewer code points. */
  toUtf16(codePoints: number): number | null;
  /** How many code points the text has. */
  readonly codePointLength: number;
}

/** The number of items of the ascending `sorted` that are below `value`. */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function positionConverter(text: string): PositionConverter {
  // UTF-16 offsets where a surrogate pair (one code point, two code units) starts.
  const pairs: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs.push(i);
        i++;
      }
    }
  }
  // The code-point position of each pair's start: its UTF-16 offset less the pairs before it.
  const pairCodePoints = pairs.map((at, k) => at - k);
  const codePointLength = text.length - pairs.length;
  return {
    codePointLength,
    toCodePoints: (utf16) => utf16 - countBelow(pairs, utf16),
    toUtf16: (codePoints) =>
      codePoints < 0 || codePoints > codePointLength ? null : codePoints + countBelow(pairCodePoints, codePoints),
  };
}
