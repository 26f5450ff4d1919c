/**
 * The sentences, table headings and words the briefing model writes itself (not the analyst's words), in
 * each language a template may choose for the document's fixed texts. Labels live in briefing-template's
 * FixedTexts; what is built from data (counts, lists, dates, scores) lives here, one function a sentence,
 * so each language words it in its own grammar (plurals by Intl.PluralRules, its own list conjunction).
 */
import type { Band } from './scoring';
import { CREDIBILITY_LABELS, RELIABILITY_LABELS, type Credibility, type Reliability } from './source';
import { CATEGORY_LABELS, type ThreatCategory, type Trend } from './threat';
import type { TemplateLanguage } from './briefing-template';

type Level = 'low' | 'moderate' | 'high';

export interface BriefingPhrases {
  /** "a, b and c" */
  list(items: readonly string[]): string;
  /** A count with its noun: "1 threat", "12 threats"; "12 угроз". */
  threats(count: number): string;
  /** A figure with thousands grouped as the language writes them: "1,407"; "1 407". */
  thousands(value: number): string;
  billion: string;
  million: string;
  thousand: string;
  /** The decimal mark of a rounded figure. */
  decimal: string;
  km: string;
  none: string;
  notRated: string;
  keyJudgment(n: number): string;
  category: Record<ThreatCategory, string>;
  band: Record<Band, string>;
  trend: Record<Trend, string>;
  confidenceLevel: Record<Level, string>;
  confidenceWords: Record<Level, string>;
  confidenceMeaning: Record<Level, string>;
  /** The scale's words (ICD 203 and the impact scale), keyed by their English form. */
  words(english: string): string;
  reliability: Record<Reliability, string>;
  credibility: Record<Credibility, string>;
  scope: {
    from(registers: string): string;
    inCategories(categories: string): string;
    scoring(minimum: number): string;
    affecting(countries: string): string;
    covers(scope: string): string;
    commonOrigin(country: string): string;
    cutOff(date: string): string;
  };
  sources: {
    none: string;
    few(count: number, graded: string): string;
    many(count: number, grades: string): string;
    allOnOne: string;
    single(labels: string): string;
    unsupported(labels: string): string;
  };
  threatFacts(f: {
    score: number;
    band: string;
    likelihood: string;
    l: number;
    impact: string;
    i: number;
    levels: number;
    trend: string;
    confidence: string;
  }): string;
  threatUnrated(trend: string, confidence: string): string;
  noThreats: string;
  noThreatsInRegisters: string;
  noDescription: string;
  emanatesFrom: string;
  noKeyJudgments: string;
  noRecommendations: string;
  followsFrom(numbers: readonly number[], list: string): string;
  sourceGone: string;
  overview: {
    intro(scope: string): string;
    label: string;
    caption: string;
    columns: [string, string, string, string, string, string, string];
  };
  heatMap: {
    none: string;
    label(register: string | null): string;
    caption(register: string, levels: number): string;
    corner: string;
    legend(b: { medium: number; high: number; critical: number }): string;
    unrated(threats: string): string;
  };
  countries: {
    none: string;
    label: string;
    caption: string;
    overridden: string;
    columns: [string, string, string, string, string, string];
  };
  annex: {
    none: string;
    intro: string;
    label: string;
    columns: [string, string, string, string, string];
  };
  key: {
    intro(used: string): string;
    label: string;
    caption: string;
    columns: [string, string];
    confidence: string;
  };
}

const plural = (lang: string, n: number, forms: Partial<Record<Intl.LDMLPluralRule, string>>) =>
  forms[new Intl.PluralRules(lang).select(n)] ?? forms.other!;

const EN_WORDS: Record<string, string> = {};

