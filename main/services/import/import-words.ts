/**
 * What an import says — its refusals and its warnings — in the languages the interface speaks. Main has no message
 * catalogue of its own (the renderer's i18next catalogues are the interface's); these few dozen
 * sentences are typed functions instead, so each language must say every reason (`RefusalWords`), and
 * sizes and counts are written the language's way. Kazakh falls back to English, as the interface does.
 */
import type { Script } from '../../../shared/domain/language';
import type { MainLanguage } from '../errors';
import type { ActualKind, RefusalReason } from './refusal';

/** The languages an import can speak; the import request names one. */
export type ImportLanguage = MainLanguage;

interface RefusalWords {
  /** The whole sentence: the file, why, and what to do. */
  sentence(file: string, reason: RefusalReason): string;
}

const KB = 1024;
const MB = 1024 * KB;

/** Sizes as a file manager shows them; `precise` keeps a decimal so "50.3 MB" is not shown as "50 MB". */
export function formatBytes(bytes: number, precise = false, language: ImportLanguage = 'en'): string {
  const units = UNITS[language];
  const number = (value: number) => (language === 'en' ? String(value) : value.toLocaleString(language));
  if (bytes < KB) return `${number(bytes)} ${units.bytes(bytes)}`;
  if (bytes < MB) return `${number(precise ? Number((bytes / KB).toFixed(1)) : Math.round(bytes / KB))} ${units.kb}`;
  const mb = bytes / MB;
  return `${number(precise || mb < 10 ? Number(mb.toFixed(1)) : Math.round(mb))} ${units.mb}`;
}

const russianPlural = new Intl.PluralRules('ru');
const UNITS: Record<ImportLanguage, { bytes: (n: number) => string; kb: string; mb: string }> = {
  en: { bytes: (n) => (n === 1 ? 'byte' : 'bytes'), kb: 'KB', mb: 'MB' },
  ru: {
    bytes: (n) => ({ one: 'байт', few: 'байта' })[russianPlural.select(n) as 'one' | 'few'] ?? 'байт',
    kb: 'КБ',
    mb: 'МБ',
  },
};

/** Two sizes as one reads them side by side: with a decimal when they would otherwise look equal. */
function sizes(size: number, limit: number, language: ImportLanguage): [string, string] {
  const precise = formatBytes(size, false, language) === formatBytes(limit, false, language);
  return [formatBytes(size, precise, language), formatBytes(limit, precise, language)];
}

const OFFICE_FORMATS = ['doc', 'rtf', 'odt', 'wps', 'pages'];
const IMAGE_FORMATS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'gif', 'bmp', 'webp', 'heic'];
/** The extension a file of that kind should have, where renaming it is the whole fix. */
const RENAME_TO: Record<ActualKind, string | null> = { pdf: '.pdf', zip: null, 'old-office': null, image: null };
const SUPPORTED_FORMATS = { en: '.txt, .md, .html, .docx or .pdf', ru: '.txt, .md, .html, .docx или .pdf' };

const english: RefusalWords = {
  sentence(file, reason) {
    const [why, whatToDo] = englishParts(reason);
    return `"${file}" could not be imported: ${why}. ${whatToDo}`;
  },
};

const ACTUAL_EN: Record<ActualKind, string> = {
  pdf: 'a PDF',
  zip: 'a zip archive',
  'old-office': 'an old-style Office file',
  image: 'an image',
};

