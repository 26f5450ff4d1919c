import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import type { Annotation } from '../../shared/domain/annotation';
import { Briefing, BRIEFING_SECTIONS, defaultBriefingSections, normaliseSections } from '../../shared/domain/briefing';
import {
  BriefingDocument,
  MAX_BRIEFING_DOCUMENT_CHARS,
  noteReferences,
  type DocBlock,
} from '../../shared/domain/briefing-document';
import {
  briefingFileName,
  buildBriefingDocument,
  MAX_QUOTE_CHARS,
  numberRanges,
  selectThreats,
  type BriefingWorkspace,
} from '../../shared/domain/briefing-model';
import { briefingChecks } from '../../shared/domain/briefing-checks';
import type { Source } from '../../shared/domain/source';
import type { Register, Threat } from '../../shared/domain/threat';
import { PROJECT_ROOT } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const AT = '2026-03-12T09:00:00.000Z';

/** The demo workspace, a second register, and sources in Russian/Kazakh and Dari quoted as evidence. */
async function workspace() {
  const demo = await loadDemoWorkspace(join(PROJECT_ROOT, 'data'), new SourceStore(await tempFolder()), new Date(AT));
  const threat = (prefix: string) => demo.threats.find((t) => t.title.startsWith(prefix))!;
  const isis = threat('ISIS-Khorasan');
  const kosh = threat('Kosh-Tepa');
  const water: Register = {
    ...demo.register,
    id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a01',
    name: 'Water security',
    archived: false,
  };
  const archived: Register = {
    ...demo.register,
    id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a02',
    name: 'Old register',
    archived: true,
  };
  const glacier: Threat = {
    ...kosh,
    id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a03',
    registerId: water.id,
    title: 'Glacier retreat in the Pamirs',
    likelihood: 5,
    impact: 3,
    score: 15,
    countryCodes: ['TJ', 'KG'],
    originCode: null,
  };
  const oldThreat: Threat = {
    ...isis,
    id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a04',
    registerId: archived.id,
    title: 'Archived threat',
  };
  const source = (id: string, fields: Partial<Source>): Source => ({ ...demo.source, id, file: null, ...fields });
  const russian = source('0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a05', {
    title: 'Угрозы безопасности Центральной Азии',
    author: 'Ерлан Қасымов',
    publisher: 'Қазақстан стратегиялық зерттеулер институты',
    publishedOn: '2024-05-02',
    language: 'ru',
    reliability: 'B',
    credibility: 2,
  });
  const dari = source('0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a06', {
    title: 'گزارش امنیتی بدخشان',
    author: 'احمد رحیمی',
    publisher: 'طلوع نیوز',
    publishedOn: '2024-01-15',
    language: 'fa',
    reliability: 'C',
    credibility: 3,
  });
  const passage = (id: string, sourceId: string, exact: string, start: number, threatIds: string[]): Annotation => ({
    ...demo.annotations[0]!,
    id,
    sourceId,
    quote: { exact, prefix: '', suffix: '' },
    position: { start, end: start + exact.length },
    threatIds,
  });
  const kazakh = passage(
    '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a07',
    russian.id,
    'Қазақстан мен Өзбекстан шекарасында есірткі тасымалы күшейді; Россия усилила контроль.',
    400,
    [isis.id],
  );
  const russianEarlier = passage(
    '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a08',
    russian.id,
    'Вербовка мигрантов из Центральной Азии продолжается.',
    20,
    [isis.id],
  );
  const persian = passage(
    '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a09',
    dari.id,
    'طالبان در بدخشان کنترل مرزها را تشدید کردند',
    5,
    [isis.id, kosh.id],
  );
  const ws: BriefingWorkspace = {
    registers: [demo.register, water, archived],
    threats: [...demo.threats, glacier, oldThreat],
    annotations: [...demo.annotations, kazakh, russianEarlier, persian],
    sources: [demo.source, russian, dari],
    actors: demo.actors,
    countries: demo.countries,
  };
  return { ws, demo, isis, kosh, glacier, russian, dari, kazakh, russianEarlier, persian };
}

