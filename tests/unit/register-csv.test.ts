import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE } from '../../shared/domain/scoring';
import { type RiskScale, Threat } from '../../shared/domain/threat';
import {
  CSV_COLUMNS,
  type CsvContext,
  guessMapping,
  parseCsv,
  registerToCsv,
  type ThreatDraft,
  validateRows,
} from '../../shared/interop/register-csv';
import { compareThreatsForNumbering, threatNumbers } from '../../shared/domain/threat-numbers';

// ---------------------------------------------------------------------------------------------------
// A workspace: actors (one name with a comma, one with a semicolon, shared aliases), the eleven countries.

const ISKP = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a01';
const IMU = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a02';
const ANSARULLAH = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a03';
const TALIBAN = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a04';
const TTP = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a05';
const BLA = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a06';
const TWIN_A = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a07';
const TWIN_B = '0b0c3f55-4f43-4d7a-9a43-3a6a5b0e0a08';

const CONTEXT: CsvContext = {
  actors: [
    {
      id: ISKP,
      name: 'Islamic State – Khorasan Province',
      aliases: ['ISKP', 'ISIS-K', 'ИГИЛ-Хорасан', 'Вилаят Хорасан'],
    },
    { id: IMU, name: 'Islamic Movement of Uzbekistan', aliases: ['IMU', 'ИДУ', 'Исламское движение Узбекистана'] },
    { id: ANSARULLAH, name: 'Jamaat Ansarullah', aliases: ['Джамаат Ансаруллах'] },
    { id: TALIBAN, name: 'Taliban, Islamic Emirate', aliases: ['Талибан'] },
    { id: TTP, name: 'TTP; Tehrik-i-Taliban Pakistan', aliases: [] },
    { id: BLA, name: 'Balochistan Liberation Army', aliases: ['BLA'] },
    { id: TWIN_A, name: 'Unit 9', aliases: [] },
    { id: TWIN_B, name: 'unit 9', aliases: [] },
  ],
  countryCodes: ['AF', 'KZ', 'KG', 'TJ', 'TM', 'UZ', 'PK', 'IR', 'CN', 'RU', 'US'],
  scale: DEFAULT_SCALE,
};

const REGISTER_ID = '7d1e2b8a-33c4-4a8e-8f61-0c2d9b5e4f10';
const NOW = '2026-11-20T08:15:00.000Z';
let serial = 0;

function threat(fields: Partial<Threat>): Threat {
  serial++;
  const likelihood = fields.likelihood ?? 3;
  const impact = fields.impact ?? 3;
  return Threat.parse({
    id: `5f1c0d3e-8a2b-4c6d-9e7f-${String(serial).padStart(12, '0')}`,
    registerId: REGISTER_ID,
    title: `Threat ${serial}`,
    description: '',
    category: 'other',
    actorIds: [],
    originCode: 'AF',
    countryCodes: [],
    trend: 'stable',
    confidence: 'low',
    status: 'active',
    indicators: [],
    mitigations: [],
    owner: '',
    lastReviewedOn: null,
    ...fields,
    likelihood,
    impact,
    score: likelihood * impact,
    createdAt: NOW,
    updatedAt: NOW,
  });
}

function draftOf(t: Threat): ThreatDraft {
  const { registerId: _r, score: _s, createdAt: _c, updatedAt: _u, ...draft } = t;
  return draft;
}

function importCsv(text: string, context: CsvContext = CONTEXT) {
  const parsed = parseCsv(text);
  const mapping = guessMapping(parsed.headers);
  return { parsed, mapping, ...validateRows(parsed, mapping, context) };
}

// ---------------------------------------------------------------------------------------------------

