import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Annotation, type Tag } from '../../shared/domain/annotation';
import { Source } from '../../shared/domain/source';
import { normaliseText } from '../../shared/domain/text';
import {
  ANNO_CONTEXT,
  countryIri,
  fromAnnotationCollection,
  type ImportedAnnotation,
  MAX_LISTED_PROBLEMS,
  parseCountryIri,
  parseUuidIri,
  toAnnotationCollection,
  type WebAnnotationContext,
} from '../../shared/interop/web-annotation';
import { readVendorJson, W3C_VENDOR_DIR, w3cAnnotationValidator } from '../support/w3c-validator';
import { anchor } from '../../shared/domain/anchoring';
import { readFileSync } from 'node:fs';

// ---------------------------------------------------------------------------------------------------
// A realistic source, codebook, register and set of coded passages.

const TEXT = normaliseText(
  [
    'Security Threats Emanating from Afghanistan: The View from Kazakhstan',
    '',
    'По оценкам экспертов, «Вилаят Хорасан» остаётся главной угрозой для Центральной Азии.',
    'Қазақстан үшін Әмудария суының азаюы — ұзақ мерзімді қауіп; Қош-Тепа каналы суды бөледі.',
    'مهاجرت گسترده از ولایات شمالی افغانستان به سوی مرزهای تاجیکستان ادامه دارد.',
    'Analysts flagged the post 🇰🇿🤝🇦🇫 with 👩🏽‍💻 emoji as propaganda.',
    'The Islamic Movement of Uzbekistan (IMU) recruits in Badakhshan.',
    'Drug routes run north through Tajikistan; the IMU was noted again.',
    '',
  ].join('\r\n'),
);
const TEXT_HASH = createHash('sha256').update(TEXT, 'utf8').digest('hex');

const T0 = '2026-11-20T08:15:00.000Z';
const T1 = '2026-11-21T14:02:31.517Z';

const SOURCE = Source.parse({
  id: '593fa59c-417f-41b8-8ec2-bb14aede3ba4',
  title: 'Security Threats Emanating from Afghanistan: The View from Kazakhstan',
  author: 'Almat Toyekin',
  publisher: 'Institute of World Economics and Politics',
  url: '',
  publishedOn: '2023-05-01',
  language: 'en',
  reliability: 'B',
  credibility: 2,
  file: null,
  textHash: TEXT_HASH,
  textLength: TEXT.length,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
});

const tag = (id: string, name: string, parentId: string | null = null): Tag => ({
  id,
  name,
  color: '#2f6fdb',
  parentId,
  description: '',
  createdAt: T0,
  updatedAt: T0,
});
const TAG = {
  terrorism: tag('8110477b-38a3-42c2-a962-6ac62613532f', 'Терроризм'),
  iskp: tag('751815ba-eeef-492e-8d05-b713fd182779', 'ИГИЛ-Хорасан', '8110477b-38a3-42c2-a962-6ac62613532f'),
  water: tag('b0a8d104-e0fa-47fa-9156-6680be3e59fe', 'Су ресурстары 💧'),
  migration: tag('436af544-e927-43aa-95a3-a176d7a17b51', 'مهاجرت'),
  propaganda: tag('94ba2e53-c9a8-4e43-b41d-7bfe6b031ada', 'Propaganda'),
  narcotics: tag('db62fe5d-af60-4db7-87b5-5bbad31b3f8f', 'Narcotics'),
};
/** A tag that was deleted from the codebook but is still on an annotation. */
const DELETED_TAG_ID = '07dfcd8d-e564-411b-87a9-b88981d32e6a';

const THREAT = {
  iskp: { id: 'fa675caa-b8a3-49c5-828d-c02020a8c2c9', title: 'ISKP attacks in Central Asia' },
  water: { id: '47ad5eb4-0839-4e0c-97b1-2d03f1fdd1d0', title: 'Qosh-Tepa canal draws down the Amu Darya' },
};
const ACTOR = {
  iskp: { id: 'd60a2b98-7e8f-4bd0-9acf-255b6ae235fc', name: 'Islamic State – Khorasan Province' },
  imu: { id: 'e8215838-4df4-4df5-84d4-6bf3f7773651', name: 'Islamic Movement of Uzbekistan' },
  taliban: { id: '5a5a5058-d998-47c3-8290-7ddbd4118ddb', name: 'Taliban (Islamic Emirate)' },
};
const COUNTRIES = [
  { code: 'AF', name: 'Afghanistan' },
  { code: 'KZ', name: 'Kazakhstan' },
  { code: 'TJ', name: 'Tajikistan' },
  { code: 'UZ', name: 'Uzbekistan' },
];

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The nth occurrence of `exact` in TEXT, with up to 32 code units of context that never split a surrogate pair. */
function passage(exact: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = TEXT.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`not in the text: ${exact}`);
  const end = start + exact.length;
  let from = Math.max(0, start - 32);
  if (from > 0 && isLow(TEXT.charCodeAt(from)) && isHigh(TEXT.charCodeAt(from - 1))) from++;
  let to = Math.min(TEXT.length, end + 32);
  if (to < TEXT.length && isLow(TEXT.charCodeAt(to)) && isHigh(TEXT.charCodeAt(to - 1))) to--;
  return { quote: { exact, prefix: TEXT.slice(from, start), suffix: TEXT.slice(end, to) }, position: { start, end } };
}

function annotation(id: string, exact: string, fields: Partial<Annotation> = {}, nth = 0): Annotation {
  return Annotation.parse({
    id,
    sourceId: SOURCE.id,
    ...passage(exact, nth),
    anchor: 'anchored',
    tagIds: [],
    note: '',
    threatIds: [],
    countryCodes: [],
    actorIds: [],
    createdAt: T0,
    updatedAt: T1,
    ...fields,
  });
}