function briefing(fields: Partial<Briefing> = {}): Briefing {
  return Briefing.parse({
    id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6aff',
    title: 'Threats from Afghanistan to Central Asia',
    subtitle: 'Quarterly assessment',
    author: 'Dana Seitkali',
    date: '2026-03-12',
    audience: 'Ministry of Foreign Affairs',
    marking: 'FOR OFFICIAL USE ONLY',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [],
    recommendations: [],
    // Every linked passage quoted: these tests follow the notes and scripts of all of them.
    quotesPerThreat: 20,
    exports: [],
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  });
}

const headings = (blocks: DocBlock[], level = 1) =>
  blocks.flatMap((b) => (b.type === 'heading' && b.level === level ? [b.text] : []));
const quotes = (blocks: DocBlock[]) =>
  blocks.filter((b): b is Extract<DocBlock, { type: 'quote' }> => b.type === 'quote');

describe('briefing model: sections', () => {
  it('writes the enabled sections in the chosen order, with page breaks after the cover and contents and before the annex', async () => {
    const { ws } = await workspace();
    const doc = buildBriefingDocument(briefing(), ws);
    expect(doc.blocks[0]).toMatchObject({
      type: 'title',
      cover: true,
      title: 'Threats from Afghanistan to Central Asia',
      marking: 'FOR OFFICIAL USE ONLY',
    });
    expect(doc.blocks[1]).toEqual({ type: 'page-break' });
    expect(doc.blocks[2]).toEqual({ type: 'contents', title: 'Contents' });
    expect(doc.blocks[3]).toEqual({ type: 'page-break' });
    // No bottom line written: that section prints nothing (the composer warns).
    expect(headings(doc.blocks)).toEqual([
      'Scope note and sources',
      'Key judgments',
      'Threat overview',
      'Heat map',
      'Threat details',
      'Country comparison',
      'Recommendations',
      'Estimative language',
      'Annex: Sources',
    ]);
    for (const section of ['Threat details', 'Annex: Sources']) {
      const at = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === section);
      expect(doc.blocks[at - 1], `a new page before ${section}`).toEqual({ type: 'page-break' });
    }
    expect(doc.blocks.filter((b) => b.type === 'page-break')).toHaveLength(4);
    expect(doc.blocks.at(-1)?.type).not.toBe('page-break');
    expect(doc.page).toEqual({
      title: 'Threats from Afghanistan to Central Asia',
      subtitle: 'Quarterly assessment',
      author: 'Dana Seitkali',
      date: '12 March 2026',
      isoDate: '2026-03-12',
      marking: 'FOR OFFICIAL USE ONLY',
      audience: 'Ministry of Foreign Affairs',
      language: 'en',
      // Without a template of the workspace's own, the default: A4, the workbench's fonts and handling sentence.
      template: {
        institution: '',
        department: '',
        documentNumber: '',
        distribution: [],
        handling:
          'This document is marked FOR OFFICIAL USE ONLY: share it only with the readers it is addressed to, and do not publish or forward it without the author’s consent.',
        headingFont: 'Arial',
        bodyFont: 'Times New Roman',
        paper: 'A4',
        logo: null,
      },
    });
  });

  it('follows a new order, leaves out what is switched off, and heads the first page with the title when there is no cover', async () => {
    const { ws } = await workspace();
    const sections = [
      { kind: 'recommendations' as const, enabled: true },
      { kind: 'heat-map' as const, enabled: true },
      { kind: 'cover' as const, enabled: false },
      { kind: 'contents' as const, enabled: false },
      { kind: 'key-judgments' as const, enabled: true },
      { kind: 'threat-overview' as const, enabled: false },
      { kind: 'threat-details' as const, enabled: false },
      { kind: 'country-comparison' as const, enabled: false },
      { kind: 'sources-annex' as const, enabled: false },
    ];
    const doc = buildBriefingDocument(briefing({ sections }), ws);
    expect(doc.blocks[0]).toMatchObject({ type: 'title', cover: false, kicker: '' });
    expect(headings(doc.blocks)).toEqual(['Recommendations', 'Heat map', 'Key judgments']);
    expect(doc.blocks.some((b) => b.type === 'page-break' || b.type === 'contents')).toBe(false);
    // Empty sections say so rather than vanish.
    expect(JSON.stringify(doc.blocks)).toContain('No recommendations have been written for this briefing.');
    expect(JSON.stringify(doc.blocks)).toContain('No key judgments have been written for this briefing.');
  });

  it('gives every section kind a place, even in briefings saved before it existed', () => {
    const saved = [
      { kind: 'heat-map' as const, enabled: true },
      { kind: 'heat-map' as const, enabled: false },
      { kind: 'cover' as const, enabled: true },
    ];
    const sections = normaliseSections(saved);
    expect(sections.map((s) => s.kind)).toEqual([
      'heat-map',
      'cover',
      ...BRIEFING_SECTIONS.filter((k) => k !== 'heat-map' && k !== 'cover'),
    ]);
    expect(sections.slice(2).every((s) => !s.enabled)).toBe(true);
  });

  it('is pure: the same workspace and choices give the same document', async () => {
    const { ws } = await workspace();
    expect(buildBriefingDocument(briefing(), ws)).toEqual(buildBriefingDocument(briefing(), structuredClone(ws)));
  });
});

