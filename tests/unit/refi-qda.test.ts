import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packQdpx, unpackQdpx } from '../../main/services/refi-qda';
import { SourceStore } from '../../main/services/source-store';
import { writeZip } from '../../main/services/zip';
import { Annotation, type Tag } from '../../shared/domain/annotation';
import { Source } from '../../shared/domain/source';
import { normaliseText } from '../../shared/domain/text';
import {
  countryGuid,
  fromRefiQdaProject,
  LINK_PARENTS,
  positionConverter,
  RefiQdaError,
  toRefiQdaProject,
  type RefiQdaExportInput,
} from '../../shared/interop/refi-qda';
import type { Actor } from '../../shared/domain/actor';
import type { Country } from '../../shared/domain/country';
import type { Threat } from '../../shared/domain/threat';
import { demoSnapshot } from '../support/demo-snapshot';
import { REFI_QDA_VENDOR, refiQdaSchemaErrors } from '../support/refi-qda-validator';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

// A source in four scripts: Russian and Kazakh Cyrillic, Dari in Arabic script, and emoji outside the BMP
// (flags, a skin-tone sequence), so UTF-16 offsets and code points part company after the first emoji.
const TEXT = normaliseText(
  [
    'По оценкам экспертов, «Вилаят Хорасан» остаётся главной угрозой для Центральной Азии.',
    'Қазақстан үшін Әмудария суының азаюы — ұзақ мерзімді қауіп; Қош-Тепа каналы суды бөледі.',
    'Analysts flagged the post 🇰🇿🤝🇦🇫 with 👩🏽‍💻 emoji as propaganda.',
    'مهاجرت گسترده از ولایات شمالی افغانستان به سوی مرزهای تاجیکستان ادامه دارد.',
    'After 😀 the IMU recruits in Badakhshan.',
  ].join('\n'),
);
const T0 = '2026-11-20T08:15:00.000Z';
const T1 = '2026-11-21T14:02:31.517Z';

const SOURCE = Source.parse({
  id: '593fa59c-417f-41b8-8ec2-bb14aede3ba4',
  title: 'Угрозы из Афганистана: взгляд из Казахстана',
  author: 'Almat Toyekin',
  publisher: 'Institute of World Economics and Politics',
  url: 'https://example.org/threats',
  publishedOn: '2023-05-01',
  language: 'ru',
  reliability: 'B',
  credibility: 2,
  file: null,
  textHash: createHash('sha256').update(TEXT, 'utf8').digest('hex'),
  textLength: TEXT.length,
  version: 1,
  createdAt: T0,
  updatedAt: T0,
});

const tag = (id: string, name: string, parentId: string | null, color: string, description = ''): Tag => ({
  id,
  name,
  color,
  parentId,
  description,
  createdAt: T0,
  updatedAt: T0,
});
const TAGS: Tag[] = [
  tag('0b7f6c1e-8d0a-4a51-9f4e-1c2d3e4f5a01', 'Terrorism', null, '#c0392b', 'Violence for political ends'),
  tag('0b7f6c1e-8d0a-4a51-9f4e-1c2d3e4f5a02', 'ISKP', '0b7f6c1e-8d0a-4a51-9f4e-1c2d3e4f5a01', '#e67e22'),
  tag('0b7f6c1e-8d0a-4a51-9f4e-1c2d3e4f5a03', 'Вода', null, '#2f6fdb', 'Водные ресурсы & «каналы»'),
  tag('0b7f6c1e-8d0a-4a51-9f4e-1c2d3e4f5a04', 'مهاجرت', null, '#16a085'),
];
const THREAT = {
  id: '7d3e1c2b-4a5f-4b6c-8d7e-9f0a1b2c3d01',
  title: 'Water conflict over the Amu Darya',
  description: 'The Qosh-Tepa canal diverts water.',
} as Threat;
const ACTOR = {
  id: '7d3e1c2b-4a5f-4b6c-8d7e-9f0a1b2c3d02',
  name: 'Islamic Movement of Uzbekistan',
  description: '',
} as Actor;
const COUNTRIES = [{ code: 'KZ', name: 'Kazakhstan' } as Country, { code: 'AF', name: 'Afghanistan' } as Country];

