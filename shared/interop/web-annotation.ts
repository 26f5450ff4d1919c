/**
 * W3C Web Annotation (https://www.w3.org/TR/annotation-model/) export and import of coded passages.
 *
 * ## What a workbench annotation becomes
 *
 * One `AnnotationCollection` per source, with its annotations embedded in one `AnnotationPage`
 * (`first.items`). Every annotation carries its own `@context`, so each item can be taken out and used
 * on its own (posted to an annotation server, validated, …).
 *
 * | Workbench                     | Web Annotation                                                                                   |
 * | ----------------------------- | ------------------------------------------------------------------------------------------------ |
 * | annotation id                 | `id: "urn:uuid:<annotation.id>"`                                                                 |
 * | createdAt / updatedAt         | `created` / `modified`; `generated` is the export instant, `generator` the app                   |
 * | the source                    | `target.source: "urn:sha256:<source.textHash>"`                                                  |
 * | quote, position               | `target.selector: [TextQuoteSelector, TextPositionSelector]`                                     |
 * | note                          | `TextualBody`, purpose `commenting`, format `text/plain` (`language` if the caller knows it)     |
 * | tag                           | `SpecificResource`, purpose `tagging`, `source: { id: "urn:uuid:<tag.id>", label: <name> }`      |
 * | threat                        | `SpecificResource`, purpose `linking`, `source: { id: "urn:uuid:<threat.id>", label: <title> }`  |
 * | actor                         | `SpecificResource`, purpose `identifying`, `source: { id: "urn:uuid:<actor.id>", label: <name> }`|
 * | country                       | `SpecificResource`, purpose `identifying`, `source: { id: "urn:iso:std:iso:3166:-1:KZ", label }` |
 * | anchor status                 | not exported: it describes this workspace's copy of the text, and is recomputed on import       |
 *
 * `motivation` lists what the bodies do (`commenting`, `tagging`, `identifying`, `linking`), a single
 * string when there is one, and is `highlighting` for a passage with no body at all.
 *
 * Choices, and why:
 *
 * - **Source**: `urn:sha256:` of the *normalised text* (`Source.textHash`), not of the imported file:
 *   the selectors' positions count UTF-16 code units of that normalised text, so it is the text hash that
 *   says which text the positions are valid for. The same article imported into another workspace gets
 *   the same IRI.
 * - **Tags** are `SpecificResource` bodies (the model's "semantic tag", Example 39), not `TextualBody`
 *   bodies with an `id`: the test suite treats any body with an `id` and no `source` as an External Web
 *   Resource, and an External Web Resource may not carry `purpose` (must assertion
 *   3.3.5-bodyEWRNoPurpose), so a `TextualBody` with both `id` and `purpose: "tagging"` fails the musts.
 *   The tag's name rides along as `label` (`rdfs:label` in the anno.jsonld context). Textual tags from
 *   other tools (`TextualBody` + `tagging`, no id) are still read, by name.
 * - **Threats, actors** keep the workbench's UUIDs (`urn:uuid:`); what the link *is* comes from the
 *   body's purpose: `linking` → the passage is evidence for that threat; `identifying` → the passage
 *   names that actor. **Countries** use an RFC 5141-style URN of ISO 3166-1 followed by the alpha-2 code,
 *   `urn:iso:std:iso:3166:-1:KZ` (unregistered beyond the standard's own URN, but unambiguous and
 *   offline).
 *
 * ## What is read back
 *
 * `fromAnnotationCollection` accepts a single Annotation, an array of them, an AnnotationPage, or an
 * AnnotationCollection with its first page embedded. It never throws on bad input: what it cannot use is
 * described, one sentence each, in `problems`. An annotation needs a usable TextQuoteSelector (on the
 * target, in a selector list, or in a `refinedBy` chain); without one it is skipped. See
 * `ImportedAnnotation` for the shape of what comes back.
 */
import { z } from 'zod';
import { type Actor } from '../domain/actor';
import { type AuthorDetails, authorDisplayName } from '../domain/author';
import { type Annotation, type Tag, TextPosition, TextQuote } from '../domain/annotation';
import { type Country } from '../domain/country';
import { CountryCode, Id, Instant } from '../domain/primitives';
import { type Source } from '../domain/source';
import { normaliseText } from '../domain/text';
import { type Threat } from '../domain/threat';
import { UUID_NAMESPACE, uuidv5 } from './stix/uuidv5';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** ISO's Online Browsing Platform page of a country code: the ISO 3166 URI of a country. */
export const COUNTRY_IRI_PREFIX = 'https://www.iso.org/obp/ui/#iso:code:3166:';
/** The URN earlier exports used (read on import). */
export const LEGACY_COUNTRY_IRI_PREFIX = 'urn:iso:std:iso:3166:-1:';