const TRICKY: Threat[] = [
  threat({
    title: 'ISKP recruitment among labour migrants, "online" and offline',
    description:
      'Recruiters work through Telegram, "closed" chats, and mosques.\nSecond line, with a comma;\n\nand a blank line before this one.',
    category: 'terrorism',
    likelihood: 4,
    impact: 5,
    trend: 'rising',
    confidence: 'moderate',
    status: 'active',
    originCode: 'AF',
    countryCodes: ['KZ', 'TJ', 'UZ'],
    actorIds: [ISKP, IMU, TALIBAN, TTP],
    indicators: [
      'Arrests of returnees from Russia, "quietly" reported',
      'A multi-line indicator:\nfirst sign\n  indented sign',
      '- starts with a dash',
      '• starts with a bullet',
      '1. starts with a number',
    ],
    mitigations: ['Joint monitoring of Telegram channels'],
    owner: 'Desk 2, "Central Asia"',
    lastReviewedOn: '2026-11-20',
  }),
  threat({
    title: 'Әмудария суының азаюы — Қош-Тепа каналы',
    description:
      'По оценкам экспертов, канал Кош-Тепа заберёт до 20% стока Амударьи.\nکانال قوش تپه آب آمو دریا را کاهش می‌دهد.',
    category: 'water',
    likelihood: 5,
    impact: 4,
    trend: 'falling',
    confidence: 'high',
    status: 'monitoring',
    originCode: null,
    countryCodes: [],
    actorIds: [],
    indicators: [],
    mitigations: [],
    owner: '',
    lastReviewedOn: null,
  }),
  threat({
    title: '=HYPERLINK("http://evil.example","click") 🇰🇿🤝🇦🇫',
    description: '-5% flow; +3 posts; @channel — 👩🏽‍💻 emoji',
    category: 'narcotics',
    likelihood: 1,
    impact: 1,
    trend: 'stable',
    confidence: 'low',
    status: 'closed',
    originCode: 'PK',
    countryCodes: ['RU', 'CN', 'US'],
    actorIds: [BLA, ANSARULLAH, TWIN_A],
    indicators: ['=cmd|" /C calc"!A0', 'مهاجرت گسترده از ولایات شمالی'],
    mitigations: ['Border checks 🚧', 'Second\nline'],
    owner: '@owner',
    lastReviewedOn: '2025-02-28',
  }),
  threat({
    title: "'quoted' title with trailing apostrophe'",
    description: "'=already escaped looking",
    category: 'geopolitical',
    likelihood: 2,
    impact: 3,
    trend: 'rising',
    confidence: 'high',
    status: 'mitigated',
    originCode: 'IR',
    countryCodes: ['TM', 'KG'],
    actorIds: [TWIN_B],
    indicators: [],
    mitigations: [],
    owner: 'Алмат Тоекин',
    lastReviewedOn: '2024-02-29',
  }),
  threat({ title: 'Humanitarian', category: 'humanitarian', originCode: 'AF', status: 'monitoring' }),
  threat({ title: 'Migration', category: 'migration', likelihood: 5, impact: 5 }),
];

