/**
 * The multilingual note of issue 14, as text: Russian with a figure ("15 %"), Kazakh with all of
 * ә ғ қ ң ө ұ ү һ і, Dari in Arabic script with zero-width non-joiners, English, and a closing
 * paragraph pasted twice. The revised version inserts a paragraph near the top, changes "15 %" to
 * "12–15 %" inside a sentence, and removes the duplicated closing paragraph. The files
 * tests/fixtures/replace/multilingual-note{,-revised}.txt hold exactly these texts (text-change-plan.test.ts
 * checks it), for the end-to-end test to import as real files.
 */
const ZWNJ = '\u200c';

const TITLE = 'Записка о водных рисках бассейна Амударьи';
const RUSSIAN =
  'Канал Кош-Тепа забирает воду из Амударьи. По оценкам института, сток в низовья может сократиться на 15 % в маловодные годы. Узбекистан и Туркменистан получат меньше воды для орошения.';
const KAZAKH =
  'Қазақстан үшін Ауғанстандағы жағдай әрдайым маңызды: өңірдегі қауіп-қатерлер, ұйымдасқан қылмыс және су тапшылығы үкіметтің назарында. Шекара маңындағы шаһарларда бақылау күшейтілді.';
const DARI = `کانال قوش${ZWNJ}تپه آب دریای آمو را برای آبیاری شمال افغانستان برداشت می${ZWNJ}کند و کشورهای پایین${ZWNJ}دست نگران${ZWNJ}اند.`;
const ENGLISH =
  'In English, briefly: the canal’s draw is the main water risk for the lower basin, and the figure should be checked against the basin commission’s data.';
const CLOSING = 'Prepared for the institute’s weekly briefing; not for citation.';
const INSERTED = 'Обновлено: добавлены данные наблюдений за 2025 год и уточнена оценка стока.';

export const MULTILINGUAL_NOTE = `${[TITLE, RUSSIAN, KAZAKH, DARI, ENGLISH, CLOSING, CLOSING].join('\n\n')}\n`;
export const MULTILINGUAL_NOTE_REVISED = `${[TITLE, INSERTED, RUSSIAN.replace('на 15 %', 'на 12–15 %'), KAZAKH, DARI, ENGLISH, CLOSING].join('\n\n')}\n`;

/** The four passages the tests code: one per script, one of them the sentence with the figure. */
export const CODED = {
  russian: 'По оценкам института, сток в низовья может сократиться на 15 % в маловодные годы.',
  kazakh: 'ұйымдасқан қылмыс және су тапшылығы',
  dari: `آب دریای آمو را برای آبیاری شمال افغانستان برداشت می${ZWNJ}کند`,
  english: 'the canal’s draw is the main water risk for the lower basin',
};
