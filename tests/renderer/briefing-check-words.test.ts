// The check before export says each problem in the interface language: in English word for word as the
// shared check said it before it kept codes only, in Russian once the interface speaks Russian.
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckJump, CheckProblem } from '../../shared/domain/briefing-checks';
import { applyLanguage, i18n } from '../../renderer/i18n';
import { checkSentence, jumpLabel } from '../../renderer/features/briefings/check-words';

afterEach(() => applyLanguage('en'));

const t = (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {});
const TITLE = 'Security Threats Emanating from Afghanistan: The View from Kazakhstan';

describe('the check before export, in English', () => {
  it('says each problem as a sentence with what to do', () => {
    const said = (problem: CheckProblem) => checkSentence(t, problem);
    expect(said({ code: 'reference-incomplete', sourceTitle: TITLE, missing: ['publisher', 'date'] })).toBe(
      `“${TITLE}” has no publisher or date recorded, so its notes say “n.d.” and lack them. Add them in the source’s details under Sources before exporting.`,
    );
    expect(said({ code: 'reference-incomplete', sourceTitle: TITLE, missing: ['author'] })).toBe(
      `“${TITLE}” has no author recorded, so its notes lack it. Add it in the source’s details under Sources before exporting.`,
    );
    expect(
      said({ code: 'reference-incomplete', sourceTitle: TITLE, missing: ['author', 'publisher', 'date'] }),
    ).toMatch(/^“.*” has no author, publisher,? or date recorded, so its notes say “n\.d\.” and lack them\./);
    expect(said({ code: 'threat-unsupported', threat: { number: 1, title: 'Unsupported threat' } })).toBe(
      'T1 “Unsupported threat” has no passage behind its rating. Link one in the Register, or leave the threat out with the filters.',
    );
    expect(said({ code: 'placeholder', name: 'Afghanistan (starter)' })).toBe(
      '“Afghanistan (starter)” reads as a placeholder, and the briefing prints it. Give it its real name before exporting.',
    );
    expect(said({ code: 'never-reviewed', threats: [1, 2, 3], all: true })).toMatch(
      /^No rating in this briefing has ever been reviewed: each is a first reading\./,
    );
    expect(said({ code: 'never-reviewed', threats: [2], all: false })).toBe(
      'The rating of T2 has never been reviewed: it is a first reading. Review the ratings in the Register (and record the review date) before the briefing goes up.',
    );
    expect(said({ code: 'never-reviewed', threats: [2, 4], all: false })).toMatch(
      /^The ratings of T2, T4 have never been reviewed: each is a first reading\./,
    );
    expect(said({ code: 'threats-one-source', threats: [1, 2] })).toMatch(
      /^The ratings of T1, T2 rest on a single source/,
    );
    expect(said({ code: 'threats-one-source', threats: [3] })).toMatch(/^The rating of T3 rests on a single source/);
    expect(
      said({
        code: 'threats-unrated',
        threats: [
          { number: 4, title: 'Unassessed crossings' },
          { number: 5, title: 'Border posts' },
        ],
      }),
    ).toBe(
      'T4 “Unassessed crossings”, T5 “Border posts” are not yet rated, so the briefing lists them without a score and off the heat map. Rate them in the Register, or leave them out with the filters.',
    );
    expect(said({ code: 'passage-moved', quote: 'ISKP recruits', sourceTitle: TITLE })).toBe(
      `The quoted passage “ISKP recruits” moved when the text of “${TITLE}” changed, and may no longer say what the source says. Confirm it under Review (or drop it from the briefing) before exporting.`,
    );
    expect(said({ code: 'section-empty', section: 'key-gaps' })).toBe(
      'The section “Key gaps” is ticked but nothing is written for it, so it is not printed. Write it in the composer, or untick it.',
    );
    expect(said({ code: 'judgment-one-source', judgment: 2 })).toBe(
      'Key judgment 2 rests on a single source. Link passages of other sources to it, or lower its confidence.',
    );
  });

  it('names each jump', () => {
    const named = (jump: CheckJump) => jumpLabel(t, jump);
    expect(named({ kind: 'threat', number: 3, registerId: 'r', threatId: 't' })).toBe('Go to T3');
    expect(named({ kind: 'judgment', number: 1, judgmentId: 'k' })).toBe('Go to key judgment 1');
    expect(named({ kind: 'source', sourceId: 's' })).toBe('Open the source’s details');
    expect(named({ kind: 'passage', sourceId: 's', annotationId: 'a' })).toBe('Go to the passage');
    expect(named({ kind: 'register', registerId: 'r' })).toBe('Go to the register');
    expect(named({ kind: 'field', field: 'bottom-line' })).toBe('Write the bottom line');
    expect(named({ kind: 'field', field: 'cut-off' })).toBe('Set the cut-off date');
    expect(named({ kind: 'field', field: 'indicators' })).toBe('Write the indicators to watch');
  });
});

