import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { anchor, describeRange } from '../../domain/anchoring';
import type { TextPositionSelector as TextPosition, TextQuoteSelector as TextQuote } from '../../domain/anchoring';
import { normaliseText } from '../../domain/text';
import { positionConverter } from './positions';
import {
  countryOfGuid,
  LINK_PARENTS,
  QDA_NAMESPACE,
  SOURCE_FIELDS,
  type LinkKind,
  type SourceField,
} from './vocabulary';

/** A `.qdpx` that cannot be read: the message is the sentence the analyst sees. */
export class RefiQdaError extends Error {
  override name = 'RefiQdaError';
}

export interface QdaUser {
  guid: string;
  name: string;
}

export interface QdaCode {
  guid: string;
  name: string;
  /** `#rrggbb`, or null when the file gives none. */
  color: string | null;
  description: string;
  /** The enclosing code's GUID; codes come parents first. */
  parentGuid: string | null;
  /** When the code is one of the workbench's link codes (vocabulary.ts): what it links to. */
  link: { kind: LinkKind; key: string; name: string } | null;
  /** One of the workbench's three link parents: not a tag of its own. */
  linkParent: boolean;
}

export interface QdaPassage {
  guid: string;
  /** In UTF-16 code units of the source's normalised text (normaliseText). */
  position: TextPosition;
  quote: TextQuote;
  codeGuids: string[];
  note: string;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface QdaSource {
  guid: string;
  name: string;
  /** The plain text, normalised as every source text is (NFC, \n line ends). */
  text: string;
  metadata: Partial<Record<SourceField, string>>;
  passages: QdaPassage[];
  createdAt: string | null;
}

export interface QdaProject {
  name: string;
  origin: string;
  users: QdaUser[];
  codes: QdaCode[];
  sources: QdaSource[];
  /** What could not be brought in, one sentence each (a picture source, a selection past the text's end …). */
  problems: string[];
}

type Node = Record<string, unknown>;

const REPEATED = new Set([
  'User',
  'Code',
  'TextSource',
  'PDFSource',
  'PictureSource',
  'AudioSource',
  'VideoSource',
  'PlainTextSelection',
  'Coding',
  'NoteRef',
  'Note',
  'Representation',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  isArray: (name) => REPEATED.has(name),
});

const nodes = (value: unknown): Node[] =>
  Array.isArray(value) ? value.filter((v): v is Node => typeof v === 'object' && v !== null) : [];
const attr = (node: Node, name: string): string => {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value.trim() : '';
};
const textOf = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && typeof (value as Node)['#text'] === 'string')
    return (value as Node)['#text'] as string;
  return '';
};
/** A GUID as the workbench writes ids: lower case, without the braces the schema also allows. */
const guidOf = (node: Node, name = 'guid'): string =>
  attr(node, name)
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
const instant = (value: string): string | null => {
  if (!value) return null;
  // xsd:dateTime may omit the zone (the spec's examples do): such a time is read as UTC.
  const withZone = /(Z|[+-]\d\d:\d\d)$/.test(value) ? value : `${value}Z`;
  const at = Date.parse(withZone);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
};
const colour = (value: string): string | null => {
  const m = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(value);
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return `#${hex.toLowerCase()}`;
};

function readCodes(project: Node): QdaCode[] {
  const codes: QdaCode[] = [];
  const linkParents = new Map(Object.entries(LINK_PARENTS).map(([kind, p]) => [p.guid, kind as LinkKind]));
  const walk = (list: Node[], parentGuid: string | null, linkKind: LinkKind | null) => {
    for (const node of list) {
      const guid = guidOf(node);
      const name = attr(node, 'name');
      if (!guid || !name) continue;
      const description = textOf(node.Description);
      const ownLink = parentGuid === null ? (linkParents.get(guid) ?? null) : null;
      let link: QdaCode['link'] = null;
      if (linkKind) {
        const key = linkKind === 'country' ? (countryOfGuid(guid) ?? description.trim().toUpperCase()) : guid;
        link = { kind: linkKind, key, name };
      }
      codes.push({
        guid,
        name,
        color: colour(attr(node, 'color')),
        description,
        parentGuid,
        link,
        linkParent: ownLink !== null,
      });
      walk(nodes(node.Code), guid, ownLink ?? linkKind);
    }
  };
  walk(
    nodes((project.CodeBook as Node | undefined)?.Codes && ((project.CodeBook as Node).Codes as Node).Code),
    null,
    null,
  );
  return codes;
}

