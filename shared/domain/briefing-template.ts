/**
 * The briefing template: what an institution's briefings share — who issues them, the logo, how they are
 * numbered and distributed, the default marking and what it asks of the reader, fonts, paper, and the
 * language of the document's fixed texts. Kept in the workspace (one record, changed by a command) and
 * applied by every export.
 */
import { z } from 'zod';
import type { BriefingSectionKind } from './briefing';

export const TEMPLATE_LANGUAGES = ['en', 'ru'] as const;
export const TemplateLanguage = z.enum(TEMPLATE_LANGUAGES);
export type TemplateLanguage = z.infer<typeof TemplateLanguage>;
export const TEMPLATE_LANGUAGE_LABELS: Record<TemplateLanguage, string> = { en: 'English', ru: 'Русский (Russian)' };

export const Paper = z.enum(['A4', 'Letter']);
export type Paper = z.infer<typeof Paper>;

/** The largest logo kept (as base64 text): a letterhead mark, not a photograph. */
export const MAX_LOGO_BYTES = 512 * 1024;

export const TemplateLogo = z.object({
  mime: z.enum(['image/png', 'image/jpeg']),
  /** The image's bytes, base64. */
  data: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 4),
  /** Its size in pixels, for its proportions on the page. */
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
});
export type TemplateLogo = z.infer<typeof TemplateLogo>;

const FontName = z
  .string()
  .trim()
  .min(1, 'name a font, for example Times New Roman')
  .max(100)
  .regex(/^[\p{L}\p{N} .-]+$/u, 'a font name has letters, digits, spaces, dots and hyphens only');

export const BriefingTemplate = z.object({
  institution: z.string().max(300),
  department: z.string().max(300),
  logo: TemplateLogo.nullable(),
  /** How documents are numbered: {YYYY}, {MM}, {DD} for the briefing's date, {N} (or {NNN}, zero-padded) for its export count. */
  documentNumberPattern: z.string().max(100),
  /** Who receives the document, one per line; printed on the cover. */
  distribution: z.string().max(3000),
  /** The marking a new briefing starts with. */
  defaultMarking: z.string().trim().min(1, 'a default marking is needed, for example UNCLASSIFIED').max(200),
  /** What the marking asks of the reader, printed on the cover; empty for the workbench's own sentence. */
  handling: z.string().max(1000),
  headingFont: FontName,
  bodyFont: FontName,
  paper: Paper,
  language: TemplateLanguage,
});
export type BriefingTemplate = z.infer<typeof BriefingTemplate>;

export const DEFAULT_BRIEFING_TEMPLATE: BriefingTemplate = {
  institution: '',
  department: '',
  logo: null,
  documentNumberPattern: '',
  distribution: '',
  defaultMarking: 'FOR OFFICIAL USE ONLY',
  handling: '',
  headingFont: 'Arial',
  bodyFont: 'Times New Roman',
  paper: 'A4',
  language: 'en',
};

/** A stored template read through the schema; a missing or damaged one gives the default. */
export function readTemplate(value: unknown): BriefingTemplate {
  const parsed = BriefingTemplate.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_BRIEFING_TEMPLATE;
}

/** "AWB-{YYYY}-{NNN}" for the 4th export of a briefing dated 2026-03-12 → "AWB-2026-004". */
export function documentNumber(pattern: string, isoDate: string, sequence: number): string {
  const [year = '', month = '', day = ''] = isoDate.split('-');
  return pattern
    .replace(/\{YYYY\}/g, year)
    .replace(/\{MM\}/g, month)
    .replace(/\{DD\}/g, day)
    .replace(/\{(N+)\}/g, (_, ns: string) => String(sequence).padStart(ns.length, '0'))
    .trim();
}

/** The fixed texts of the document (not the analyst's words), in each language a template may choose. */
export interface FixedTexts {
  kicker: string;
  issuedBy: string;
  preparedBy: string;
  date: string;
  for: string;
  scope: string;
  documentNumber: string;
  distribution: string;
  contents: string;
  page: string;
  of: string;
  table: string;
  evidence: string;
  indicators: string;
  mitigations: string;
  actors: string;
  affectedCountries: string;
  annexSources: string;
  see: string;
  /** The logo's description for screen readers. */
  logo: string;
  confidence: Record<'low' | 'moderate' | 'high', string>;
  sections: Record<BriefingSectionKind, string>;
  months: readonly string[];
  /** The cover's handling sentence when the template has none of its own. */
  handling: (marking: string) => string;
}

