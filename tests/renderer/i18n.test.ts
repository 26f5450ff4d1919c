import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/i18n/en.json';
import kk from '../../renderer/i18n/kk.json';
import ru from '../../renderer/i18n/ru.json';
import { i18n, systemLanguage } from '../../renderer/i18n';

type Catalogue = { [key: string]: string | Catalogue };

/** Every key of a catalogue as a dotted path, with its message. */
function messages(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') found.set(path, value);
    else for (const [k, v] of messages(value, path)) found.set(k, v);
  }
  return found;
}

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** The placeholders a parsed ICU message uses (a plural's or select's own, and those inside its branches). */
function argumentsOf(ast: Ast, found = new Set<string>()): Set<string> {
  for (const element of ast) {
    if ('value' in element && element.type !== 0 && typeof element.value === 'string') found.add(element.value);
    if ('options' in element)
      for (const option of Object.values(element.options)) argumentsOf((option as { value: Ast }).value, found);
  }
  return found;
}

const english = messages(en);
const russian = messages(ru);
const kazakh = messages(kk);

describe('the interface catalogues', () => {
  it('English and Russian have the same keys', () => {
    expect([...russian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('Kazakh translates only keys English has', () => {
    expect([...kazakh.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it.each([
    ['en', english],
    ['ru', russian],
    ['kk', kazakh],
  ] as const)('every %s message is valid ICU', (locale, catalogue) => {
    for (const [key, message] of catalogue) {
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
    }
  });

  it('no message counts by hand: a plural is ICU, never "(s)"', () => {
    for (const [key, message] of [...english, ...russian]) expect(message, key).not.toMatch(/\(s\)|\(и\)|\(ов\)/);
  });

  it('a message with a placeholder keeps the same placeholders in Russian', () => {
    const names = (m: string, locale: string) => [...argumentsOf(new IntlMessageFormat(m, locale).getAst())].sort();
    for (const [key, message] of english) expect(names(russian.get(key)!, 'ru'), key).toEqual(names(message, 'en'));
  });
});

describe('plurals', () => {
  const ruT = i18n.getFixedT('ru');
  const enT = i18n.getFixedT('en');

  it('Russian counts take the one / few / many forms', () => {
    expect(ruT('passages.count', { count: 1 })).toBe('1 фрагмент');
    expect(ruT('passages.count', { count: 2 })).toBe('2 фрагмента');
    expect(ruT('passages.count', { count: 5 })).toBe('5 фрагментов');
    expect(ruT('passages.count', { count: 21 })).toBe('21 фрагмент');
    expect(ruT('passages.count', { count: 11 })).toBe('11 фрагментов');
  });

  it('English counts say 1 passage, 2 passages', () => {
    expect(enT('passages.count', { count: 1 })).toBe('1 passage');
    expect(enT('passages.count', { count: 2 })).toBe('2 passages');
  });
});

describe('the system language', () => {
  it('is the first language the system asks for that the workbench speaks, else English', () => {
    expect(systemLanguage(['ru-RU', 'en-US'])).toBe('ru');
    expect(systemLanguage(['de-DE', 'kk-KZ'])).toBe('kk');
    expect(systemLanguage(['de-DE'])).toBe('en');
  });
});