/** A passage over `exact` (its n-th occurrence) in TEXT. */
function passage(id: string, exact: string, fields: Partial<Annotation> = {}): Annotation {
  const start = TEXT.indexOf(exact);
  if (start < 0) throw new Error(`not in the text: ${exact}`);
  return Annotation.parse({
    id,
    sourceId: SOURCE.id,
    quote: { exact, prefix: TEXT.slice(Math.max(0, start - 32), start), suffix: TEXT.slice(start + exact.length) },
    position: { start, end: start + exact.length },
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

const PASSAGES: Annotation[] = [
  passage('a1000000-0000-4000-8000-000000000001', '«Вилаят Хорасан»', {
    tagIds: [TAGS[1]!.id],
    note: 'ISKP under its Russian name; see also <the UN report> & others.',
  }),
  passage('a1000000-0000-4000-8000-000000000002', 'Қош-Тепа каналы суды бөледі', {
    tagIds: [TAGS[2]!.id],
    threatIds: [THREAT.id],
    countryCodes: ['KZ', 'AF'],
  }),
  passage('a1000000-0000-4000-8000-000000000003', '🇰🇿🤝🇦🇫 with 👩🏽‍💻', { tagIds: [TAGS[0]!.id] }),
  passage('a1000000-0000-4000-8000-000000000004', 'مهاجرت گسترده از ولایات شمالی', { tagIds: [TAGS[3]!.id] }),
  passage('a1000000-0000-4000-8000-000000000005', 'the IMU recruits', {
    actorIds: [ACTOR.id],
    note: 'After an emoji.',
  }),
  passage('a1000000-0000-4000-8000-000000000006', 'Analysts flagged', { anchor: 'orphaned' }),
];

let counter = 0;
const INPUT: RefiQdaExportInput = {
  projectName: 'Central Asia watch',
  origin: 'Analyst Workbench 0.1.0',
  author: { name: 'Aigerim Sadykova', organisation: 'Desk 4', identityClass: 'individual', updatedAt: T0 },
  exportedAt: T1,
  sources: [{ source: SOURCE, text: TEXT }],
  tags: TAGS,
  annotations: PASSAGES,
  threats: [THREAT],
  actors: [ACTOR],
  countries: COUNTRIES,
  newGuid: () => `c0000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
};

describe('REFI-QDA positions: code points, as the specification counts', () => {
  it('converts UTF-16 offsets to code points and back around emoji and RTL text', () => {
    const text = 'aб😀c🇰🇿d';
    const p = positionConverter(text);
    expect(p.codePointLength).toBe([...text].length);
    // Every code point boundary maps to its index among [...text], and back.
    let utf16 = 0;
    for (const [index, char] of [...text].entries()) {
      expect(p.toCodePoints(utf16)).toBe(index);
      expect(p.toUtf16(index)).toBe(utf16);
      utf16 += char.length;
    }
    expect(p.toCodePoints(text.length)).toBe([...text].length);
    expect(p.toUtf16([...text].length + 1)).toBeNull();
  });
});

describe('REFI-QDA export', () => {
  it('writes a project.qde the official schema accepts, with codes, selections, codings, notes and the user', async () => {
    const pkg = toRefiQdaProject(INPUT);
    expect(await refiQdaSchemaErrors(pkg.projectXml)).toEqual([]);
    expect(pkg.counts).toEqual({ sources: 1, codes: 4 + 1 + 2 + 1, passages: 5, notes: 2, left: 1 });
    expect(pkg.projectXml).toContain('<User guid="c0000000-0000-4000-8000-000000000001" name="Aigerim Sadykova"');
    expect(pkg.projectXml).toContain(`plainTextPath="internal://${SOURCE.id}.txt"`);
    expect(pkg.projectXml).toContain(`name="${LINK_PARENTS.threat.name}" isCodable="false"`);
    expect(pkg.projectXml).toContain(`guid="${countryGuid('KZ')}" name="Kazakhstan"`);
    expect(pkg.projectXml).toContain('Водные ресурсы &amp; «каналы»');
    expect(pkg.sourceFiles).toEqual([{ guid: SOURCE.id, text: TEXT }]);
  });

  it('counts positions in code points: the passage after the emoji starts as many code points in as it has characters before it', () => {
    const pkg = toRefiQdaProject(INPUT);
    const imu = PASSAGES[4]!;
    const before = [...TEXT.slice(0, imu.position.start)].length;
    expect(before).toBeLessThan(imu.position.start);
    expect(pkg.projectXml).toMatch(
      new RegExp(`guid="${imu.id}"[^>]*startPosition="${before}" endPosition="${before + 'the IMU recruits'.length}"`),
    );
  });

  it('exports the demo workspace to a project the schema accepts', async () => {
    const snapshot = await demoSnapshot(new SourceStore(join(await tempFolder(), 'sources')));
    const t = snapshot.tables;
    const text = (t.sourceTexts[0] as { text: string }).text;
    const pkg = toRefiQdaProject({
      ...INPUT,
      author: null,
      sources: [{ source: t.sources[0] as Source, text }],
      tags: t.tags as Tag[],
      annotations: t.annotations as Annotation[],
      threats: t.threats as Threat[],
      actors: t.actors as Actor[],
      countries: t.countries as Country[],
    });
    expect(await refiQdaSchemaErrors(pkg.projectXml)).toEqual([]);
    expect(pkg.counts.passages).toBe((t.annotations as Annotation[]).filter((a) => a.anchor !== 'orphaned').length);
  });
});

describe('REFI-QDA round trip through a .qdpx', () => {
  it('gives back every coded passage with exact offsets, its codes, links and note, and the codebook', async () => {
    const pkg = toRefiQdaProject(INPUT);
    const zip = await packQdpx(pkg.projectXml, pkg.sourceFiles);
    const contents = await unpackQdpx(zip);
    const project = fromRefiQdaProject(contents.projectXml, new Map(contents.texts.map((t) => [t.path, t.text])));

    expect(project.problems).toEqual([]);
    expect(project.users.map((u) => u.name)).toEqual(['Aigerim Sadykova']);
    const [source] = project.sources;
    expect(source!.text).toBe(TEXT);
    expect(source!.metadata).toEqual({
      author: SOURCE.author,
      publisher: SOURCE.publisher,
      url: SOURCE.url,
      publishedOn: SOURCE.publishedOn,
      language: 'ru',
    });
    const exported = PASSAGES.filter((a) => a.anchor !== 'orphaned');
    expect(source!.passages.map((p) => [p.guid, p.position, p.quote.exact])).toEqual(
      exported.map((a) => [a.id, a.position, a.quote.exact]),
    );
    const byGuid = new Map(project.codes.map((c) => [c.guid, c]));
    for (const [i, a] of exported.entries()) {
      const got = source!.passages[i]!;
      expect(got.note).toBe(a.note);
      expect(got.updatedAt).toBe(a.updatedAt);
      const codes = got.codeGuids.map((g) => byGuid.get(g)!);
      expect(codes.filter((c) => !c.link).map((c) => c.guid)).toEqual(a.tagIds);
      expect(codes.filter((c) => c.link?.kind === 'threat').map((c) => c.link!.key)).toEqual(a.threatIds);
      expect(codes.filter((c) => c.link?.kind === 'country').map((c) => c.link!.key)).toEqual(a.countryCodes);
      expect(codes.filter((c) => c.link?.kind === 'actor').map((c) => c.link!.key)).toEqual(a.actorIds);
    }
    const tags = project.codes.filter((c) => !c.link && !c.linkParent);
    expect(tags.map((c) => [c.guid, c.name, c.color, c.parentGuid, c.description])).toEqual(
      TAGS.map((t) => [t.id, t.name, t.color, t.parentId, t.description]),
    );
  });
});

describe('REFI-QDA import of other programs’ files', () => {
  it('reads the ATLAS.ti 23 samples: their code hierarchy and users', async () => {
    const target = await unpackQdpx(await readFile(join(REFI_QDA_VENDOR, 'samples/atlas-ti-23-target.qdpx')));
    expect(await refiQdaSchemaErrors(target.projectXml)).toEqual([]);
    const project = fromRefiQdaProject(target.projectXml, new Map());
    expect(project.origin).toBe('ATLAS.ti for Windows 23.2.3.27778');
    expect(project.users.map((u) => u.name)).toEqual(['Enric Llagostera', 'ATLAS.ti']);
    expect(project.codes.map((c) => [c.name, c.parentGuid])).toEqual([
      ['Commits', null],
      ['2022-05-10T02:05:59Z 19e4dce', 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6'],
      ['2022-02-11T10:39:25Z cdbfd92', 'a182cd3a-d83c-4d8c-bc80-26d9103ec6d6'],
    ]);
    expect(project.sources).toEqual([]);

    const blank = await unpackQdpx(await readFile(join(REFI_QDA_VENDOR, 'samples/atlas-ti-23-blank.qdpx')));
    const empty = fromRefiQdaProject(blank.projectXml, new Map());
    expect(empty.users.length).toBeGreaterThan(0);
    expect(empty.codes).toEqual([]);
  });

  it('reads a project written the way the specification shows: inline text, CRLF line ends, zone-less times, braces in GUIDs', () => {
    const raw = 'Line one\r\nЛиния два 😀 и три\r\n';
    const start = [...raw].indexOf('Л');
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Spec style">
  <CodeBook><Codes><Code guid="{D2A1E5C4-1B2C-4D3E-8F90-A1B2C3D4E5F6}" name="Line" isCodable="true" color="#F00"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="acd630d1-1dde-4661-ac92-79d8bf18ff86" name="Inline" creationDateTime="2018-10-04T22:56:11">
      <PlainTextContent>${raw.replace(/\r/g, '&#13;')}</PlainTextContent>
      <PlainTextSelection guid="a16d789e-00ce-4b18-b4e5-c1540c7fec5f" startPosition="${start}" endPosition="${start + 'Линия два 😀 и три'.length - 1}">
        <Description>Selection memo</Description>
        <Coding guid="3e8f98d8-7cd3-466a-98d0-02ce028fd49a"><CodeRef targetGUID="{D2A1E5C4-1B2C-4D3E-8F90-A1B2C3D4E5F6}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <PictureSource guid="b16d789e-00ce-4b18-b4e5-c1540c7fec5f" path="internal://x.png"/>
  </Sources>
</Project>`;
    const project = fromRefiQdaProject(xml, new Map());
    const [source] = project.sources;
    expect(source!.text).toBe('Line one\nЛиния два 😀 и три\n');
    expect(source!.createdAt).toBe('2018-10-04T22:56:11.000Z');
    const [p] = source!.passages;
    expect(p!.quote.exact).toBe('Линия два 😀 и три');
    expect(source!.text.slice(p!.position.start, p!.position.end)).toBe('Линия два 😀 и три');
    expect(p!.note).toBe('Selection memo');
    expect(p!.codeGuids).toEqual(['d2a1e5c4-1b2c-4d3e-8f90-a1b2c3d4e5f6']);
    expect(project.codes[0]!.color).toBe('#ff0000');
    expect(project.problems).toEqual([
      '1 picture, audio or video source was left out: the workbench keeps text sources only.',
    ]);
  });

  it('refuses broken files with a sentence saying what is wrong', async () => {
    await expect(unpackQdpx(new TextEncoder().encode('just text'))).rejects.toThrow(/not a REFI-QDA project/);
    const noProject = await writeZip([{ name: 'readme.txt', data: new TextEncoder().encode('hi'), deflate: false }]);
    await expect(unpackQdpx(noProject)).rejects.toThrow(/not a REFI-QDA project/);
    const good = await packQdpx('<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>', []);
    await expect(unpackQdpx(good.subarray(0, good.length - 30))).rejects.toThrow(/damaged or incomplete/);
    const notUtf8 = await writeZip([{ name: 'project.qde', data: new Uint8Array([0x3c, 0xff, 0xfe]), deflate: false }]);
    await expect(unpackQdpx(notUtf8)).rejects.toThrow(/not UTF-8 text/);

    expect(() => fromRefiQdaProject('<Project name="x"><Users></Project>', new Map())).toThrow(RefiQdaError);
    expect(() => fromRefiQdaProject('<Project name="x"><Users></Project>', new Map())).toThrow(
      /not well-formed XML \(line 1/,
    );
    expect(() => fromRefiQdaProject('<html><body/></html>', new Map())).toThrow(/not a REFI-QDA project/);
    const missingText = `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources><TextSource guid="acd630d1-1dde-4661-ac92-79d8bf18ff86" name="Gone" plainTextPath="internal://gone.txt"/></Sources></Project>`;
    expect(fromRefiQdaProject(missingText, new Map()).problems).toEqual([
      'The text of “Gone” (sources/gone.txt) is missing from the file, so that source was left out.',
    ]);
  });
});
