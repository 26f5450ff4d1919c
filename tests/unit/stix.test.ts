import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import {
  Actor,
  ActorKind,
  defaultThreatActorTypes,
  threatActorTypesAfterKindChange,
  threatActorTypesOf,
  tidyThreatActorTypes,
} from '../../shared/domain/actor';
import { UNSET_AUTHOR_NAME } from '../../shared/domain/author';
import { Annotation } from '../../shared/domain/annotation';
import { Country } from '../../shared/domain/country';
import { DEFAULT_SCALE } from '../../shared/domain/scoring';
import { Source } from '../../shared/domain/source';
import { Register, Threat } from '../../shared/domain/threat';
import {
  CONFIDENCE_TO_STIX,
  registerToStixBundle,
  sha1Hex,
  STIX_ID_NAMESPACE,
  STIX_REFERENCE_EPOCH,
  type StixBundle,
  type StixExportInput,
  stixId,
  stixTimestamp,
  stixUrl,
  type Tlp,
  TLP2_EXTENSION_ID,
  TLP2_MARKING_IDS,
  tlpMarkingDefinition,
  UUID_NAMESPACE,
  uuidv5,
} from '../../shared/interop/stix';
import { PROJECT_ROOT } from '../support/handler-table';
import { relationshipProblem, SUGGESTED_RELATIONSHIPS } from '../support/stix-relationship-table';
import { readStixVendorJson, refProblems, stixValidator, stixVendorFiles } from '../support/stix-validator';
import { useTempFolders } from '../support/temp-folder';

// ---------------------------------------------------------------------------------------------------
// SHA-1 and UUIDv5