const ANNOTATIONS: Annotation[] = [
  annotation('72ccd61b-bfff-4867-a736-2a29afb317ff', '«Вилаят Хорасан» остаётся главной угрозой для Центральной Азии', {
    note: 'Ключевая оценка: ИГИЛ-Х рассматривается как угроза №1.\nСм. также доклад ООН.',
    tagIds: [TAG.terrorism.id, TAG.iskp.id],
    threatIds: [THREAT.iskp.id],
    actorIds: [ACTOR.iskp.id],
    countryCodes: ['AF', 'KZ'],
  }),
  annotation('a7ca9550-6b65-4714-93f0-7a5683032cf8', 'Әмудария суының азаюы — ұзақ мерзімді қауіп', {
    note: 'Су тапшылығы: Қош-Тепа каналы Әмудария ағынының 20%-на дейін алуы мүмкін.',
    tagIds: [TAG.water.id],
    threatIds: [THREAT.water.id],
    countryCodes: ['KZ', 'UZ', 'AF'],
    createdAt: '2026-11-20T13:15:00+05:00',
    updatedAt: '2026-11-22T09:00:00+05:00',
    anchor: 'drifted',
  }),
  annotation('b6a5b8a2-50b7-48c3-934f-1811b4b6c570', 'مهاجرت گسترده از ولایات شمالی افغانستان', {
    note: 'موج مهاجرت به سوی مرز تاجیکستان؛ منبع: گزارش محلی.',
    tagIds: [TAG.migration.id],
    actorIds: [ACTOR.taliban.id],
    countryCodes: ['AF', 'TJ'],
  }),
  annotation('dc3aa933-4b85-49af-bfd6-a4f9beb5db8f', '🇰🇿🤝🇦🇫 with 👩🏽‍💻', {
    note: 'Emoji-laden post 🚩 — likely a bot network.',
    tagIds: [TAG.propaganda.id],
  }),
  // No note, no tags, no links: a highlighted passage.
  annotation('8472c056-6636-48a9-9500-76ebd8ebcfab', 'Islamic Movement of Uzbekistan (IMU)'),
  // The second "IMU", a tag no longer in the codebook, and a passage across a line break.
  annotation(
    'fbc0fa57-863f-406a-8760-d3478dddcec4',
    'IMU',
    { tagIds: [DELETED_TAG_ID, TAG.narcotics.id], actorIds: [ACTOR.imu.id], anchor: 'orphaned' },
    1,
  ),
  annotation('6bc90808-d141-480a-8a91-a41d6b913baa', 'Badakhshan.\nDrug routes run north', {
    tagIds: [TAG.narcotics.id],
    countryCodes: ['TJ'],
    note: ' leading and trailing space kept ',
  }),
];

const COLLECTION_ID = 'ccc76d5f-d58a-43b8-9ed4-656eed48839c';
const PAGE_ID = '5820e28d-fae2-4f68-aaca-1100c13288e6';

function context(overrides: Partial<WebAnnotationContext> = {}): WebAnnotationContext {
  const ids = [COLLECTION_ID, PAGE_ID];
  return {
    source: SOURCE,
    tags: Object.values(TAG),
    threats: Object.values(THREAT),
    actors: Object.values(ACTOR),
    countries: COUNTRIES,
    generator: { name: 'Analyst Workbench', version: '0.1.0' },
    author: { name: 'Айгерим Сейткали', organisation: 'KISI', identityClass: 'individual' },
    exportedAt: '2026-11-28T09:00:00.000Z',
    newId: () => ids.shift() ?? crypto.randomUUID(),
    ...overrides,
  };
}

type Json = Record<string, unknown>;
interface Exported extends Json {
  first: { items: Json[] } & Json;
}
const exportAll = (annotations = ANNOTATIONS, overrides: Partial<WebAnnotationContext> = {}) =>
  toAnnotationCollection(annotations, context(overrides)) as Exported;

