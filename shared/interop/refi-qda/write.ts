import { XMLBuilder } from 'fast-xml-parser';
import type { Actor } from '../../domain/actor';
import type { Annotation, Tag } from '../../domain/annotation';
import { authorDisplayName, type AuthorIdentity } from '../../domain/author';
import type { Country } from '../../domain/country';
import type { Source } from '../../domain/source';
import type { Threat } from '../../domain/threat';
import { positionConverter } from './positions';
import { countryGuid, LINK_PARENTS, QDA_NAMESPACE, SOURCE_FIELDS, type LinkKind } from './vocabulary';

export interface RefiQdaExportInput {
  projectName: string;
  /** The program that wrote the file, e.g. "Analyst Workbench 0.1.0". */
  origin: string;
  /** Settings' author identity: the project's one user. Null: a user named after the program stands in. */
  author: AuthorIdentity | null;
  exportedAt: string;
  sources: readonly { source: Source; text: string }[];
  tags: readonly Tag[];
  annotations: readonly Annotation[];
  threats: readonly Threat[];
  actors: readonly Actor[];
  countries: readonly Country[];
  /** A fresh GUID for codings, notes and the user (crypto.randomUUID; fixed in tests). */
  newGuid?: () => string;
}

export interface RefiQdaPackage {
  /** The text of `project.qde`. */
  projectXml: string;
  /** Each text source's plain text, to be stored as `sources/<guid>.txt`. */
  sourceFiles: { guid: string; text: string }[];
  counts: { sources: number; codes: number; passages: number; notes: number; left: number };
}

type XmlNode = Record<string, unknown>;

// Characters XML 1.0 cannot carry at all, even escaped; they are dropped from names, descriptions and notes.
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what XML 1.0 cannot hold
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlText = (value: string) => value.replace(NOT_IN_XML, '');

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // isCodable="true" must be written out: the builder would otherwise leave a bare attribute name.
  suppressBooleanAttributes: false,
});

function sourceDescription(source: Source): string {
  return SOURCE_FIELDS.map(([field, label]) => [label, source[field] ?? ''] as const)
    .filter(([, value]) => value !== '' && value !== 'und')
    .map(([label, value]) => `${label}: ${value}`)
    .join('\n');
}

/**
 * The workbench's sources, codebook and coded passages as a REFI-QDA 1.0 project (QDA-XML, the schema of
 * 18 March 2019): tags become codes with their hierarchy, colours and descriptions; each passage becomes a
 * `PlainTextSelection` with one `Coding` per tag and per link, positions in code points (see positions.ts);
 * a passage's note becomes a `Note` the selection refers to. Links to threats, countries and actors become
 * codes under three parent codes of their own (vocabulary.ts). Passages that could not be found in their
 * text any more (orphaned, or past its end) have no place to point to and are left out: `counts.left` says how many.
 */