function englishParts(reason: RefusalReason): [string, string] {
  const supported = `Import ${SUPPORTED_FORMATS.en}.`;
  const distrust =
    'If you trust where it came from, open it in Word, save a fresh copy and import that; otherwise delete it.';
  switch (reason.code) {
    case 'empty':
      return ['the file is empty (0 bytes)', 'Check that it was saved or downloaded completely and import it again.'];
    case 'too-large': {
      const [size, limit] = sizes(reason.size, reason.limit, 'en');
      return [`it is ${size}, over the import limit of ${limit}`, 'Raise the limit in Settings or split the file.'];
    }
    case 'unsupported': {
      const { extension, actual } = reason;
      const what = extension ? `.${extension} files are not supported` : 'files without an extension are not supported';
      const rename = actual ? RENAME_TO[actual] : null;
      if (actual && rename)
        return [
          `${what}, but this one looks like ${ACTUAL_EN[actual]}`,
          `Rename it to end in ${rename} and import it again.`,
        ];
      if (OFFICE_FORMATS.includes(extension))
        return [what, 'Open it in Word or LibreOffice, save it as .docx and import that.'];
      if (IMAGE_FORMATS.includes(extension) || actual === 'image')
        return [`${what}: it is an image`, 'Run OCR on it first and import the text as .txt or a searchable .pdf.'];
      return [what, supported];
    }
    case 'misnamed': {
      const rename = RENAME_TO[reason.actual];
      return [
        `it is named .${reason.extension} but is actually ${ACTUAL_EN[reason.actual]}`,
        rename
          ? `Rename it to end in ${rename} and import it again.`
          : `Open it in the program that made it, save it as ${SUPPORTED_FORMATS.en} and import that.`,
      ];
    }
    case 'not-text':
      return [
        'it is not a text file (its bytes are neither UTF-8, UTF-16 nor Cyrillic Windows-1251 text)',
        'If it is a document, import it in its original format (.docx or .pdf); otherwise save it again as UTF-8 text.',
      ];
    case 'no-text':
      return [
        'it contains no text',
        {
          document: 'Check that it is the document you meant to import.',
          'empty-pages': 'Check that it is the document you meant to import; its pages are empty.',
          'scanned-pictures': 'If it holds only scanned pages as pictures, run OCR on them first.',
        }[reason.hint],
      ];
    case 'damaged': {
      const pdf = reason.kind === 'pdf';
      return [
        `it appears to be damaged or is not a ${pdf ? 'PDF' : 'Word (.docx)'} file`,
        `Open it in a ${pdf ? 'PDF reader' : 'word processor'} to check it, save a fresh copy and import that.`,
      ];
    }
    case 'not-word-document':
      return [
        'it is a zip archive but not a Word document (it has no word/document.xml)',
        'Import the Word document itself, saved as .docx.',
      ];
    case 'password-protected':
      return [
        'it is password-protected',
        'Open it with its password, save or print it to a new PDF without protection and import that.',
      ];
    case 'locked-or-old-word':
      return [
        'it is password-protected, or it is an old Word .doc file named .docx',
        'Open it in Word, remove the password (File › Info › Protect Document) or save it as a .docx document, and import that copy.',
      ];
    case 'no-text-layer':
      return [
        'it has no text layer — it may be a scan; run OCR first',
        'Make it searchable with an OCR tool (for example OCRmyPDF or Adobe Acrobat) and import the result.',
      ];
    case 'unreadable':
      return [
        `its text cannot be read: the PDF's fonts do not say which letters they draw${firstSigns('en', reason.problems)}`,
        'Open it in a PDF reader: if the text looks right there, print it to a new PDF or run OCR on it, and import that.',
      ];
    case 'zip-bomb':
      return [
        `it unpacks to more than ${formatBytes(reason.limit)}, which only damaged or malicious files do (a "zip bomb")`,
        distrust,
      ];
    case 'too-many-parts':
      return [
        `it is a zip of ${reason.parts.toLocaleString('en')} parts, more than the ${reason.limit.toLocaleString('en')} any Word document needs, which only damaged or malicious files hold`,
        distrust,
      ];
    case 'too-slow':
      return [
        `reading it took longer than ${englishDuration(reason.timeoutMs)}`,
        'Try again; if it keeps happening, split the file into smaller parts and import them one by one.',
      ];
    case 'reader-failed':
      return [
        `reading it failed (${reason.detail.replace(/^the worker/, 'the reader')})`,
        'Check that it opens in the program that made it; if it does, save a fresh copy and import that.',
      ];
    case 'no-reader':
      return ['this installation has no file reader (import-worker.cjs is missing)', 'Reinstall Analyst Workbench.'];
  }
}

/** The first three signs of an unreadable PDF, in brackets after the reason; nothing when none was named. */
function firstSigns(language: ImportLanguage, problems: readonly PageProblem[]): string {
  if (problems.length === 0) return '';
  return ` (${problems
    .slice(0, 3)
    .map((p) => pageProblemWords(language, p))
    .join('; ')})`;
}

function englishDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

const russian: RefusalWords = {
  sentence(file, reason) {
    const [why, whatToDo] = russianParts(reason);
    return `Файл «${file}» не удалось импортировать: ${why}. ${whatToDo}`;
  },
};

/** What the file really is, after "на самом деле это" and "похож на" alike. */
const ACTUAL_RU: Record<ActualKind, string> = {
  pdf: 'PDF',
  zip: 'zip-архив',
  'old-office': 'файл Office старого формата',
  image: 'изображение',
};

function russianParts(reason: RefusalReason): [string, string] {
  const supported = `Импортируйте ${SUPPORTED_FORMATS.ru}.`;
  const distrust =
    'Если вы доверяете его происхождению, откройте его в Word, сохраните заново и импортируйте копию; иначе удалите его.';
  const count = (n: number) => n.toLocaleString('ru');
  switch (reason.code) {
    case 'empty':
      return ['файл пуст (0 байт)', 'Проверьте, что он был сохранён или скачан полностью, и импортируйте его снова.'];
    case 'too-large': {
      const [size, limit] = sizes(reason.size, reason.limit, 'ru');
      return [
        `его размер ${size}, больше предела импорта в ${limit}`,
        'Увеличьте предел в настройках или разделите файл.',
      ];
    }
    case 'unsupported': {
      const { extension, actual } = reason;
      const what = extension ? `файлы .${extension} не поддерживаются` : 'файлы без расширения не поддерживаются';
      const rename = actual ? RENAME_TO[actual] : null;
      if (actual && rename)
        return [
          `${what}, но этот похож на ${ACTUAL_RU[actual]}`,
          `Переименуйте его так, чтобы имя оканчивалось на ${rename}, и импортируйте снова.`,
        ];
      if (OFFICE_FORMATS.includes(extension))
        return [what, 'Откройте его в Word или LibreOffice, сохраните как .docx и импортируйте копию.'];
      if (IMAGE_FORMATS.includes(extension) || actual === 'image')
        return [
          `${what}: это изображение`,
          'Сначала распознайте текст (OCR) и импортируйте его как .txt или PDF с текстовым слоем.',
        ];
      return [what, supported];
    }
    case 'misnamed': {
      const rename = RENAME_TO[reason.actual];
      return [
        `у него расширение .${reason.extension}, но на самом деле это ${ACTUAL_RU[reason.actual]}`,
        rename
          ? `Переименуйте его так, чтобы имя оканчивалось на ${rename}, и импортируйте снова.`
          : `Откройте его в программе, в которой он создан, сохраните как ${SUPPORTED_FORMATS.ru} и импортируйте копию.`,
      ];
    }
    case 'not-text':
      return [
        'это не текстовый файл (его байты не являются текстом в UTF-8, UTF-16 или кириллической Windows-1251)',
        'Если это документ, импортируйте его в исходном формате (.docx или .pdf); иначе пересохраните его как текст в UTF-8.',
      ];
    case 'no-text':
      return [
        'в нём нет текста',
        {
          document: 'Проверьте, что это тот документ, который вы хотели импортировать.',
          'empty-pages': 'Проверьте, что это тот документ, который вы хотели импортировать: его страницы пусты.',
          'scanned-pictures': 'Если в нём только отсканированные страницы-картинки, сначала распознайте их (OCR).',
        }[reason.hint],
      ];
    case 'damaged': {
      const pdf = reason.kind === 'pdf';
      return [
        `он, по-видимому, повреждён или не является файлом ${pdf ? 'PDF' : 'Word (.docx)'}`,
        `Откройте его в ${pdf ? 'программе для просмотра PDF' : 'текстовом редакторе'}, чтобы проверить, сохраните заново и импортируйте копию.`,
      ];
    }
    case 'not-word-document':
      return [
        'это zip-архив, но не документ Word (в нём нет word/document.xml)',
        'Импортируйте сам документ Word, сохранённый как .docx.',
      ];
    case 'password-protected':
      return [
        'он защищён паролем',
        'Откройте его с паролем, сохраните или напечатайте в новый PDF без защиты и импортируйте его.',
      ];
    case 'locked-or-old-word':
      return [
        'он защищён паролем или это старый файл Word .doc с расширением .docx',
        'Откройте его в Word, снимите пароль (Файл › Сведения › Защита документа) или сохраните как документ .docx и импортируйте копию.',
      ];
    case 'no-text-layer':
      return [
        'в нём нет текстового слоя — возможно, это скан; сначала распознайте текст',
        'Сделайте его доступным для поиска программой OCR (например, OCRmyPDF или Adobe Acrobat) и импортируйте результат.',
      ];
    case 'unreadable':
      return [
        `его текст невозможно прочитать: шрифты PDF не сообщают, какие буквы они рисуют${firstSigns('ru', reason.problems)}`,
        'Откройте его в программе для просмотра PDF: если текст там выглядит правильно, напечатайте его в новый PDF или распознайте (OCR) и импортируйте результат.',
      ];
    case 'zip-bomb':
      return [
        `в распакованном виде он больше ${formatBytes(reason.limit, false, 'ru')}, так бывает только с повреждёнными или вредоносными файлами («zip-бомба»)`,
        distrust,
      ];
    case 'too-many-parts':
      return [
        `это zip из ${count(reason.parts)} частей — больше ${count(reason.limit)}, нужных любому документу Word; столько частей бывает только в повреждённых или вредоносных файлах`,
        distrust,
      ];
    case 'too-slow':
      return [
        `его чтение заняло больше ${russianDuration(reason.timeoutMs)}`,
        'Попробуйте ещё раз; если это повторится, разделите файл на части поменьше и импортируйте их по одной.',
      ];
    case 'reader-failed':
      return [
        `его не удалось прочитать (${reason.detail})`,
        'Проверьте, что он открывается в программе, в которой создан; если да, сохраните его заново и импортируйте копию.',
      ];
    case 'no-reader':
      return ['в этой установке нет модуля чтения файлов (нет import-worker.cjs)', 'Переустановите Analyst Workbench.'];
  }
}