describe('briefing model: analytic standards', () => {
  const texts = (blocks: DocBlock[]) =>
    blocks.flatMap((b) =>
      b.type === 'paragraph' ? [b.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('')] : [],
    );

  it('opens with the bottom line, then the scope note with the cut-off date and what the judgments rest on', async () => {
    const { ws, demo } = await workspace();
    const doc = buildBriefingDocument(
      briefing({
        bottomLine: 'ISIS-K and the Kosh-Tepa canal are the gravest threats.\n\nBoth are rising.',
        informationCutOff: '2026-03-01',
        filters: { registerIds: [demo.register.id], categories: [], minimumScore: 0, countryCodes: [] },
      }),
      { ...ws, sources: [demo.source], annotations: demo.annotations },
    );
    expect(headings(doc.blocks).slice(0, 3)).toEqual(['Bottom line', 'Scope note and sources', 'Key judgments']);
    const start = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Bottom line');
    expect(texts(doc.blocks.slice(start, start + 3))).toEqual([
      'ISIS-K and the Kosh-Tepa canal are the gravest threats.',
      'Both are rising.',
    ]);
    const scope = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Scope note and sources');
    const [covers, sources] = texts(doc.blocks.slice(scope, scope + 3));
    expect(covers).toBe(
      'This briefing covers 12 threats from “Afghanistan: threats to Central Asia”. Every threat in it emanates from Afghanistan. Information cut-off: 1 March 2026; later events and reporting are not reflected.',
    );
    // One source behind everything: said plainly, with its grade.
    expect(sources).toBe(
      'The ratings and judgments draw on one source: “Security Threats Emanating from Afghanistan: The View from Kazakhstan” (B3, usually reliable; possibly true). Every rating and judgment rests on that one source alone: none is corroborated.',
    );
    // The shared origin is said once, not under every threat.
    expect(texts(doc.blocks).filter((t) => t.startsWith('Emanates from'))).toEqual([]);
  });

  it('flags the judgments that rest on a single source, and those with none', async () => {
    const { ws } = await workspace();
    const doc = buildBriefingDocument(briefing(), ws);
    const scope = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Scope note and sources');
    const sources = texts(doc.blocks.slice(scope, scope + 3))[1]!;
    expect(sources).toMatch(
      /^The ratings and judgments draw on 3 sources: “Security Threats .*” \(B3, .*\), “Угрозы .*” \(B2, .*\) and “گزارش امنیتی بدخشان” \(C3, .*\)\./,
    );
    expect(sources).toMatch(/Resting on a single source, uncorroborated: T\d+(, T\d+)*( and T\d+)?\./);
    expect(sources).toContain('Supported by no quoted passage: ');
  });

  it('keys the estimative words to their ICD 203 ranges, marks those used, and says what each confidence level means', async () => {
    const { ws } = await workspace();
    const doc = buildBriefingDocument(briefing(), ws);
    const key = doc.blocks.find((b) => b.type === 'table' && b.kind === 'key') as Extract<DocBlock, { type: 'table' }>;
    expect(key.rows.map((r) => [r[0]!.text, r[1]!.text])).toEqual([
      ['Almost no chance', '01–05 %'],
      ['Very unlikely', '05–20 %'],
      ['Unlikely', '20–45 %'],
      ['Roughly even chance', '45–55 %'],
      ['Likely', '55–80 %'],
      ['Very likely', '80–95 %'],
      ['Almost certain', '95–99 %'],
    ]);
    const used = key.rows.filter((r) => r[0]!.bold).map((r) => r[0]!.text);
    const overview = doc.blocks.find((b) => b.type === 'table' && b.kind === 'overview') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    expect(used.sort()).toEqual([...new Set(overview.rows.map((r) => r[3]!.text.replace(/ \(\d\)$/, '')))].sort());
    const list = doc.blocks.find(
      (b) =>
        b.type === 'list' &&
        b.items[0]!.inlines[0]!.kind === 'text' &&
        b.items[0]!.inlines[0]!.text.startsWith('High confidence'),
    );
    expect(list).toBeDefined();
  });
});

