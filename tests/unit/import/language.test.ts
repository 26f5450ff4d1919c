import { describe, expect, it } from 'vitest';
import { dominantScript, guessLanguage, normaliseLanguageTag, scriptOfLanguage } from '../../../shared/domain/language';

const SAMPLES = {
  en: 'The Islamic State Khorasan Province has claimed attacks in Kabul and across the border in Pakistan, and analysts warn of recruitment among Central Asian migrant workers.',
  ru: 'Министерство обороны Казахстана сообщило об усилении охраны государственной границы в связи с ситуацией в Афганистане и ростом наркотрафика.',
  kk: 'Қазақстан Республикасының Ұлттық қауіпсіздік комитеті Ауғанстандағы жағдайды мұқият бақылап отыр және шекара күзетін күшейтті.',
  uzLatin:
    'Oʻzbekiston Tashqi ishlar vazirligi Afgʻoniston bilan chegara savdosini kengaytirish va transport yoʻlaklarini rivojlantirish boʻyicha kelishuvlar imzolandi.',
  uzApostrophes: "O'zbekiston va Afg'oniston o'rtasidagi savdo hajmi o'sdi, bu esa mintaqa uchun muhim.",
  uzTypewriter:
    'O‘zbekiston hukumati Termiz orqali yuk tashishni ko‘paytirish uchun yangi g‘alla terminalini qurmoqda.',
  uzCyrillic:
    'Ўзбекистон Республикаси Ташқи ишлар вазирлиги Афғонистон билан чегара савдосини кенгайтириш бўйича келишувлар имзоланганини маълум қилди.',
  dari: 'ولایت بلخ در شمال افغانستان با ازبکستان هم‌مرز است و بندر حیرتان مهم‌ترین گذرگاه تجاری آن است.',
  pashto:
    'د افغانستان په شمال کې د بلخ ولایت له ازبکستان سره پوله لري او د حیرتان بندر یې تر ټولو مهمه سوداګریزه لاره ده.',
};

describe('guessLanguage', () => {
  it.each([
    ['en', SAMPLES.en],
    ['ru', SAMPLES.ru],
    ['kk', SAMPLES.kk],
    ['uz', SAMPLES.uzLatin],
    ['uz', SAMPLES.uzApostrophes],
    ['uz', SAMPLES.uzTypewriter],
    ['uz', SAMPLES.uzCyrillic],
    ['fa', SAMPLES.dari],
    ['ps', SAMPLES.pashto],
  ])('tells %s from a sample', (language, sample) => {
    expect(guessLanguage(sample)).toBe(language);
  });

  it('keeps Russian that quotes Kazakh names as Russian', () => {
    const text =
      'Президент Казахстана Қасым-Жомарт Тоқаев провёл совещание по вопросам безопасности на южных рубежах страны и поручил правительству усилить пограничный контроль.';
    expect(guessLanguage(text)).toBe('ru');
  });

  it('keeps Dari that spells one Pashto place name the Pashto way as Dari', () => {
    const text =
      'ولسوالی‌های ولایت ننګرهار در شرق افغانستان قرار دارند و مردم آن به کشاورزی مشغول هستند و تجارت با پاکستان برای آنها اهمیت زیادی دارد.';
    expect(guessLanguage(text)).toBe('fa');
  });

  it('does not take English possessives and contractions for Uzbek', () => {
    const text =
      "Togo's delegation met Oslo's envoy at o'clock sharp; the group's report, who's who of the region, is due.";
    expect(guessLanguage(text)).toBe('en');
  });

  it('goes by the script most of the letters are in', () => {
    expect(guessLanguage(`${SAMPLES.en} ${SAMPLES.en} «Граница закрыта», said an official.`)).toBe('en');
    expect(guessLanguage(`${SAMPLES.ru} The report (ISIS-K) was cited.`)).toBe('ru');
  });

  it("says 'und' when there is nothing to go on", () => {
    expect(guessLanguage('')).toBe('und');
    expect(guessLanguage('   \n\t')).toBe('und');
    expect(guessLanguage('2024 — 17:45, 12.5 %')).toBe('und');
  });

  it('reads only a sample of very long texts', () => {
    const long = `${SAMPLES.kk} `.repeat(2000) + SAMPLES.en.repeat(5000);
    const started = performance.now();
    expect(guessLanguage(long)).toBe('kk');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('dominantScript', () => {
  it('counts letters by script', () => {
    expect(dominantScript(SAMPLES.dari)).toBe('Arabic');
    expect(dominantScript(SAMPLES.kk)).toBe('Cyrillic');
    expect(dominantScript(SAMPLES.uzLatin)).toBe('Latin');
    expect(dominantScript('123 !?')).toBeNull();
  });
});

describe('normaliseLanguageTag', () => {
  it.each([
    ['en-US', 'en'],
    ['EN_gb', 'en'],
    ['ru-RU', 'ru'],
    ['kk', 'kk'],
    ['uz-Cyrl-UZ', 'uz-Cyrl'],
    ['uz-latn', 'uz-Latn'],
    ['fa-AF', 'fa'],
    ['prs', 'fa'],
    ['pus', 'ps'],
    ['rus', 'ru'],
    [' ps ', 'ps'],
    ['', ''],
    ['und', ''],
    ['x-default', ''],
    ['English', ''],
  ])('%j → %j', (declared, tag) => {
    expect(normaliseLanguageTag(declared)).toBe(tag);
  });
});

describe('scriptOfLanguage', () => {
  it('knows the scripts of the workbench languages', () => {
    expect(scriptOfLanguage('en')).toBe('Latin');
    expect(scriptOfLanguage('uz')).toBe('Latin');
    expect(scriptOfLanguage('uz-Cyrl')).toBe('Cyrillic');
    expect(scriptOfLanguage('kk')).toBe('Cyrillic');
    expect(scriptOfLanguage('ps')).toBe('Arabic');
    expect(scriptOfLanguage('zh')).toBeNull();
  });
});