/** Import stops reading after this many annotations (and says so). */
export const MAX_IMPORTED_ANNOTATIONS = 100_000;
/** At most this many problem sentences are listed; the rest are counted in one last sentence. */
export const MAX_LISTED_PROBLEMS = 200;
const NOTE_MAX = 100_000;
const TAG_NAME_MAX = 200;
const REFINED_BY_DEPTH = 8;

// ---------------------------------------------------------------------------------------------------
// IRIs

const UUID_IRI = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const COUNTRY_IRIS = [
  /^https?:\/\/www\.iso\.org\/obp\/ui\/#iso:code:3166:([a-z]{2})$/i,
  /^urn:iso:std:iso:3166:-1:([a-z]{2})$/i,
];
const SHA256_IRI = /^urn:sha256:([0-9a-f]{64})$/i;

export const uuidIri = (id: string): string => `urn:uuid:${id.toLowerCase()}`;
export const countryIri = (code: string): string => `${COUNTRY_IRI_PREFIX}${code.toUpperCase()}`;
/** The IRI of a source's normalised text: what the selectors of its annotations refer to. */
export const sourceTextIri = (source: Pick<Source, 'textHash'>): string => `urn:sha256:${source.textHash}`;

/** The workbench id in a `urn:uuid:` IRI, lower case, or null when it is not one. */
export function parseUuidIri(iri: string): Id | null {
  const match = UUID_IRI.exec(iri.trim());
  if (!match) return null;
  const id = match[1]!.toLowerCase();
  return Id.safeParse(id).success ? id : null;
}