/** What an import of an exported annotation should give back. */
function expectedImport(a: Annotation): ImportedAnnotation {
  return {
    id: a.id,
    sourceId: a.sourceId,
    quote: a.quote,
    position: a.position,
    note: a.note,
    tagIds: a.tagIds,
    tagNames: [],
    threatIds: a.threatIds,
    actorIds: a.actorIds,
    linkIds: [],
    countryCodes: a.countryCodes,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

const validator = w3cAnnotationValidator();
/** An annotation taken out of the collection, with the context it inherits there (declared once, on the collection). */
const withContext = (item: Json): Json => ({ '@context': ANNO_CONTEXT, ...item });
const failedMustIds = (doc: unknown) => validator.failedMusts(doc).map((f) => f.id);

// ---------------------------------------------------------------------------------------------------

describe('the vendored W3C validator', () => {
  it('runs the 54 must assertions listed in annotationMusts.test, all vendored', () => {
    expect(validator.musts).toHaveLength(54);
    expect(new Set(validator.musts.map((m) => m.id)).size).toBe(54);
    expect(validator.musts.every((m) => m.expectedResult === 'valid')).toBe(true);
  });

  it('passes the valid sample export and the sample with an unknown purpose (only a "may" check flags that)', () => {
    const sample = readVendorJson('local-fixtures/valid-sample-export.json');
    expect(validator.failedMusts(sample)).toEqual([]);
    const unknownPurpose = readVendorJson('local-fixtures/valid-but-unknown-purpose.json');
    expect(validator.failedMusts(unknownPurpose)).toEqual([]);
    expect(validator.check('annotations/bodiesTargets/3.3.5-bodyPurpose.json', sample)).toBe(true);
    expect(validator.check('annotations/bodiesTargets/3.3.5-bodyPurpose.json', unknownPurpose)).toBe(false);
  });

  it('fails every invalid local fixture on the must that it breaks', () => {
    const expected: Record<string, string> = {
      'invalid-bad-context.json': '3.1-annotationContextValidated.json',
      'invalid-body-and-bodyValue.json': '3.2.5-notBodyBodyValue.json',
      'invalid-body-no-value.json': '3.2-bodyObjectsRecognized.json',
      'invalid-created-date-only.json': '3.3.1-annotationCreatedValidated.json',
      'invalid-end-string.json': '4.2-TextDataPositionSelectorValid.json',
      'invalid-neg-start.json': '4.2-TextDataPositionSelectorValid.json',
      'invalid-quote-no-exact.json': '4.2.4-textQuoteSelectorValid.json',
      'invalid-source-not-uri.json': '3.2-targetObjectsRecognized.json',
    };
    const files = readdirSync(join(W3C_VENDOR_DIR, 'local-fixtures')).filter((f) => f.startsWith('invalid-'));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const file of files) {
      const failed = failedMustIds(readVendorJson(`local-fixtures/${file}`));
      expect(failed, file).toContain(expected[file]);
    }
  });

  it('passes the suite’s correct samples and fails every parseable incorrect one', () => {
    for (const file of readdirSync(join(W3C_VENDOR_DIR, 'tools/samples/correct')).filter((f) => f.startsWith('anno'))) {
      expect(failedMustIds(readVendorJson(`tools/samples/correct/${file}`)), file).toEqual([]);
    }
    const incorrect = readdirSync(join(W3C_VENDOR_DIR, 'tools/samples/incorrect'));
    expect(incorrect.length).toBe(22);
    for (const file of incorrect) {
      expect(failedMustIds(readVendorJson(`tools/samples/incorrect/${file}`)).length, file).toBeGreaterThan(0);
    }
  });

  it('passes the 41 annotations of the suite’s sample collection except the three stale pre-CR3 ones', () => {
    const collection = readVendorJson('tools/samples/correct/collection1.json') as Exported;
    expect(validator.definition('collections.json#/definitions/annotationCollectionTypeValueFound', collection)).toBe(
      true,
    );
    const failing = collection.first.items
      .filter((item) => validator.failedMusts({ '@context': collection['@context'], ...item }).length > 0)
      .map((item) => item.id);
    expect(failing).toEqual(['http://example.org/anno11', 'http://example.org/anno12', 'http://example.org/anno13']);
  });

  it('rejects a TextualBody that has both an id and a purpose (why tags are exported as SpecificResources)', () => {
    const sample = readVendorJson('local-fixtures/valid-sample-export.json') as Json;
    const textualTagWithId = {
      type: 'TextualBody',
      id: `urn:uuid:${TAG.water.id}`,
      value: TAG.water.name,
      purpose: 'tagging',
    };
    expect(failedMustIds({ ...sample, body: [textualTagWithId] })).toEqual(['3.3.5-bodyEWRNoPurpose.json']);
    const { id: _id, ...withoutId } = textualTagWithId;
    expect(failedMustIds({ ...sample, body: [withoutId] })).toEqual([]);
  });
});

describe('toAnnotationCollection', () => {
  it('writes a JSON-LD AnnotationCollection with one embedded page', () => {
    const collection = exportAll();
    expect(collection).toMatchObject({
      '@context': ANNO_CONTEXT,
      id: `urn:uuid:${COLLECTION_ID}`,
      type: 'AnnotationCollection',
      label: SOURCE.title,
      total: ANNOTATIONS.length,
      generated: '2026-11-28T09:00:00.000Z',
      first: { id: `urn:uuid:${PAGE_ID}`, type: 'AnnotationPage', partOf: `urn:uuid:${COLLECTION_ID}`, startIndex: 0 },
    });
    expect(collection.first.items).toHaveLength(ANNOTATIONS.length);
    // Plain JSON: nothing lost by writing it to a file.
    expect(JSON.parse(JSON.stringify(collection))).toEqual(collection);

    for (const ref of [
      'annotationCollectionTypeValueFound',
      'labelFound',
      'totalDefinition',
      'firstValidIfPresent',
      'firstRequiredIfTotalMoreThanZero',
    ]) {
      expect(validator.definition(`collections.json#/definitions/${ref}`, collection), ref).toBe(true);
    }
    for (const ref of ['annotationPageTypeValueFound', 'itemsFound', 'startIndexDefinition', 'partOfValidIfPresent']) {
      expect(validator.definition(`collections.json#/definitions/${ref}`, collection.first), ref).toBe(true);
    }
  });

  it('writes annotations that pass all 54 W3C must assertions', () => {
    const collection = exportAll();
    for (const bare of collection.first.items) {
      // The context is declared once, on the collection; an annotation inherits it.
      expect(bare).not.toHaveProperty('@context');
      const item = withContext(bare);
      expect(validator.failedMusts(item), String(item.id)).toEqual([]);
      // "may" checks: every body has a purpose from the model's list; the passage is quoted and located.
      if ('body' in item) expect(validator.check('annotations/bodiesTargets/3.3.5-bodyPurpose.json', item)).toBe(true);
      expect(validator.check('annotations/specificResource/4.2.4-textQuoteSelector.json', item)).toBe(true);
      expect(validator.check('annotations/specificResource/4.2.5-textPositionSelector.json', item)).toBe(true);
    }
  });

  it('maps the note, tags (by name), links to threats, actors and countries, the creator and the source', () => {
    const [first] = exportAll().first.items;
    expect(first).toEqual({
      id: 'urn:uuid:72ccd61b-bfff-4867-a736-2a29afb317ff',
      type: 'Annotation',
      motivation: ['commenting', 'tagging', 'linking'],
      creator: {
        type: 'Person',
        name: 'Айгерим Сейткали',
        'schema:affiliation': { type: 'Organization', name: 'KISI' },
      },
      created: T0,
      modified: T1,
      generated: '2026-11-28T09:00:00.000Z',
      generator: { type: 'Software', name: 'Analyst Workbench', 'schema:softwareVersion': '0.1.0' },
      body: [
        { type: 'TextualBody', purpose: 'commenting', value: ANNOTATIONS[0]!.note, format: 'text/plain' },
        { type: 'TextualBody', purpose: 'tagging', value: 'Терроризм' },
        { type: 'TextualBody', purpose: 'tagging', value: 'ИГИЛ-Хорасан' },
        {
          type: 'SpecificResource',
          purpose: 'linking',
          source: { id: `urn:uuid:${ACTOR.iskp.id}`, label: ACTOR.iskp.name },
        },
        {
          type: 'SpecificResource',
          purpose: 'linking',
          source: { id: 'https://www.iso.org/obp/ui/#iso:code:3166:AF', label: 'Afghanistan' },
        },
        {
          type: 'SpecificResource',
          purpose: 'linking',
          source: { id: 'https://www.iso.org/obp/ui/#iso:code:3166:KZ', label: 'Kazakhstan' },
        },
        {
          type: 'SpecificResource',
          purpose: 'linking',
          source: { id: `urn:uuid:${THREAT.iskp.id}`, label: THREAT.iskp.title },
        },
      ],
      target: {
        type: 'SpecificResource',
        source: {
          id: `urn:sha256:${TEXT_HASH}`,
          type: 'Text',
          format: 'text/plain',
          label: SOURCE.title,
          language: 'en',
        },
        selector: [
          { type: 'TextQuoteSelector', ...ANNOTATIONS[0]!.quote },
          { type: 'TextPositionSelector', ...ANNOTATIONS[0]!.position },
        ],
      },
    });
  });

  it('names the source’s web address, an organisation as creator, and no creator when none is set', () => {
    const online = { ...SOURCE, url: 'https://kisi.kz/ru/статья?id=7' };
    const [item] = exportAll([ANNOTATIONS[0]!], {
      source: online,
      author: { name: '', organisation: 'KISI', identityClass: 'organization' },
    }).first.items;
    expect((item!.target as Json).source).toMatchObject({
      id: `urn:sha256:${TEXT_HASH}`,
      label: SOURCE.title,
      via: 'https://kisi.kz/ru/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F?id=7',
    });
    expect(item!.creator).toEqual({ type: 'Organization', name: 'KISI' });
    expect(validator.failedMusts(withContext(item!))).toEqual([]);
    const [anonymous] = exportAll([ANNOTATIONS[0]!], { author: null }).first.items;
    expect(anonymous).not.toHaveProperty('creator');
  });

  it('selects the exact passage of the normalised text, emoji and right-to-left script included', () => {
    for (const item of exportAll().first.items) {
      const [quote, position] = (item.target as { selector: [Json, { start: number; end: number }] }).selector;
      expect(TEXT.slice(position.start, position.end)).toBe(quote.exact);
      expect(TEXT.slice(0, position.start).endsWith(String(quote.prefix ?? ''))).toBe(true);
      expect(TEXT.slice(position.end).startsWith(String(quote.suffix ?? ''))).toBe(true);
    }
  });

  it('writes a passage with no note, tag or link as a body-less highlight', () => {
    const highlight = exportAll().first.items[4]!;
    expect(highlight.motivation).toBe('highlighting');
    expect(highlight).not.toHaveProperty('body');
  });

  it('names what it can and still links what it cannot name; keeps the note’s language when given', () => {
    const items = exportAll(ANNOTATIONS, { noteLanguage: 'ru' }).first.items;
    expect(items[5]!.body).toContainEqual({
      type: 'SpecificResource',
      purpose: 'tagging',
      source: `urn:uuid:${DELETED_TAG_ID}`,
    });
    expect((items[0]!.body as Json[])[0]).toMatchObject({ language: 'ru' });
    expect(items[1]!.created).toBe('2026-11-20T13:15:00+05:00');
    for (const item of items) expect(validator.failedMusts(withContext(item))).toEqual([]);
  });

  it('writes an empty collection for a source without annotations', () => {
    const empty = exportAll([]);
    expect(empty).toMatchObject({ total: 0, first: { items: [] } });
    expect(validator.definition('collections.json#/definitions/firstRequiredIfTotalMoreThanZero', empty)).toBe(true);
  });

  it('refuses annotations of another source', () => {
    const stray = { ...ANNOTATIONS[0]!, sourceId: '614fa612-2a5e-4a6f-a84a-70e8d1cbfb2b' };
    expect(() => exportAll([stray])).toThrow(/belongs to source/);
  });

  it('makes fresh collection ids by default', () => {
    const a = toAnnotationCollection([], { ...context(), newId: undefined }) as Json;
    const b = toAnnotationCollection([], { ...context(), newId: undefined }) as Json;
    expect(parseUuidIri(String(a.id))).not.toBeNull();
    expect(a.id).not.toBe(b.id);
  });
});

describe('fromAnnotationCollection', () => {
  const target = {
    sourceId: SOURCE.id,
    textHash: TEXT_HASH,
    codebook: Object.values(TAG),
    threats: Object.values(THREAT),
    actors: Object.values(ACTOR),
  };

  it('restores exported annotations exactly', () => {
    const result = fromAnnotationCollection(exportAll(), target);
    // The deleted tag is not in the codebook and had no name: it cannot come back.
    expect(result.problems).toEqual([
      `Annotation 6 (urn:uuid:${ANNOTATIONS[5]!.id}) refers to tag ${DELETED_TAG_ID}, which is not in the codebook and has no name; the tag was left out.`,
    ]);
    const expected = ANNOTATIONS.map(expectedImport);
    expected[5] = { ...expected[5]!, tagIds: [TAG.narcotics.id] };
    expect(result.annotations).toEqual(expected);
  });

  it('restores them all when no codebook is given, tags as names (the deleted one by id) — also through a file', () => {
    const file = JSON.stringify(exportAll());
    const names = new Map(Object.values(TAG).map((t) => [t.id, t.name]));
    for (const input of [JSON.parse(file) as unknown, file]) {
      const result = fromAnnotationCollection(input, {
        sourceId: SOURCE.id,
        threats: Object.values(THREAT),
        actors: Object.values(ACTOR),
      });
      expect(result.problems).toEqual([]);
      expect(result.annotations).toEqual(
        ANNOTATIONS.map((a) => ({
          ...expectedImport(a),
          tagIds: a.tagIds.filter((id) => !names.has(id)),
          tagNames: a.tagIds.flatMap((id) => names.get(id) ?? []),
        })),
      );
    }
  });

  it('leaves links it cannot place to the workspace, and reads them as threats when no actors are named', () => {
    const linked = exportAll([ANNOTATIONS[0]!]);
    const unplaced = fromAnnotationCollection(linked, { sourceId: SOURCE.id, threats: [], actors: [] });
    expect(unplaced.annotations[0]).toMatchObject({
      threatIds: [],
      actorIds: [],
      linkIds: [ACTOR.iskp.id, THREAT.iskp.id],
    });
    // Without lists (an older caller): every link is a threat, as earlier exports linked only threats.
    expect(fromAnnotationCollection(linked, { sourceId: SOURCE.id }).annotations[0]).toMatchObject({
      threatIds: [ACTOR.iskp.id, THREAT.iskp.id],
      linkIds: [],
    });
  });

  it('reads a single annotation, an array and a page as well as a collection', () => {
    const collection = exportAll();
    const page = { '@context': ANNO_CONTEXT, ...collection.first };
    for (const input of [page, collection.first.items, withContext(collection.first.items[2]!)]) {
      const result = fromAnnotationCollection(input, { sourceId: SOURCE.id });
      expect(result.problems).toEqual([]);
      expect(result.annotations.length).toBeGreaterThan(0);
    }
    expect(fromAnnotationCollection(page, target).annotations).toEqual(
      ANNOTATIONS.map(expectedImport).map((a, i) => (i === 5 ? { ...a, tagIds: [TAG.narcotics.id] } : a)),
    );
    expect(fromAnnotationCollection(collection.first.items[2], target).annotations).toEqual([
      expectedImport(ANNOTATIONS[2]!),
    ]);
  });

  it('matches tags of another workspace by name, and keeps unknown textual tags as names', () => {
    const otherWorkspaceTag = '0dc3129f-6bc2-43a7-a83a-6d375dbb4ea3';
    const doc = {
      '@context': ANNO_CONTEXT,
      id: 'https://hypothes.is/a/Zx81aK7eEe2',
      type: 'Annotation',
      motivation: 'commenting',
      created: '2026-03-01T10:00:00.000+00:00',
      body: [
        { type: 'TextualBody', value: 'Нужна проверка', purpose: 'commenting' },
        { type: 'TextualBody', value: 'propaganda', purpose: 'tagging' },
        { type: 'TextualBody', value: 'bot-network', purpose: 'tagging' },
        {
          type: 'SpecificResource',
          purpose: 'tagging',
          source: { id: `urn:uuid:${otherWorkspaceTag}`, label: 'مهاجرت' },
        },
        { type: 'TextualBody', id: `urn:uuid:${TAG.water.id}`, value: 'Water', purpose: 'tagging' },
      ],
      target: {
        source: 'https://example.org/article',
        selector: [
          {
            type: 'RangeSelector',
            startSelector: { type: 'XPathSelector', value: '/p[4]' },
            endSelector: { type: 'XPathSelector', value: '/p[4]' },
          },
          { type: 'TextPositionSelector', ...passage('propaganda').position },
          { type: 'TextQuoteSelector', exact: 'propaganda', prefix: 'emoji as ' },
        ],
      },
    };
    const withCodebook = fromAnnotationCollection(doc, {
      sourceId: SOURCE.id,
      codebook: Object.values(TAG),
      newId: () => PAGE_ID,
    });
    expect(withCodebook.annotations).toEqual([
      {
        id: PAGE_ID,
        sourceId: SOURCE.id,
        quote: { exact: 'propaganda', prefix: 'emoji as ', suffix: '' },
        position: passage('propaganda').position,
        note: 'Нужна проверка',
        tagIds: [TAG.propaganda.id, TAG.migration.id, TAG.water.id],
        tagNames: ['bot-network'],
        threatIds: [],
        actorIds: [],
        linkIds: [],
        countryCodes: [],
        createdAt: '2026-03-01T10:00:00.000+00:00',
        updatedAt: null,
      },
    ]);
    expect(withCodebook.problems).toEqual([]);

    const withoutCodebook = fromAnnotationCollection(doc, { sourceId: SOURCE.id });
    expect(withoutCodebook.annotations[0]).toMatchObject({
      tagIds: [otherWorkspaceTag, TAG.water.id],
      tagNames: ['propaganda', 'bot-network'],
    });
    // Measured on another document: the position is dropped, the quote still anchors.
    const otherText = fromAnnotationCollection(doc, { sourceId: SOURCE.id, textHash: TEXT_HASH });
    expect(otherText.annotations[0]!.position).toBeNull();
    expect(otherText.problems).toEqual([expect.stringMatching(/another text/)]);
  });

  it('reads the suite’s sample collection: the two quoting annotations, the rest explained', () => {
    const sample = readVendorJson('tools/samples/correct/collection1.json');
    const ids = ['614fa612-2a5e-4a6f-a84a-70e8d1cbfb2b', '0dc3129f-6bc2-43a7-a83a-6d375dbb4ea3'];
    const result = fromAnnotationCollection(sample, { sourceId: SOURCE.id, newId: () => ids.shift()! });
    expect(result.annotations.map((a) => [a.id, a.quote])).toEqual([
      ['614fa612-2a5e-4a6f-a84a-70e8d1cbfb2b', { exact: 'anotation', prefix: 'this is an ', suffix: ' that has some' }],
      [
        '0dc3129f-6bc2-43a7-a83a-6d375dbb4ea3',
        { exact: 'Selected Text', prefix: 'text before the ', suffix: ' and text after it' },
      ],
    ]);
    const skipped = result.problems.filter((p) => /skipped/.test(p));
    expect(skipped).toHaveLength(39);
    expect(result.problems).toContainEqual(
      expect.stringMatching(/^Annotation 26 \(http:\/\/example.org\/anno26\): 1 body was not understood/),
    );
  });

  it('normalises quotes to NFC with \\n line ends, as the source text is kept', () => {
    const exported = exportAll([ANNOTATIONS[0]!]).first.items[0]!;
    const decomposed = structuredClone(exported) as Json & { target: { selector: Json[] } };
    const quote = decomposed.target.selector[0]!;
    quote.exact = String(quote.exact).normalize('NFD');
    quote.prefix = String(quote.prefix).normalize('NFD').replace(/\n/g, '\r\n');
    expect(quote.exact).not.toBe(ANNOTATIONS[0]!.quote.exact);
    expect(quote.prefix).toContain('\r\n');
    const result = fromAnnotationCollection(decomposed, target);
    expect(result.annotations).toEqual([expectedImport(ANNOTATIONS[0]!)]);
  });
});

describe('a Hypothesis export of the same text (tests/vendor/hypothesis)', () => {
  const hypothesis = JSON.parse(
    readFileSync(join(W3C_VENDOR_DIR, '..', 'hypothesis', 'search-response.json'), 'utf8'),
  ) as unknown;
  const read = () =>
    fromAnnotationCollection(hypothesis, {
      sourceId: SOURCE.id,
      textHash: TEXT_HASH,
      codebook: Object.values(TAG),
      threats: [],
      actors: [],
    });

  it('reads the quoted annotations with their notes and tags (matched by name, else kept as names)', () => {
    const { annotations } = read();
    expect(annotations.map((a) => a.quote.exact)).toEqual([
      '«Вилаят Хорасан» остаётся главной угрозой для Центральной Азии',
      'مهاجرت گسترده از ولایات شمالی افغانستان',
      '🇰🇿🤝🇦🇫 with 👩🏽‍💻',
    ]);
    expect(annotations[0]).toMatchObject({
      note: 'Главный тезис статьи: ИГИЛ-Х — угроза №1.',
      tagIds: [TAG.terrorism.id],
      tagNames: ['ISIS-K'],
      createdAt: '2026-11-12T09:14:03.512374+00:00',
      updatedAt: '2026-11-12T09:20:41.088212+00:00',
      // Measured on the web page's text, not this one: placed by the quote.
      position: null,
    });
    expect(annotations[1]).toMatchObject({ note: '', tagIds: [TAG.migration.id], tagNames: [] });
    expect(annotations[2]).toMatchObject({
      note: 'Bot network? 🚩',
      tagIds: [TAG.propaganda.id],
      tagNames: ['bot-network'],
    });
    // Every quote is found in the workbench's copy of the text.
    for (const a of annotations) {
      const found = anchor(TEXT, { quote: a.quote, position: { start: 0, end: 0 } });
      if (found.status === 'orphaned') throw new Error(`not found: ${a.quote.exact}`);
      expect(TEXT.slice(found.start, found.end)).toBe(a.quote.exact);
    }
  });

  it('gives each Hypothesis annotation the same id at every import, and explains what it skipped', () => {
    const first = read();
    const again = read();
    expect(again.annotations.map((a) => a.id)).toEqual(first.annotations.map((a) => a.id));
    for (const a of first.annotations) expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-/);
    expect(first.problems).toContain(
      'Annotation 3 (a1B2c3D4Ee-page-note01) does not quote a passage (no TextQuoteSelector on its target); it was skipped.',
    );
    // Positions on the web page's text: dropped (two on another text, one not even the quote's length).
    expect(first.problems.filter((p) => /another text/.test(p))).toHaveLength(2);
    expect(first.problems.filter((p) => /does not span its quote/.test(p))).toHaveLength(1);
    expect(first.problems.some((p) => /context/.test(p))).toBe(false);
  });

  it('reads a single Hypothesis annotation and a plain list of them as well', () => {
    const rows = (hypothesis as { rows: unknown[] }).rows;
    expect(fromAnnotationCollection(rows[0], { sourceId: SOURCE.id }).problems).toEqual([]);
    expect(fromAnnotationCollection(rows, { sourceId: SOURCE.id }).annotations).toHaveLength(3);
  });
});

