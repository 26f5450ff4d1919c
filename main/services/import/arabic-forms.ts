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