/** The ISO 3166-1 alpha-2 code in a country IRI, upper case, or null. */
export function parseCountryIri(iri: string): CountryCode | null {
  for (const pattern of COUNTRY_IRIS) {
    const match = pattern.exec(iri.trim());
    if (match) return match[1]!.toUpperCase();
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Export

export interface WebAnnotationContext {
  /** The annotated source. */
  source: Source;
  /** The codebook (to name tags). */
  tags: Tag[];
  threats: Pick<Threat, 'id' | 'title'>[];
  actors: Pick<Actor, 'id' | 'name'>[];
  countries: Pick<Country, 'code' | 'name'>[];
  generator: { name: string; version: string };
  /** Who exports (Settings → export author): every annotation's `creator`; none when unset. */
  author?: AuthorDetails | null;
  /** ISO instant of the export. */
  exportedAt: string;
  /** BCP 47 language of the analysts' notes, when known (the source's language says nothing about them). */
  noteLanguage?: string;
  /** Makes the collection and page ids; defaults to `crypto.randomUUID`. */
  newId?: () => string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** RFC 3339 date-time with seconds and a zone, as the test suite's `date-time` format wants. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function dateTime(value: string): string {
  if (RFC3339.test(value)) return value;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`not an instant: ${value}`);
  return new Date(time).toISOString();
}

function resourceRef(iri: string, label: string | undefined): Json {
  return label ? { id: iri, label } : iri;
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

function oneOrList(values: string[]): Json {
  return values.length === 1 ? values[0]! : values;
}

function exportAnnotation(
  annotation: Annotation,
  names: Names,
  context: WebAnnotationContext,
  generator: JsonObject,
  creator: JsonObject | null,
  target: JsonObject,
): JsonObject {
  const bodies: JsonObject[] = [];
  const motivations: string[] = [];
  if (annotation.note.length > 0) {
    const note: JsonObject = {
      type: 'TextualBody',
      purpose: 'commenting',
      value: annotation.note,
      format: 'text/plain',
    };
    if (context.noteLanguage) note.language = context.noteLanguage;
    bodies.push(note);
    motivations.push('commenting');
  }
  for (const id of unique(annotation.tagIds)) {
    const name = names.tags.get(id);
    // A tag is its name, as annotation tools keep tags; one no longer in the codebook has only its id.
    bodies.push(
      name
        ? { type: 'TextualBody', purpose: 'tagging', value: name }
        : { type: 'SpecificResource', purpose: 'tagging', source: uuidIri(id) },
    );
    motivations.push('tagging');
  }
  for (const id of unique(annotation.actorIds)) {
    bodies.push({
      type: 'SpecificResource',
      purpose: 'linking',
      source: resourceRef(uuidIri(id), names.actors.get(id)),
    });
    motivations.push('linking');
  }
  for (const code of unique(annotation.countryCodes)) {
    bodies.push({
      type: 'SpecificResource',
      purpose: 'linking',
      source: resourceRef(countryIri(code), names.countries.get(code)),
    });
    motivations.push('linking');
  }
  for (const id of unique(annotation.threatIds)) {
    bodies.push({
      type: 'SpecificResource',
      purpose: 'linking',
      source: resourceRef(uuidIri(id), names.threats.get(id)),
    });
    motivations.push('linking');
  }

  const quote: JsonObject = { type: 'TextQuoteSelector', exact: annotation.quote.exact };
  if (annotation.quote.prefix) quote.prefix = annotation.quote.prefix;
  if (annotation.quote.suffix) quote.suffix = annotation.quote.suffix;

  const out: JsonObject = {
    id: uuidIri(annotation.id),
    type: 'Annotation',
    motivation: motivations.length > 0 ? oneOrList(unique(motivations)) : 'highlighting',
  };
  if (creator) out.creator = { ...creator };
  Object.assign(out, {
    created: dateTime(annotation.createdAt),
    modified: dateTime(annotation.updatedAt),
    generated: dateTime(context.exportedAt),
    generator: { ...generator },
  });
  if (bodies.length > 0) out.body = bodies;
  out.target = {
    type: 'SpecificResource',
    source: { ...target },
    selector: [quote, { type: 'TextPositionSelector', start: annotation.position.start, end: annotation.position.end }],
  };
  return out;
}

/** The author as a W3C agent: a Person (with the organisation as schema.org affiliation) or an Organization. */
function agent(author: AuthorDetails): JsonObject | null {
  const name = authorDisplayName(author);
  if (!name) return null;
  if (author.identityClass !== 'individual') return { type: 'Organization', name };
  const person: JsonObject = { type: 'Person', name };
  if (author.name.trim() && author.organisation.trim())
    person['schema:affiliation'] = { type: 'Organization', name: author.organisation.trim() };
  return person;
}

/**
 * The annotated text: its hash (the positions count UTF-16 code units of exactly that text), its title as
 * `label`, the language, and — when the source has a web address — that address as `via` (the resource the
 * text was retrieved from).
 */
function sourceResource(source: Source): JsonObject {
  const resource: JsonObject = {
    id: sourceTextIri(source),
    type: 'Text',
    format: 'text/plain',
    label: source.title,
  };
  if (source.language) resource.language = source.language;
  const url = typeof source.url === 'string' ? webAddress(source.url) : null;
  if (url) resource.via = url;
  return resource;
}

/** An http(s) address as a valid IRI, or null. */
function webAddress(address: string): string | null {
  const trimmed = address.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    return new URL(trimmed).href;
  } catch {
    return null;
  }
}

interface Names {
  tags: Map<string, string>;
  threats: Map<string, string>;
  actors: Map<string, string>;
  countries: Map<string, string>;
}

/**
 * The source's annotations as a JSON-LD AnnotationCollection with one embedded AnnotationPage.
 * Throws if an annotation belongs to another source (a caller's mistake, not a data problem).
 */
export function toAnnotationCollection(annotations: Annotation[], context: WebAnnotationContext): unknown {
  const newId = context.newId ?? (() => crypto.randomUUID());
  const names: Names = {
    tags: new Map(context.tags.map((t) => [t.id, t.name])),
    threats: new Map(context.threats.map((t) => [t.id, t.title])),
    actors: new Map(context.actors.map((a) => [a.id, a.name])),
    countries: new Map(context.countries.map((c) => [c.code, c.name])),
  };
  const generator: JsonObject = {
    type: 'Software',
    name: context.generator.name,
    'schema:softwareVersion': context.generator.version,
  };
  for (const annotation of annotations) {
    if (annotation.sourceId !== context.source.id) {
      throw new Error(`annotation ${annotation.id} belongs to source ${annotation.sourceId}, not ${context.source.id}`);
    }
  }
  const collectionId = uuidIri(newId());
  const creator = context.author ? agent(context.author) : null;
  const target = sourceResource(context.source);
  return {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: context.source.title,
    total: annotations.length,
    generator,
    generated: dateTime(context.exportedAt),
    first: {
      id: uuidIri(newId()),
      type: 'AnnotationPage',
      partOf: collectionId,
      startIndex: 0,
      items: annotations.map((a) => exportAnnotation(a, names, context, generator, creator, target)),
    },
  } satisfies JsonObject;
}

// ---------------------------------------------------------------------------------------------------
// Import

/**
 * One annotation read from a Web Annotation document, ready for the app to anchor against its copy of
 * the source text and store. It is an `Annotation` without `anchor` (computed by anchoring), with:
 *
 * - `sourceId`: the one the caller imports into;
 * - `position`: null when the document gave none, an invalid one, one that disagrees with the quote's
 *   length, or one measured on another text (see `textHash`) — then anchor by the quote alone;
 * - `tagIds`: tags identified by id (resolved against `codebook` when one is given);
 * - `tagNames`: tags known only by name (textual tags from other tools, or tags of another workspace
 *   whose id is not in `codebook`): the app matches or creates them;
 * - `createdAt`/`updatedAt`: from `created`/`modified`, null when absent or not an ISO instant.
 */
export const ImportedAnnotation = z.object({
  id: Id,
  sourceId: z.string(),
  quote: TextQuote,
  position: TextPosition.nullable(),
  note: z.string().max(NOTE_MAX),
  tagIds: z.array(Id),
  tagNames: z.array(z.string().min(1).max(TAG_NAME_MAX)),
  threatIds: z.array(Id),
  actorIds: z.array(Id),
  /** Links (purpose `linking`) to a workbench id that is neither a threat nor an actor the caller named: the app looks them up. */
  linkIds: z.array(Id),
  countryCodes: z.array(CountryCode),
  createdAt: Instant.nullable(),
  updatedAt: Instant.nullable(),
});
export type ImportedAnnotation = z.infer<typeof ImportedAnnotation>;

export interface WebAnnotationImportTarget {
  /** The source the annotations are imported into. */
  sourceId: string;
  /** That source's `textHash`: positions measured on another text are dropped (the quote still anchors). */
  textHash?: string;
  /** The codebook: tags are matched by id, then by name; without it ids are taken as they come. */
  codebook?: Pick<Tag, 'id' | 'name'>[];
  /** Makes ids for annotations without a usable `urn:uuid:` id; defaults to `crypto.randomUUID`. */
  newId?: () => string;
  /** The threats and actors a link may point at (by id): a link to one of them becomes a threat or actor link. */
  threats?: Pick<Threat, 'id'>[];
  actors?: Pick<Actor, 'id'>[];
}

export interface WebAnnotationImport {
  annotations: ImportedAnnotation[];
  problems: string[];
}

// Lenient shapes of what may come in: only the fields read, each checked where it is used.
const OneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((v) => (Array.isArray(v) ? v : [v]));
const Strings = OneOrMany(z.string());
const TypeOf = z.object({ type: Strings.optional() });
const Label = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v[0] : v));

