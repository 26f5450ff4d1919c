import { describe, expect, it } from 'vitest';
import { anchor, type AnchorResult, describeRange, reanchorAll, type Selectors } from '../../shared/domain/anchoring';
import { normaliseText } from '../../shared/domain/text';

// A small article in the shape of the demo source: paragraphs separated by blank lines.
const P1 =
  'Kazakhstan shares no border with Afghanistan, yet the threats that emanate from it reach Almaty within days.';
const P2 =
  'The Islamic Movement of Uzbekistan keeps fighters in Faryab province, close to the Turkmen and Uzbek borders.';
const P3 =
  'Narcotics follow the northern route through Tajikistan and on to the Russian market, financing the armed groups.';
const P4 =
  'The Kosh-Tepa canal will draw up to a fifth of the Amu Darya, leaving less water for the downstream states.';
const P5 =
  'External powers weigh their interests: China guards its investments while Russia keeps its base in Tajikistan.';
const ARTICLE = [P1, P2, P3, P4, P5].join('\n\n');
const join = (...paragraphs: string[]): string => paragraphs.join('\n\n');

/** Selectors for the first occurrence of `passage` in `text`. */
function select(text: string, passage: string, context?: number): Selectors {
  const start = text.indexOf(passage);
  if (start < 0) throw new Error(`fixture: "${passage}" not in text`);
  return describeRange(text, start, start + passage.length, context);
}

/** The range a result points at, as text (for readable failures). */
function textOf(text: string, result: AnchorResult): string | null {
  return result.status === 'orphaned' ? null : text.slice(result.start, result.end);
}

/** True when `i` cuts a surrogate pair in two. */
function splitsPair(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const after = text.charCodeAt(i);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

describe('describeRange', () => {
  it('keeps the quote, up to 32 code units of context either side, and the position', () => {
    const passage = 'Kosh-Tepa canal';
    const s = select(ARTICLE, passage);
    const start = ARTICLE.indexOf(passage);
    expect(s.position).toEqual({ start, end: start + passage.length });
    expect(s.quote.exact).toBe(passage);
    expect(s.quote.prefix).toBe(ARTICLE.slice(start - 32, start));
    expect(s.quote.suffix).toBe(ARTICLE.slice(start + passage.length, start + passage.length + 32));
    expect(s.quote.prefix).toHaveLength(32);
  });

  it('shortens the context at the very start and end of the text', () => {
    const first = describeRange(ARTICLE, 0, 10);
    expect(first.quote).toEqual({ exact: 'Kazakhstan', prefix: '', suffix: ARTICLE.slice(10, 42) });
    const last = describeRange(ARTICLE, ARTICLE.length - 11, ARTICLE.length);
    expect(last.quote).toEqual({
      exact: 'Tajikistan.',
      prefix: ARTICLE.slice(ARTICLE.length - 43, ARTICLE.length - 11),
      suffix: '',
    });
    const whole = describeRange('Almaty', 0, 6);
    expect(whole.quote).toEqual({ exact: 'Almaty', prefix: '', suffix: '' });
  });

  it('honours a chosen context length, including none', () => {
    const s = describeRange(ARTICLE, 20, 30, 5);
    expect(s.quote).toEqual({
      exact: ARTICLE.slice(20, 30),
      prefix: ARTICLE.slice(15, 20),
      suffix: ARTICLE.slice(30, 35),
    });
    expect(describeRange(ARTICLE, 20, 30, 0).quote).toEqual({ exact: ARTICLE.slice(20, 30), prefix: '', suffix: '' });
  });

  it('never ends a context inside a surrogate pair', () => {
    // 👍 is two code units; the prefix window (start − 32) would begin between them.
    const text = `👍${'x'.repeat(31)}QUOTE${'y'.repeat(31)}🇰🇿 tail`;
    const start = text.indexOf('QUOTE');
    expect(start).toBe(33);
    const s = describeRange(text, start, start + 5);
    expect(s.quote.prefix).toBe('x'.repeat(31));
    expect(s.quote.suffix).toBe('y'.repeat(31));
    // A context that ends exactly after a whole character keeps it.
    const t2 = `a👍🏽${'x'.repeat(28)}QUOTE`;
    const s2 = describeRange(t2, t2.indexOf('QUOTE'), t2.length);
    expect(s2.quote.prefix).toBe(`👍🏽${'x'.repeat(28)}`);
    for (const edge of [s.quote.prefix, s.quote.suffix, s2.quote.prefix]) {
      expect(edge).toBe(edge.normalize('NFC'));
      expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(edge)).toBe(false);
    }
  });

  it('refuses an empty, out-of-range or character-splitting range', () => {
    expect(() => describeRange(ARTICLE, 5, 5)).toThrow(RangeError);
    expect(() => describeRange(ARTICLE, 7, 3)).toThrow(RangeError);
    expect(() => describeRange(ARTICLE, -1, 3)).toThrow(RangeError);
    expect(() => describeRange(ARTICLE, 0, ARTICLE.length + 1)).toThrow(RangeError);
    expect(() => describeRange(ARTICLE, 0.5, 3)).toThrow(RangeError);
    expect(() => describeRange(ARTICLE, 0, 3, -1)).toThrow(RangeError);
    const emoji = 'ok 👍🏽 🇰🇿 ok';
    expect(() => describeRange(emoji, 4, 8)).toThrow(RangeError); // starts inside 👍
    expect(() => describeRange(emoji, 3, 4)).toThrow(RangeError); // ends inside 👍
    expect(() => describeRange(emoji, 0, 9)).toThrow(RangeError); // ends inside 🇰
    expect(describeRange(emoji, 3, 7).quote.exact).toBe('👍🏽');
  });
});