describe('registerToCsv → parseCsv → guessMapping → validateRows', () => {
  it('gives back every threat, ids included', () => {
    const csv = registerToCsv(TRICKY, CONTEXT);
    const { parsed, mapping, drafts, report, mappedFields } = importCsv(csv);
    expect(parsed.problems).toEqual([]);
    expect(report).toEqual([]);
    expect(mapping).toEqual(CSV_COLUMNS.map((c) => c.field));
    expect(mappedFields).toEqual(CSV_COLUMNS.map((c) => c.field));
    expect(drafts.map((d) => d.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(drafts.map((d) => d.draft)).toEqual(TRICKY.map(draftOf));
  });

  it('writes a BOM, English headers, CRLF row ends and computed score and band', () => {
    const csv = registerToCsv(TRICKY, CONTEXT);
    expect(
      csv.startsWith(
        '\uFEFFNo.,ID,Title,Description,Category,Likelihood,Impact,Score,Band,Trend,Confidence,Status,Origin,Countries,Actors,Indicators,Mitigations,Owner,Last reviewed,Evidence\r\n',
      ),
    ).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const { rows } = parseCsv(csv);
    const column = (field: string) => CSV_COLUMNS.findIndex((c) => c.field === field);
    expect(rows[0]![column('score')]).toBe('20');
    expect(rows[0]![column('band')]).toBe('critical');
    expect(rows[2]![column('score')]).toBe('1');
    expect(rows[2]![column('band')]).toBe('low');
    // Countries by name (English when the workspace gives none), categories by label.
    expect(rows[0]![column('countries')]).toBe('Kazakhstan; Tajikistan; Uzbekistan');
    expect(rows[0]![column('category')]).toBe('Terrorism');
    expect(rows[0]![column('actors')]).toBe(
      'Islamic State – Khorasan Province; Islamic Movement of Uzbekistan; Taliban, Islamic Emirate; TTP; Tehrik-i-Taliban Pakistan',
    );
    expect(rows[0]![column('indicators')]).toBe(
      '• Arrests of returnees from Russia, "quietly" reported\n• A multi-line indicator:\n  first sign\n    indented sign\n• - starts with a dash\n• • starts with a bullet\n• 1. starts with a number',
    );
    // Two actors called "Unit 9" and "unit 9" cannot be told apart by name: their ids are written.
    expect(rows[2]![column('actors')]).toBe(`Balochistan Liberation Army; Jamaat Ansarullah; ${TWIN_A}`);
    expect(rows[1]![column('origin')]).toBe('');
    expect(rows[1]![column('lastReviewedOn')]).toBe('');
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    const { rows } = parseCsv(registerToCsv(TRICKY, CONTEXT));
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[2]![CSV_COLUMNS.findIndex((c) => c.field === 'title')]).toBe(
      '\'=HYPERLINK("http://evil.example","click") 🇰🇿🤝🇦🇫',
    );
  });

  it('round-trips an empty register and other scales', () => {
    expect(registerToCsv([], CONTEXT)).toBe(`\uFEFF${CSV_COLUMNS.map((c) => c.header).join(',')}\r\n`);
    expect(importCsv(registerToCsv([], CONTEXT)).drafts).toEqual([]);
    const scale: RiskScale = { levels: 10, bands: { medium: 10, high: 30, critical: 60 } };
    const threats = [threat({ likelihood: 10, impact: 7 }), threat({ likelihood: 1, impact: 10 })];
    const context = { ...CONTEXT, scale };
    const { drafts, report } = importCsv(registerToCsv(threats, context), context);
    expect(report).toEqual([]);
    expect(drafts.map((d) => d.draft)).toEqual(threats.map(draftOf));
  });
});

describe('the export as the app writes it (the grid’s rows, register, numbers, evidence)', () => {
  // The grid shows the threats in its own order, filtered: here the last three, reversed.
  const shown = [...TRICKY].reverse().slice(0, 3);
  const app = {
    ...CONTEXT,
    countryNames: { KZ: 'Казахстан', TJ: 'Tajikistan', AF: 'Afghanistan', UZ: 'Узбекистан' },
    register: { name: 'Ауғанстан қауіптері: Central Asia, 2026' },
    threatNumbers: threatNumbers(TRICKY),
    evidenceCounts: new Map(shown.map((t, i) => [t.id, i * 2])),
    totalThreats: TRICKY.length,
    exportedAt: '2026-11-28T09:00:00.000Z',
  };
  const csv = registerToCsv(shown, app);
  const column = (field: string) => CSV_COLUMNS.findIndex((c) => c.field === field);

  it('names the register and its scale above the header, each line one quoted cell', () => {
    const lines = csv.slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      '"# Register: Ауғанстан қауіптері: Central Asia, 2026"',
      '"# Scale: 5×5 (likelihood × impact, each 1–5; score up to 25); bands: medium from 4, high from 8, critical from 15"',
      '"# Rows: 3 of 6 threats, in the order and filter of the grid; exported 2026-11-28T09:00:00.000Z"',
    ]);
    expect(lines[3]!.startsWith('No.,ID,Title,')).toBe(true);
  });

  it('keeps the grid’s order, numbers threats as a briefing does, and counts their evidence', () => {
    const { rows, rowNumbers } = parseCsv(csv);
    expect(rowNumbers).toEqual([5, 6, 7]); // as a spreadsheet numbers them: the about lines are rows 1–3
    expect(rows.map((r) => r[column('id')])).toEqual(shown.map((t) => t.id));
    const numbers = threatNumbers(TRICKY);
    expect(rows.map((r) => r[column('number')])).toEqual(shown.map((t) => `T${numbers.get(t.id)}`));
    expect(rows.map((r) => r[column('evidence')])).toEqual(['0', '2', '4']);
    // The briefing's own order gives the same numbers (one rule, shared).
    const ordered = [...TRICKY].sort(compareThreatsForNumbering).map((t) => t.id);
    expect([...numbers.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id)).toEqual(ordered);
  });

  it('writes the workspace’s country names and reads them back (round trip of the app’s own file)', () => {
    const { rows } = parseCsv(csv);
    const first = TRICKY.find((t) => t.countryCodes.includes('KZ'))!;
    const written = parseCsv(registerToCsv([first], app)).rows[0]![column('countries')];
    expect(written).toContain('Казахстан');
    expect(rows.length).toBe(3);
    const parsed = parseCsv(csv);
    const mapping = guessMapping(parsed.headers);
    expect(mapping).toEqual(CSV_COLUMNS.map((c) => c.field));
    const { drafts, report } = validateRows(parsed, mapping, app);
    expect(report).toEqual([]);
    expect(drafts.map((d) => d.draft)).toEqual(shown.map(draftOf));
    const again = validateRows(parseCsv(registerToCsv([first], app)), mapping, app);
    expect(again.drafts.map((d) => d.draft)).toEqual([draftOf(first)]);
  });
});