const Page = z.object({ type: Strings.optional(), items: z.array(z.unknown()), next: z.unknown().optional() });
const Collection = z.object({ type: Strings, first: z.unknown().optional() });
const Context = z.object({ '@context': z.unknown().optional() });

const AnnotationIn = z.object({
  id: z.unknown().optional(),
  type: Strings.optional(),
  motivation: Strings.optional().catch(undefined),
  created: z.unknown().optional(),
  modified: z.unknown().optional(),
  body: z.unknown().optional(),
  bodyValue: z.unknown().optional(),
  target: z.unknown().optional(),
});

const ResourceIn = z.object({
  id: z.string().optional().catch(undefined),
  type: Strings.optional().catch(undefined),
  purpose: Strings.optional().catch(undefined),
  value: z.unknown().optional(),
  source: z.unknown().optional(),
  label: Label.optional().catch(undefined),
});
const SourceRef = z.union([
  z.string().transform((id) => ({ id, label: undefined as string | undefined })),
  z.object({ id: z.string(), label: Label.optional().catch(undefined) }),
]);

const TargetIn = z.object({ source: z.unknown().optional(), selector: z.unknown().optional() });
const SelectorIn = z.object({ type: Strings.optional(), refinedBy: z.unknown().optional() });
const QuoteIn = z.object({
  exact: z.string().min(1),
  prefix: z.string().optional().catch(undefined),
  suffix: z.string().optional().catch(undefined),
});
const PositionIn = z.object({ start: z.int().nonnegative(), end: z.int().nonnegative() });