describe('anchor: edits to the text', () => {
  const passage = 'will draw up to a fifth of the Amu Darya';
  const sel = select(ARTICLE, passage);

  it('unchanged text → anchored at the stored position', () => {
    expect(anchor(ARTICLE, sel)).toEqual({ status: 'anchored', ...sel.position });
  });

  it('keeps the stored position even when an identical passage exists elsewhere', () => {
    const text = `${ARTICLE}\n\nQuoted again: the canal ${passage}, leaving less water for the downstream states.`;
    expect(text.indexOf(passage, sel.position.end)).toBeGreaterThan(0);
    expect(anchor(text, sel)).toEqual({ status: 'anchored', ...sel.position });
  });

  it('keeps the stored position when only the context changed around it', () => {
    const text = ARTICLE.replace('leaving less water', 'leaving far less water');
    expect(anchor(text, sel)).toEqual({ status: 'anchored', ...sel.position });
  });

  it('text inserted above → drifted via the quote, shifted by the insertion', () => {
    const insertion = 'Editor’s note: revised after the 2024 field visit to Termez.\n\n';
    const text = insertion + ARTICLE;
    const result = anchor(text, sel);
    expect(result).toEqual({
      status: 'drifted',
      method: 'quote',
      start: sel.position.start + insertion.length,
      end: sel.position.end + insertion.length,
      score: expect.any(Number),
    });
    expect(result.status === 'drifted' && result.score).toBeGreaterThanOrEqual(0.95);
  });

  it('text deleted above → drifted via the quote, shifted back', () => {
    const text = join(P2, P3, P4, P5);
    const shift = P1.length + 2;
    expect(anchor(text, sel)).toMatchObject({
      status: 'drifted',
      method: 'quote',
      start: sel.position.start - shift,
      end: sel.position.end - shift,
    });
  });

  it('passage edited slightly → drifted (fuzzy), covering the edited passage', () => {
    const edited = 'will draw up to one fifth of the Amu Darya';
    const text = ARTICLE.replace(passage, edited);
    const result = anchor(text, sel);
    const start = text.indexOf(edited);
    expect(result).toEqual({
      status: 'drifted',
      method: 'fuzzy',
      start,
      end: start + edited.length,
      score: expect.any(Number),
    });
    expect(result.status === 'drifted' && result.score).toBeGreaterThanOrEqual(0.9);
  });

  it('passage edited slightly and text inserted above → drifted (fuzzy) at the new place', () => {
    const edited = 'will draw up to a fifth of the Amu-Darya';
    const insertion = `${P5}\n\n${P3}\n\n`;
    const text = insertion + ARTICLE.replace(passage, edited);
    const start = text.indexOf(edited);
    expect(anchor(text, sel)).toMatchObject({ status: 'drifted', method: 'fuzzy', start, end: start + edited.length });
  });

  it('whole paragraph edited in two places → drifted (fuzzy) over the paragraph', () => {
    const s = select(ARTICLE, P3);
    const edited = P3.replace('northern route', 'northern routes').replace('financing', 'and finance');
    const text = `Summary first.\n\n${ARTICLE.replace(P3, edited)}`;
    const start = text.indexOf(edited);
    expect(anchor(text, s)).toMatchObject({ status: 'drifted', method: 'fuzzy', start, end: start + edited.length });
  });

  it('passage deleted → orphaned (not found)', () => {
    expect(anchor(join(P1, P2, P3, P5), select(ARTICLE, P4))).toEqual({ status: 'orphaned', reason: 'not-found' });
    expect(anchor(join(P1, P2, P3, P5), sel)).toEqual({ status: 'orphaned', reason: 'not-found' });
  });

  it('passage rewritten beyond recognition → orphaned (not found)', () => {
    const text = ARTICLE.replace(passage, 'may take a large share of the river');
    expect(anchor(text, sel)).toEqual({ status: 'orphaned', reason: 'not-found' });
  });

  it('annotation at the very start of the text', () => {
    const s = describeRange(ARTICLE, 0, 'Kazakhstan shares no border'.length);
    expect(s.quote.prefix).toBe('');
    expect(anchor(ARTICLE, s)).toEqual({ status: 'anchored', start: 0, end: 27 });
    expect(anchor(`${ARTICLE}\n\nAppendix.`, s)).toEqual({ status: 'anchored', start: 0, end: 27 });
    const text = `Preface.\n\n${ARTICLE}`;
    expect(anchor(text, s)).toMatchObject({ status: 'drifted', method: 'quote', start: 10, end: 37 });
    const edited = `Kazakstan shares no border${ARTICLE.slice(27)}`;
    expect(anchor(edited, s)).toMatchObject({ status: 'drifted', method: 'fuzzy', start: 0, end: 26 });
  });

  it('annotation at the very end of the text', () => {
    const n = ARTICLE.length;
    const s = describeRange(ARTICLE, n - 'its base in Tajikistan.'.length, n);
    expect(s.quote.suffix).toBe('');
    expect(anchor(ARTICLE, s)).toEqual({ status: 'anchored', start: n - 23, end: n });
    const text = `Preface.\n\n${ARTICLE}\n\nAppendix: sources.`;
    expect(anchor(text, s)).toMatchObject({ status: 'drifted', method: 'quote', start: n - 23 + 10, end: n + 10 });
    const edited = `${ARTICLE.slice(0, n - 1)}!`;
    expect(anchor(edited, s)).toMatchObject({ status: 'drifted', method: 'fuzzy', start: n - 23, end: n });
  });
});