describe('the check before export, in Russian', () => {
  it('says each problem in Russian, with Russian quotation marks and plurals of lists', async () => {
    await applyLanguage('ru');
    const said = (problem: CheckProblem) => checkSentence(t, problem);
    expect(said({ code: 'reference-incomplete', sourceTitle: TITLE, missing: ['publisher', 'date'] })).toBe(
      `Для источника «${TITLE}» не указаны библиографические сведения — издатель и дата, и в сносках их не будет (вместо даты — «n.d.» или «б. г.»). Добавьте недостающее в сведениях об источнике в разделе «Источники» перед экспортом.`,
    );
    expect(said({ code: 'reference-incomplete', sourceTitle: 'Отчёт', missing: ['author'] })).toMatch(
      /^Для источника «Отчёт» не указано одно из библиографических сведений — автор, и в сносках его не будет\. /,
    );
    expect(said({ code: 'threat-unsupported', threat: { number: 1, title: 'Канал Кош-Тепа' } })).toMatch(
      /^За оценкой угрозы T1 «Канал Кош-Тепа» не стоит ни одного фрагмента\./,
    );
    // A list of 21 threats is plural, though 21 takes the singular "one" form in Russian counting.
    const many = Array.from({ length: 21 }, (_, i) => i + 1);
    expect(said({ code: 'threats-one-source', threats: many })).toMatch(/^Оценки угроз T1, T2, .*T21 опираются/);
    expect(said({ code: 'threats-one-source', threats: [7] })).toMatch(/^Оценка угрозы T7 опирается/);
    expect(said({ code: 'never-reviewed', threats: [1, 2], all: true })).toMatch(
      /^Ни одна оценка в этой справке ни разу не пересматривалась/,
    );
    expect(said({ code: 'section-empty', section: 'assumptions' })).toMatch(/^Раздел «Ключевые допущения» отмечен/);
    expect(said({ code: 'placeholder', name: 'Новая справка' })).toBe(
      '«Новая справка» похоже на временное название, а справка его напечатает. Дайте настоящее название перед экспортом.',
    );
    expect(said({ code: 'bottom-line-empty' })).toMatch(/^Главный вывод не написан/);
    expect(jumpLabel(t, { kind: 'threat', number: 3, registerId: 'r', threatId: 't' })).toBe('Перейти к T3');
    expect(jumpLabel(t, { kind: 'field', field: 'title' })).toBe('Изменить название');
  });

  it('has no English left in any sentence of the check', async () => {
    await applyLanguage('ru');
    const problems: CheckProblem[] = [
      { code: 'passage-moved', quote: 'q', sourceTitle: null },
      { code: 'passage-lost', quote: 'q', sourceTitle: 'Источник' },
      { code: 'bottom-line-empty' },
      { code: 'cut-off-missing' },
      { code: 'section-empty', section: 'alternatives' },
      { code: 'reference-incomplete', sourceTitle: 'Источник', missing: ['author'] },
      { code: 'threats-unrated', threats: [{ number: 1, title: 'Угроза' }] },
      { code: 'threat-unsupported', threat: { number: 1, title: 'Угроза' } },
      { code: 'never-reviewed', threats: [1], all: false },
      { code: 'threats-one-source', threats: [1] },
      { code: 'judgment-unsupported', judgment: 1 },
      { code: 'judgment-one-source', judgment: 1 },
      { code: 'placeholder', name: 'Черновик' },
    ];
    for (const problem of problems) expect(checkSentence(t, problem), problem.code).not.toMatch(/[A-Za-z]{3,}/);
  });
});