const EN: FixedTexts = {
  kicker: 'Analytical briefing',
  issuedBy: 'Issued by',
  preparedBy: 'Prepared by',
  date: 'Date',
  for: 'For',
  scope: 'Scope',
  documentNumber: 'Document no.',
  distribution: 'Distribution',
  contents: 'Contents',
  page: 'Page',
  of: 'of',
  table: 'Table',
  evidence: 'Evidence',
  indicators: 'Indicators',
  mitigations: 'Mitigations',
  actors: 'Actors',
  affectedCountries: 'Affected countries',
  annexSources: 'Annex: Sources',
  see: 'See',
  logo: 'The issuing institution’s logo',
  confidence: { low: 'Low confidence', moderate: 'Moderate confidence', high: 'High confidence' },
  sections: {
    cover: 'Cover page',
    contents: 'Table of contents',
    'bottom-line': 'Bottom line',
    'scope-note': 'Scope note and sources',
    'key-judgments': 'Key judgments',
    assumptions: 'Key assumptions',
    alternatives: 'Alternative outcomes',
    'threat-overview': 'Threat overview',
    'heat-map': 'Heat map',
    'threat-details': 'Threat details',
    'country-comparison': 'Country comparison',
    'key-gaps': 'Key gaps',
    indicators: 'Indicators to watch',
    recommendations: 'Recommendations',
    'estimative-key': 'Estimative language',
    'sources-annex': 'Sources annex',
  },
  months: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  handling: (marking) =>
    marking.trim().toUpperCase() === 'UNCLASSIFIED'
      ? 'This document is UNCLASSIFIED: it may be shared without restriction.'
      : `This document is marked ${marking}: share it only with the readers it is addressed to, and do not publish or forward it without the author’s consent.`,
};

const RU: FixedTexts = {
  kicker: 'Аналитическая записка',
  issuedBy: 'Подготовлено в',
  preparedBy: 'Подготовил',
  date: 'Дата',
  for: 'Адресат',
  scope: 'Охват',
  documentNumber: 'Документ №',
  distribution: 'Рассылка',
  contents: 'Содержание',
  page: 'Стр.',
  of: 'из',
  table: 'Таблица',
  evidence: 'Источники',
  indicators: 'Индикаторы',
  mitigations: 'Меры',
  actors: 'Участники',
  affectedCountries: 'Затронутые страны',
  annexSources: 'Приложение: источники',
  see: 'См.',
  logo: 'Логотип организации',
  confidence: { low: 'Низкая уверенность', moderate: 'Средняя уверенность', high: 'Высокая уверенность' },
  sections: {
    cover: 'Титульный лист',
    contents: 'Содержание',
    'bottom-line': 'Главный вывод',
    'scope-note': 'Охват и источники',
    'key-judgments': 'Ключевые выводы',
    assumptions: 'Ключевые допущения',
    alternatives: 'Альтернативные сценарии',
    'threat-overview': 'Обзор угроз',
    'heat-map': 'Тепловая карта',
    'threat-details': 'Угрозы подробно',
    'country-comparison': 'Сравнение стран',
    'key-gaps': 'Пробелы в информации',
    indicators: 'Индикаторы для наблюдения',
    recommendations: 'Рекомендации',
    'estimative-key': 'Шкала оценочных формулировок',
    'sources-annex': 'Приложение: источники',
  },
  months: [
    'января',
    'февраля',
    'марта',
    'апреля',
    'мая',
    'июня',
    'июля',
    'августа',
    'сентября',
    'октября',
    'ноября',
    'декабря',
  ],
  handling: (marking) =>
    marking.trim().toUpperCase() === 'UNCLASSIFIED'
      ? 'Документ НЕ СЕКРЕТЕН: его можно передавать без ограничений.'
      : `Документ имеет пометку «${marking}»: передавайте его только адресатам, не публикуйте и не пересылайте без согласия автора.`,
};

export const FIXED_TEXTS: Record<TemplateLanguage, FixedTexts> = { en: EN, ru: RU };