describe('parseCsv', () => {
  it('detects semicolons and tabs, strips the BOM and keeps quoted delimiters', () => {
    expect(parseCsv('\uFEFFa;b;c\r\n1;"2;3";4\r\n')).toEqual({
      headers: ['a', 'b', 'c'],
      rows: [['1', '2;3', '4']],
      rowNumbers: [2],
      problems: [],
    });
    expect(parseCsv('a\tb\n"x, y"\tz\n').rows).toEqual([['x, y', 'z']]);
    expect(parseCsv('Title,Notes\nx,"a;b;c"\n').rows).toEqual([['x', 'a;b;c']]);
    expect(parseCsv('Title\nonly\n').rows).toEqual([['only']]);
  });

  it('skips empty lines but numbers rows as a spreadsheet does', () => {
    const parsed = parseCsv('Title;Notes\r\n"multi\r\nline";x\r\n\r\n;;\r\nlast;y\r\n\r\n');
    expect(parsed.rows).toEqual([
      ['multi\r\nline', 'x'],
      ['last', 'y'],
    ]);
    expect(parsed.rowNumbers).toEqual([2, 5]);
  });

  it('pads short rows, drops empty trailing columns and reports extra cells', () => {
    const parsed = parseCsv('Title,Likelihood,Impact,,\nA,1\nB,1,1,,\nC,1,1,,,oops\n');
    expect(parsed.headers).toEqual(['Title', 'Likelihood', 'Impact']);
    expect(parsed.rows).toEqual([
      ['A', '1', ''],
      ['B', '1', '1'],
      ['C', '1', '1'],
    ]);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ row: 4, column: '' });
    expect(parsed.problems[0]!.problem).toMatch(/6 cells but the header names 3 columns/);
  });

  it('reports an unclosed quote instead of throwing, and the rows before it still import', () => {
    const text = 'Title,Likelihood,Impact\r\nGood,3,3\r\nAlso good,2,2\r\nBad,3,"unclosed\r\nNever seen,2,2\r\n';
    const parsed = parseCsv(text);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ row: 4, column: 'Impact' });
    expect(parsed.problems[0]!.problem).toMatch(/never closed/);
    const { drafts, report } = importCsv(text);
    expect(drafts.map((d) => d.draft.title)).toEqual(['Good', 'Also good']);
    expect(report.some((p) => p.row === 4 && /never closed/.test(p.problem))).toBe(true);
  });

  it('reports text after a closing quote', () => {
    // papaparse then reads on to the next quote, so the rows after it are swallowed: one problem says so.
    const parsed = parseCsv('Title,Likelihood,Impact\nFirst,1,1\n"Bad"x,3,3\nGood,1,1\n');
    expect(parsed.problems).toEqual([
      {
        row: 3,
        column: 'Title',
        problem: expect.stringMatching(
          /^A quoted cell has text after its closing quote, and no quote closes it after that, so the rest of the file was read into it; /,
        ),
      },
    ]);
    const { drafts, report } = validateRows(parsed, guessMapping(parsed.headers), CONTEXT);
    expect(drafts.map((d) => d.row)).toEqual([2]);
    expect(report).toEqual(parsed.problems);
  });

  it('says an empty file is empty', () => {
    for (const text of ['', '\uFEFF', '\r\n\r\n', ';;;\n']) {
      const parsed = parseCsv(text);
      expect(parsed.headers).toEqual([]);
      expect(parsed.problems).toHaveLength(1);
      expect(() => validateRows(parsed, guessMapping(parsed.headers), CONTEXT)).not.toThrow();
    }
  });
});