describe('fromAnnotationCollection on hostile input', () => {
  const target = {
    sourceId: SOURCE.id,
    textHash: TEXT_HASH,
    codebook: Object.values(TAG),
    threats: Object.values(THREAT),
    actors: Object.values(ACTOR),
  };
  const good = () =>
    structuredClone(withContext(exportAll([ANNOTATIONS[0]!]).first.items[0]!)) as Json & {
      target: Json & { selector: Json[] };
    };
  const readOne = (doc: unknown) => fromAnnotationCollection(doc, target);

  it('reports documents that are not Web Annotation at all', () => {
    for (const input of [
      null,
      undefined,
      42,
      true,
      'not json {',
      '{"hello": "world"}',
      { hello: 'world' },
      { '@context': 'https://schema.org', type: 'Person', name: 'A' },
      { type: 42 },
      { type: 'AnnotationCollection', first: 'https://example.org/page1' },
      { type: 'AnnotationCollection' },
      { type: 'AnnotationPage', items: 'nope' },
      new Date(0),
      [1, 'two', null, [], {}],
    ]) {
      const result = fromAnnotationCollection(input, target);
      expect(result.annotations, JSON.stringify(input)).toEqual([]);
      expect(result.problems.length, JSON.stringify(input)).toBeGreaterThan(0);
    }
    expect(fromAnnotationCollection([], target)).toEqual({ annotations: [], problems: [] });
  });

  it('skips annotations without a target or a usable TextQuoteSelector, saying why', () => {
    const cases: [string, (doc: Json & { target: Json & { selector: Json[] } }) => unknown, RegExp][] = [
      ['no target', (d) => ({ ...d, target: undefined }), /no target/],
      ['target is an address', (d) => ({ ...d, target: 'https://example.org/page' }), /does not quote a passage/],
      ['no selector', (d) => ({ ...d, target: { source: d.target.source } }), /does not quote a passage/],
      [
        'selector list of junk',
        (d) => ({ ...d, target: { ...d.target, selector: [null, 4, 'x', [], { type: 7 }] } }),
        /does not quote a passage/,
      ],
      [
        'quote without exact',
        (d) => ({ ...d, target: { ...d.target, selector: [{ type: 'TextQuoteSelector', prefix: 'a' }] } }),
        /without the quoted text/,
      ],
      [
        'exact is a number',
        (d) => ({ ...d, target: { ...d.target, selector: [{ type: 'TextQuoteSelector', exact: 5 }] } }),
        /without the quoted text/,
      ],
      [
        'exact is empty',
        (d) => ({ ...d, target: { ...d.target, selector: [{ type: 'TextQuoteSelector', exact: '' }] } }),
        /without the quoted text/,
      ],
      ['not an annotation', (d) => ({ ...d, type: 'Person' }), /not Annotation/],
      ['an address instead of an annotation', () => 'https://example.org/anno/1', /only an address/],
      ['a number instead of an annotation', () => 7, /not an annotation object/],
    ];
    for (const [name, make, reason] of cases) {
      const result = fromAnnotationCollection([make(good())], target);
      expect(result.annotations, name).toEqual([]);
      expect(result.problems[0], name).toMatch(reason);
      expect(result.problems[0], name).toMatch(/^Annotation 1\b/);
    }
  });

  it('keeps the passage but drops a bad position: negative, reversed, fractional, text, or not spanning the quote', () => {
    const { start, end } = ANNOTATIONS[0]!.position;
    for (const position of [
      { start: -1, end },
      { start: end, end: start },
      { start, end: start },
      { start: start + 0.5, end },
      { start: String(start), end: String(end) },
      { start, end: end + 1 },
      { start: Number.POSITIVE_INFINITY, end: Number.POSITIVE_INFINITY },
      { start: Number.NaN, end },
      { start },
    ]) {
      const doc = good();
      doc.target.selector[1] = { type: 'TextPositionSelector', ...position };
      const result = readOne(doc);
      expect(result.annotations, JSON.stringify(position)).toHaveLength(1);
      expect(result.annotations[0]!.position).toBeNull();
      expect(result.annotations[0]!.quote).toEqual(ANNOTATIONS[0]!.quote);
      expect(result.problems, JSON.stringify(position)).toEqual([expect.stringMatching(/placed by its quote/)]);
    }
  });

  it('gives fresh ids to annotations whose id is not a urn:uuid, and to repeated ids', () => {
    const fresh = [
      '0dc3129f-6bc2-43a7-a83a-6d375dbb4ea3',
      '614fa612-2a5e-4a6f-a84a-70e8d1cbfb2b',
      '5820e28d-fae2-4f68-aaca-1100c13288e6',
      'ccc76d5f-d58a-43b8-9ed4-656eed48839c',
    ];
    const docs = ['urn:uuid:not-a-uuid', 'https://example.org/anno/1', 42, undefined].map((id) => ({ ...good(), id }));
    const result = fromAnnotationCollection(docs, { ...target, newId: () => fresh.shift()! });
    expect(result.annotations.map((a) => a.id)).toEqual([
      '0dc3129f-6bc2-43a7-a83a-6d375dbb4ea3',
      '614fa612-2a5e-4a6f-a84a-70e8d1cbfb2b',
      '5820e28d-fae2-4f68-aaca-1100c13288e6',
      'ccc76d5f-d58a-43b8-9ed4-656eed48839c',
    ]);
    expect(result.problems).toEqual([]);

    const twice = fromAnnotationCollection(
      [good(), { ...good(), id: `urn:uuid:${ANNOTATIONS[0]!.id.toUpperCase()}` }],
      target,
    );
    expect(twice.annotations).toHaveLength(2);
    expect(twice.annotations[0]!.id).toBe(ANNOTATIONS[0]!.id);
    expect(twice.annotations[1]!.id).not.toBe(ANNOTATIONS[0]!.id);
    expect(twice.problems).toEqual([expect.stringMatching(/same id/)]);
  });

  it('leaves out bodies it does not understand, and says so', () => {
    const doc = good();
    doc.body = [
      ...(doc.body as Json[]),
      null,
      17,
      'https://example.org/some/page',
      { type: 'Choice', items: [{ type: 'TextualBody', value: 'a' }] },
      { type: 'SpecificResource', purpose: 'linking', source: 'https://example.org/not-a-threat' },
      { type: 'SpecificResource', purpose: 'identifying', source: { id: 12 } },
    ];
    const result = readOne(doc);
    expect(result.annotations).toEqual([expectedImport(ANNOTATIONS[0]!)]);
    expect(result.problems).toEqual([expect.stringMatching(/6 bodies were not understood/)]);
  });

  it('leaves out tag names too long for the codebook', () => {
    const doc = good();
    doc.body = [
      { type: 'TextualBody', purpose: 'tagging', value: 'x'.repeat(201) },
      { type: 'TextualBody', purpose: 'tagging', value: 'y'.repeat(200) },
    ];
    const result = fromAnnotationCollection(doc, { sourceId: SOURCE.id });
    expect(result.annotations[0]!.tagNames).toEqual(['y'.repeat(200)]);
    expect(result.problems).toEqual([expect.stringMatching(/tag name longer than 200 characters/)]);
  });

  it('shortens an over-long note rather than losing the passage', () => {
    const doc = good();
    doc.body = [{ type: 'TextualBody', purpose: 'commenting', value: '😀'.repeat(60_000) }];
    const result = readOne(doc);
    expect(result.annotations[0]!.note.length).toBeLessThanOrEqual(100_000);
    expect(result.annotations[0]!.note).toBe('😀'.repeat(50_000));
    expect(result.problems).toEqual([expect.stringMatching(/shortened/)]);
  });

  it('reads 10,000 annotations, and lists a bounded number of problems for 10,000 bad ones', () => {
    const base = good();
    const many = Array.from({ length: 10_000 }, () => ({ ...base, id: `urn:uuid:${crypto.randomUUID()}` }));
    const startedAt = performance.now();
    const result = fromAnnotationCollection({ '@context': ANNO_CONTEXT, type: 'AnnotationPage', items: many }, target);
    expect(result.annotations).toHaveLength(10_000);
    expect(result.problems).toEqual([]);
    expect(performance.now() - startedAt).toBeLessThan(10_000);

    const bad = Array.from({ length: 10_000 }, () => ({
      type: 'Annotation',
      target: { selector: { type: 'TextQuoteSelector' } },
    }));
    const failed = fromAnnotationCollection(bad, target);
    expect(failed.annotations).toEqual([]);
    expect(failed.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(failed.problems.at(-1)).toBe(`${10_000 - MAX_LISTED_PROBLEMS} further problems are not listed.`);
  });

  it('is not fooled by __proto__, constructor or prototype keys', () => {
    const item = JSON.stringify(good());
    const hostile = `{
      "__proto__": { "polluted": "collection" },
      "constructor": { "prototype": { "polluted": "constructor" } },
      "@context": "${ANNO_CONTEXT}",
      "type": "AnnotationPage",
      "items": [
        ${item.replace('{', '{"__proto__": {"polluted": "annotation", "type": "Annotation"}, "prototype": {"x": 1},')},
        ${item.replace('"selector":[{', '"selector":[{"__proto__": {"polluted": "selector", "exact": "evil"},').replace('"body":[{', '"body":[{"__proto__": {"purpose": "tagging"},')},
        { "__proto__": { "type": "Annotation", "target": { "selector": { "type": "TextQuoteSelector", "exact": "x" } } } }
      ]
    }`;
    const document = JSON.parse(hostile) as unknown;
    const result = fromAnnotationCollection(document, target);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(result.annotations).toHaveLength(2);
    for (const a of result.annotations) {
      expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
      expect(Object.keys(a).sort()).toEqual(Object.keys(expectedImport(ANNOTATIONS[0]!)).sort());
      expect(a).not.toHaveProperty('polluted');
      expect(a.quote).toEqual(ANNOTATIONS[0]!.quote);
    }
    // The third "annotation" has its fields only under __proto__: it has no target of its own.
    expect(result.problems).toContainEqual(expect.stringMatching(/^Annotation 3 has no target/));
  });

  it('survives cycles and deep refinedBy chains', () => {
    const cyclic = good() as Json;
    cyclic.self = cyclic;
    (cyclic.body as unknown[]).push(cyclic);
    expect(() => readOne(cyclic)).not.toThrow();
    expect(readOne(cyclic).annotations).toHaveLength(1);

    let selector: Json = { type: 'TextQuoteSelector', exact: 'IMU' };
    for (let i = 0; i < 50_000; i++) selector = { type: 'FragmentSelector', value: `p${i}`, refinedBy: selector };
    const deep = { ...good(), target: { source: 'urn:x', selector } };
    const result = readOne(deep);
    expect(result.annotations).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/does not quote a passage/)]);

    const shallow = {
      ...good(),
      target: {
        source: 'urn:x',
        selector: { type: 'FragmentSelector', value: 'p', refinedBy: { type: 'TextQuoteSelector', exact: 'IMU' } },
      },
    };
    expect(readOne(shallow).annotations[0]!.quote.exact).toBe('IMU');
  });
});

describe('IRIs', () => {
  it('round-trips workbench ids and country codes', () => {
    expect(parseUuidIri(`urn:uuid:${SOURCE.id}`)).toBe(SOURCE.id);
    expect(parseUuidIri(`URN:UUID:${SOURCE.id.toUpperCase()}`)).toBe(SOURCE.id);
    expect(parseUuidIri('urn:uuid:00000000-0000-0000-0000-00000000000g')).toBeNull();
    expect(parseUuidIri(SOURCE.id)).toBeNull();
    expect(countryIri('kz')).toBe('https://www.iso.org/obp/ui/#iso:code:3166:KZ');
    expect(parseCountryIri('https://www.iso.org/obp/ui/#iso:code:3166:kz')).toBe('KZ');
    expect(parseCountryIri('urn:iso:std:iso:3166:-1:kz')).toBe('KZ'); // what earlier exports wrote
    expect(parseCountryIri('urn:iso:std:iso:3166:-1:KAZ')).toBeNull();
  });
});