/** What a Hypothesis annotation adds to the Web Annotation shape (its API's "Annotation" schema). */
const HypothesisIn = z.object({
  uri: z.string().optional(),
  text: z.string().optional().catch(undefined),
  tags: z.array(z.string()).optional().catch(undefined),
  updated: z.unknown().optional(),
  user: z.string().optional().catch(undefined),
});
/** A Hypothesis search answer (`GET /api/search`): `{ total, rows: [annotation…] }`. */
const HypothesisSearch = z.object({ rows: z.array(z.unknown()) });
/** UUIDv5 name space of the ids given to Hypothesis annotations: UUIDv5 of "urn:x-analyst-workbench:hypothesis" in the URL name space. */
export const HYPOTHESIS_ID_NAMESPACE = uuidv5('urn:x-analyst-workbench:hypothesis', UUID_NAMESPACE.URL);

const has = (types: string[] | undefined, type: string) => types?.includes(type) ?? false;
const nonBlank = (value: string | undefined) => (value === undefined ? undefined : value.trim() || undefined);

/** Short, printable form of something the document said, for a problem sentence. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Array.isArray(value) ? '[a list]' : '[an object]';
  }
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}

class Problems {
  readonly list: string[] = [];
  private dropped = 0;
  add(sentence: string) {
    if (this.list.length < MAX_LISTED_PROBLEMS) this.list.push(sentence);
    else this.dropped++;
  }
  done(): string[] {
    if (this.dropped > 0) this.list.push(`${this.dropped} further problems are not listed.`);
    return this.list;
  }
}

/** The annotations of a document, whatever its shape. */
function annotationItems(json: unknown, problems: Problems): unknown[] {
  if (Array.isArray(json)) return json;
  const search = HypothesisSearch.safeParse(json);
  if (search.success && !('type' in (json as object))) return search.data.rows;
  const typed = TypeOf.safeParse(json);
  if (!typed.success || typeof json !== 'object' || json === null) {
    problems.add(
      'The file is not a Web Annotation document: expected an Annotation, a list of them, an AnnotationPage or an AnnotationCollection.',
    );
    return [];
  }
  // One Hypothesis annotation (no JSON-LD context of its own).
  if (!('@context' in json) && 'uri' in json && 'target' in json) return [json];
  const context = Context.safeParse(json);
  const declared = context.success ? context.data['@context'] : undefined;
  const contexts = Array.isArray(declared) ? declared : [declared];
  if (!contexts.includes(ANNO_CONTEXT)) {
    problems.add(
      `The document does not declare the Web Annotation context (${ANNO_CONTEXT}); it was read as Web Annotation anyway.`,
    );
  }
  const types = typed.data.type;
  if (has(types, 'AnnotationCollection')) {
    const collection = Collection.safeParse(json);
    const first = collection.success ? collection.data.first : undefined;
    if (typeof first === 'string') {
      problems.add(
        'The collection only links to its pages (first is an address, not an embedded page); nothing could be read.',
      );
      return [];
    }
    const page = Page.safeParse(first);
    if (!page.success) {
      problems.add('The collection has no embedded first page with items; nothing could be read.');
      return [];
    }
    if (page.data.next !== undefined)
      problems.add('The collection has further pages that are not embedded; only its first page was read.');
    return page.data.items;
  }
  if (has(types, 'AnnotationPage')) {
    const page = Page.safeParse(json);
    if (!page.success) {
      problems.add('The annotation page has no list of items; nothing could be read.');
      return [];
    }
    return page.data.items;
  }
  if (has(types, 'Annotation') || (types === undefined && 'target' in json)) return [json];
  problems.add(`The file is not a Web Annotation document (its type is ${shown(types ?? 'missing')}).`);
  return [];
}

interface Selectors {
  quote: z.infer<typeof QuoteIn> | null;
  quoteInvalid: boolean;
  position: z.infer<typeof PositionIn> | null;
  positionInvalid: boolean;
}