describe('guessMapping', () => {
  it('reads English and Russian headers, ignoring case, spacing, punctuation and units', () => {
    expect(
      guessMapping([
        'ID',
        'Название',
        'Вероятность (1–5)',
        'ВЛИЯНИЕ',
        'Категория',
        'Страны',
        'Акторы',
        'Тренд',
        'Статус',
        'Индикаторы',
        'Меры',
        'Something else',
        'last_reviewed',
        'Title',
        '',
        'Уверенность',
        'Страна происхождения',
        'Описание угрозы',
        'Risk score',
        'Уровень риска',
        'Ответственный',
      ]),
    ).toEqual([
      'id',
      'title',
      'likelihood',
      'impact',
      'category',
      'countries',
      'actors',
      'trend',
      'status',
      'indicators',
      'mitigations',
      null,
      'lastReviewedOn',
      null,
      null,
      'confidence',
      'origin',
      'description',
      'score',
      'band',
      'owner',
    ]);
  });

  it('maps our own headers and the field names', () => {
    expect(guessMapping(CSV_COLUMNS.map((c) => c.header))).toEqual(CSV_COLUMNS.map((c) => c.field));
    expect(guessMapping(CSV_COLUMNS.map((c) => c.field))).toEqual(CSV_COLUMNS.map((c) => c.field));
  });
});

describe('a spreadsheet saved by Excel in a Russian locale', () => {
  const text = [
    'Название;Описание;Категория;Вероятность;Влияние;Тренд;Уверенность;Статус;Страны;Акторы;Индикаторы;Меры;Дата пересмотра',
    'Вербовка среди трудовых мигрантов;"Вербовка через Telegram; ""закрытые"" чаты";Терроризм;4;Major;растёт;средняя;активна;Казахстан, Таджикистан;"ИГИЛ-Хорасан; ИДУ";"- рост числа задержаний',
    '- новые каналы в Telegram";Мониторинг соцсетей;20.11.2026',
    ';;;;;;;;;;;;',
    'Наркотрафик через Таджикистан;;наркотики;Likely;5;снижается;высокая;мониторинг;TJ;Талибан;;"1. Усиление погранконтроля',
    '2. Обмен данными";2026-01-15',
    'Приток беженцев;;Миграция;3;3;increasing;medium;Monitoring;AF;Джамаат Ансаруллах, BLA;;;',
  ].join('\r\n');

  it('imports with the guessed mapping', () => {
    const { parsed, drafts, report } = importCsv(text);
    expect(parsed.problems).toEqual([]);
    expect(report).toEqual([]);
    expect(drafts.map((d) => d.row)).toEqual([2, 4, 5]);
    expect(drafts[0]!.draft).toEqual({
      title: 'Вербовка среди трудовых мигрантов',
      description: 'Вербовка через Telegram; "закрытые" чаты',
      category: 'terrorism',
      likelihood: 4,
      impact: 4,
      trend: 'rising',
      confidence: 'moderate',
      status: 'active',
      originCode: null,
      countryCodes: ['KZ', 'TJ'],
      actorIds: [ISKP, IMU],
      indicators: ['рост числа задержаний', 'новые каналы в Telegram'],
      mitigations: ['Мониторинг соцсетей'],
      owner: '',
      lastReviewedOn: '2026-11-20',
    });
    expect(drafts[1]!.draft).toMatchObject({
      category: 'narcotics',
      likelihood: 4,
      impact: 5,
      trend: 'falling',
      confidence: 'high',
      status: 'monitoring',
      countryCodes: ['TJ'],
      actorIds: [TALIBAN],
      mitigations: ['Усиление погранконтроля', 'Обмен данными'],
      lastReviewedOn: '2026-01-15',
    });
    expect(drafts[2]!.draft).toMatchObject({
      category: 'migration',
      trend: 'rising',
      confidence: 'moderate',
      status: 'monitoring',
      countryCodes: ['AF'],
      actorIds: [ANSARULLAH, BLA],
    });
    expect(drafts.every((d) => d.draft.id === undefined && !('id' in d.draft))).toBe(true);
  });
});