describe('briefing model: the optional analytic sections and the basis of recommendations', () => {
  it('prints assumptions, alternatives, gaps and indicators when ticked and written, lists from "- " lines, and nothing when empty', async () => {
    const { ws } = await workspace();
    const on = defaultBriefingSections().map((s) => ({ ...s, enabled: true }));
    const doc = buildBriefingDocument(
      briefing({
        sections: on,
        assumptions: 'The Taliban keep control of the north.\n\nNo external power intervenes.',
        alternatives: '',
        keyGaps: '- Numbers of ISIS-K fighters\n- Funding of the madrassas',
        indicators: 'Watch the Amu Darya flow at Termez.',
      }),
      ws,
    );
    const headings = doc.blocks
      .filter((b) => b.type === 'heading' && b.level === 1)
      .map((b) => b.type === 'heading' && b.text);
    expect(headings).toEqual(expect.arrayContaining(['Key assumptions', 'Key gaps', 'Indicators to watch']));
    expect(headings).not.toContain('Alternative outcomes');
    const gaps = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Key gaps');
    expect(doc.blocks[gaps + 1]).toMatchObject({ type: 'list', ordered: false });
    const assumptions = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Key assumptions');
    expect(doc.blocks.slice(assumptions + 1, assumptions + 3).map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    // New briefings leave them off.
    expect(
      defaultBriefingSections()
        .filter((s) => !s.enabled)
        .map((s) => s.kind),
    ).toEqual(['assumptions', 'alternatives', 'key-gaps', 'indicators']);
  });

  it('names the key judgments a recommendation follows from', async () => {
    const { ws } = await workspace();
    const kj = (id: string, text: string) => ({ id, text, confidence: 'moderate' as const, passageIds: [] });
    const doc = buildBriefingDocument(
      briefing({
        keyJudgments: [
          kj('0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a20', 'First.'),
          kj('0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a21', '  '),
          kj('0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a22', 'Second.'),
        ],
        recommendations: [
          {
            id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a23',
            text: 'Raise border monitoring.',
            judgmentIds: ['0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a22', '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a20'],
          },
          { id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a24', text: 'Talk to Kabul.', judgmentIds: [] },
        ],
      }),
      ws,
    );
    const at = doc.blocks.findIndex((b) => b.type === 'heading' && b.text === 'Recommendations');
    const list = doc.blocks[at + 1] as Extract<DocBlock, { type: 'list' }>;
    const read = (i: number) => list.items[i]!.inlines.map((x) => (x.kind === 'text' ? x.text : '')).join('');
    expect(read(0)).toBe('Raise border monitoring. (follows from key judgments 1 and 2)');
    expect(read(1)).toBe('Talk to Kabul.');
  });
});

describe('briefing model: filters', () => {
  it('includes every threat of the registers not archived, highest score first', async () => {
    const { ws, glacier } = await workspace();
    const threats = selectThreats(briefing(), ws);
    expect(threats).toHaveLength(13);
    expect(threats.map((t) => t.title)).not.toContain('Archived threat');
    expect(threats).toContainEqual(glacier);
    const scores = threats.map((t) => t.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by register, category, minimum score and country', async () => {
    const { ws, demo, glacier } = await workspace();
    const titles = (filters: Partial<Briefing['filters']>) =>
      selectThreats(
        briefing({ filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [], ...filters } }),
        ws,
      ).map((t) => t.title);
    expect(titles({ registerIds: [glacier.registerId] })).toEqual(['Glacier retreat in the Pamirs']);
    expect(titles({ registerIds: [demo.register.id], categories: ['water'] })).toEqual([
      'Kosh-Tepa canal water draw on the Amu Darya',
    ]);
    expect(titles({ registerIds: [demo.register.id], minimumScore: 15 })).toEqual([
      'Humanitarian and economic crisis in Afghanistan',
      'ISIS-Khorasan recruitment and attacks from Afghanistan',
      'Kosh-Tepa canal water draw on the Amu Darya',
    ]);
    expect(titles({ categories: ['terrorism', 'water'], minimumScore: 9, countryCodes: ['UZ'] })).toEqual([
      'ISIS-Khorasan recruitment and attacks from Afghanistan',
      'Kosh-Tepa canal water draw on the Amu Darya',
    ]);
    expect(titles({ countryCodes: ['CN'] })).toEqual([
      'Rivalry of external powers over Afghanistan',
      'East Turkestan Islamic Movement presence in Afghanistan',
    ]);
    // An archived register is included only when chosen.
    expect(titles({ registerIds: ['0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a02'] })).toEqual(['Archived threat']);
  });

  it('applies the filters to every section: overview, heat map, details and country comparison', async () => {
    const { ws } = await workspace();
    const doc = buildBriefingDocument(
      briefing({
        filters: { registerIds: [], categories: ['terrorism', 'water'], minimumScore: 9, countryCodes: ['UZ'] },
      }),
      ws,
    );
    const overview = doc.blocks.find((b) => b.type === 'table' && b.kind === 'overview') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    expect(overview.rows.map((r) => r[0]!.text + ' ' + r[1]!.text)).toEqual([
      'T1 ISIS-Khorasan recruitment and attacks from Afghanistan',
      'T2 Kosh-Tepa canal water draw on the Amu Darya',
    ]);
    expect(overview.rows[0]![5]).toMatchObject({ text: '20 Critical', band: 'critical' });
    expect(headings(doc.blocks, 2)).toEqual([
      'T1. ISIS-Khorasan recruitment and attacks from Afghanistan',
      'T2. Kosh-Tepa canal water draw on the Amu Darya',
    ]);
    const heat = doc.blocks.find((b) => b.type === 'table' && b.kind === 'heat-map') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    expect(heat.rows).toHaveLength(5);
    expect(heat.rows[0]![0]).toMatchObject({ text: '5 Very likely', heading: true });
    // Likelihood 4 is the second row; impact 5 the last column: both threats sit there, in the critical band.
    expect(heat.rows[1]![5]).toMatchObject({ text: 'T1, T2', band: 'critical' });
    expect(heat.rows[4]![1]).toMatchObject({ text: '', band: 'low' });
    const countries = doc.blocks.find((b) => b.type === 'table' && b.kind === 'countries') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    expect(countries.rows.map((r) => r[0]!.text)).toEqual(['Uzbekistan']);
    expect(countries.rows[0]!.map((c) => c.text)).toEqual([
      'Uzbekistan',
      '144 km',
      expect.stringMatching(/^\d+(\.\d+)? (million|billion|thousand) \(\d{4}\)$/),
      '2',
      '20 Critical',
      'T1. ISIS-Khorasan recruitment and attacks from Afghanistan',
    ]);
  });

  it('rates a country by its own override from the Countries view, and says so', async () => {
    const { ws, isis, kosh } = await workspace();
    const only = (filters: Partial<Briefing['filters']>) =>
      briefing({
        filters: {
          registerIds: [],
          categories: ['terrorism', 'water'],
          minimumScore: 9,
          countryCodes: ['UZ'],
          ...filters,
        },
      });
    const override = {
      id: `UZ:${isis.id}`,
      countryCode: 'UZ',
      threatId: isis.id,
      likelihood: 2,
      impact: 3,
      rationale: 'Tight border regime since 2024.',
      createdAt: AT,
      updatedAt: AT,
    };
    const doc = buildBriefingDocument(only({}), { ...ws, exposureOverrides: [override] });
    const countries = doc.blocks.find((b) => b.type === 'table' && b.kind === 'countries') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    // ISIS-K drops to 6 for Uzbekistan, so the Kosh-Tepa canal becomes its most serious threat.
    expect(countries.rows[0]![4]).toMatchObject({ text: '20 Critical' });
    expect(countries.rows[0]![5]!.text).toMatch(/Kosh-Tepa/);
    expect(countries.caption).toMatch(/country-specific rating/);
    const raised = buildBriefingDocument(only({}), {
      ...ws,
      exposureOverrides: [{ ...override, id: `UZ:${kosh.id}`, threatId: kosh.id, likelihood: 5, impact: 5 }],
    });
    const table = raised.blocks.find((b) => b.type === 'table' && b.kind === 'countries') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    expect(table.rows[0]![4]).toMatchObject({ text: '25* Critical', band: 'critical' });
    // Overrides belong to the comparison only: the overview keeps the register's rating.
    const overview = raised.blocks.find((b) => b.type === 'table' && b.kind === 'overview') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    expect(overview.rows[1]![5]!.text).toBe('20 Critical');
  });
});

describe('briefing model: citations', () => {
  it('footnotes every quote, numbered in the order of the text: key judgments first, then each threat’s passages in document order', async () => {
    const { ws, demo, kazakh, persian, russianEarlier, kosh } = await workspace();
    const koshPassage = demo.annotations.find((a) => a.threatIds.includes(kosh.id))!;
    const doc = buildBriefingDocument(
      briefing({
        keyJudgments: [
          {
            id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a10',
            text: 'ISIS-K is likely to attempt an attack in Central Asia within a year.',
            confidence: 'moderate',
            passageIds: [kazakh.id, russianEarlier.id],
          },
          { id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a11', text: '   ', confidence: 'low', passageIds: [] },
          {
            id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a12',
            text: 'The canal will cut the flow of the Amu Darya.',
            confidence: 'high',
            passageIds: [koshPassage.id],
          },
        ],
      }),
      ws,
    );
    const refs = noteReferences(doc.blocks);
    expect(refs).toEqual(refs.map((_, i) => i + 1));
    expect(doc.footnotes.map((f) => f.number)).toEqual(refs);
    const judgments = doc.blocks.filter((b) => b.type === 'judgment');
    expect(judgments).toEqual([
      {
        type: 'judgment',
        number: 1,
        text: 'ISIS-K is likely to attempt an attack in Central Asia within a year.',
        confidence: 'moderate',
        dir: 'ltr',
      },
      {
        type: 'judgment',
        number: 2,
        text: 'The canal will cut the flow of the Amu Darya.',
        confidence: 'high',
        dir: 'ltr',
      },
    ]);
    const all = quotes(doc.blocks);
    // The judgment's passages in document order: the earlier passage of the Russian source first.
    expect(all.slice(0, 2).map((q) => q.text)).toEqual([russianEarlier.quote.exact, kazakh.quote.exact]);
    expect(all[2]!.text).toBe(koshPassage.quote.exact);
    // ISIS-K's evidence: by source (title order), then by position in the source.
    const isisBlock = doc.blocks.findIndex((b) => b.type === 'heading' && b.text.includes('ISIS-Khorasan'));
    const nextThreat = doc.blocks.findIndex((b, i) => i > isisBlock && b.type === 'heading');
    const isisQuotes = quotes(doc.blocks.slice(isisBlock, nextThreat));
    const bySource = isisQuotes.map((q) => doc.footnotes[q.note - 1]!.sourceId);
    const sourceTitles = bySource.map((id) => ws.sources.find((s) => s.id === id)!.title);
    expect(sourceTitles).toEqual([...sourceTitles].sort((a, b) => a.localeCompare(b)));
    const demoPositions = isisQuotes
      .filter((q) => doc.footnotes[q.note - 1]!.sourceId === demo.source.id)
      .map((q) => ws.annotations.find((a) => a.id === q.passageId)!.position.start);
    expect(demoPositions).toEqual([...demoPositions].sort((a, b) => a - b));
    expect(isisQuotes.map((q) => q.text)).toContain(persian.quote.exact);
    // The Kazakh passage, quoted under key judgment 1 already, is referred to there rather than repeated.
    expect(isisQuotes.map((q) => q.text)).not.toContain(kazakh.quote.exact);
    expect(
      doc.blocks
        .slice(isisBlock, nextThreat)
        .some(
          (b) =>
            b.type === 'paragraph' &&
            b.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('') ===
              `See key judgment 1: “${kazakh.quote.exact.split(' ').slice(0, 8).join(' ')} …”`,
        ),
    ).toBe(true);
    // A source's first note is its full reference; later notes of it are short (Chicago full note, the default).
    const seen = new Set<string>();
    // The country comparison's figure notes cite no source record (their text names the facts' sources).
    const citations = doc.footnotes.filter((f) => f.sourceId !== '');
    expect(doc.footnotes.filter((f) => f.sourceId === '').map((f) => f.text.split(':')[0])).toEqual([
      'Border with Afghanistan',
      'Population',
    ]);
    for (const note of citations) {
      const source = ws.sources.find((s) => s.id === note.sourceId)!;
      const first = !seen.has(note.sourceId);
      seen.add(note.sourceId);
      if (first) expect(note.text, `footnote ${note.number}`).toContain(source.publisher || source.url || source.title);
      else expect(note.text.length, `footnote ${note.number}`).toBeLessThan(source.title.length + 40);
    }
  });

  it('lists each cited source once in the annex, in the order first cited, with its grade and footnotes', async () => {
    const { ws, russian, dari, demo } = await workspace();
    const doc = buildBriefingDocument(briefing(), ws);
    const annex = doc.blocks.find((b) => b.type === 'table' && b.kind === 'annex') as Extract<
      DocBlock,
      { type: 'table' }
    >;
    const firstCited = [...new Set(doc.footnotes.filter((f) => f.sourceId !== '').map((f) => f.sourceId))];
    expect(firstCited).toHaveLength(3);
    expect(annex.rows).toHaveLength(3);
    expect(annex.rows.map((r) => r[0]!.text)).toEqual(['S1', 'S2', 'S3']);
    const byId = new Map([demo.source, russian, dari].map((s) => [s.id, s]));
    expect(annex.rows.map((r) => r[2]!.text)).toEqual(
      firstCited.map((id) => `${byId.get(id)!.reliability}${byId.get(id)!.credibility}`),
    );
    expect(annex.rows.every((r) => r[1]!.dir === 'ltr')).toBe(true);
    // The reference is the style's bibliography entry (Chicago: "Family, Given. “Title.” Publisher, date.").
    expect(annex.rows.map((r) => r[1]!.text)).toEqual(
      firstCited.map((id) => expect.stringContaining(byId.get(id)!.title.replace(/:.*/, ''))),
    );
    expect(annex.rows.find((r) => r[1]!.text.includes('Қасымов'))![1]!.text).toBe(
      'Қасымов, Ерлан. “Угрозы безопасности Центральной Азии.” Қазақстан стратегиялық зерттеулер институты, May 2, 2024.',
    );
    // Every citation appears in exactly one annex row (the figures' notes cite no source record).
    const listed = annex.rows.flatMap((r) =>
      r[4]!.text.split(', ').flatMap((part) => {
        const [a, b] = part.split('–').map(Number);
        return b === undefined ? [a!] : Array.from({ length: b - a! + 1 }, (_, i) => a! + i);
      }),
    );
    expect(listed.sort((a, b) => a - b)).toEqual(doc.footnotes.filter((f) => f.sourceId !== '').map((f) => f.number));
  });

  it('writes footnote ranges the way a reader scans them', () => {
    expect(numberRanges([1, 3, 4, 5, 6, 9, 10, 12])).toBe('1, 3–6, 9, 10, 12');
    expect(numberRanges([])).toBe('');
  });

  it('cuts a very long passage at a word and marks the cut, so the document stays a briefing', async () => {
    const { ws, kazakh } = await workspace();
    const long = { ...kazakh, quote: { ...kazakh.quote, exact: 'Қазақстан шекарасы '.repeat(400) } };
    const doc = buildBriefingDocument(briefing(), {
      ...ws,
      annotations: ws.annotations.map((a) => (a.id === kazakh.id ? long : a)),
    });
    const quote = quotes(doc.blocks).find((q) => q.text.startsWith('Қазақстан шекарасы'))!;
    expect(quote.text.length).toBeLessThanOrEqual(MAX_QUOTE_CHARS + 4);
    expect(quote.text).toMatch(/ (Қазақстан|шекарасы) \[…\]$/);
    expect(BriefingDocument.safeParse(doc).success).toBe(true);
  });

  it('keeps Cyrillic and Kazakh letters intact, and marks Arabic-script quotes right to left with their language', async () => {
    const { ws, kazakh, persian } = await workspace();
    const all = quotes(buildBriefingDocument(briefing(), ws).blocks);
    const kk = all.find((q) => q.text === kazakh.quote.exact)!;
    expect(kk).toMatchObject({ dir: 'ltr', lang: 'ru', open: '«', close: '»', grade: 'B2' });
    expect(kk.text).toContain('Қазақстан мен Өзбекстан');
    const fa = all.find((q) => q.text === persian.quote.exact)!;
    expect(fa).toMatchObject({ dir: 'rtl', lang: 'fa', grade: 'C3' });
    expect(all.find((q) => q.lang === 'en')).toMatchObject({ open: '“', close: '”', dir: 'ltr' });
  });
});

describe('the document schema main parses', () => {
  it('accepts what the model builds, and names the file by date and title', async () => {
    const { ws } = await workspace();
    const doc = buildBriefingDocument(briefing({ title: 'Q1: Afghanistan / Central Asia?' }), ws);
    expect(BriefingDocument.safeParse(doc).success).toBe(true);
    expect(briefingFileName(doc)).toBe('2026-03-12 Q1 Afghanistan Central Asia.docx');
  });

  it('refuses a document without a marking, with notes out of order or missing, or too large', async () => {
    const { ws } = await workspace();
    const doc = buildBriefingDocument(briefing(), ws);
    const problem = (value: unknown) => {
      const parsed = BriefingDocument.safeParse(value);
      return parsed.success ? null : parsed.error.issues[0]!.message;
    };
    expect(problem({ ...doc, page: { ...doc.page, marking: '  ' } })).toMatch(/choose a security marking/);
    const swapped = structuredClone(doc);
    const [a, b] = quotes(swapped.blocks);
    [a!.note, b!.note] = [b!.note, a!.note];
    expect(problem(swapped)).toMatch(/footnote 2 is cited before footnote 1/);
    expect(problem({ ...doc, footnotes: doc.footnotes.slice(0, -1) })).toMatch(/which the briefing does not have/);
    expect(
      problem({ ...doc, footnotes: [...doc.footnotes, { number: doc.footnotes.length + 1, text: 'x', sourceId: '' }] }),
    ).toMatch(/never cited/);
    const huge = {
      ...doc,
      blocks: [
        ...doc.blocks,
        ...Array.from({ length: 100 }, () => ({
          type: 'paragraph',
          style: 'body',
          dir: 'ltr',
          lang: '',
          inlines: [{ kind: 'text', text: 'x'.repeat(45_000) }],
        })),
      ],
    };
    expect(JSON.stringify(huge).length).toBeGreaterThan(MAX_BRIEFING_DOCUMENT_CHARS);
    expect(problem(huge)).toMatch(/larger than 4 million characters/);
  });
});

describe('briefing model: threats not yet rated', () => {
  it('lists them last as not rated, leaves them off the heat map and names them beside it, and warns before export', async () => {
    const { ws, kosh } = await workspace();
    const { likelihood: _l, impact: _i, score: _s, ...rest } = kosh;
    const unrated: Threat = { ...rest, id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a10', title: 'Unassessed crossings' };
    const withUnrated = { ...ws, threats: [...ws.threats, unrated] };
    const b = briefing();
    const selected = selectThreats(b, withUnrated);
    expect(selected.at(-1)!.id).toBe(unrated.id);
    const number = selected.length;
    const doc = buildBriefingDocument(b, withUnrated);
    const tables = doc.blocks.filter((x): x is Extract<DocBlock, { type: 'table' }> => x.type === 'table');
    const overview = tables.find((t) => t.kind === 'overview')!;
    const row = overview.rows.find((r) => r[1]!.text === unrated.title)!;
    expect(row.map((c) => c.text)).toEqual([
      `T${number}`,
      unrated.title,
      expect.any(String),
      '—',
      '—',
      'Not yet rated',
      expect.any(String),
    ]);
    const heat = tables.find((t) => t.kind === 'heat-map')!;
    expect(heat.rows.flat().some((c) => c.text.split(', ').includes(`T${number}`))).toBe(false);
    const note = doc.blocks.find(
      (x) =>
        x.type === 'paragraph' &&
        x.inlines.some((i) => i.kind === 'text' && i.text.startsWith('Not yet rated, so not on the matrix')),
    );
    expect(note).toBeDefined();
    const problems = briefingChecks(b, doc, withUnrated).map((w) => w.problem);
    expect(problems).toContainEqual({ code: 'threats-unrated', threats: [{ number, title: 'Unassessed crossings' }] });
    // A minimum score leaves an unrated threat out: it has no score to pass it with.
    expect(selectThreats(briefing({ filters: { ...b.filters, minimumScore: 1 } }), withUnrated)).not.toContainEqual(
      unrated,
    );
  });
});