function readMetadata(description: string): { metadata: QdaSource['metadata']; rest: string } {
  const metadata: QdaSource['metadata'] = {};
  const rest: string[] = [];
  for (const line of description.split('\n')) {
    const field = SOURCE_FIELDS.find(([, label]) => line.startsWith(`${label}: `));
    if (field) metadata[field[0]] = line.slice(field[1].length + 2).trim();
    else if (line.trim()) rest.push(line);
  }
  return { metadata, rest: rest.join('\n') };
}

/** Where a selection given in code points of the file's text lies in the normalised text, or null. */
function place(
  raw: string,
  normalised: string,
  rawPositions: ReturnType<typeof positionConverter>,
  start: number,
  end: number,
): { position: TextPosition; quote: TextQuote } | null {
  const from = rawPositions.toUtf16(start);
  const to = rawPositions.toUtf16(end);
  if (from === null || to === null || to <= from) return null;
  if (raw === normalised) {
    const { quote, position } = describeRange(normalised, from, to);
    return { quote, position };
  }
  // Line ends or composed characters changed: the passage is found again by its text and place.
  const wanted = describeRange(raw, from, to);
  const found = anchor(normalised, {
    quote: { ...wanted.quote, exact: normaliseText(wanted.quote.exact) },
    position: wanted.position,
  });
  if (found.status === 'orphaned') return null;
  const { quote, position } = describeRange(normalised, found.start, found.end);
  return { quote, position };
}

/**
 * Reads a REFI-QDA project (`project.qde`) and the plain texts of its sources (the zip's entries, by
 * path). Text sources (and PDF sources through their plain-text representation) come in with their
 * selections and codings; codes with their hierarchy, colours and descriptions; notes a selection refers
 * to become the passage's note. Pictures, audio and video, and codings of a whole source, have no place
 * in the workbench: each such thing is named in `problems`. A file that is not a REFI-QDA project throws
 * a RefiQdaError saying so.
 */
