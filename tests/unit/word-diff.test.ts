import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../shared/domain/word-diff';

const ZWNJ = '\u200c';
const render = (before: string, after: string) =>
  wordDiff(before, after)
    .map((c) => (c.kind === 'same' ? c.text : c.kind === 'removed' ? `[-${c.text}-]` : `{+${c.text}+}`))
    .join('');

describe('word diff of a coded passage against what the text now reads', () => {
  it('shows "15 %" → "12–15 %" as one replaced word', () => {
    expect(wordDiff('сократиться на 15 % в маловодные годы.', 'сократиться на 12–15 % в маловодные годы.')).toEqual([
      { kind: 'same', text: 'сократиться на ' },
      { kind: 'removed', text: '15' },
      { kind: 'added', text: '12–15' },
      { kind: 'same', text: ' % в маловодные годы.' },
    ]);
  });

  it('keeps Kazakh words whole (ә, ғ, қ, ң, ө, ұ, ү, һ, і are letters)', () => {
    expect(
      render(
        'Қазақстан үшін әрдайым маңызды: өңірдегі ұйымдасқан қылмыс',
        'Қазақстан үшін маңызды: өңірдегі ұйымдасқан қылмыс',
      ),
    ).toBe('Қазақстан үшін [-әрдайым -]маңызды: өңірдегі ұйымдасқан қылмыс');
    expect(render('шаһарларда бақылау', 'шаһарларда бақылау күшейтілді')).toBe('шаһарларда бақылау{+ күшейтілді+}');
  });

  it('keeps Dari words written with a zero-width non-joiner whole', () => {
    const before = `آب را برای آبیاری برداشت می${ZWNJ}کند`;
    const after = `آب را برای آبیاری برداشت خواهد کرد`;
    expect(render(before, after)).toBe(`آب را برای آبیاری برداشت [-می${ZWNJ}کند-]{+خواهد کرد+}`);
    expect(render(before, before.replace('آبیاری ', ''))).toBe(`آب را برای [-آبیاری -]برداشت می${ZWNJ}کند`);
  });

  it('gathers neighbouring changed words into one removal and one addition', () => {
    expect(render('will significantly reduce the flow by 15%', 'will reduce the flow by about 15%')).toBe(
      'will [-significantly -]reduce the flow by {+about +}15%',
    );
    expect(render('a b c d', 'a x y d')).toBe('a [-b c-]{+x y+} d');
  });

  it('reads back both texts exactly', () => {
    const pairs = [
      [
        'The Crocus City Hall attack killed more than 140 people.',
        'One of the latest crimes was the attack in the Crocus City Hall, which killed 140.',
      ],
      ['', 'new'],
      ['old', ''],
      ['  spaced\n\nout  ', 'spaced out'],
    ];
    for (const [before, after] of pairs) {
      const changes = wordDiff(before!, after!);
      expect(
        changes
          .filter((c) => c.kind !== 'added')
          .map((c) => c.text)
          .join(''),
      ).toBe(before);
      expect(
        changes
          .filter((c) => c.kind !== 'removed')
          .map((c) => c.text)
          .join(''),
      ).toBe(after);
    }
  });

  it('answers one unchanged run for equal texts, and nothing for two empty ones', () => {
    expect(wordDiff('15 %', '15 %')).toEqual([{ kind: 'same', text: '15 %' }]);
    expect(wordDiff('', '')).toEqual([]);
  });
});