describe('SHA-1', () => {
  it('gives the FIPS 180 / RFC 3174 test vectors', () => {
    expect(sha1Hex('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
    expect(sha1Hex('The quick brown fox jumps over the lazy dog')).toBe('2fd4e1c67a2d28fced849ee1bb76e7391b93eb12');
    expect(sha1Hex('a'.repeat(1_000_000))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('agrees with Node crypto at every padding boundary and on multi-byte text', () => {
    const node = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex');
    for (let length = 0; length <= 200; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length * 7) & 0xff);
      expect(sha1Hex(bytes), `length ${length}`).toBe(node(bytes));
    }
    for (const text of [
      'Қазақстан',
      'Ауғанстан — қауіп 🇰🇿',
      'تهدیدهای امنیتی از افغانستان',
      'Исламское движение Узбекистана',
      '👩🏽‍💻'.repeat(40),
    ]) {
      expect(sha1Hex(text)).toBe(node(text));
    }
  });
});

describe('UUIDv5', () => {
  it('gives the known name-based UUIDs', () => {
    expect(uuidv5('www.example.com', UUID_NAMESPACE.DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidv5('python.org', UUID_NAMESPACE.DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    // Python: uuid.uuid5(uuid.NAMESPACE_URL, 'https://www.w3.org/'); a UTF-8 name: uuid5(NAMESPACE_DNS, 'Қазақстан')
    expect(uuidv5('https://www.w3.org/', UUID_NAMESPACE.URL)).toBe('c106a26a-21bb-5538-8bf2-57095d1976c1');
    expect(uuidv5('Қазақстан', UUID_NAMESPACE.DNS)).toBe('ca4b3195-28dd-562d-9638-4bd39a695a46');
  });

  it('sets version 5 and the RFC variant, and accepts an upper-case name space', () => {
    const id = uuidv5('anything', UUID_NAMESPACE.OID.toUpperCase());
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).toBe(uuidv5('anything', UUID_NAMESPACE.OID));
    expect(() => uuidv5('x', 'not-a-uuid')).toThrow(/not a UUID/);
  });

  it('derives the export name space as documented', () => {
    expect(uuidv5('urn:x-analyst-workbench:stix-2.1', UUID_NAMESPACE.URL)).toBe(STIX_ID_NAMESPACE);
  });
});

// ---------------------------------------------------------------------------------------------------
// The validator itself

describe('STIX 2.1 validator (vendored OASIS schemas)', () => {
  const validator = stixValidator();

  it('loads all 57 schemas and knows the schema of every exported type', () => {
    expect(validator.schemaCount).toBe(57);
    for (const type of [
      'identity',
      'location',
      'threat-actor',
      'grouping',
      'course-of-action',
      'note',
      'report',
      'relationship',
      'marking-definition',
    ]) {
      expect(validator.schemaFor(type), type).toMatch(/\.json$/);
    }
  });

  it('passes the hand-made good bundle, and every reference in it resolves', () => {
    const good = readStixVendorJson('local-fixtures/good-bundle.json');
    expect(validator.bundleProblems(good)).toEqual([]);
    expect(refProblems(good)).toEqual([]);
  });

  it('shows why common/bundle.json is not used alone: it rejects the good bundle at its location and note', () => {
    const good = readStixVendorJson('local-fixtures/good-bundle.json') as { objects: { type: string }[] };
    expect(validator.check('common/bundle.json', good)).not.toEqual([]);
    const withoutThem = { ...good, objects: good.objects.filter((o) => o.type !== 'location' && o.type !== 'note') };
    expect(validator.check('common/bundle.json', withoutThem)).toEqual([]);
  });

  // Each bad fixture breaks one rule; the problem must name the object (or the envelope) it is in.
  const BAD: Record<string, RegExp> = {
    'bad-bundle-empty.json': /^bundle: \/objects must NOT have fewer than 1 items/,
    'bad-bundle-id.json': /^bundle: \/id must match pattern "\^bundle--"/,
    'bad-location-lat-only.json': /^objects\[3\] location--1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d: .*longitude/,
    'bad-note-no-object-refs.json': /^objects\[8\] note--6f7a8b9c-0d1e-4f2a-9b4c-5d6e7f8a9b0c: .*object_refs/,
    'bad-relationship-no-target.json': /^objects\[6\] relationship--4d5e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f8a: .*target_ref/,
    'bad-report-no-published.json': /^objects\[9\] report--7a8b9c0d-1e2f-4a3b-8c5d-6e7f8a9b0c1d: .*published/,
    'bad-spec-version.json':
      /^objects\[5\] intrusion-set--3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f: \/spec_version must be equal to one of the allowed values/,
    'bad-threat-actor-id-prefix.json':
      /^objects\[4\] intrusion-set--2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e: \/id must match pattern "\^threat-actor--"/,
    'bad-timestamp.json': /^objects\[2\] identity--0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d: \/created must match pattern/,
    'bad-tlp-wrong-created.json':
      /^objects\[0\] marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da: \/created must be equal to one of the allowed values/,
  };

  it('has a check for each vendored bad fixture', () => {
    expect(stixVendorFiles('local-fixtures').filter((f) => f.includes('/bad-'))).toEqual(
      Object.keys(BAD).map((f) => `local-fixtures/${f}`),
    );
  });

  for (const [file, expected] of Object.entries(BAD)) {
    it(`rejects ${file} at the intended place`, () => {
      const problems = validator.bundleProblems(readStixVendorJson(`local-fixtures/${file}`));
      expect(problems.length).toBeGreaterThan(0);
      expect(
        problems.some((p) => expected.test(p)),
        problems.join('\n'),
      ).toBe(true);
    });
  }

  it('passes the OASIS examples (one of them a single object, not a bundle)', () => {
    const files = stixVendorFiles('examples');
    expect(files).toHaveLength(8);
    for (const file of files) {
      const document = readStixVendorJson(file) as { type: string };
      const problems =
        document.type === 'bundle' ? validator.bundleProblems(document) : validator.objectProblems(document);
      expect(problems, file).toEqual([]);
    }
  });

  it('rejects objects of unknown type, non-objects and envelopes that are not bundles', () => {
    expect(validator.objectProblems({ type: 'x-risk', id: 'x-risk--8f9a4d2e-1c3b-4e5f-9a7b-6c5d4e3f2a1b' })).toEqual([
      'no STIX 2.1 schema for type "x-risk"',
    ]);
    expect(validator.objectProblems('note')).toEqual(['not a JSON object']);
    expect(
      validator.bundleProblems({ type: 'report', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects: [{}] }),
    ).not.toEqual([]);
  });

  it('finds references that point outside the bundle', () => {
    const good = readStixVendorJson('local-fixtures/good-bundle.json') as { objects: { type: string }[] };
    const withoutIdentity = { ...good, objects: good.objects.filter((o) => o.type !== 'identity') };
    expect(refProblems(withoutIdentity)).toEqual([
      'objects[3].created_by_ref: identity--0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d is not in the bundle',
      'objects[8].created_by_ref: identity--0b7a3c5e-1d2f-4a6b-8c9d-0e1f2a3b4c5d is not in the bundle',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------
// A realistic register

const T0 = '2026-09-14T04:10:00.000Z';
const T1 = '2026-10-02T11:45:12.345Z';
const T2 = '2026-11-20T13:15:00+05:00'; // Astana time, as a laptop may record it
const NOW = '2026-11-28T09:00:00.000Z';

const REGISTER = Register.parse({
  id: '4c0f1d8e-3d1a-4a5e-9a43-2a6f0e1c7b11',
  name: 'Ауғанстаннан төнетін қауіптер: Орталық Азия, 2026',
  description: 'Реестр угроз, исходящих из Афганистана, для Казахстана и соседей. Оценки пересматриваются ежемесячно.',
  scope: 'Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan; 2026–2027.',
  scale: DEFAULT_SCALE,
  archived: false,
  createdAt: T0,
  updatedAt: T1,
});

const ACTOR = {
  iskp: Actor.parse({
    id: '37db8a19-1632-4595-95c7-2033c958faf8',
    name: 'Islamic State – Khorasan Province',
    aliases: [
      'ISKP',
      'ISIS-K',
      'Islamic State – Khorasan Province',
      'Вилаят Хорасан',
      'ИГИЛ-Хорасан',
      'داعش خراسان',
      'ISKP',
    ],
    kind: 'armed-group',
    description: 'Самая идеологизированная группировка в Афганистане; вербует выходцев из постсоветских стран.',
    bases: ['Nangarhar', 'Kunar', 'Nangarhar'],
    countryCodes: ['AF', 'TJ', 'UZ', 'AZ'],
    createdAt: T0,
    updatedAt: T1,
  }),
  taliban: Actor.parse({
    id: '9f0e8a4b-0a6e-4b53-8d0e-51b8a2f1c6d3',
    name: 'Taliban',
    aliases: ['Талибан', 'طالبان', 'Islamic Emirate of Afghanistan'],
    kind: 'organisation',
    description: '',
    bases: ['Kabul', 'Kandahar'],
    countryCodes: ['AF'],
    createdAt: T0,
    updatedAt: T0,
  }),
  pakistan: Actor.parse({
    id: 'b3a8c1d2-6e0f-4f1a-9c2b-7d8e9f0a1b2c',
    name: 'Pakistan',
    aliases: [],
    kind: 'state',
    description: 'Пакистан: граница по линии Дюранда, депортации афганских беженцев.',
    bases: [],
    countryCodes: ['PK'],
    createdAt: T0,
    updatedAt: T2,
  }),
  ghafari: Actor.parse({
    id: '5d6e7f80-91a2-4b3c-8d4e-5f60718293a4',
    name: 'Sanaullah Ghafari (Shahab al-Muhajir)',
    aliases: ['شهاب المهاجر'],
    kind: 'person',
    description: 'Emir of ISKP.',
    bases: [],
    countryCodes: [],
    createdAt: T1,
    updatedAt: T1,
  }),
};

const cia = (name: string, section: string) => ({
  publication: `CIA, The World Factbook, "${name}", ${section} (public domain)`,
  url: `https://www.cia.gov/the-world-factbook/countries/${name.toLowerCase()}/`,
});

function country(
  code: string,
  alpha3: string,
  name: string,
  subregion: string,
  capital: [string, number, number],
  border: number | null,
  fields: Partial<Country> = {},
): Country {
  return Country.parse({
    code,
    name,
    facts: {
      alpha3,
      numeric: '000',
      subregion: {
        value: subregion,
        sources: [{ publication: 'UN M49', url: 'https://unstats.un.org/unsd/methodology/m49/' }],
      },
      capital: { name: capital[0], lat: capital[1], lon: capital[2], sources: [cia(name, 'Government > Capital')] },
      population: {
        value: 1_000_000,
        year: 2025,
        text: '1,000,000 (2025 est.)',
        sources: [cia(name, 'People and Society > Population')],
      },
      areaKm2: { total: 100_000, sources: [cia(name, 'Geography > Area')] },
      landBoundariesTotalKm: { value: 1000, sources: [cia(name, 'Geography > Land boundaries')] },
      borderWithAfghanistanKm: {
        value: border,
        alternatives: [],
        sources: border === null ? [] : [cia(name, 'Geography > Land boundaries')],
      },
    },
    notes: '',
    stance: '',
    updatedAt: T1,
    ...fields,
  });
}

const COUNTRIES = [
  country('AF', 'AFG', 'Afghanistan', 'Southern Asia', ['Kabul', 34.5167, 69.1833], null, {
    notes: 'یادداشت: وضعیت امنیتی در ولایات شمالی شکننده است.',
  }),
  // Kazakhstan has no border with Afghanistan.
  country('KZ', 'KAZ', 'Kazakhstan', 'Central Asia', ['Astana', 51.1667, 71.4167], 0, {
    stance: 'Қазақстан талибтермен прагматикалық байланысты жақтайды.',
    notes: 'Казахстан исключил «Талибан» из списка запрещённых организаций в 2023 году.',
    updatedAt: T2,
  }),
  country('TJ', 'TJK', 'Tajikistan', 'Central Asia', ['Dushanbe', 38.55, 68.7667], 1357),
  country('PK', 'PAK', 'Pakistan', 'Southern Asia', ['Islamabad', 33.6833, 73.05], 2670),
];

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

function source(id: string, fields: Partial<Source>): Source {
  return Source.parse({
    id,
    title: 'Untitled',
    author: '',
    publisher: '',
    url: '',
    publishedOn: null,
    language: 'en',
    reliability: 'B',
    credibility: 2,
    file: null,
    textHash: hash(id),
    textLength: 1000,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...fields,
  });
}

const SOURCE = {
  article: source('593fa59c-417f-41b8-8ec2-bb14aede3ba4', {
    title: 'Security Threats Emanating from Afghanistan: The View from Kazakhstan',
    author: 'Almat Toyekin',
    publisher: 'Institute for Foreign Policy Research',
    url: 'https://example.org/articles/afghanistan?lang=en&ref=a|b',
    publishedOn: '2024-05-01',
  }),
  kazakh: source('0a4c7e2b-1f3d-4e5a-8b6c-9d0e1f2a3b4c', {
    title: 'Қош-Тепа каналы және Әмудария: Орталық Азияға әсері',
    author: 'Айгүл Нұрланқызы',
    publisher: 'Қазақстан Стратегиялық зерттеулер институты',
    url: 'https://kisi.example.kz/мақала/қош-тепа',
    language: 'kk',
    reliability: 'C',
    credibility: 3,
    updatedAt: T2,
  }),
  dari: source('e1d2c3b4-a5f6-4e7d-8c9b-0a1b2c3d4e5f', {
    title: 'تهدیدهای امنیتی در ولایات شمالی افغانستان',
    author: 'گزارشگر محلی',
    language: 'fa',
    reliability: 'F',
    credibility: 6,
    url: 'www.example.af/گزارش',
  }),
};

const MITIGATION_SHARED = 'Coordinate border controls and counter-terrorism cooperation among Central Asian states.';

function threat(id: string, fields: Partial<Threat>): Threat {
  const likelihood = fields.likelihood ?? 3;
  const impact = fields.impact ?? 3;
  return Threat.parse({
    id,
    registerId: REGISTER.id,
    title: 'Threat',
    description: '',
    category: 'other',
    actorIds: [],
    originCode: null,
    countryCodes: [],
    likelihood,
    impact,
    score: likelihood * impact,
    trend: 'stable',
    confidence: 'moderate',
    status: 'monitoring',
    indicators: [],
    mitigations: [],
    owner: '',
    lastReviewedOn: null,
    createdAt: T0,
    updatedAt: T1,
    ...fields,
  });
}

const THREAT = {
  iskp: threat('65c69a44-d2ee-4e57-b594-fd173387b521', {
    title: 'ISIS-Khorasan recruitment and attacks from Afghanistan',
    description: 'ИГИЛ-Хорасан — главная угроза региональной безопасности; опирается на выходцев из Центральной Азии.',
    category: 'terrorism',
    actorIds: [ACTOR.iskp.id, ACTOR.ghafari.id],
    originCode: 'AF',
    countryCodes: ['AF', 'KZ', 'TJ', 'UZ'],
    likelihood: 4,
    impact: 5,
    trend: 'rising',
    confidence: 'moderate',
    status: 'active',
    indicators: [
      'Арест граждан стран Центральной Азии, связанных с ИГИЛ-Х',
      'Armed incidents on the Tajik–Afghan border',
    ],
    mitigations: [
      MITIGATION_SHARED,
      'Ask the Taliban for firm security guarantees for the region, including action against groups based on Afghan territory.',
    ],
    owner: 'Айгерим Сейткали',
    lastReviewedOn: '2026-11-01',
  }),
  water: threat('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', {
    title: 'Қош-Тепа каналы Әмудария суын азайтады',
    description: 'The Kosh-Tepa canal may draw up to a fifth of the Amu Darya’s flow.',
    category: 'water',
    actorIds: [ACTOR.taliban.id],
    originCode: 'AF',
    countryCodes: ['AF', 'UZ', 'TM'],
    likelihood: 4,
    impact: 3,
    trend: 'rising',
    confidence: 'high',
    status: 'active',
    mitigations: [
      'Негізгі су келісімдері бойынша Ауғанстанмен техникалық диалог ашу және Әмудария бассейнінде бірлескен мониторинг жүйесін құру, соның ішінде гидрологиялық деректермен алмасу, су үнемдейтін технологияларды енгізу және Арал теңізі бассейнін құтқару халықаралық қорының тетіктерін пайдалану.',
    ],
  }),
  // No passage is linked to this threat.
  migration: threat('c7d8e9f0-a1b2-4c3d-9e4f-5a6b7c8d9e0f', {
    title: 'Mass migration from Afghanistan into neighbouring states',
    category: 'migration',
    actorIds: [ACTOR.taliban.id, ACTOR.pakistan.id],
    originCode: 'AF',
    countryCodes: ['AF', 'TJ', 'PK', 'KZ'],
    likelihood: 2,
    impact: 3,
    trend: 'rising',
    confidence: 'low',
    mitigations: [MITIGATION_SHARED],
    createdAt: T1,
    updatedAt: T2,
  }),
  // A bare threat: nothing linked at all.
  bare: threat('d0e1f2a3-b4c5-4d6e-8f7a-9b0c1d2e3f4a', {
    title: 'Ещё не оценено: кибератаки на энергосистему',
    likelihood: 1,
    impact: 1,
    status: 'closed',
  }),
};

/** A threat of another register, which a passage may also be linked to. */
const FOREIGN_THREAT_ID = 'f9e8d7c6-b5a4-4392-8170-6f5e4d3c2b1a';

function annotation(id: string, sourceId: string, exact: string, fields: Partial<Annotation>): Annotation {
  return Annotation.parse({
    id,
    sourceId,
    quote: { exact, prefix: '', suffix: '' },
    position: { start: 100, end: 100 + exact.length },
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

const ANNOTATION = {
  iskp: annotation(
    '72ccd61b-bfff-4867-a736-2a29afb317ff',
    SOURCE.article.id,
    'ISIS-Khorasan is the greatest threat to regional security and to the Taliban government',
    {
      note: 'Ключевая оценка: ИГИЛ-Х рассматривается как угроза №1.\nСм. также доклад СБ ООН 2023 года.',
      threatIds: [THREAT.iskp.id],
      actorIds: [ACTOR.iskp.id],
      countryCodes: ['AF', 'KZ'],
    },
  ),
  water: annotation(
    'a7ca9550-6b65-4714-93f0-7a5683032cf8',
    SOURCE.kazakh.id,
    'Әмудария суының азаюы — ұзақ мерзімді қауіп',
    {
      note: 'Су тапшылығы: Қош-Тепа каналы Әмудария ағынының 20%-на дейін алуы мүмкін.',
      threatIds: [THREAT.water.id],
      countryCodes: ['UZ', 'TM'],
      anchor: 'drifted',
      createdAt: '2026-11-20T10:00:00+05:00',
      updatedAt: T2,
    },
  ),
  dari: annotation(
    'b6a5b8a2-50b7-48c3-934f-1811b4b6c570',
    SOURCE.dari.id,
    'مهاجرت گسترده از ولایات شمالی افغانستان به سوی مرزهای تاجیکستان',
    {
      note: 'موج مهاجرت به سوی مرز تاجیکستان؛ منبع: گزارش محلی.',
      threatIds: [THREAT.iskp.id, FOREIGN_THREAT_ID],
      actorIds: [ACTOR.taliban.id],
      countryCodes: ['AF', 'TJ'],
      anchor: 'orphaned',
    },
  ),
  // Linked only to a threat of another register: nothing of this export to point at.
  stray: annotation('dc3aa933-4b85-49af-bfd6-a4f9beb5db8f', SOURCE.article.id, 'the drug trade resumed', {
    threatIds: [FOREIGN_THREAT_ID],
  }),
};

const INPUT: StixExportInput = {
  register: REGISTER,
  threats: Object.values(THREAT),
  actors: Object.values(ACTOR),
  countries: COUNTRIES,
  annotations: Object.values(ANNOTATION),
  sources: Object.values(SOURCE),
  tlp: 'amber',
  author: {
    name: 'Айгерим Сейткали',
    organisation: 'Institute for Foreign Policy Research — Afghanistan desk',
    identityClass: 'individual',
    updatedAt: T1,
  },
  now: NOW,
};

type Obj = Record<string, unknown> & { type: string; id: string };
const exportBundle = (input: Partial<StixExportInput> = {}) => registerToStixBundle({ ...INPUT, ...input });
const objectsOf = (bundle: StixBundle) => bundle.objects as unknown as Obj[];
const find = (bundle: StixBundle, id: string) => objectsOf(bundle).find((o) => o.id === id)!;
const ofType = (bundle: StixBundle, type: string) => objectsOf(bundle).filter((o) => o.type === type);
const relationships = (bundle: StixBundle) =>
  ofType(bundle, 'relationship') as (Obj & {
    relationship_type: string;
    source_ref: string;
    target_ref: string;
    description?: string;
  })[];
const hasRelationship = (bundle: StixBundle, source: string, type: string, target: string) =>
  relationships(bundle).some((r) => r.source_ref === source && r.relationship_type === type && r.target_ref === target);

const ID = {
  grouping: (t: Threat) => stixId('grouping', `grouping:threat:${t.id}`),
  actor: (a: Actor) => stixId('threat-actor', `threat-actor:${a.id}`),
  state: (a: Actor) => stixId('identity', `identity:state:${a.id}`),
  rationale: (t: Threat) => stixId('note', `note:threat:${t.id}`),
  location: (code: string) => stixId('location', `location:country:${code}`),
  note: (a: Annotation) => stixId('note', `note:annotation:${a.id}`),
  report: stixId('report', `report:register:${REGISTER.id}`),
};

describe('registerToStixBundle: validity', () => {
  const validator = stixValidator();
  const bundle = exportBundle();

  it('passes the envelope check and every object passes its type’s schema', () => {
    expect(validator.bundleProblems(bundle)).toEqual([]);
    const types = new Set(objectsOf(bundle).map((o) => o.type));
    expect([...types].sort()).toEqual([
      'course-of-action',
      'grouping',
      'identity',
      'location',
      'marking-definition',
      'note',
      'relationship',
      'report',
      'threat-actor',
    ]);
  });

  it('survives a JSON round trip unchanged (plain JSON, nothing undefined)', () => {
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
  });

  it('resolves every *_ref and *_refs inside the bundle', () => {
    expect(refProblems(bundle)).toEqual([]);
  });

  it('marks every object with the TLP marking, which is the published TLP 2.0 object', () => {
    const marking = find(bundle, TLP2_MARKING_IDS.amber);
    // Field for field as cti-stix-common-objects objects/marking-definition/marking-definition--55d920b0-….json
    expect(marking).toEqual({
      type: 'marking-definition',
      spec_version: '2.1',
      id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
      created: '2022-10-01T00:00:00.000Z',
      name: 'TLP:AMBER',
      extensions: {
        'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d': {
          extension_type: 'property-extension',
          tlp_2_0: 'amber',
        },
      },
    });
    for (const object of objectsOf(bundle)) {
      if (object.type === 'marking-definition') continue;
      expect(object.object_marking_refs, object.id).toEqual([marking.id]);
    }
    expect(ofType(bundle, 'marking-definition')).toHaveLength(1);
  });

  it('uses the published id and name of every TLP 2.0 level, each giving a valid bundle', () => {
    const published: Record<Tlp, [string, string]> = {
      clear: ['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'TLP:CLEAR'],
      green: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'TLP:GREEN'],
      amber: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'TLP:AMBER'],
      'amber+strict': ['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'TLP:AMBER+STRICT'],
      red: ['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'TLP:RED'],
    };
    for (const [tlp, [id, name]] of Object.entries(published) as [Tlp, [string, string]][]) {
      const marking = tlpMarkingDefinition(tlp);
      expect(marking).toMatchObject({ id, name, created: '2022-10-01T00:00:00.000Z' });
      expect(marking.extensions[TLP2_EXTENSION_ID]).toEqual({ extension_type: 'property-extension', tlp_2_0: tlp });
      const marked = exportBundle({ tlp });
      expect(validator.bundleProblems(marked), tlp).toEqual([]);
      expect(refProblems(marked), tlp).toEqual([]);
      expect(
        objectsOf(marked)
          .filter((o) => o.type !== 'marking-definition')
          .every((o) => (o.object_marking_refs as string[])[0] === id),
      ).toBe(true);
    }
    expect(() => tlpMarkingDefinition('white' as Tlp)).toThrow(/unknown TLP/);
  });

  it('writes every timestamp the STIX way (UTC, milliseconds, Z), modified never before created', () => {
    const stamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const object of objectsOf(bundle)) {
      expect(object.created, object.id).toMatch(stamp);
      if (object.type === 'marking-definition') continue;
      expect(object.modified, object.id).toMatch(stamp);
      expect((object.modified as string) >= (object.created as string), object.id).toBe(true);
    }
    expect(stixTimestamp(T2)).toBe('2026-11-20T08:15:00.000Z');
    expect(() => stixTimestamp('yesterday')).toThrow(/not an instant/);
  });

  it('credits everything to the author set in Settings, with the time it was set, and names them on notes', () => {
    const identity = ofType(bundle, 'identity').find((o) => !('created_by_ref' in o))!;
    expect(identity).toMatchObject({
      name: 'Айгерим Сейткали',
      description: 'Айгерим Сейткали, Institute for Foreign Policy Research — Afghanistan desk.',
      identity_class: 'individual',
      roles: ['analyst'],
      created: T1,
      modified: T1,
    });
    for (const object of objectsOf(bundle)) {
      if (object.type === 'marking-definition' || object.id === identity.id) continue;
      expect(object.created_by_ref, object.id).toBe(identity.id);
    }
    for (const note of ofType(bundle, 'note')) expect(note.authors, note.id).toEqual(['Айгерим Сейткали']);
  });

  it('makes an organisation author an organisation identity, and an unset author a stand-in that says so', () => {
    const org = exportBundle({
      author: { name: '', organisation: 'KISI', identityClass: 'organization', updatedAt: T0 },
    });
    const identity = ofType(org, 'identity').find((o) => !('created_by_ref' in o))!;
    expect(identity).toMatchObject({ name: 'KISI', identity_class: 'organization', created: T0 });
    expect(identity).not.toHaveProperty('roles');
    const unset = exportBundle({ author: { name: ' ', organisation: '', identityClass: 'individual' } });
    const standIn = ofType(unset, 'identity').find((o) => !('created_by_ref' in o))!;
    expect(standIn).toMatchObject({ name: UNSET_AUTHOR_NAME, created: NOW });
    expect(standIn.description).toContain('did not give a name');
    expect(stixValidator().bundleProblems(unset)).toEqual([]);
    // Set after the export instant (a clock moved back): never later than the export.
    const future = exportBundle({ author: { ...INPUT.author, updatedAt: '2030-01-01T00:00:00.000Z' } });
    expect(ofType(future, 'identity').find((o) => !('created_by_ref' in o))!.created).toBe(NOW);
  });
});

describe('registerToStixBundle: deterministic ids', () => {
  it('gives the same bundle for the same input', () => {
    const a = exportBundle();
    const b = exportBundle();
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('keeps every object id across exports at different times, so a re-export updates the same objects', () => {
    const first = exportBundle();
    const later = exportBundle({
      now: '2027-01-15T10:00:00.000Z',
      threats: [...INPUT.threats].reverse(),
      actors: [...INPUT.actors].reverse(),
      countries: [...COUNTRIES].reverse(),
      annotations: [...INPUT.annotations].reverse(),
      sources: [...INPUT.sources].reverse(),
    });
    const ids = (b: StixBundle) => b.objects.map((o) => o.id).sort();
    expect(ids(later)).toEqual(ids(first));
    expect(later.id).not.toBe(first.id); // the bundle is a new message
    // Only the report (re-published) changes version when nothing else changed.
    const changed = objectsOf(later)
      .filter((o) => JSON.stringify(o) !== JSON.stringify(find(first, o.id)))
      .map((o) => o.type);
    expect(changed).toEqual(['report']);
  });

  it('derives ids as UUIDv5 of the workbench ids', () => {
    const bundle = exportBundle();
    for (const object of objectsOf(bundle)) {
      if (object.type === 'marking-definition') continue;
      expect(object.id).toMatch(/^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(find(bundle, ID.actor(ACTOR.iskp)).name).toBe(ACTOR.iskp.name);
    expect(find(bundle, ID.grouping(THREAT.iskp)).name).toBe(THREAT.iskp.title);
    expect(find(bundle, ID.note(ANNOTATION.iskp)).type).toBe('note');
    expect(find(bundle, ID.report).type).toBe('report');
    expect(find(bundle, ID.location('KZ')).name).toBe('Kazakhstan');
  });

  it('moves modified forward when a record changes, keeping the id', () => {
    const before = find(exportBundle(), ID.actor(ACTOR.iskp));
    const edited = { ...ACTOR.iskp, aliases: [...ACTOR.iskp.aliases, 'IS-KP'], updatedAt: '2026-11-27T08:00:00.000Z' };
    const after = find(
      exportBundle({ actors: [edited, ACTOR.taliban, ACTOR.pakistan, ACTOR.ghafari] }),
      ID.actor(ACTOR.iskp),
    );
    expect(after.created).toBe(before.created);
    expect(after.modified).toBe('2026-11-27T08:00:00.000Z');
    expect(after.aliases).toContain('IS-KP');
  });
});

describe('registerToStixBundle: the mapping', () => {
  const bundle = exportBundle();

  it('exports the register as a threat report holding every object but itself, the author and the marking', () => {
    const report = find(bundle, ID.report);
    expect(report).toMatchObject({
      name: REGISTER.name,
      report_types: ['threat-report'],
      published: NOW,
      created: T0,
      modified: NOW,
    });
    expect(report.description).toContain(REGISTER.description);
    expect(report.description).toContain(`Scope: ${REGISTER.scope}`);
    const expected = objectsOf(bundle)
      .filter((o) => !['report', 'marking-definition'].includes(o.type) && 'created_by_ref' in o)
      .map((o) => o.id);
    expect([...(report.object_refs as string[])].sort()).toEqual(expected.sort());
    expect((report.external_references as { source_name: string }[]).map((r) => r.source_name)).toEqual(
      Object.values(SOURCE).map((s) => s.title),
    );
  });

  it('exports armed groups and others as threat actors with a type from the vocabulary, aliases but not the name twice', () => {
    expect(find(bundle, ID.actor(ACTOR.iskp))).toMatchObject({
      type: 'threat-actor',
      name: 'Islamic State – Khorasan Province',
      aliases: ['ISKP', 'ISIS-K', 'Вилаят Хорасан', 'ИГИЛ-Хорасан', 'داعش خراسان'],
      threat_actor_types: ['terrorist'],
      resource_level: 'organization',
      description: `${ACTOR.iskp.description}\n\nBased in: Nangarhar; Kunar.`,
    });
    const taliban = find(bundle, ID.actor(ACTOR.taliban));
    expect(taliban).toMatchObject({
      threat_actor_types: ['unknown'],
      resource_level: 'organization',
      description: 'Based in: Kabul; Kandahar.',
    });
    expect(find(bundle, ID.actor(ACTOR.ghafari))).toMatchObject({
      threat_actor_types: ['unknown'],
      resource_level: 'individual',
      aliases: ['شهاب المهاجر'],
    });
    // Every type comes from threat-actor-type-ov (STIX 2.1 §10.24).
    const vocabulary = [
      ...['activist', 'competitor', 'crime-syndicate', 'criminal', 'hacker', 'insider-accidental'],
      ...['insider-disgruntled', 'nation-state', 'sensationalist', 'spy', 'terrorist', 'unknown'],
    ];
    for (const actor of ofType(bundle, 'threat-actor'))
      for (const type of actor.threat_actor_types as string[]) expect(vocabulary, actor.name as string).toContain(type);
  });

  it('exports the threat-actor types the analyst chose, each from the vocabulary, valid against the OASIS schema', () => {
    const chosen = exportBundle({
      actors: [
        { ...ACTOR.taliban, threatActorTypes: ['terrorist', 'crime-syndicate'] },
        { ...ACTOR.ghafari, threatActorTypes: ['unknown', 'terrorist'] },
        { ...ACTOR.iskp, threatActorTypes: [] },
        {
          ...ACTOR.ghafari,
          id: 'c0ffee00-1111-4222-8333-444455556666',
          name: 'Hawala network, Herat',
          kind: 'criminal-network',
          threatActorTypes: undefined,
        },
        // A state with a type (e.g. reclassified from armed group) is still no threat actor.
        { ...ACTOR.pakistan, threatActorTypes: ['nation-state'] },
      ],
    });
    expect(stixValidator().bundleProblems(chosen)).toEqual([]);
    const typesOf = (name: string) => ofType(chosen, 'threat-actor').find((o) => o.name === name)?.threat_actor_types;
    // In the vocabulary's order; "unknown" gives way to a known type; nothing chosen is the kind's default.
    expect(typesOf('Taliban')).toEqual(['crime-syndicate', 'terrorist']);
    expect(typesOf(ACTOR.ghafari.name)).toEqual(['terrorist']);
    expect(typesOf(ACTOR.iskp.name)).toEqual(['terrorist']);
    expect(find(chosen, ID.actor({ id: 'c0ffee00-1111-4222-8333-444455556666' } as Actor))).toMatchObject({
      threat_actor_types: ['crime-syndicate'],
      resource_level: 'organization',
    });
    expect(ofType(chosen, 'threat-actor').some((o) => o.name === 'Pakistan')).toBe(false);
  });

  it('defaults an actor’s types from its kind, and follows a change of kind only while the types were the default', () => {
    expect(ActorKind.options.map((kind) => [kind, defaultThreatActorTypes(kind)])).toEqual([
      ['armed-group', ['terrorist']],
      ['criminal-network', ['crime-syndicate']],
      ['state', ['nation-state']],
      ['organisation', ['unknown']],
      ['person', ['unknown']],
      ['other', ['unknown']],
    ]);
    expect(threatActorTypesOf({ kind: 'armed-group' })).toEqual(['terrorist']);
    expect(threatActorTypesOf({ kind: 'organisation', threatActorTypes: ['activist'] })).toEqual(['activist']);
    expect(tidyThreatActorTypes([])).toEqual(['unknown']);
    expect(tidyThreatActorTypes(['spy', 'unknown', 'hacker', 'spy'])).toEqual(['hacker', 'spy']);
    expect(threatActorTypesAfterKindChange({ kind: 'organisation' }, 'criminal-network')).toEqual(['crime-syndicate']);
    expect(
      threatActorTypesAfterKindChange({ kind: 'armed-group', threatActorTypes: ['terrorist'] }, 'organisation'),
    ).toEqual(['unknown']);
    expect(
      threatActorTypesAfterKindChange({ kind: 'organisation', threatActorTypes: ['activist'] }, 'armed-group'),
    ).toEqual(['activist']);
    // The schema takes the vocabulary only, each value once.
    expect(Actor.safeParse({ ...ACTOR.taliban, threatActorTypes: ['warlord'] }).success).toBe(false);
    expect(Actor.safeParse({ ...ACTOR.taliban, threatActorTypes: ['spy', 'spy'] }).success).toBe(false);
  });

  it('exports a state as a location and a government identity located there, never as a threat actor', () => {
    expect(ofType(bundle, 'threat-actor').some((o) => o.name === 'Pakistan')).toBe(false);
    expect(find(bundle, ID.state(ACTOR.pakistan))).toMatchObject({
      type: 'identity',
      name: 'Pakistan',
      identity_class: 'organization',
      sectors: ['government'],
    });
    expect(find(bundle, ID.location('PK'))).toMatchObject({ type: 'location', country: 'PK', name: 'Pakistan' });
    expect(hasRelationship(bundle, ID.state(ACTOR.pakistan), 'located-at', ID.location('PK'))).toBe(true);
  });

  it('exports countries as locations with code, region and the capital’s coordinates, and says when there is no border', () => {
    expect(find(bundle, ID.location('KZ'))).toMatchObject({
      type: 'location',
      name: 'Kazakhstan',
      country: 'KZ',
      region: 'central-asia',
      latitude: 51.1667,
      longitude: 71.4167,
      created: STIX_REFERENCE_EPOCH,
      modified: '2026-11-20T08:15:00.000Z',
    });
    const kz = find(bundle, ID.location('KZ')).description as string;
    expect(kz).toContain('Capital: Astana (51.1667° N, 71.4167° E)');
    expect(kz).toContain('No common border with Afghanistan.');
    expect(kz).toContain('Stance: Қазақстан талибтермен');
    expect(kz).toContain('Казахстан исключил');
    expect(find(bundle, ID.location('TJ')).description).toContain('Border with Afghanistan: 1357 km.');
    const af = find(bundle, ID.location('AF'));
    expect(af).toMatchObject({ region: 'southern-asia' });
    expect(af.description).not.toMatch(/border/i);
    expect(af.description).toContain('یادداشت');
    // The sources of the figures, each publication once.
    expect(af.external_references).toEqual(
      ['Government > Capital', 'People and Society > Population', 'Geography > Area'].map((section) => ({
        source_name: `CIA, The World Factbook, "Afghanistan", ${section} (public domain)`,
        url: 'https://www.cia.gov/the-world-factbook/countries/afghanistan/',
      })),
    );
    expect((find(bundle, ID.location('KZ')).external_references as unknown[]).length).toBe(4); // + land boundaries, for the border
  });

  it('gives codes with no country record a minimal location (country code and English name)', () => {
    for (const [code, name] of [
      ['UZ', 'Uzbekistan'],
      ['TM', 'Turkmenistan'],
      ['AZ', 'Azerbaijan'],
    ]) {
      const location = find(bundle, ID.location(code!));
      expect(location, code).toMatchObject({ country: code, name });
      expect(location).not.toHaveProperty('latitude');
    }
  });

  it('exports a threat as a grouping carrying its judgement in namespaced custom properties, not labels', () => {
    const grouping = find(bundle, ID.grouping(THREAT.iskp));
    expect(grouping).toMatchObject({
      type: 'grouping',
      name: THREAT.iskp.title,
      context: 'unspecified',
      confidence: CONFIDENCE_TO_STIX.moderate,
      x_analyst_workbench_category: 'terrorism',
      x_analyst_workbench_likelihood: 4,
      x_analyst_workbench_impact: 5,
      x_analyst_workbench_score: 20,
      x_analyst_workbench_scale_levels: 5,
      x_analyst_workbench_band: 'critical',
      x_analyst_workbench_trend: 'rising',
      x_analyst_workbench_status: 'active',
      x_analyst_workbench_origin_ref: ID.location('AF'),
      x_analyst_workbench_rationale_ref: ID.rationale(THREAT.iskp),
      created: T0,
    });
    for (const object of objectsOf(bundle)) expect(object, object.id).not.toHaveProperty('labels');
    // STIX 2.1 §11.1: custom property names are 3–250 of a–z, 0–9 and _; ours all share one prefix.
    for (const key of Object.keys(grouping).filter((k) => k.startsWith('x_')))
      expect(key).toMatch(/^x_analyst_workbench_[a-z0-9_]{1,230}$/);
    const description = grouping.description as string;
    expect(description.startsWith(THREAT.iskp.description)).toBe(true);
    expect(description).toContain('likelihood 4 of 5 × impact 5 of 5 = score 20 of 25, band critical');
    expect(description).toContain('Owner: Айгерим Сейткали.');
    expect(description).toContain('Last reviewed on 2026-11-01.');
    expect(description).toContain(
      'Indicators to watch:\n- Арест граждан стран Центральной Азии, связанных с ИГИЛ-Х\n- Armed incidents on the Tajik–Afghan border',
    );
    // Its context: actors, places, mitigations, evidence and its relationships.
    const refs = grouping.object_refs as string[];
    for (const id of [
      ID.actor(ACTOR.iskp),
      ID.actor(ACTOR.ghafari),
      ID.location('AF'),
      ID.location('UZ'),
      ID.note(ANNOTATION.iskp),
      ID.note(ANNOTATION.dari),
    ]) {
      expect(refs).toContain(id);
    }
    expect(refs.filter((r) => r.startsWith('course-of-action--'))).toHaveLength(2);
    expect(refs).toContain(ID.rationale(THREAT.iskp));
    expect(refs.filter((r) => r.startsWith('relationship--'))).toEqual([]);
    expect(ofType(bundle, 'indicator')).toEqual([]); // prose indicators are not STIX patterns
    expect(CONFIDENCE_TO_STIX).toEqual({ low: 15, moderate: 50, high: 85 });
    expect(find(bundle, ID.grouping(THREAT.water)).confidence).toBe(85);
    expect(find(bundle, ID.grouping(THREAT.migration)).confidence).toBe(15);
  });

  it('relates no grouping: a threat holds its actors, places and mitigations through object_refs', () => {
    const g = ID.grouping(THREAT.iskp);
    for (const r of relationships(bundle)) {
      expect(r.source_ref.startsWith('grouping--'), r.id).toBe(false);
      expect(r.target_ref.startsWith('grouping--'), r.id).toBe(false);
    }
    const grouping = find(bundle, g);
    expect(grouping.object_refs).toContain(ID.actor(ACTOR.iskp));
    expect([...(grouping.x_analyst_workbench_affected_refs as string[])].sort()).toEqual(
      ['AF', 'KZ', 'TJ', 'UZ'].map(ID.location).sort(),
    );
    // The mitigation shared by two threats is one course of action that both groupings hold.
    const shared = ofType(bundle, 'course-of-action').find((c) => c.name === MITIGATION_SHARED)!;
    expect(
      ofType(bundle, 'grouping')
        .filter((o) => (o.object_refs as string[]).includes(shared.id))
        .map((o) => o.id)
        .sort(),
    ).toEqual([ID.grouping(THREAT.iskp), ID.grouping(THREAT.migration)].sort());
    // A long mitigation is named by its start and described in full.
    const long = ofType(bundle, 'course-of-action').find((c) =>
      (c.description as string | undefined)?.startsWith('Негізгі су'),
    )!;
    expect(long.description).toBe(THREAT.water.mitigations[0]);
    expect((long.name as string).endsWith('…')).toBe(true);
    expect(Array.from(long.name as string).length).toBeLessThanOrEqual(160);
  });

  it('derives the actors’ own relationships to their countries, saying why', () => {
    const iskp = ID.actor(ACTOR.iskp);
    expect(hasRelationship(bundle, iskp, 'located-at', ID.location('AF'))).toBe(true);
    expect(hasRelationship(bundle, iskp, 'targets', ID.location('TJ'))).toBe(true);
    expect(hasRelationship(bundle, iskp, 'targets', ID.location('UZ'))).toBe(true);
    expect(hasRelationship(bundle, iskp, 'related-to', ID.location('AZ'))).toBe(true); // no threat says more
    expect(hasRelationship(bundle, iskp, 'targets', ID.location('KZ'))).toBe(false); // KZ is not one of its countries
    expect(hasRelationship(bundle, ID.state(ACTOR.pakistan), 'located-at', ID.location('PK'))).toBe(true);
    expect(hasRelationship(bundle, ID.actor(ACTOR.taliban), 'located-at', ID.location('AF'))).toBe(true);
    // Not a terrorism threat, not an armed group: the Taliban "targets" nothing.
    expect(
      relationships(bundle).some((r) => r.source_ref === ID.actor(ACTOR.taliban) && r.relationship_type === 'targets'),
    ).toBe(false);
    const targets = relationships(bundle).find((r) => r.source_ref === iskp && r.relationship_type === 'targets')!;
    expect(targets.description).toContain(`“${THREAT.iskp.title}”`);
    const ids = relationships(bundle).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('handles a threat with no evidence, and a threat with nothing linked at all', () => {
    const migration = find(bundle, ID.grouping(THREAT.migration));
    expect(migration.description).toContain('No passage of a source is linked to this threat yet.');
    expect((migration.object_refs as string[]).filter((r) => r.startsWith('note--'))).toEqual([
      ID.rationale(THREAT.migration),
    ]);
    const bare = find(bundle, ID.grouping(THREAT.bare));
    expect(bare.object_refs).toEqual([ID.rationale(THREAT.bare)]);
    expect(bare.description).toContain('Not yet reviewed.');
    expect(bare.x_analyst_workbench_band).toBe('low');
    expect(bare).not.toHaveProperty('x_analyst_workbench_origin_ref');
  });

  it('gives each threat’s reasoning as a note by the author about its grouping', () => {
    const rationale = find(bundle, ID.rationale(THREAT.iskp));
    expect(rationale).toMatchObject({
      type: 'note',
      object_refs: [ID.grouping(THREAT.iskp)],
      authors: ['Айгерим Сейткали'],
      abstract: `Why “${THREAT.iskp.title}” is rated critical (20 of 25)`,
    });
    expect(rationale.content).toContain(THREAT.iskp.description);
    expect(rationale.content).toContain('likelihood 4 of 5 × impact 5 of 5 = score 20 of 25, band critical');
  });

  it('exports passages as notes: the quote, its citation and the analyst’s note, linked to threat, actor and country', () => {
    const note = find(bundle, ID.note(ANNOTATION.iskp));
    expect(note.content).toBe(
      `“${ANNOTATION.iskp.quote.exact}”\n— Almat Toyekin, Institute for Foreign Policy Research, 2024-05-01, “${SOURCE.article.title}”\n\n${ANNOTATION.iskp.note}`,
    );
    expect(note.abstract).toBe(`“${ANNOTATION.iskp.quote.exact}” — ${SOURCE.article.title}`);
    expect(note.object_refs).toEqual([
      ID.grouping(THREAT.iskp),
      ID.actor(ACTOR.iskp),
      ID.location('AF'),
      ID.location('KZ'),
    ]);
    expect(note.confidence).toBe(70); // credibility 2, "probably true"
    expect(note.external_references).toEqual([
      {
        source_name: SOURCE.article.title,
        description:
          'Almat Toyekin, Institute for Foreign Policy Research, 2024-05-01. Admiralty grade B2 (usually reliable source; information probably true). Language: en.',
        url: 'https://example.org/articles/afghanistan?lang=en&ref=a%7Cb',
        external_id: `urn:sha256:${SOURCE.article.textHash}`,
      },
    ]);
  });

  it('keeps Kazakh and Dari passages intact, with their sources', () => {
    const water = find(bundle, ID.note(ANNOTATION.water));
    expect(water.content).toContain('“Әмудария суының азаюы — ұзақ мерзімді қауіп”');
    expect(water.content).toContain(ANNOTATION.water.note);
    expect(water.created).toBe('2026-11-20T05:00:00.000Z');
    expect(water.confidence).toBe(50);
    const ref = (water.external_references as { url: string }[])[0]!;
    expect(ref.url).toBe(
      'https://kisi.example.kz/%D0%BC%D0%B0%D2%9B%D0%B0%D0%BB%D0%B0/%D2%9B%D0%BE%D1%88-%D1%82%D0%B5%D0%BF%D0%B0',
    );
    expect(decodeURI(ref.url)).toBe(SOURCE.kazakh.url);

    const dari = find(bundle, ID.note(ANNOTATION.dari));
    expect(dari.content).toContain(`“${ANNOTATION.dari.quote.exact}”`);
    expect(dari.content).toContain('no longer found in the current text'); // orphaned
    expect(dari.content).toContain(ANNOTATION.dari.note);
    expect(dari).not.toHaveProperty('confidence'); // credibility 6: truth cannot be judged
    // The threat of another register is left out; the address without a scheme is described, not linked.
    expect(dari.object_refs).toEqual([
      ID.grouping(THREAT.iskp),
      ID.actor(ACTOR.taliban),
      ID.location('AF'),
      ID.location('TJ'),
    ]);
    const dariRef = (dari.external_references as { url?: string; description: string }[])[0]!;
    expect(dariRef).not.toHaveProperty('url');
    expect(dariRef.description).toContain('Address: www.example.af/گزارش.');
  });

  it('points a passage linked to nothing of this export at the report', () => {
    expect(find(bundle, ID.note(ANNOTATION.stray)).object_refs).toEqual([ID.report]);
  });

  it('makes source addresses into valid URIs or leaves them out', () => {
    const validator = stixValidator();
    const cases: [string, string | null][] = [
      [
        'https://kk.wikipedia.org/wiki/Қазақстан',
        'https://kk.wikipedia.org/wiki/%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B%D1%81%D1%82%D0%B0%D0%BD',
      ],
      ['https://user:secret@example.net/report.pdf', 'https://example.net/report.pdf'],
      ['http://қазақстан.kz/a b?q=[1]#x^', 'http://xn--80aaa0a6awh12ed.kz/a%20b?q=%5B1%5D#x%5E'],
      ['https://example.org/100%/done', 'https://example.org/100%25/done'],
      ['www.example.com', null],
      ['mailto:desk@example.org', null],
      ['javascript:alert(1)', null],
      ['', null],
    ];
    for (const [address, expected] of cases) {
      const url = stixUrl(address);
      expect(url, address).toBe(expected);
      if (url)
        expect(validator.check('common/external-reference.json', { source_name: 'x', url }), address).toEqual([]);
    }
  });

  it('refuses a threat of another register and a bad export instant', () => {
    expect(() => exportBundle({ threats: [{ ...THREAT.iskp, registerId: FOREIGN_THREAT_ID }] })).toThrow(
      /belongs to register/,
    );
    expect(() => exportBundle({ now: 'soon' })).toThrow(/not an instant/);
  });

  it('exports an empty register as a valid bundle', () => {
    const empty = exportBundle({ threats: [], actors: [], countries: [], annotations: [], sources: [] });
    expect(stixValidator().bundleProblems(empty)).toEqual([]);
    expect(refProblems(empty)).toEqual([]);
    expect(ofType(empty, 'report')).toHaveLength(1);
  });
});

describe('a deliberately broken export is rejected', () => {
  const validator = stixValidator();
  const broken = (edit: (objects: Obj[]) => Obj[]) => {
    const bundle = structuredClone(exportBundle()) as unknown as { objects: Obj[] };
    return { ...bundle, objects: edit(bundle.objects) };
  };

  it('a relationship without target_ref', () => {
    const bundle = broken((objects) => {
      const relationship = objects.find((o) => o.type === 'relationship')!;
      delete relationship.target_ref;
      return objects;
    });
    const problems = validator.bundleProblems(bundle);
    expect(
      problems.some((p) => /^objects\[\d+\] relationship--.*must have required property 'target_ref'/.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('an empty bundle', () => {
    expect(validator.bundleProblems(broken(() => []))).toEqual(['bundle: /objects must NOT have fewer than 1 items']);
  });

  it('a location with a latitude and no longitude, a note with no object_refs, a report without published', () => {
    const bundle = broken((objects) =>
      objects.map((o) => {
        if (o.type === 'location') return { ...o, longitude: undefined, latitude: 10 };
        if (o.type === 'note') return { ...o, object_refs: [] };
        if (o.type === 'report') return { ...o, published: undefined };
        return o;
      }),
    );
    const problems = validator.bundleProblems(JSON.parse(JSON.stringify(bundle)));
    expect(problems.some((p) => /location--.*longitude/.test(p))).toBe(true);
    expect(problems.some((p) => /note--.*\/object_refs must NOT have fewer than 1 items/.test(p))).toBe(true);
    expect(problems.some((p) => /report--.*published/.test(p))).toBe(true);
  });

  it('a timestamp without milliseconds, and a threat actor with an intrusion-set id', () => {
    const bundle = broken((objects) =>
      objects.map((o) =>
        o.type === 'threat-actor'
          ? { ...o, created: '2026-09-14T04:10:00Z', id: o.id.replace('threat-actor--', 'intrusion-set--') }
          : o,
      ),
    );
    const problems = validator.bundleProblems(bundle);
    expect(problems.some((p) => /\/created must match pattern/.test(p))).toBe(true);
    expect(problems.some((p) => /\/id must match pattern "\^threat-actor--"/.test(p))).toBe(true);
  });

  it('a bundle whose TLP marking was left out, or whose location went missing', () => {
    const unmarked = broken((objects) => objects.filter((o) => o.type !== 'marking-definition'));
    expect(validator.bundleProblems(unmarked)).toEqual([]); // the schemas cannot see it …
    const problems = refProblems(unmarked); // … the reference check does
    expect(problems.length).toBe(unmarked.objects.length);
    expect(
      problems.every((p) => p.includes(`object_marking_refs[0]: ${TLP2_MARKING_IDS.amber} is not in the bundle`)),
    ).toBe(true);
    const noKazakhstan = broken((objects) => objects.filter((o) => o.id !== ID.location('KZ')));
    expect(refProblems(noKazakhstan).some((p) => p.includes(`${ID.location('KZ')} is not in the bundle`))).toBe(true);
  });

  it('the same object twice in the same version', () => {
    const twice = broken((objects) => [...objects, objects[3]!]);
    expect(validator.bundleProblems(twice).some((p) => p.includes('same id and version as objects[3]'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// The demo workspace, as the app writes it

describe('the relationship table (STIX 2.1 §4)', () => {
  it('holds the pairs the specification lists, and nothing it does not', () => {
    expect(relationshipProblem('threat-actor', 'located-at', 'location')).toBeNull();
    expect(relationshipProblem('threat-actor', 'targets', 'identity')).toBeNull();
    expect(relationshipProblem('threat-actor', 'attributed-to', 'identity')).toBeNull();
    expect(relationshipProblem('intrusion-set', 'originates-from', 'location')).toBeNull();
    expect(relationshipProblem('identity', 'located-at', 'location')).toBeNull();
    expect(relationshipProblem('course-of-action', 'mitigates', 'vulnerability')).toBeNull();
    expect(relationshipProblem('grouping', 'related-to', 'location')).toBeNull(); // common to every SDO
    expect(relationshipProblem('grouping', 'originates-from', 'location')).toMatch(/no "originates-from"/);
    expect(relationshipProblem('course-of-action', 'mitigates', 'grouping')).toMatch(/not a grouping/);
    expect(relationshipProblem('threat-actor', 'originates-from', 'location')).toMatch(/no "originates-from"/);
    expect(relationshipProblem('identity', 'duplicate-of', 'threat-actor')).toMatch(/one type only/);
    expect(Object.keys(SUGGESTED_RELATIONSHIPS)).not.toContain('grouping');
  });
});

describe('the demo register', () => {
  const tempFolder = useTempFolders();
  const demoBundle = async () => {
    const demo = await loadDemoWorkspace(
      `${PROJECT_ROOT}/data`,
      new SourceStore(await tempFolder()),
      new Date('2026-11-28T09:00:00Z'),
    );
    const bundle = registerToStixBundle({
      register: demo.register,
      threats: demo.threats,
      actors: demo.actors,
      countries: demo.countries,
      annotations: demo.annotations,
      sources: [demo.source],
      tlp: 'green',
      author: { name: 'Almat Toyekin', organisation: 'KISI', identityClass: 'individual', updatedAt: NOW },
      now: '2026-11-28T12:00:00.000Z',
    });
    return { demo, bundle };
  };

  it('exports to a valid, fully resolved bundle', async () => {
    const { demo, bundle } = await demoBundle();
    expect(stixValidator().bundleProblems(bundle)).toEqual([]);
    expect(refProblems(bundle)).toEqual([]);
    expect(ofType(bundle, 'grouping')).toHaveLength(12);
    const states = demo.actors.filter((a) => a.kind === 'state');
    expect(states.map((a) => a.name).sort()).toEqual(['China', 'Iran', 'Pakistan', 'Russia', 'United States']);
    expect(ofType(bundle, 'threat-actor')).toHaveLength(demo.actors.length - states.length);
    // One note per passage, and one per threat for its reasoning.
    expect(ofType(bundle, 'note')).toHaveLength(demo.annotations.length + demo.threats.length);
    expect(ofType(bundle, 'location').length).toBeGreaterThanOrEqual(demo.countries.length);
    const iskp = objectsOf(bundle).find(
      (o) => o.type === 'threat-actor' && (o.name as string).startsWith('ISIS-Khorasan'),
    )!;
    expect(iskp.threat_actor_types).toEqual(['terrorist']);
    expect(hasRelationship(bundle, iskp.id, 'located-at', ID.location('AF'))).toBe(true);
    expect(hasRelationship(bundle, iskp.id, 'targets', ID.location('TJ'))).toBe(true);
  });

  it('uses only relationships the specification lists for their source and target types', async () => {
    const { bundle } = await demoBundle();
    const typeOf = new Map(objectsOf(bundle).map((o) => [o.id, o.type]));
    const all = relationships(bundle);
    expect(all.length).toBeGreaterThan(10);
    const problems = all.flatMap((r) => {
      const problem = relationshipProblem(typeOf.get(r.source_ref)!, r.relationship_type, typeOf.get(r.target_ref)!);
      return problem ? [`${r.id}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('exports the states as locations and government identities, and gives every threat actor a type', async () => {
    const { demo, bundle } = await demoBundle();
    for (const state of demo.actors.filter((a) => a.kind === 'state')) {
      expect(
        ofType(bundle, 'threat-actor').some((o) => o.name === state.name),
        state.name,
      ).toBe(false);
      const identity = find(bundle, ID.state(state));
      expect(identity, state.name).toMatchObject({ identity_class: 'organization', sectors: ['government'] });
      for (const code of state.countryCodes) {
        expect(find(bundle, ID.location(code)), code).toMatchObject({ type: 'location', country: code });
        expect(hasRelationship(bundle, identity.id, 'located-at', ID.location(code)), code).toBe(true);
      }
    }
    for (const actor of ofType(bundle, 'threat-actor'))
      expect((actor.threat_actor_types as string[]).length, actor.name as string).toBeGreaterThan(0);
    const taliban = ofType(bundle, 'threat-actor').find((o) => o.name === 'Taliban')!;
    expect(taliban.threat_actor_types).toEqual(['unknown']); // recorded as an organisation, not an armed group
  });
});

describe('registerToStixBundle: a threat not yet rated', () => {
  const { likelihood: _l, impact: _i, score: _s, ...fields } = THREAT.iskp;
  const unrated = Threat.parse(fields);
  const bundle = exportBundle({ threats: [unrated] });

  it('is marked unrated, with no likelihood, impact, score or band made up, and the bundle stays valid', () => {
    expect(stixValidator().bundleProblems(bundle)).toEqual([]);
    const grouping = find(bundle, ID.grouping(THREAT.iskp));
    expect(grouping.x_analyst_workbench_rated).toBe(false);
    for (const property of ['likelihood', 'impact', 'score', 'band'])
      expect(grouping).not.toHaveProperty(`x_analyst_workbench_${property}`);
    expect(String(grouping.description)).toContain('Risk: not yet rated');
    expect(find(bundle, ID.grouping(THREAT.iskp)).x_analyst_workbench_rated).toBe(false);
    expect(find(exportBundle(), ID.grouping(THREAT.iskp)).x_analyst_workbench_rated).toBe(true);
  });
});
