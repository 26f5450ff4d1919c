/**
 * Arabic-script text as PDFs give it back. Many PDF producers map each glyph to its Arabic
 * *presentation form* (U+FB50–U+FDFF, U+FE70–U+FEFF: initial, medial, final and isolated shapes, and
 * ligatures such as lam-alef), which look right but are other characters than the letters a search, a
 * quote or a language check expects. Only those two blocks are mapped to their base letters (by their
 * Unicode compatibility decomposition); the rest of the text is left as it is — a blanket NFKC would
 * also turn "²" into "2", "ﬁ" into "fi" and full-width CJK punctuation into ASCII.
 */

const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]/gu;

/** Isolated and medial forms of the short vowels and shadda: the spacing form comes back as the mark alone. */
function baseLetters(form: string): string {
  if (form === '\uFEFF') return ''; // the zero-width no-break space (byte-order mark), not a letter
  const decomposed = form.normalize('NFKC');
  // U+FE70–FE7F are spacing or tatweel-borne forms of the vowel marks; NFKC gives " ً" or "ـً".
  return form >= '\uFE70' && form <= '\uFE7F' ? decomposed.replace(/^[ \u0640]/u, '') : decomposed;
}

/** Presentation forms → base letters; lam-alef ligatures come out as lam then alef, in logical order. */
export function mapArabicPresentationForms(text: string): string {
  return text.replace(PRESENTATION_FORMS, baseLetters);
}

const ARABIC_WORD = /^[\p{Script=Arabic}\u200C]+$/u;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/u;

/**
 * The Arabic presentation forms pdfjs-dist 5.6.205 decomposes (NFKC) as it reads a glyph (its
 * normalizeUnicode): the ligatures, such as U+FCCB lam-with-khah; single-letter forms it leaves alone.
 */
const PDFJS_DECOMPOSES =
  /[\ufb50-\ufba1\ufba4-\ufba9\ufbae-\ufbb1\ufbd3-\ufbdc\ufbde-\ufbe7\ufbea-\ufbf8\ufbfc-\ufbfd\ufc00-\ufc5d\ufc64-\ufcf1\ufcf5-\ufd3d\ufd88\ufdf4\ufdfa-\ufdfb\ufe71\ufe77\ufe79\ufe7b\ufe7d]/gu;

function decomposed(glyph: string): string {
  return glyph.replace(PDFJS_DECOMPOSES, (form) => form.normalize('NFKC'));
}

/** What pdfjs makes of a right-to-left run: format marks (ZWNJ) dropped, ligatures decomposed, then every character reversed. */
function asPdfjsReadsIt(glyphs: readonly string[]): string {
  return [
    ...glyphs
      .filter((glyph) => !/^\p{Cf}+$/u.test(glyph))
      .map(decomposed)
      .join(''),
  ]
    .reverse()
    .join('');
}

/**
 * Word corrections for a page of Arabic-script text, from the glyphs its text operators draw (each
 * run left to right on the page, one string per glyph).
 *
 * pdfjs turns a right-to-left run into logical order character by character, after dropping format
 * marks. Two things go wrong with fonts that shaping engines (LibreOffice, Word) write: the lam-alef
 * ligature is one glyph whose text is the two letters "لا", and reversing character by character swaps
 * them ("اعلام" comes out "اعالم", "ولایات" "والیات"); and the zero-width non-joiner, drawn as a glyph
 * of its own, is dropped ("کرده‌اند" → "کردهاند"). Reversing glyph by glyph instead keeps each glyph's
 * letters in their order and the ZWNJ in its place. Each word pdfjs gets wrong is mapped to the word the
 * glyphs spell — only where the page is consistent about it (a form that is also a correct word
 * elsewhere on the page is left alone).
 */
export function arabicWordFixes(runs: readonly (readonly string[])[]): Map<string, string> {
  const fixes = new Map<string, string>();
  const correct = new Set<string>();
  const conflicting = new Set<string>();
  for (const glyphs of runs) {
    if (glyphs.some((glyph) => LATIN_OR_DIGIT.test(glyph))) continue; // mixed runs: pdfjs reorders them by bidi
    const read = asPdfjsReadsIt(glyphs).split(/\s+/u);
    const drawn = [...glyphs].reverse().map(decomposed).join('').split(/\s+/u);
    if (read.length !== drawn.length) continue;
    read.forEach((wrong, i) => {
      const right = drawn[i]!;
      if (!ARABIC_WORD.test(wrong) || !ARABIC_WORD.test(right)) return;
      if (wrong === right) {
        correct.add(wrong);
        return;
      }
      if (fixes.has(wrong) && fixes.get(wrong) !== right) conflicting.add(wrong);
      fixes.set(wrong, right);
    });
  }
  for (const wrong of [...conflicting, ...correct]) fixes.delete(wrong);
  return fixes;
}

/** The page's text with the words arabicWordFixes found put right. */
export function applyArabicWordFixes(text: string, fixes: ReadonlyMap<string, string>): string {
  if (fixes.size === 0) return text;
  return text.replace(/\p{Script=Arabic}+/gu, (word) => fixes.get(word) ?? word);
}