export function fromRefiQdaProject(xml: string, files: ReadonlyMap<string, string>): QdaProject {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new RefiQdaError(
      `The project file inside is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}), so nothing was imported. Export the project again from the program that wrote it.`,
    );
  const root = parser.parse(xml) as Node;
  const project = root.Project as Node | undefined;
  if (!project || typeof project !== 'object' || (attr(project, 'xmlns') && attr(project, 'xmlns') !== QDA_NAMESPACE))
    throw new RefiQdaError(
      'The file is not a REFI-QDA project (its project.qde has no <Project> in the QDA-XML namespace), so nothing was imported.',
    );
  const problems: string[] = [];
  const users = nodes((project.Users as Node | undefined)?.User).map((u) => ({
    guid: guidOf(u),
    name: attr(u, 'name'),
  }));
  const codes = readCodes(project);
  const codeGuids = new Set(codes.map((c) => c.guid));
  const notes = new Map(
    nodes((project.Notes as Node | undefined)?.Note).map((n) => [guidOf(n), textOf(n.PlainTextContent).trim()]),
  );
  const notesUsed = new Set<string>();

  const sourcesNode = (project.Sources as Node | undefined) ?? {};
  const textNodes: { node: Node; name: string }[] = nodes(sourcesNode.TextSource).map((node) => ({
    node,
    name: attr(node, 'name'),
  }));
  for (const pdf of nodes(sourcesNode.PDFSource)) {
    const representation = nodes(pdf.Representation)[0];
    if (representation)
      textNodes.push({ node: representation, name: attr(pdf, 'name') || attr(representation, 'name') });
    else problems.push(`The PDF “${attr(pdf, 'name')}” has no plain-text representation, so it was left out.`);
  }
  const media = ['PictureSource', 'AudioSource', 'VideoSource'].reduce(
    (n, kind) => n + nodes(sourcesNode[kind]).length,
    0,
  );
  if (media > 0)
    problems.push(
      `${media} picture, audio or video source${media === 1 ? ' was' : 's were'} left out: the workbench keeps text sources only.`,
    );

  const sources: QdaSource[] = [];
  for (const { node, name } of textNodes) {
    const guid = guidOf(node);
    const label = name || guid;
    let raw: string | undefined;
    const path = attr(node, 'plainTextPath');
    if (typeof node.PlainTextContent === 'string' || node.PlainTextContent) raw = textOf(node.PlainTextContent);
    else if (path.startsWith('internal://')) {
      const file = path.slice('internal://'.length);
      raw = files.get(`sources/${file}`) ?? files.get(file);
      if (raw === undefined) {
        problems.push(
          `The text of “${label}” (sources/${file}) is missing from the file, so that source was left out.`,
        );
        continue;
      }
    } else {
      problems.push(
        `The text of “${label}” is kept outside the project (${path || 'no path'}), so that source was left out.`,
      );
      continue;
    }
    raw = raw.replace(/^\uFEFF/, '');
    const text = normaliseText(raw);
    const rawPositions = positionConverter(raw);
    const { metadata } = readMetadata(textOf(node.Description));
    const passages: QdaPassage[] = [];
    for (const selection of nodes(node.PlainTextSelection)) {
      const start = Number(attr(selection, 'startPosition'));
      const end = Number(attr(selection, 'endPosition'));
      let placed: ReturnType<typeof place> = null;
      try {
        placed = place(raw, text, rawPositions, start, end);
      } catch {
        // describeRange refuses a range that is not whole characters of the text: reported below.
      }
      if (!placed) {
        problems.push(
          `A selection of “${label}” (${attr(selection, 'startPosition')}–${attr(selection, 'endPosition')}) lies outside its text, so it was left out.`,
        );
        continue;
      }
      const noteTexts = [
        textOf(selection.Description).trim(),
        ...nodes(selection.NoteRef).map((ref) => notes.get(guidOf(ref, 'targetGUID')) ?? ''),
      ].filter(Boolean);
      nodes(selection.NoteRef).forEach((ref) => notesUsed.add(guidOf(ref, 'targetGUID')));
      passages.push({
        guid: guidOf(selection),
        ...placed,
        codeGuids: [
          ...new Set(
            nodes(selection.Coding)
              .map((coding) => guidOf((coding.CodeRef as Node | undefined) ?? {}, 'targetGUID'))
              .filter((g) => codeGuids.has(g)),
          ),
        ],
        note: noteTexts.join('\n\n'),
        createdAt: instant(attr(selection, 'creationDateTime')),
        updatedAt: instant(attr(selection, 'modifiedDateTime')) ?? instant(attr(selection, 'creationDateTime')),
      });
    }
    const wholeCodings = nodes(node.Coding).length;
    if (wholeCodings > 0)
      problems.push(
        `${wholeCodings} coding${wholeCodings === 1 ? '' : 's'} of the whole of “${label}” ${wholeCodings === 1 ? 'was' : 'were'} left out: the workbench codes passages.`,
      );
    sources.push({
      guid,
      name: name || 'Untitled source',
      text,
      metadata,
      passages,
      createdAt: instant(attr(node, 'creationDateTime')),
    });
  }
  const unattached = [...notes.keys()].filter((guid) => !notesUsed.has(guid)).length;
  if (unattached > 0)
    problems.push(
      `${unattached} note${unattached === 1 ? '' : 's'} not attached to a passage ${unattached === 1 ? 'was' : 'were'} left out.`,
    );
  return { name: attr(project, 'name'), origin: attr(project, 'origin'), users, codes, sources, problems };
}