describe('anchor: look-alike passages never capture an annotation silently', () => {
  it('a duplicated paragraph above, context tells them apart → drifted to the original', () => {
    const s = select(ARTICLE, P2); // whole paragraph: its context is the neighbouring paragraphs
    const text = join(P2, P5, P1, P2, P3, P4, P5); // a copy at the top, the original moved down
    const original = text.indexOf(`${P1}\n\n${P2}`) + P1.length + 2;
    const result = anchor(text, s);
    expect(result).toMatchObject({ status: 'drifted', method: 'quote', start: original, end: original + P2.length });
    expect(result.status === 'drifted' && result.score).toBeGreaterThanOrEqual(0.95);
  });

  it('a duplicated paragraph whose copy differs only near the passage → drifted to the original', () => {
    const passage = 'keeps fighters in Faryab province';
    const s = select(ARTICLE, passage);
    const copy = P2.replace('The Islamic Movement of Uzbekistan', 'Jamaat Ansarullah, like the IMU,');
    const text = join(copy, ARTICLE);
    const original = text.indexOf(P2) + P2.indexOf(passage);
    expect(anchor(text, s)).toMatchObject({
      status: 'drifted',
      method: 'quote',
      start: original,
      end: original + passage.length,
    });
  });

  it('a duplicated paragraph with identical context → orphaned (ambiguous), never one of them', () => {
    const passage = 'keeps fighters in Faryab province';
    const s = select(ARTICLE, passage); // mid-paragraph: the copy's context is identical
    for (const text of [
      join(P2, ARTICLE),
      join(P1, 'Inserted.', P2, P3, P2, P4, P5),
      `${ARTICLE}\n\n${P2}`.replace(P1, `${P1} More.`),
    ]) {
      expect(anchor(text, s)).toEqual({ status: 'orphaned', reason: 'ambiguous' });
    }
  });

  it('the edited passage in place wins over an exact copy elsewhere whose context disagrees', () => {
    const passage = 'will draw up to a fifth of the Amu Darya';
    const s = select(ARTICLE, passage);
    const edited = 'will draw up to one fifth of the Amu Darya';
    const text = `${ARTICLE.replace(passage, edited)}\n\nA 2022 estimate said the canal ${passage}.`;
    const start = text.indexOf(edited);
    expect(anchor(text, s)).toMatchObject({ status: 'drifted', method: 'fuzzy', start, end: start + edited.length });
  });

  it('a fuzzy look-alike with identical context → orphaned (ambiguous)', () => {
    const passage = 'keeps fighters in Faryab province';
    const s = select(ARTICLE, passage);
    const a = P2.replace('Faryab', 'Faryob');
    const b = P2.replace('Faryab', 'Fariab');
    const text = join(P1, a, P3, b, P4, P5);
    expect(anchor(text, s)).toEqual({ status: 'orphaned', reason: 'ambiguous' });
  });

  it('a look-alike one word apart, next to a deleted passage, is never taken as the passage moved', () => {
    // Before: P1, P2 (Faryab), its look-alike (Jowzjan), P3. The annotated paragraph P2 is deleted.
    const lookAlike = P2.replace('Faryab', 'Jowzjan');
    const before = join(P1, P2, lookAlike, P3);
    const s = select(before, P2);
    const after = join(P1, lookAlike, P3);
    const result = anchor(after, s);
    // Definition: the look-alike may only be proposed with a weak score (below 0.8: one side of the
    // context disagrees), well under what a real move (≥ 0.95) or an edit in place (≥ 0.9) gets.
    // The analyst sees a low-confidence proposal to confirm, never a silent re-placement.
    expect(result.status === 'orphaned' || (result.status === 'drifted' && result.score < 0.8)).toBe(true);
    expect(result).toMatchObject({ status: 'drifted', method: 'fuzzy', start: P1.length + 2 });

    const moved = anchor(join('Preface.', before), s);
    expect(moved).toMatchObject({ status: 'drifted', method: 'quote', start: 10 + P1.length + 2 });
    expect(moved.status === 'drifted' && moved.score).toBeGreaterThanOrEqual(0.95);
    const editedInPlace = anchor(join(P1, P2.replace('keeps', 'still keeps'), lookAlike, P3), s);
    expect(editedInPlace).toMatchObject({ status: 'drifted', method: 'fuzzy', start: P1.length + 2 });
    expect(editedInPlace.status === 'drifted' && editedInPlace.score).toBeGreaterThanOrEqual(0.9);

    // Where neither side of the context agrees, the look-alike is not proposed at all.
    expect(anchor(join(P4, lookAlike, P5), s)).toEqual({ status: 'orphaned', reason: 'not-found' });
  });

  it('a look-alike elsewhere of a deleted passage → orphaned', () => {
    const s = select(ARTICLE, P2);
    const lookAlike = P2.replace('Faryab', 'Jowzjan');
    expect(anchor(join(P1, P3, P4, lookAlike, P5), s)).toEqual({ status: 'orphaned', reason: 'not-found' });
  });

  it('a short quote that other text slid under its old offset is not kept there when its context is clearly elsewhere', () => {
    const s = select(ARTICLE, 'Kosh-Tepa');
    // Text inserted above happens to put an unrelated mention of "Kosh-Tepa" exactly at the old offset.
    const mention = 'On the Kosh-Tepa question see below. ';
    const text = `${'.'.repeat(s.position.start - mention.indexOf('Kosh-Tepa'))}${mention}\n\n${ARTICLE}`;
    expect(text.slice(s.position.start, s.position.end)).toBe('Kosh-Tepa');
    const real = text.lastIndexOf('Kosh-Tepa');
    expect(anchor(text, s)).toMatchObject({ status: 'drifted', method: 'quote', start: real, end: real + 9 });
  });
});