/** Finds the quote and position selectors among a target's selectors and their refinedBy chains. */
function readSelectors(selector: unknown): Selectors {
  const found: Selectors = { quote: null, quoteInvalid: false, position: null, positionInvalid: false };
  const pending: { value: unknown; depth: number }[] = (Array.isArray(selector) ? selector : [selector]).map(
    (value) => ({ value, depth: 0 }),
  );
  for (let i = 0; i < pending.length && i < 1000; i++) {
    const { value, depth } = pending[i]!;
    const parsed = SelectorIn.safeParse(value);
    if (!parsed.success) continue;
    const types = parsed.data.type;
    if (has(types, 'TextQuoteSelector') && !found.quote) {
      const quote = QuoteIn.safeParse(value);
      if (quote.success) found.quote = quote.data;
      else found.quoteInvalid = true;
    }
    if (has(types, 'TextPositionSelector') && !found.position) {
      const position = PositionIn.safeParse(value);
      if (position.success && position.data.end > position.data.start) found.position = position.data;
      else found.positionInvalid = true;
    }
    const refined = parsed.data.refinedBy;
    if (refined !== undefined && depth < REFINED_BY_DEPTH) {
      for (const next of Array.isArray(refined) ? refined : [refined]) pending.push({ value: next, depth: depth + 1 });
    }
  }
  return found;
}

interface TagRef {
  id: Id | null;
  name: string | undefined;
}

interface Read {
  notes: string[];
  tags: TagRef[];
  threatIds: Id[];
  actorIds: Id[];
  links: Id[];
  countryCodes: CountryCode[];
  ignored: string[];
}

/** Interprets one body (see the table at the top of this file). */
function readBody(body: unknown, motivations: string[] | undefined, read: Read) {
  if (typeof body === 'string') {
    const country = parseCountryIri(body);
    if (country) read.countryCodes.push(country);
    else read.ignored.push(shown(body));
    return;
  }
  const parsed = ResourceIn.safeParse(body);
  if (!parsed.success) {
    read.ignored.push(shown(body));
    return;
  }
  const resource = parsed.data;
  // A body without purpose takes the annotation's motivation, when that is a single one.
  const purposes = resource.purpose ?? (motivations?.length === 1 ? motivations : []);
  if (typeof resource.value === 'string' && resource.source === undefined) {
    // An embedded textual body: a textual tag, or a note.
    if (has(purposes, 'tagging')) {
      const name = nonBlank(resource.value);
      const id = resource.id ? parseUuidIri(resource.id) : null;
      if (name || id) read.tags.push({ id, name });
    } else if (resource.value.trim().length > 0) {
      read.notes.push(resource.value);
    }
    return;
  }
  // A SpecificResource (IRI in `source`) or an External Web Resource (IRI in `id`).
  let ref: { id: string; label?: string | undefined } | undefined;
  if (resource.source !== undefined) {
    const source = SourceRef.safeParse(resource.source);
    if (source.success) ref = source.data;
  } else if (resource.id !== undefined && !has(resource.type, 'Choice') && !has(resource.type, 'Set')) {
    ref = { id: resource.id, label: resource.label };
  }
  if (!ref) {
    read.ignored.push(shown(body));
    return;
  }
  const country = parseCountryIri(ref.id);
  if (country) {
    read.countryCodes.push(country);
    return;
  }
  const id = parseUuidIri(ref.id);
  const label = nonBlank(ref.label);
  if (has(purposes, 'tagging') || has(purposes, 'classifying')) {
    if (id || label) read.tags.push({ id, name: label });
    else read.ignored.push(shown(body));
  } else if (id && has(purposes, 'linking')) {
    read.links.push(id);
  } else if (id && has(purposes, 'identifying')) {
    // Earlier exports named actors with `identifying`.
    read.actorIds.push(id);
  } else {
    read.ignored.push(shown(body));
  }
}

function resolveTags(
  refs: TagRef[],
  codebook: Pick<Tag, 'id' | 'name'>[] | undefined,
  label: string,
  problems: Problems,
) {
  const tagIds: Id[] = [];
  const tagNames: string[] = [];
  const known = codebook ? new Set(codebook.map((t) => t.id)) : null;
  const byName = new Map<string, string | null>();
  for (const tag of codebook ?? []) {
    const key = tag.name.normalize('NFC').trim().toLocaleLowerCase();
    byName.set(key, byName.has(key) ? null : tag.id); // null: the name is ambiguous in the codebook
  }
  for (const ref of refs) {
    if (ref.id && (!known || known.has(ref.id))) {
      tagIds.push(ref.id);
      continue;
    }
    if (ref.name && ref.name.length > TAG_NAME_MAX) {
      problems.add(
        `${label} has a tag name longer than ${TAG_NAME_MAX} characters (${shown(ref.name)}); the tag was left out.`,
      );
      continue;
    }
    if (ref.name) {
      const match = known ? byName.get(ref.name.normalize('NFC').toLocaleLowerCase()) : undefined;
      if (match) tagIds.push(match);
      else tagNames.push(ref.name.normalize('NFC'));
      continue;
    }
    problems.add(
      `${label} refers to tag ${shown(ref.id)}, which is not in the codebook and has no name; the tag was left out.`,
    );
  }
  return { tagIds: unique(tagIds), tagNames: unique(tagNames) };
}