/** "больше 60 секунд", "больше 1 секунды" (genitive after "больше"). */
function russianDuration(ms: number): string {
  if (ms < 1000) return `${ms} мс`;
  const seconds = Math.round(ms / 1000);
  return `${seconds.toLocaleString('ru')} ${russianPlural.select(seconds) === 'one' ? 'секунды' : 'секунд'}`;
}

const WORDS: Record<ImportLanguage, RefusalWords> = { en: english, ru: russian };

/** The language to say an import's sentences in, from the interface's language tag ("ru", "kk", "en-GB"). */
export function importLanguage(tag: string | undefined): ImportLanguage {
  return tag?.split('-')[0] === 'ru' ? 'ru' : 'en';
}

/** What an import cancelled by the analyst says. */
export function cancelledSentence(language: ImportLanguage, file: string): string {
  return language === 'ru'
    ? `Импорт файла «${file}» отменён; ничего не добавлено. Импортируйте его снова, когда он понадобится.`
    : `The import of “${file}” was cancelled; nothing was added. Import it again when you need it.`;
}

/** The refusal words of `language`. */
export function refusalWords(language: ImportLanguage): RefusalWords {
  return WORDS[language];
}

/** A sign that a PDF page's text is not text, and how many times the page shows it. */
export interface PageProblem {
  kind: 'controls' | 'replacements' | 'non-characters' | 'private-use' | 'mojibake' | 'mixed-scripts' | 'rare-letters';
  count: number;
}

/** Something imported imperfectly, for the analyst to check against the original: a code and its facts. */
export type ImportWarning =
  | { code: 'read-as-cp1251' }
  | { code: 'unreadable-characters'; count: number }
  | { code: 'whole-page' }
  | { code: 'tracked-changes'; count: number }
  | { code: 'struck-through'; count: number }
  /** The declared language's script is not the text's: the detected language was set instead. */
  | { code: 'language-script'; declared: string; script: Script; detected: string }
  | { code: 'page-unreadable'; page: number; problems: PageProblem[] }
  | { code: 'pages-damaged'; pages: number[] }
  | { code: 'pdf-repaired' }
  | { code: 'pages-without-text'; pages: number[] };