describe('anchor: scripts and Unicode', () => {
  function roundTrip(
    before: string,
    passage: string,
    after: (t: string) => string,
    expected: string | null,
    method?: 'quote' | 'fuzzy',
  ) {
    const s = select(before, passage);
    const text = after(before);
    const result = anchor(text, s);
    if (expected === null) {
      expect(result.status).toBe('orphaned');
      return result;
    }
    expect(textOf(text, result)).toBe(expected);
    if (method) expect(result).toMatchObject({ status: 'drifted', method });
    if (result.status !== 'orphaned') {
      expect(splitsPair(text, result.start)).toBe(false);
      expect(splitsPair(text, result.end)).toBe(false);
    }
    return result;
  }

  const KAZAKH = join(
    'Қазақстанның оңтүстік шекарасы Ауғанстанмен тікелей шектеспейді, бірақ қауіптер Орталық Азия арқылы жетеді.',
    'Әмударияның суын Қош-Тепа каналы алады, бұл өзен бассейніндегі елдер үшін үлкен қауіп.',
    'Һижра мен көші-қон ағындары Ұлы Жібек жолы бойындағы қалаларға әсер етеді; Үкімет бұл мәселені қарап жатыр.',
  );

  it('Kazakh (ә ғ қ ң ө ұ ү һ і): unchanged, moved, edited', () => {
    const passage = 'Әмударияның суын Қош-Тепа каналы алады';
    expect(passage).toMatch(/ә|Ә/);
    for (const letter of ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і']) expect(KAZAKH.toLowerCase()).toContain(letter);
    const s = select(KAZAKH, passage);
    expect(anchor(KAZAKH, s)).toEqual({ status: 'anchored', ...s.position });
    roundTrip(KAZAKH, passage, (t) => `Кіріспе: ғылыми баяндама.\n\n${t}`, passage, 'quote');
    roundTrip(
      KAZAKH,
      passage,
      (t) => `Кіріспе.\n\n${t.replace('Қош-Тепа', 'Қоштепа')}`,
      'Әмударияның суын Қоштепа каналы алады',
      'fuzzy',
    );
    roundTrip(KAZAKH, 'Ұлы Жібек жолы', (t) => t.replace('Ұлы Жібек жолы бойындағы', 'бойындағы'), null);
  });

  const RUSSIAN = join(
    'Угрозы, исходящие из Афганистана, касаются всех государств Центральной Азии.',
    'Исламское движение Узбекистана сохраняет боевиков в провинции Фарьяб, у границ с Туркменистаном.',
    'Наркотики идут по северному маршруту через Таджикистан на российский рынок.',
  );

  it('Russian (Cyrillic): moved and edited', () => {
    const passage = 'сохраняет боевиков в провинции Фарьяб';
    roundTrip(RUSSIAN, passage, (t) => `Предисловие редакции.\n\n${t}`, passage, 'quote');
    roundTrip(
      RUSSIAN,
      passage,
      (t) => t.replace('боевиков', 'своих боевиков'),
      'сохраняет своих боевиков в провинции Фарьяб',
      'fuzzy',
    );
    // Words added just outside the passage change its context, not the passage: found exactly.
    roundTrip(RUSSIAN, passage, (t) => t.replace('сохраняет', 'по-прежнему сохраняет'), passage, 'quote');
  });

  const DARI = join(
    'تهدیدهای امنیتی از افغانستان به آسیای مرکزی می‌رسد و کشورهای همسایه را نگران می‌کند.',
    'کانال قوش‌تپه بخش بزرگی از آب آمو دریا را برداشت خواهد کرد.',
    'مواد مخدر از مسیر شمالی از طریق تاجیکستان به بازار روسیه می‌رود.',
  );
  const PASHTO = join(
    'د افغانستان له خاورې څخه امنیتي ګواښونه منځنۍ آسیا ته رسېږي.',
    'د قوش تېپې کانال به د آمو سیند د اوبو لویه برخه واخلي.',
    'مخدره توکي د شمالي لارې له لارې روسیې ته ځي.',
  );

  it('Dari (Arabic script with ZWNJ): moved and edited', () => {
    const passage = 'کانال قوش‌تپه بخش بزرگی از آب آمو دریا';
    roundTrip(DARI, passage, (t) => `یادداشت ویراستار.\n\n${t}`, passage, 'quote');
    roundTrip(
      DARI,
      passage,
      (t) => t.replace('بخش بزرگی', 'بخش بسیار بزرگی'),
      'کانال قوش‌تپه بخش بسیار بزرگی از آب آمو دریا',
      'fuzzy',
    );
  });

  it('Pashto (Arabic script): moved, edited and deleted', () => {
    const passage = 'د قوش تېپې کانال به د آمو سیند';
    roundTrip(PASHTO, passage, (t) => `سریزه.\n\n${t}`, passage, 'quote');
    roundTrip(PASHTO, passage, (t) => t.replace('قوش تېپې', 'قوش تیپې'), 'د قوش تیپې کانال به د آمو سیند', 'fuzzy');
    roundTrip(
      PASHTO,
      passage,
      (t) => t.replace('د قوش تېپې کانال به د آمو سیند د اوبو لویه برخه واخلي.\n\n', ''),
      null,
    );
  });

  it('Arabic harakat: an approximate range never leaves a combining mark outside', () => {
    const text = join('مقدمة قصيرة.', 'القناة ستأخذ الماء من النهر الكبير.', 'خاتمة.');
    const s = select(text, 'ستأخذ الماء من النهر');
    const voweled = text.replace('النهر', 'النهرِ'); // a kasra added to the last letter
    const result = anchor(voweled, s);
    expect(textOf(voweled, result)).toBe('ستأخذ الماء من النهرِ');
  });

  it('a mark or modifier added at the edge of an unchanged passage makes it drifted over the whole character', () => {
    const text = join('مقدمة قصيرة.', 'القناة ستأخذ الماء من النهر الكبير.', 'خاتمة.');
    const s = select(text, 'القناة ستأخذ الماء من النهر');
    const voweled = text.replace('النهر', 'النهرِ'); // same offsets, but the last letter now carries a kasra
    const result = anchor(voweled, s);
    expect(result).toMatchObject({ status: 'drifted', start: s.position.start, end: s.position.end + 1 });
    const thumbs = 'Noted 👍 by the desk officer.';
    const t = select(thumbs, 'Noted 👍');
    expect(anchor(thumbs.replace('👍', '👍🏽'), t)).toMatchObject({
      status: 'drifted',
      method: 'fuzzy',
      start: 0,
      end: 'Noted 👍🏽'.length,
    });
  });

  it('a selection that itself cut a character (half a flag pair, a base letter without its mark) stays anchored while unchanged', () => {
    const flags = 'Posts: 🇰🇿🇺🇿 on the border.';
    const s = describeRange(flags, 9, 13); // the second letter of 🇰🇿 and the first of 🇺🇿
    expect(s.quote.exact).toBe('🇿🇺');
    expect(anchor(flags, s)).toEqual({ status: 'anchored', start: 9, end: 13 });
    expect(anchor(`Field ${flags}`, s)).toMatchObject({ status: 'drifted', method: 'quote', start: 15, end: 19 });
    const marks = 'النهرِ الكبير';
    const m = describeRange(marks, 0, 5); // without the kasra
    expect(anchor(marks, m)).toEqual({ status: 'anchored', start: 0, end: 5 });
    expect(anchor(`مقدمة. ${marks}`, m)).toMatchObject({ status: 'drifted', method: 'quote', start: 7, end: 12 });
  });

  const EMOJI = join(
    'Field notes 👍🏽 from the border 🇰🇿🇦🇫 crossing.',
    'Flags 🇰🇿 and 🇺🇿 mark the posts 👍🏽 here; 👨‍👩‍👧 families wait.',
    'End 🇹🇯.',
  );

  it('emoji, skin tones and flags: moved, edited, never split', () => {
    const passage = 'Flags 🇰🇿 and 🇺🇿 mark the posts 👍🏽';
    roundTrip(EMOJI, passage, (t) => `🇦🇫🇦🇫 Preface 👍\n\n${t}`, passage, 'quote');
    roundTrip(EMOJI, passage, (t) => t.replace('🇺🇿', '🇹🇯'), 'Flags 🇰🇿 and 🇹🇯 mark the posts 👍🏽', 'fuzzy');
    // Skin tone changed at the very edge of the passage: the range takes the whole emoji.
    roundTrip(EMOJI, passage, (t) => t.replace('posts 👍🏽', 'posts 👍🏿'), 'Flags 🇰🇿 and 🇺🇿 mark the posts 👍🏿', 'fuzzy');
    roundTrip(EMOJI, '🇰🇿🇦🇫 crossing', (t) => `👍🏽${t}`, '🇰🇿🇦🇫 crossing', 'quote');
    roundTrip(EMOJI, '👨‍👩‍👧 families wait', (t) => t.replace('👨‍👩‍👧 families', '👨‍👩‍👦 families'), '👨‍👩‍👦 families wait', 'fuzzy');
  });

  it('combining marks: a decomposed и + breve is anchored in NFC', () => {
    const raw = 'Вступление.\n\nИсламское движение Узбекистана и\u0306 его союзники.\n\nКонец.';
    const text = normaliseText(raw);
    expect(text).toContain('й его');
    const s = select(text, 'Узбекистана й его союзники');
    const again = normaliseText(`Новая глава.\n\n${raw}`);
    const start = again.indexOf('Узбекистана й');
    expect(anchor(again, s)).toMatchObject({
      status: 'drifted',
      method: 'quote',
      start,
      end: start + 'Узбекистана й его союзники'.length,
    });
    // An edit that leaves a combining mark with no precomposed form (q̇) right after the passage.
    const marked = normaliseText(raw.replace('союзники.', 'союзникиq\u0307.'));
    const r = anchor(marked, s);
    expect(r.status).not.toBe('orphaned');
    if (r.status !== 'orphaned') expect(/^\p{M}/u.test(marked.slice(r.end))).toBe(false);
  });

  it('CRLF input normalised by normaliseText anchors like LF input', () => {
    const rawBefore = ARTICLE.replace(/\n/g, '\r\n');
    const before = normaliseText(rawBefore);
    expect(before).toBe(ARTICLE);
    const passage = 'close to the Turkmen and Uzbek borders';
    const s = select(before, passage);
    const rawAfter = `\uFEFFNew heading\r\n\r\n${rawBefore}`;
    const after = normaliseText(rawAfter);
    const start = after.indexOf(passage);
    expect(anchor(after, s)).toMatchObject({ status: 'drifted', method: 'quote', start, end: start + passage.length });
    expect(anchor(normaliseText(rawBefore.replace(/\r\n/g, '\r')), s)).toEqual({ status: 'anchored', ...s.position });
  });
});

describe('anchor: options', () => {
  const passage = 'will draw up to a fifth of the Amu Darya';
  const s = select(ARTICLE, passage);
  const edited = ARTICLE.replace(passage, 'will draw about a fifth of Amu Darya');

  it('a stricter threshold or a smaller error budget turns a weak match into an orphan', () => {
    expect(anchor(edited, s)).toMatchObject({ status: 'drifted', method: 'fuzzy' });
    expect(anchor(edited, s, { threshold: 0.99 })).toEqual({ status: 'orphaned', reason: 'not-found' });
    expect(anchor(edited, s, { maxFuzzyErrorsRatio: 0.05 })).toEqual({ status: 'orphaned', reason: 'not-found' });
  });

  it('refuses options out of range', () => {
    expect(() => anchor(ARTICLE, s, { threshold: 1.5 })).toThrow(RangeError);
    expect(() => anchor(ARTICLE, s, { threshold: Number.NaN })).toThrow(RangeError);
    expect(() => anchor(ARTICLE, s, { maxFuzzyErrorsRatio: -0.1 })).toThrow(RangeError);
    expect(() => reanchorAll(ARTICLE, [s], { maxFuzzyErrorsRatio: 1 })).toThrow(RangeError);
  });

  it('tolerates stored positions that no longer fit the text', () => {
    const stale: Selectors = { quote: s.quote, position: { start: 10_000, end: 10_040 } };
    expect(anchor(ARTICLE, stale)).toMatchObject({ status: 'drifted', method: 'quote', ...s.position });
    expect(anchor('', s)).toEqual({ status: 'orphaned', reason: 'not-found' });
  });
});