describe('validateRows', () => {
  const HEADER = 'Title,Category,Likelihood,Impact,Countries,Actors,Last reviewed,Description';
  const BAD = [
    HEADER,
    'Good one,terrorism,3,4,KZ; TJ,IMU,2026-11-20,"two\nlines"', // 2
    'Unknown category,Piracy,3,3,,,,', // 3
    'Too likely,other,7,3,,,,', // 4
    'Vague,other,high-ish,3,,,,', // 5
    'Unknown country,other,3,3,"KZ; Atlantis",,,', // 6
    'Unknown actor,other,3,3,,"IMU; Unknown Front",,', // 7
    ',other,3,3,,,,', // 8 (missing title)
    'Bad date,other,3,3,,,31.02.2026,', // 9
    '', // 10 (empty: skipped, but counted)
    '"Good ""two""",Терроризм,Likely,Severe,Казахстан,ISKP,20.11.2026,', // 11
    ',Piracy,0,,Mars,Nobody,11/20/2026,', // 12 (everything wrong)
  ].join('\n');

  it('reports each problem with its spreadsheet row and column header, and keeps the good rows', () => {
    const { drafts, report } = importCsv(BAD);
    expect(drafts.map((d) => [d.row, d.draft.title])).toEqual([
      [2, 'Good one'],
      [11, 'Good "two"'],
    ]);
    expect(drafts[0]!.draft).toMatchObject({
      description: 'two\nlines',
      countryCodes: ['KZ', 'TJ'],
      actorIds: [IMU],
      lastReviewedOn: '2026-11-20',
    });
    expect(drafts[1]!.draft).toMatchObject({
      category: 'terrorism',
      likelihood: 4,
      impact: 5,
      countryCodes: ['KZ'],
      actorIds: [ISKP],
      lastReviewedOn: '2026-11-20',
    });
    expect(report.map((p) => [p.row, p.column])).toEqual([
      [3, 'Category'],
      [4, 'Likelihood'],
      [5, 'Likelihood'],
      [6, 'Countries'],
      [7, 'Actors'],
      [8, 'Title'],
      [9, 'Last reviewed'],
      [12, 'Title'],
      [12, 'Category'],
      [12, 'Likelihood'],
      [12, 'Impact'],
      [12, 'Countries'],
      [12, 'Actors'],
      [12, 'Last reviewed'],
    ]);
    const at = (row: number) => report.find((p) => p.row === row)!.problem;
    expect(at(3)).toBe(
      '"Piracy" is not a category; expected one of terrorism, narcotics, migration, water, humanitarian, geopolitical, other.',
    );
    expect(at(4)).toMatch(
      /^The likelihood 7 is outside the register's scale of 1 to 5; expected a whole number from 1 to 5 or one of the words Very unlikely, Unlikely, Roughly even chance, Likely, Very likely\.$/,
    );
    expect(at(5)).toMatch(/^"high-ish" is not a likelihood rating; expected a whole number from 1 to 5/);
    expect(at(6)).toMatch(/^"Atlantis" is not a known country; expected an ISO code such as KZ/);
    expect(at(7)).toMatch(/^"Unknown Front" is not an actor of this workspace/);
    expect(at(8)).toBe('The title is empty; every threat needs a title.');
    expect(at(9)).toMatch(/^"31.02.2026" is not a date; expected YYYY-MM-DD/);
    expect(report.filter((p) => p.row === 12 && p.column === 'Impact')[0]!.problem).toMatch(/^The impact is empty/);
    for (const p of report) expect(p.problem).toMatch(/^[A-Z"].*\.$/s);
  });

  it('refuses a mapping without title, likelihood or impact, or with a field mapped twice, on row 1', () => {
    const parsed = parseCsv('Name,Notes,Owner,Impact,Severity\nA,x,y,1,1\n');
    const guessed = guessMapping(parsed.headers);
    expect(guessed).toEqual(['title', null, 'owner', 'impact', null]);
    const missing = validateRows(parsed, guessed, CONTEXT);
    expect(missing.drafts).toEqual([]);
    expect(missing.report).toEqual([
      { row: 1, column: '', problem: expect.stringMatching(/^No column is mapped to Likelihood; /) },
    ]);
    const twice = validateRows(parsed, ['title', null, 'likelihood', 'impact', 'impact'], CONTEXT);
    expect(twice.drafts).toEqual([]);
    expect(twice.report).toEqual([
      {
        row: 1,
        column: 'Severity',
        problem: 'Impact is filled from two columns, "Impact" and "Severity"; map it from one column only.',
      },
    ]);
  });

  it('fills absent optional columns with the defaults of a new threat and says what was mapped', () => {
    const parsed = parseCsv('Title,Likelihood,Impact,Ignored\nOnly a title,2,3,whatever\n');
    const { drafts, report, mappedFields } = validateRows(parsed, ['title', 'likelihood', 'impact', null], CONTEXT);
    expect(report).toEqual([]);
    expect(mappedFields).toEqual(['title', 'likelihood', 'impact']);
    expect(drafts).toEqual([
      {
        row: 2,
        draft: {
          title: 'Only a title',
          description: '',
          category: 'other',
          likelihood: 2,
          impact: 3,
          trend: 'stable',
          confidence: 'low',
          status: 'active',
          originCode: null,
          countryCodes: [],
          actorIds: [],
          indicators: [],
          mitigations: [],
          owner: '',
          lastReviewedOn: null,
        },
      },
    ]);
  });

  it('accepts synonyms and rating words, and refuses a word no level of the scale has', () => {
    const text = [
      'Title,Category,Likelihood,Impact,Trend,Confidence,Status,Origin',
      'a,TERRORISM,very likely,minimal,Increasing,Medium,open,afghanistan',
      'b,наркотики,Roughly  even chance,MAJOR,decreasing,Высокая,Закрыта,AFG',
      'c,Geopolitics,1.0,5,↑,moderate,watch,Пакистан',
    ].join('\n');
    const { drafts, report } = importCsv(text);
    expect(report).toEqual([]);
    expect(drafts.map((d) => d.draft)).toMatchObject([
      {
        category: 'terrorism',
        likelihood: 5,
        impact: 1,
        trend: 'rising',
        confidence: 'moderate',
        status: 'active',
        originCode: 'AF',
      },
      {
        category: 'narcotics',
        likelihood: 3,
        impact: 4,
        trend: 'falling',
        confidence: 'high',
        status: 'closed',
        originCode: 'AF',
      },
      {
        category: 'geopolitical',
        likelihood: 1,
        impact: 5,
        trend: 'rising',
        confidence: 'moderate',
        status: 'monitoring',
        originCode: 'PK',
      },
    ]);
    const fourLevels = { ...CONTEXT, scale: { levels: 4, bands: { medium: 3, high: 6, critical: 12 } } };
    const four = importCsv('Title,Likelihood,Impact\nx,Roughly even chance,Severe\ny,Likely,4\n', fourLevels);
    expect(four.drafts.map((d) => [d.row, d.draft.likelihood, d.draft.impact])).toEqual([[3, 3, 4]]);
    expect(four.report).toEqual([
      {
        row: 2,
        column: 'Likelihood',
        problem: expect.stringMatching(
          /^"Roughly even chance" is not a likelihood rating; expected a whole number from 1 to 4 or one of the words Very unlikely, Unlikely, Likely, Very likely\.$/,
        ),
      },
    ]);
  });

  it('keeps only UUID ids, lower-cased, and refuses the same id twice', () => {
    const id = '5F1C0D3E-8A2B-4C6D-9E7F-00000000AAAA';
    const { drafts, report } = importCsv(
      `ID,Title,Likelihood,Impact\nT-01,First,1,1\n${id},Second,1,1\n${id.toLowerCase()},Third,1,1\n`,
    );
    expect(drafts.map((d) => d.draft.id)).toEqual([undefined, id.toLowerCase()]);
    expect(report).toEqual([
      {
        row: 4,
        column: 'ID',
        problem: expect.stringMatching(/^The ID 5f1c0d3e-8a2b-4c6d-9e7f-00000000aaaa is also on row 3; /),
      },
    ]);
  });

  it('reads lists the way people type them', () => {
    const text =
      'Title,Likelihood,Impact,Indicators,Actors,Countries,Origin\nx,1,1,"1. first\n2) second\n  continued\n\n* third\n\tfourth, tabbed\n",ISIS-K;isis-k; taliban islamic emirate,"kz,KZ;\nКитай",KZ; TJ\n';
    const { drafts, report } = importCsv(text);
    expect(report).toEqual([
      { row: 2, column: 'Origin', problem: expect.stringMatching(/^The origin names more than one country/) },
    ]);
    const { drafts: ok } = validateRows(
      parseCsv(text),
      ['title', 'likelihood', 'impact', 'indicators', 'actors', 'countries', null],
      CONTEXT,
    );
    expect(drafts).toEqual([]);
    expect(ok[0]!.draft).toMatchObject({
      indicators: ['first', 'second\ncontinued', 'third\nfourth, tabbed'],
      actorIds: [ISKP, TALIBAN],
      countryCodes: ['KZ', 'CN'],
    });
  });

  it('refuses an ambiguous actor name and a country the workspace does not know', () => {
    const { report } = importCsv('Title,Likelihood,Impact,Actors,Countries\nx,1,1,UNIT 9,IN\n');
    expect(report.map((p) => p.column)).toEqual(['Actors', 'Countries']);
    expect(report[0]!.problem).toBe('"UNIT 9" could be any of "Unit 9" and "unit 9"; write the actor\'s full name.');
  });

  it('parses and validates 10,000 rows', () => {
    const threats = Array.from({ length: 10_000 }, (_, i) =>
      threat({
        title: `Threat ${i}, "numbered"`,
        description: `Line one of ${i}\nline two`,
        likelihood: (i % 5) + 1,
        impact: ((i * 3) % 5) + 1,
        countryCodes: ['KZ', 'TJ'],
        actorIds: [ISKP, IMU],
        indicators: ['a', 'b'],
      }),
    );
    const { drafts, report } = importCsv(registerToCsv(threats, CONTEXT));
    expect(report).toEqual([]);
    expect(drafts).toHaveLength(10_000);
    expect(drafts[9_999]).toEqual({ row: 10_001, draft: draftOf(threats[9_999]!) });
  });
});

describe('a threat not yet rated', () => {
  const unrated = (() => {
    const { likelihood: _l, impact: _i, score: _s, ...rest } = threat({ title: 'Border crossings, unassessed' });
    return Threat.parse(rest);
  })();

  it('is a valid record without likelihood, impact or score, and old records stay valid', () => {
    expect(unrated.likelihood).toBeUndefined();
    expect(unrated.score).toBeUndefined();
    expect(() => Threat.parse(threat({ likelihood: 4, impact: 2 }))).not.toThrow();
  });

  it('goes into the CSV with empty rating cells and the band "not rated", and comes back unrated', () => {
    const rated = threat({ likelihood: 4, impact: 5 });
    const csv = registerToCsv([rated, unrated], CONTEXT);
    const { rows } = parseCsv(csv);
    const column = (field: string) => CSV_COLUMNS.findIndex((c) => c.field === field);
    const row = rows.find((r) => r[column('title')] === unrated.title)!;
    expect([row[column('likelihood')], row[column('impact')], row[column('score')], row[column('band')]]).toEqual([
      '',
      '',
      '',
      'not rated',
    ]);
    const { drafts, report } = importCsv(csv);
    expect(report).toEqual([]);
    const back = drafts.find((d) => d.draft.title === unrated.title)!.draft;
    expect(back.likelihood).toBeUndefined();
    expect(back.impact).toBeUndefined();
  });

  it('refuses half a rating on import', () => {
    const { report } = importCsv('title,likelihood,impact\r\nHalf rated,3,\r\n');
    expect(report.map((p) => p.problem).join(' ')).toMatch(/impact is empty but the likelihood is given/);
  });

  it('is numbered after every rated threat', () => {
    const rated = threat({ likelihood: 1, impact: 1 });
    expect([unrated, rated].sort(compareThreatsForNumbering).map((t) => t.id)).toEqual([rated.id, unrated.id]);
  });
});