const englishCount = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const PAGE_PROBLEM_EN: Record<PageProblem['kind'], (n: number) => string> = {
  controls: (n) => `${englishCount(n, 'control character', 'control characters')} where the font maps no letter`,
  replacements: (n) => englishCount(n, 'replacement character (U+FFFD)', 'replacement characters (U+FFFD)'),
  'non-characters': (n) => englishCount(n, 'non-character (such as U+FFFF)', 'non-characters (such as U+FFFF)'),
  'private-use': (n) => englishCount(n, 'private-use character', 'private-use characters'),
  mojibake: (n) =>
    `${englishCount(n, 'word', 'words')} in the wrong encoding (such as Shift-JIS shown as Western letters)`,
  'mixed-scripts': (n) => `${englishCount(n, 'word mixes', 'words mix')} letters of unrelated scripts`,
  'rare-letters': (n) => `${englishCount(n, 'word', 'words')} made of rarely used letters`,
};

// Russian names each sign with its count after a colon, which needs no agreement of number and case.
const PAGE_PROBLEM_RU: Record<PageProblem['kind'], string> = {
  controls: 'управляющие символы на месте букв',
  replacements: 'символы замены (U+FFFD)',
  'non-characters': 'несимволы (например, U+FFFF)',
  'private-use': 'символы из области частного использования',
  mojibake: 'слова в неверной кодировке (например, Shift-JIS, показанная латинскими буквами)',
  'mixed-scripts': 'слова, в которых смешаны буквы разных письменностей',
  'rare-letters': 'слова из редко используемых букв',
};

/** One sign of an unreadable page in `language`: "12 control characters where the font maps no letter". */
export function pageProblemWords(language: ImportLanguage, problem: PageProblem): string {
  return language === 'ru'
    ? `${PAGE_PROBLEM_RU[problem.kind]}: ${problem.count.toLocaleString('ru')}`
    : PAGE_PROBLEM_EN[problem.kind](problem.count);
}

/** "Page 3 has", "Pages 3, 4 and 5 have"; past twelve pages, the first ten and how many more. */
function englishPages(pages: readonly number[]): string {
  if (pages.length === 1) return `Page ${pages[0]} has`;
  const shown =
    pages.length > 12 ? [...pages.slice(0, 10).map(String), `${pages.length - 10} more`] : pages.map(String);
  return `Pages ${shown.slice(0, -1).join(', ')} and ${shown.at(-1)} have`;
}