export const EN_PHRASES: BriefingPhrases = {
  list: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`),
  threats: (n) => `${n} ${plural('en', n, { one: 'threat', other: 'threats' })}`,
  thousands: (v) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
  billion: 'billion',
  million: 'million',
  thousand: 'thousand',
  decimal: '.',
  km: 'km',
  none: 'none',
  notRated: 'Not yet rated',
  keyJudgment: (n) => `key judgment ${n}`,
  category: CATEGORY_LABELS,
  band: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  trend: { rising: 'rising', stable: 'stable', falling: 'falling' },
  confidenceLevel: { low: 'low', moderate: 'moderate', high: 'high' },
  confidenceWords: { low: 'Low confidence', moderate: 'Moderate confidence', high: 'High confidence' },
  confidenceMeaning: {
    high: 'the judgment rests on good information from several sources, or the matter allows a solid judgment; it can still be wrong.',
    moderate:
      'the information is credibly sourced and plausible, but not corroborated or complete enough to warrant higher confidence.',
    low: 'the information is scant, fragmentary or from sources of doubtful reliability, so solid inferences are hard to draw.',
  },
  words: (english) => EN_WORDS[english] ?? english,
  reliability: RELIABILITY_LABELS,
  credibility: CREDIBILITY_LABELS,
  scope: {
    from: (registers) => ` from ${registers}`,
    inCategories: (categories) => `in ${categories}`,
    scoring: (minimum) => `scoring ${minimum} or more`,
    affecting: (countries) => `affecting ${countries}`,
    covers: (scope) => `This briefing covers ${scope}.`,
    commonOrigin: (country) => ` Every threat in it emanates from ${country}.`,
    cutOff: (date) => ` Information cut-off: ${date}; later events and reporting are not reflected.`,
  },
  sources: {
    none: 'No passage of any source supports the ratings and judgments of this briefing yet.',
    few: (n, graded) => `The ratings and judgments draw on ${n === 1 ? 'one source' : `${n} sources`}: ${graded}.`,
    many: (n, grades) => `The ratings and judgments draw on ${n} sources, graded ${grades}.`,
    allOnOne: 'Every rating and judgment rests on that one source alone: none is corroborated.',
    single: (labels) => `Resting on a single source, uncorroborated: ${labels}.`,
    unsupported: (labels) => `Supported by no quoted passage: ${labels}.`,
  },
  threatFacts: (f) =>
    `Score ${f.score} (${f.band}): ${f.likelihood} (${f.l} of ${f.levels}), ${f.impact} impact (${f.i} of ${f.levels}); trend ${f.trend}; ${f.confidence} confidence.`,
  threatUnrated: (trend, confidence) =>
    `Not yet rated (no likelihood or impact given); trend ${trend}; ${confidence} confidence.`,
  noThreats: 'No threat passes the briefing’s filters.',
  noThreatsInRegisters: 'No threat in the chosen registers passes the briefing’s filters.',
  noDescription: 'No description has been written.',
  emanatesFrom: 'Emanates from',
  noKeyJudgments: 'No key judgments have been written for this briefing.',
  noRecommendations: 'No recommendations have been written for this briefing.',
  followsFrom: (numbers, list) => ` (follows from key judgment${numbers.length === 1 ? '' : 's'} ${list})`,
  sourceGone: 'The source of this passage is no longer in the workspace.',
  overview: {
    intro: (scope) => `${scope}, ordered by score (likelihood × impact).`,
    label: 'Threat overview',
    caption: 'Threats by score. Score cells are coloured by risk band.',
    columns: ['No.', 'Threat', 'Category', 'Likelihood', 'Impact', 'Score', 'Trend'],
  },
  heatMap: {
    none: 'No threat to place on the matrix.',
    label: (register) => (register ? `Heat map: ${register}` : 'Heat map'),
    caption: (register, levels) =>
      `${register}: likelihood × impact (${levels}×${levels}). Each cell names the threats rated there; its colour is the band of its score.`,
    corner: 'Likelihood \\ Impact',
    legend: (b) =>
      `Bands: low below ${b.medium}, medium from ${b.medium}, high from ${b.high}, critical from ${b.critical}. Threat numbers refer to the threat overview.`,
    unrated: (threats) => `Not yet rated, so not on the matrix: ${threats}.`,
  },
  countries: {
    none: 'No country is affected by the threats in this briefing.',
    label: 'Country comparison',
    caption:
      'Exposure of each country to the threats in this briefing; a threat is not counted against the country it emanates from, nor once it is closed.',
    overridden: ' Scores marked * use the country-specific rating set in the Countries view.',
    columns: ['Country', 'Border with Afghanistan', 'Population', 'Threats', 'Highest score', 'Most serious threat'],
  },
  annex: {
    none: 'No source is quoted in this briefing.',
    intro:
      'Each source quoted in this briefing, once, in the order it is first cited. Grades follow the Admiralty system: reliability of the source from A (completely reliable) to F (cannot be judged), credibility of the information from 1 (confirmed by other sources) to 6 (cannot be judged).',
    label: 'Sources',
    columns: ['No.', 'Source', 'Grade', 'Evaluation', 'Footnotes'],
  },
  key: {
    intro: (used) =>
      `Likelihood is written in the words of the US ICD 203 scale; each stands for the range of probability beside it.${
        used ? ` This briefing uses ${used} (in bold).` : ''
      }`,
    label: 'Estimative language',
    caption: 'Likelihood words and the probabilities they express (ICD 203).',
    columns: ['Words', 'Probability'],
    confidence:
      'Confidence is about the evidence, not the likelihood: how well sourced and corroborated a judgment is.',
  },
};

const RU_WORDS: Record<string, string> = {
  'Almost no chance': 'Почти исключено',
  'Very unlikely': 'Крайне маловероятно',
  Unlikely: 'Маловероятно',
  'Roughly even chance': 'Примерно равные шансы',
  Likely: 'Вероятно',
  'Very likely': 'Весьма вероятно',
  'Almost certain': 'Почти наверняка',
  Minimal: 'Минимальный',
  Minor: 'Незначительный',
  Moderate: 'Умеренный',
  Major: 'Значительный',
  Severe: 'Тяжёлый',
};

export const RU_PHRASES: BriefingPhrases = {
  list: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} и ${items.at(-1)}`),
  threats: (n) => `${n} ${plural('ru', n, { one: 'угроза', few: 'угрозы', many: 'угроз', other: 'угрозы' })}`,
  thousands: (v) => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0'),
  billion: 'млрд',
  million: 'млн',
  thousand: 'тыс.',
  decimal: ',',
  km: 'км',
  none: 'нет',
  notRated: 'Ещё не оценена',
  keyJudgment: (n) => `ключевой вывод ${n}`,
  category: {
    terrorism: 'Терроризм',
    narcotics: 'Наркотики',
    migration: 'Миграция',
    water: 'Вода',
    humanitarian: 'Гуманитарная',
    geopolitical: 'Геополитическая',
    other: 'Прочее',
  },
  band: { low: 'низкий', medium: 'средний', high: 'высокий', critical: 'критический' },
  trend: { rising: 'растёт', stable: 'стабильна', falling: 'снижается' },
  confidenceLevel: { low: 'низкая', moderate: 'средняя', high: 'высокая' },
  confidenceWords: { low: 'Низкая уверенность', moderate: 'Средняя уверенность', high: 'Высокая уверенность' },
  confidenceMeaning: {
    high: 'вывод опирается на надёжные сведения из нескольких источников или предмет допускает твёрдое суждение; он всё же может оказаться неверным.',
    moderate:
      'сведения получены из заслуживающих доверия источников и правдоподобны, но недостаточно подтверждены или полны для более высокой уверенности.',
    low: 'сведения скудны, отрывочны или получены из источников сомнительной надёжности, поэтому твёрдые выводы сделать трудно.',
  },
  words: (english) => RU_WORDS[english] ?? english,
  reliability: {
    A: 'Полностью надёжен',
    B: 'Обычно надёжен',
    C: 'Довольно надёжен',
    D: 'Обычно ненадёжен',
    E: 'Ненадёжен',
    F: 'Надёжность нельзя оценить',
  },
  credibility: {
    1: 'Подтверждено другими источниками',
    2: 'Вероятно, верно',
    3: 'Возможно, верно',
    4: 'Сомнительно',
    5: 'Маловероятно',
    6: 'Достоверность нельзя оценить',
  },
  scope: {
    from: (registers) => ` из реестра ${registers}`,
    inCategories: (categories) => `в категориях: ${categories}`,
    scoring: (minimum) => `с оценкой не ниже ${minimum}`,
    affecting: (countries) => `затрагивающие: ${countries}`,
    covers: (scope) => `Записка охватывает: ${scope}.`,
    commonOrigin: (country) => ` Все угрозы исходят из страны: ${country}.`,
    cutOff: (date) => ` Сведения учтены по состоянию на ${date}; более поздние события и сообщения не отражены.`,
  },
  sources: {
    none: 'Пока ни один фрагмент источника не подкрепляет оценки и выводы этой записки.',
    few: (n, graded) =>
      `Оценки и выводы опираются на ${n === 1 ? 'один источник' : `${n} ${plural('ru', n, { one: 'источник', few: 'источника', many: 'источников', other: 'источника' })}`}: ${graded}.`,
    many: (n, grades) =>
      `Оценки и выводы опираются на ${n} ${plural('ru', n, { one: 'источник', few: 'источника', many: 'источников', other: 'источника' })} с оценками ${grades}.`,
    allOnOne: 'Все оценки и выводы опираются только на этот источник: ни один не подтверждён другими.',
    single: (labels) => `Опираются на один источник, без подтверждения: ${labels}.`,
    unsupported: (labels) => `Не подкреплены ни одной цитатой: ${labels}.`,
  },
  threatFacts: (f) =>
    `Оценка ${f.score} (${f.band}): ${f.likelihood.toLowerCase()} (${f.l} из ${f.levels}), ущерб ${f.impact.toLowerCase()} (${f.i} из ${f.levels}); тенденция: ${f.trend}; уверенность ${f.confidence}.`,
  threatUnrated: (trend, confidence) =>
    `Ещё не оценена (вероятность и ущерб не заданы); тенденция: ${trend}; уверенность ${confidence}.`,
  noThreats: 'Ни одна угроза не проходит фильтры записки.',
  noThreatsInRegisters: 'Ни одна угроза выбранных реестров не проходит фильтры записки.',
  noDescription: 'Описание не написано.',
  emanatesFrom: 'Исходит из',
  noKeyJudgments: 'Ключевые выводы для этой записки не написаны.',
  noRecommendations: 'Рекомендации для этой записки не написаны.',
  followsFrom: (numbers, list) =>
    ` (следует из ${numbers.length === 1 ? 'ключевого вывода' : 'ключевых выводов'} ${list})`,
  sourceGone: 'Источника этого фрагмента больше нет в рабочем пространстве.',
  overview: {
    intro: (scope) => `${scope}, по убыванию оценки (вероятность × ущерб).`,
    label: 'Обзор угроз',
    caption: 'Угрозы по оценке. Цвет ячейки оценки — уровень риска.',
    columns: ['№', 'Угроза', 'Категория', 'Вероятность', 'Ущерб', 'Оценка', 'Тенденция'],
  },
  heatMap: {
    none: 'Нет угроз, которые можно поместить на матрицу.',
    label: (register) => (register ? `Тепловая карта: ${register}` : 'Тепловая карта'),
    caption: (register, levels) =>
      `${register}: вероятность × ущерб (${levels}×${levels}). В ячейке — угрозы с такой оценкой; её цвет — уровень риска.`,
    corner: 'Вероятность \\ Ущерб',
    legend: (b) =>
      `Уровни: низкий — ниже ${b.medium}, средний — от ${b.medium}, высокий — от ${b.high}, критический — от ${b.critical}. Номера угроз — как в обзоре угроз.`,
    unrated: (threats) => `Ещё не оценены и поэтому не на матрице: ${threats}.`,
  },
  countries: {
    none: 'Угрозы этой записки не затрагивают ни одну страну.',
    label: 'Сравнение стран',
    caption:
      'Подверженность каждой страны угрозам этой записки; угроза не засчитывается стране, из которой исходит, и после закрытия.',
    overridden: ' Оценки со знаком * — оценки для конкретной страны, заданные в разделе «Страны».',
    columns: ['Страна', 'Граница с Афганистаном', 'Население', 'Угрозы', 'Высшая оценка', 'Самая серьёзная угроза'],
  },
  annex: {
    none: 'В этой записке не цитируется ни один источник.',
    intro:
      'Каждый цитируемый в записке источник — один раз, в порядке первой ссылки. Оценки — по системе Адмиралтейства: надёжность источника от A (полностью надёжен) до F (нельзя оценить), достоверность сведений от 1 (подтверждено другими источниками) до 6 (нельзя оценить).',
    label: 'Источники',
    columns: ['№', 'Источник', 'Оценка', 'Характеристика', 'Сноски'],
  },
  key: {
    intro: (used) =>
      `Вероятность выражена словами шкалы ICD 203 (США); каждому выражению соответствует указанный рядом диапазон вероятности.${
        used ? ` В записке использованы: ${used} (выделены полужирным).` : ''
      }`,
    label: 'Шкала оценочных формулировок',
    caption: 'Выражения вероятности и соответствующие им вероятности (ICD 203).',
    columns: ['Выражение', 'Вероятность'],
    confidence:
      'Уверенность говорит о доказательствах, а не о вероятности: насколько вывод обеспечен источниками и подтверждён.',
  },
};

export const BRIEFING_PHRASES: Record<TemplateLanguage, BriefingPhrases> = { en: EN_PHRASES, ru: RU_PHRASES };