function instant(value: unknown): string | null {
  return Instant.safeParse(value).success ? (value as string) : null;
}

function readAnnotation(
  item: unknown,
  index: number,
  target: WebAnnotationImportTarget,
  seenIds: Set<string>,
  newId: () => string,
  problems: Problems,
): ImportedAnnotation | null {
  const parsed = AnnotationIn.safeParse(item);
  const rawId = parsed.success ? parsed.data.id : undefined;
  const label = `Annotation ${index + 1}${typeof rawId === 'string' ? ` (${shown(rawId)})` : ''}`;
  if (typeof item === 'string') {
    problems.add(`${label} is only an address (${shown(item)}), not an embedded annotation; it was skipped.`);
    return null;
  }
  if (!parsed.success) {
    problems.add(`${label} is not an annotation object; it was skipped.`);
    return null;
  }
  const annotation = parsed.data;
  if (annotation.type !== undefined && !has(annotation.type, 'Annotation')) {
    problems.add(`${label} is of type ${shown(annotation.type)}, not Annotation; it was skipped.`);
    return null;
  }
  if (annotation.target === undefined) {
    problems.add(`${label} has no target; it was skipped.`);
    return null;
  }

  // The first target that quotes text.
  const targets = Array.isArray(annotation.target) ? annotation.target : [annotation.target];
  let chosen: { source: unknown; selectors: Selectors } | null = null;
  let sawBadQuote = false;
  for (const candidate of targets.slice(0, 100)) {
    const t = TargetIn.safeParse(candidate);
    if (!t.success || t.data.selector === undefined) continue;
    const selectors = readSelectors(t.data.selector);
    if (selectors.quote) {
      chosen = { source: t.data.source, selectors };
      break;
    }
    sawBadQuote ||= selectors.quoteInvalid;
  }
  if (!chosen) {
    problems.add(
      sawBadQuote
        ? `${label} has a TextQuoteSelector without the quoted text (exact); it was skipped.`
        : `${label} does not quote a passage (no TextQuoteSelector on its target); it was skipped.`,
    );
    return null;
  }
  const { selectors } = chosen;
  const quote = {
    exact: normaliseText(selectors.quote!.exact),
    prefix: normaliseText(selectors.quote!.prefix ?? ''),
    suffix: normaliseText(selectors.quote!.suffix ?? ''),
  };
  if (quote.exact.length === 0) {
    problems.add(`${label} quotes an empty passage; it was skipped.`);
    return null;
  }

  let position: z.infer<typeof TextPosition> | null = selectors.position;
  if (selectors.positionInvalid && !position) {
    problems.add(
      `${label} has an invalid TextPositionSelector (start and end must be whole numbers, 0 or more, end after start); it will be placed by its quote.`,
    );
  }
  if (position && position.end - position.start !== quote.exact.length) {
    problems.add(`${label} gives a position that does not span its quote; it will be placed by its quote.`);
    position = null;
  }
  if (position && target.textHash) {
    const sourceId = SourceRef.safeParse(chosen.source);
    const hash = sourceId.success ? SHA256_IRI.exec(sourceId.data.id)?.[1]?.toLowerCase() : undefined;
    if (hash !== target.textHash.toLowerCase()) {
      problems.add(`${label} was made on another text than this source's; it will be placed by its quote.`);
      position = null;
    }
  }

  const hypothesis = HypothesisIn.safeParse(item);
  const fromHypothesis = hypothesis.success && annotation.body === undefined && annotation.bodyValue === undefined;
  let id = typeof rawId === 'string' ? parseUuidIri(rawId) : null;
  // A Hypothesis id is not a UUID: the same annotation gets the same id at every import, so it comes in once.
  if (!id && fromHypothesis && typeof rawId === 'string' && rawId.length > 0)
    id = uuidv5(`hypothesis:${rawId}`, HYPOTHESIS_ID_NAMESPACE);
  if (id && seenIds.has(id)) {
    problems.add(`${label} has the same id as an earlier annotation; it was given a new one.`);
    id = null;
  }
  if (!id) id = newId();
  seenIds.add(id);

  const read: Read = { notes: [], tags: [], threatIds: [], actorIds: [], links: [], countryCodes: [], ignored: [] };
  const motivations = annotation.motivation;
  if (typeof annotation.bodyValue === 'string' && annotation.bodyValue.trim().length > 0)
    read.notes.push(annotation.bodyValue);
  if (fromHypothesis) {
    // Hypothesis (h.readthedocs.io, API "Annotation" schema): the note is `text`, the tags are `tags`.
    const { text, tags } = hypothesis.data;
    if (text && text.trim().length > 0) read.notes.push(text);
    for (const name of tags ?? []) if (nonBlank(name)) read.tags.push({ id: null, name: name.trim() });
  }
  const bodies =
    annotation.body === undefined ? [] : Array.isArray(annotation.body) ? annotation.body : [annotation.body];
  for (const body of bodies.slice(0, 10_000)) readBody(body, motivations, read);
  if (read.ignored.length > 0) {
    const listed = read.ignored.slice(0, 3).join('; ');
    problems.add(
      `${label}: ${read.ignored.length} bod${read.ignored.length === 1 ? 'y was' : 'ies were'} not understood and left out (${listed}${read.ignored.length > 3 ? '; …' : ''}).`,
    );
  }

  let note = read.notes.map((n) => normaliseText(n)).join('\n\n');
  if (note.length > NOTE_MAX) {
    problems.add(`${label} has a note longer than ${NOTE_MAX} characters; it was shortened.`);
    note = note.slice(0, NOTE_MAX).replace(/[\uD800-\uDBFF]$/, '');
  }
  const tags = resolveTags(read.tags, target.codebook, label, problems);
  const threatIds = new Set(target.threats?.map((t) => t.id));
  const actorIds = new Set(target.actors?.map((a) => a.id));
  for (const link of read.links) {
    if (actorIds.has(link)) read.actorIds.push(link);
    else if (threatIds.has(link) || !target.actors) read.threatIds.push(link);
  }

  const result: ImportedAnnotation = {
    id,
    sourceId: target.sourceId,
    quote,
    position,
    note,
    tagIds: tags.tagIds,
    tagNames: tags.tagNames,
    threatIds: unique(read.threatIds),
    actorIds: unique(read.actorIds),
    linkIds: target.actors ? unique(read.links.filter((l) => !actorIds.has(l) && !threatIds.has(l))) : [],
    countryCodes: unique(read.countryCodes),
    createdAt: instant(annotation.created),
    updatedAt: instant(annotation.modified ?? (fromHypothesis ? hypothesis.data.updated : undefined)),
  };
  const checked = ImportedAnnotation.safeParse(result);
  if (!checked.success) {
    problems.add(
      `${label} could not be read: ${shown(checked.error.issues[0]?.message ?? 'invalid')}; it was skipped.`,
    );
    return null;
  }
  return checked.data;
}