/** "странице 3", "страницах 3, 4 и 5" (after "На"/"У"), the first ten and how many more past twelve. */
function russianPages(pages: readonly number[], form: 'on' | 'of'): string {
  const shown = pages.length > 12 ? [...pages.slice(0, 10).map(String), `ещё ${pages.length - 10}`] : pages.map(String);
  const list = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} и ${shown.at(-1)}`;
  const one = pages.length === 1;
  return form === 'on' ? `${one ? 'странице' : 'страницах'} ${list}` : `${one ? 'страницы' : 'страниц'} ${list}`;
}

function russianCount(n: number, one: string, few: string, many: string): string {
  const category = russianPlural.select(n);
  return `${n.toLocaleString('ru')} ${category === 'one' ? one : category === 'few' ? few : many}`;
}

const SCRIPT_RU: Record<Script, string> = { Latin: 'латиницей', Cyrillic: 'кириллицей', Arabic: 'арабским письмом' };

/** What a warning says in `language`. */
export function warningSentence(language: ImportLanguage, warning: ImportWarning): string {
  return language === 'ru' ? russianWarning(warning) : englishWarning(warning);
}

function englishWarning(warning: ImportWarning): string {
  switch (warning.code) {
    case 'read-as-cp1251':
      return 'The file is not UTF-8; it was read as Cyrillic Windows-1251 text. Check that the letters look right.';
    case 'unreadable-characters': {
      const one = warning.count === 1;
      return `${one ? '1 character' : `${warning.count} characters`} could not be read and ${one ? 'is' : 'are'} shown as "\uFFFD". Check the text against the original.`;
    }
    case 'whole-page':
      return 'The article could not be told apart from the rest of the page, so the whole page text was imported. Delete any menus, adverts or comments that came with it.';
    case 'tracked-changes': {
      const one = warning.count === 1;
      return `The document holds ${warning.count} tracked ${one ? 'change' : 'changes'}; the text reads as if ${one ? 'it was' : 'they were all'} accepted (insertions kept, deletions left out). Open the file in Word to see who changed what.`;
    }
    case 'struck-through': {
      const one = warning.count === 1;
      return `${warning.count} ${one ? 'piece' : 'pieces'} of struck-through text ${one ? 'was' : 'were'} kept, marked "[struck through: …]", so ${one ? 'it is' : 'they are'} not read as current text.`;
    }
    case 'language-script':
      return `The file declares its language as "${warning.declared}", but its text is mostly in ${warning.script} script, so the language was set to "${warning.detected}". Correct it if that is wrong.`;
    case 'page-unreadable':
      return `Page ${warning.page} may be unreadable: ${warning.problems.map((p) => pageProblemWords('en', p)).join(', ')}. Compare it with the original; the PDF's fonts do not say which letters they draw.`;
    case 'pages-damaged':
      return `${englishPages(warning.pages)} damaged content that could not be read; compare ${warning.pages.length === 1 ? 'it' : 'them'} with the original.`;
    case 'pdf-repaired':
      return 'The PDF is damaged: its text was recovered, but parts of it may be missing; compare it with the original.';
    case 'pages-without-text':
      return `${englishPages(warning.pages)} no text layer (scanned images, or pictures only); run OCR on the PDF if their content matters.`;
  }
}

function russianWarning(warning: ImportWarning): string {
  switch (warning.code) {
    case 'read-as-cp1251':
      return 'Файл не в кодировке UTF-8; он прочитан как кириллический текст в Windows-1251. Проверьте, что буквы выглядят правильно.';
    case 'unreadable-characters':
      return `${warning.count === 1 ? 'Один символ не удалось прочитать, вместо него' : `Не удалось прочитать ${russianCount(warning.count, 'символ', 'символа', 'символов')}, вместо них`} стоит «\uFFFD». Сверьте текст с оригиналом.`;
    case 'whole-page':
      return 'Статью не удалось отделить от остальной страницы, поэтому импортирован весь текст страницы. Удалите попавшие в него меню, рекламу и комментарии.';
    case 'tracked-changes':
      return `В документе есть записанные исправления (${warning.count.toLocaleString('ru')}); текст импортирован так, как если бы все они были приняты (вставки сохранены, удаления опущены). Откройте файл в Word, чтобы увидеть, кто что изменил.`;
    case 'struck-through':
      return `Зачёркнутый текст сохранён (фрагментов: ${warning.count.toLocaleString('ru')}) с пометкой «[struck through: …]», чтобы его не приняли за действующий.`;
    case 'language-script':
      return `В файле указан язык «${warning.declared}», но текст в основном написан ${SCRIPT_RU[warning.script]}, поэтому язык установлен как «${warning.detected}». Исправьте, если это не так.`;
    case 'page-unreadable':
      return `Страница ${warning.page} может оказаться нечитаемой: ${warning.problems.map((p) => pageProblemWords('ru', p)).join('; ')}. Сверьте её с оригиналом: шрифты PDF не сообщают, какие буквы они рисуют.`;
    case 'pages-damaged':
      return `На ${russianPages(warning.pages, 'on')} есть повреждённое содержимое, которое не удалось прочитать; сверьте ${warning.pages.length === 1 ? 'её' : 'их'} с оригиналом.`;
    case 'pdf-repaired':
      return 'PDF повреждён: текст восстановлен, но части его могут отсутствовать; сверьте его с оригиналом.';
    case 'pages-without-text':
      return `У ${russianPages(warning.pages, 'of')} нет текстового слоя (сканы или только изображения); если ${warning.pages.length === 1 ? 'её' : 'их'} содержание важно, распознайте PDF (OCR).`;
  }
}