export function toRefiQdaProject(input: RefiQdaExportInput): RefiQdaPackage {
  const newGuid = input.newGuid ?? (() => crypto.randomUUID());
  const userGuid = newGuid();
  const userName = input.author ? authorDisplayName(input.author) || input.origin : input.origin;
  const by = { '@_creatingUser': userGuid };

  const sourceIds = new Set(input.sources.map((s) => s.source.id));
  const passages = input.annotations.filter((a) => sourceIds.has(a.sourceId));
  const textLength = new Map(input.sources.map((s) => [s.source.id, s.text.length]));
  const exported = passages.filter(
    (a) => a.anchor !== 'orphaned' && a.position.end <= (textLength.get(a.sourceId) ?? 0),
  );

  // Only the threats, countries and actors some exported passage links to become codes.
  const linked: Record<LinkKind, Set<string>> = { threat: new Set(), country: new Set(), actor: new Set() };
  for (const a of exported) {
    a.threatIds.forEach((id) => linked.threat.add(id));
    a.countryCodes.forEach((code) => linked.country.add(code));
    a.actorIds.forEach((id) => linked.actor.add(id));
  }
  const linkCodes: Record<LinkKind, XmlNode[]> = {
    threat: input.threats
      .filter((t) => linked.threat.has(t.id))
      .map((t) => ({
        '@_guid': t.id,
        '@_name': xmlText(t.title),
        '@_isCodable': 'true',
        ...(t.description ? { Description: xmlText(t.description) } : {}),
      })),
    country: [...linked.country].sort().map((code) => ({
      '@_guid': countryGuid(code),
      '@_name': xmlText(input.countries.find((c) => c.code === code)?.name ?? code),
      '@_isCodable': 'true',
      Description: code,
    })),
    actor: input.actors
      .filter((a) => linked.actor.has(a.id))
      .map((a) => ({
        '@_guid': a.id,
        '@_name': xmlText(a.name),
        '@_isCodable': 'true',
        ...(a.description ? { Description: xmlText(a.description) } : {}),
      })),
  };
  const knownCodes = new Set([
    ...input.tags.map((t) => t.id),
    ...Object.values(linkCodes).flatMap((codes) => codes.map((c) => String(c['@_guid']))),
  ]);

  const childrenOf = new Map<string | null, Tag[]>();
  const tagIds = new Set(input.tags.map((t) => t.id));
  for (const tag of input.tags) {
    // A parent outside the export (it cannot be: tags nest inside one codebook) would orphan the branch.
    const parent = tag.parentId && tagIds.has(tag.parentId) ? tag.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), tag]);
  }
  const codeOf = (tag: Tag): XmlNode => {
    const children = (childrenOf.get(tag.id) ?? []).map(codeOf);
    return {
      '@_guid': tag.id,
      '@_name': xmlText(tag.name),
      '@_isCodable': 'true',
      '@_color': tag.color.toUpperCase(),
      ...(tag.description ? { Description: xmlText(tag.description) } : {}),
      ...(children.length ? { Code: children } : {}),
    };
  };
  const codes: XmlNode[] = (childrenOf.get(null) ?? []).map(codeOf);
  for (const kind of ['threat', 'country', 'actor'] as const) {
    if (linkCodes[kind].length === 0) continue;
    const parent = LINK_PARENTS[kind];
    codes.push({
      '@_guid': parent.guid,
      '@_name': parent.name,
      '@_isCodable': 'false',
      Description: parent.description,
      Code: linkCodes[kind],
    });
  }

  const notes: XmlNode[] = [];
  const sources: XmlNode[] = [];
  const sourceFiles: RefiQdaPackage['sourceFiles'] = [];
  for (const { source, text } of input.sources) {
    const positions = positionConverter(text);
    const selections = exported
      .filter((a) => a.sourceId === source.id)
      .sort((a, b) => a.position.start - b.position.start || a.position.end - b.position.end)
      .map((a): XmlNode => {
        const codeRefs = [...a.tagIds, ...a.threatIds, ...a.countryCodes.map(countryGuid), ...a.actorIds].filter(
          (guid) => knownCodes.has(guid),
        );
        let noteRef: XmlNode[] = [];
        if (a.note.trim()) {
          const noteGuid = newGuid();
          notes.push({
            '@_guid': noteGuid,
            '@_name': xmlText(`Note on “${a.quote.exact.slice(0, 60)}”`),
            ...by,
            '@_creationDateTime': a.createdAt,
            '@_modifiedDateTime': a.updatedAt,
            PlainTextContent: xmlText(a.note),
          });
          noteRef = [{ '@_targetGUID': noteGuid }];
        }
        return {
          '@_guid': a.id,
          '@_name': xmlText(a.quote.exact.slice(0, 100)),
          '@_startPosition': positions.toCodePoints(a.position.start),
          '@_endPosition': positions.toCodePoints(a.position.end),
          ...by,
          '@_creationDateTime': a.createdAt,
          '@_modifiedDateTime': a.updatedAt,
          ...(codeRefs.length
            ? {
                Coding: codeRefs.map((guid) => ({
                  '@_guid': newGuid(),
                  ...by,
                  '@_creationDateTime': a.updatedAt,
                  CodeRef: { '@_targetGUID': guid },
                })),
              }
            : {}),
          ...(noteRef.length ? { NoteRef: noteRef } : {}),
        };
      });
    const description = sourceDescription(source);
    sources.push({
      '@_guid': source.id,
      '@_name': xmlText(source.title),
      '@_plainTextPath': `internal://${source.id}.txt`,
      ...by,
      '@_creationDateTime': source.createdAt,
      '@_modifiedDateTime': source.updatedAt,
      ...(description ? { Description: xmlText(description) } : {}),
      ...(selections.length ? { PlainTextSelection: selections } : {}),
    });
    sourceFiles.push({ guid: source.id, text });
  }

  const project: XmlNode = {
    '@_xmlns': QDA_NAMESPACE,
    '@_name': xmlText(input.projectName),
    '@_origin': input.origin,
    '@_creatingUserGUID': userGuid,
    '@_creationDateTime': input.exportedAt,
    '@_modifyingUserGUID': userGuid,
    '@_modifiedDateTime': input.exportedAt,
    Users: { User: [{ '@_guid': userGuid, '@_name': xmlText(userName) }] },
    ...(codes.length ? { CodeBook: { Codes: { Code: codes } } } : {}),
    ...(sources.length ? { Sources: { TextSource: sources } } : {}),
    ...(notes.length ? { Notes: { Note: notes } } : {}),
  };
  const projectXml = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ Project: project }) as string}`;
  return {
    projectXml,
    sourceFiles,
    counts: {
      sources: sources.length,
      codes: knownCodes.size,
      passages: exported.length,
      notes: notes.length,
      left: passages.length - exported.length,
    },
  };
}