/**
 * Reads annotations from a Web Annotation document (already parsed from JSON; a string is parsed as
 * JSON text). Never throws on bad input: everything left out is explained in `problems`.
 */
export function fromAnnotationCollection(json: unknown, target: WebAnnotationImportTarget): WebAnnotationImport {
  const problems = new Problems();
  const annotations: ImportedAnnotation[] = [];
  const newId = target.newId ?? (() => crypto.randomUUID());
  try {
    let document = json;
    if (typeof document === 'string') {
      try {
        document = JSON.parse(document) as unknown;
      } catch {
        problems.add('The file is not JSON.');
        return { annotations, problems: problems.done() };
      }
    }
    const items = annotationItems(document, problems);
    if (items.length > MAX_IMPORTED_ANNOTATIONS) {
      problems.add(
        `The document holds ${items.length} annotations; only the first ${MAX_IMPORTED_ANNOTATIONS} were read.`,
      );
    }
    const seenIds = new Set<string>();
    const count = Math.min(items.length, MAX_IMPORTED_ANNOTATIONS);
    for (let i = 0; i < count; i++) {
      try {
        const read = readAnnotation(items[i], i, target, seenIds, newId, problems);
        if (read) annotations.push(read);
      } catch {
        problems.add(`Annotation ${i + 1} could not be read; it was skipped.`);
      }
    }
  } catch {
    problems.add('The document could not be read.');
  }
  return { annotations, problems: problems.done() };
}
