/**
 * STIX 2.1 export of a threat register (https://docs.oasis-open.org/cti/stix/v2.1/os/stix-v2.1-os.html),
 * for threat-intelligence platforms such as OpenCTI and MISP.
 *
 * `registerToStixBundle` turns one register, its threats and what they are linked to into one STIX
 * `bundle`: a plain JSON object, ready for `JSON.stringify`. It is a pure function of its input: the same
 * input gives the same bundle, byte for byte, and every id is a UUIDv5 of a workbench id, so a re-export
 * updates the same objects in the receiving platform instead of duplicating them.
 *
 * ## What each record becomes
 *
 * | Workbench                                  | STIX 2.1                                                                                              |
 * | ------------------------------------------ | ----------------------------------------------------------------------------------------------------- |
 * | the export author (Settings)               | `identity`: name, `identity_class` (individual / organization / group), the organisation in the description, `roles: ["analyst"]` for a person; `created`/`modified` = when it was set. The `created_by_ref` of every other object, and the `authors` of every note. Unset: a stand-in named as such |
 * | TLP of the export                          | the OASIS TLP 2.0 `marking-definition` (see below), in `object_marking_refs` of every other object    |
 * | register                                   | `report`: name, description (+ scope, scale), `published` = export instant, `report_types: ["threat-report"]`, `object_refs` = every object but itself, the identity and the marking; `external_references` = the sources given |
 * | threat                                     | `grouping` (see "Why a grouping") with `context: "unspecified"`                                       |
 * |   title, description                       | `name`, `description`                                                                                 |
 * |   likelihood, impact, score, band, trend, status, category | custom properties `x_analyst_workbench_likelihood`, `_impact`, `_score`, `_scale_levels`, `_band`, `_trend`, `_status`, `_category` (STIX 2.1 §11.1 names: a–z, 0–9, `_`, one `x_` prefix) and, in words, the description |
 * |   its reasoning                            | a `note` about the grouping (`object_refs`), by the author (`authors`): the description and the risk in words; the grouping points at it with `x_analyst_workbench_rationale_ref` |
 * |   confidence (low / moderate / high)       | `confidence` 15 / 50 / 85: the "Low/Med/High" scale of STIX 2.1 Appendix A                           |
 * |   indicators (prose)                       | a list in the description. No `indicator` objects: those need a STIX pattern, and prose is not one   |
 * |   mitigations                              | one `course-of-action` each, in the grouping's `object_refs` (the spec's `mitigates` targets attack patterns, malware, tools, vulnerabilities and indicators — none of which a register threat is) |
 * |   actors                                   | the threat actors (and state identities) in the grouping's `object_refs`                              |
 * |   origin country                           | its location in `object_refs`, and named by `x_analyst_workbench_origin_ref`                          |
 * |   countries                                | their locations in `object_refs`, and listed by `x_analyst_workbench_affected_refs`                   |
 * |   owner, last review                       | description                                                                                           |
 * |   its context                              | `object_refs`: its actors, locations, courses of action, evidence notes and its reasoning note. No relationship starts or ends at a grouping |
 * | actor                                      | `threat-actor`: name, `aliases` (the name itself left out), description (+ bases), `threat_actor_types`, `resource_level` |
 * |   its threat-actor types                   | `threat_actor_types`: the analyst's (Actors view), from the spec's vocabulary; until decided, by kind: armed group `["terrorist"]`, criminal network `["crime-syndicate"]`, organisation / person / other `["unknown"]` |
 * |   kind                                     | `resource_level`: armed group, criminal network, organisation → `organization`; person → `individual`; other → — |
 * |   state                                    | not a threat actor: the country is its `location`, and the state acting is an `identity` (`identity_class: "organization"`, `sectors: ["government"]`) `located-at` that location |
 * | actor's countries                          | state: its identity `located-at`. Others: `located-at` where a linked threat emanates from that country; for armed groups, `targets` where a linked *terrorism* threat affects that country; otherwise `related-to` (the common relationship). Each says why in its description. Every relationship is one STIX 2.1 §4 lists for its two types (tests/support/stix-relationship-table.ts) |
 * | country                                    | `location`: name, `country` (ISO 3166-1 alpha-2), `region` (from the UN M49 sub-region), `latitude`/`longitude` of the **capital** (so the country can be placed on a map; the description says so), facts, stance and notes in the description, the facts' sources as `external_references` |
 * | a country code with no country record      | a `location` with only `country` and its English name                                                 |
 * | annotation (coded passage)                 | `note` (`authors` = the author): `abstract` = the start of the quote, `content` = the quote, its citation, the analyst's note (and, for an orphaned passage, that it is no longer in the source's current text); `object_refs` = its threats (groupings), actors and locations of this export, else the report; `external_references` = the source; `confidence` from the source's Admiralty credibility (STIX 2.1 Appendix A: 1→90, 2→70, 3→50, 4→30, 5→10, 6 → none) |
 * | source                                     | an external reference (on its notes and on the report): `source_name` = title, `description` = author, publisher, date and Admiralty grade, `url` if it is an http(s)/ftp address (credentials dropped, non-ASCII percent-encoded), `external_id` = `urn:sha256:<text hash>` (the id the Web Annotation export uses) |
 *
 * ## Why a grouping
 *
 * STIX has no "risk". A register threat is an analytic judgement about a *problem* — a terrorist group's
 * recruitment, but also the Kosh-Tepa canal's draw on the Amu Darya, migration, a humanitarian crisis,
 * the rivalry of external powers. `campaign` ("a grouping of adversarial behaviours … against a specific
 * set of targets") and `attack-pattern` (a TTP) would assert adversarial operations the analyst did not
 * assert for most categories — exporting migrants as a campaign would be wrong. `incident` is a stub in
 * 2.1, `opinion` only grades other objects. A `grouping` "explicitly asserts that the referenced STIX
 * Objects have a shared context", which is exactly what a register threat does: it ties actors, places,
 * mitigations and the passages that justify it together under one judgement. Its `name`, `description`,
 * `confidence` and its `x_analyst_workbench_*` properties carry the judgement itself, its reasoning note the
 * why. `context` is `"unspecified"`, the one value of grouping-context-ov that fits. The spec lists no
 * relationship for a grouping, and OpenCTI and MISP drop relationships outside the spec's table, so a
 * threat's links are its `object_refs` and the custom `_ref` properties — never invented relationships.
 *
 * States are places and governments, not threat actors: a consumer that has its own country entities
 * (OpenCTI) merges the `location` by its ISO code, and the government `identity` stands for the state
 * where it acts.
 *
 * Armed groups are `threat-actor`s, not `intrusion-set`s: an intrusion set is a cluster of adversarial
 * behaviour and resources (a cyber notion, "APT28"), a threat actor is the individual, group or
 * organisation behind it. IMU, ISIS-K or TTP are organisations.
 *
 * ## Ids and timestamps
 *
 * Every id is `<type>--<UUIDv5(STIX_ID_NAMESPACE, name)>` with a name built from workbench ids:
 * `threat-actor:<actor id>`, `identity:state:<actor id>`, `grouping:threat:<threat id>`,
 * `note:annotation:<annotation id>`, `note:threat:<threat id>`, `report:register:<register id>`,
 * `location:country:<code>`, `identity:author:<class>:<name>:<organisation>`,
 * `course-of-action:<text>` (so one mitigation shared by several threats is one object),
 * `relationship:<source id>:<type>:<target id>` and `bundle:<register id>:<export instant>`.
 * `created` is the record's `createdAt` (a relationship: the later of its two ends'; a course of action:
 * the earliest of its threats'); `modified` is the latest `updatedAt` of everything the object is built
 * from (a grouping also moves when a passage is linked to it; a note when its source is edited), never
 * before `created`. Countries, which have no creation time, use the fixed `STIX_REFERENCE_EPOCH`; the
 * author identity uses the time its details were set in Settings (never later than the export). The report is re-published at every export: `published` and `modified` are the
 * export instant (`now`). All timestamps are written as STIX wants them: UTC, milliseconds, `Z`. Nothing
 * depends on the order of the input lists except the order of the bundle's objects (and the report's lists).
 * One limit: *deleting* a record (a passage, an actor, a threat) can shrink another object's `object_refs`
 * without any remaining record's `updatedAt` moving; that object then keeps its old `modified`, and a store
 * that keeps one copy per version (TAXII) keeps the old list.
 *
 * ## TLP
 *
 * The five TLP 2.0 marking definitions published by the OASIS CTI TC in cti-stix-common-objects
 * (extension `extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`, objects
 * `objects/marking-definition/marking-definition--*.json`), reproduced field for field. They are
 * extension-based, with no `definition_type`; OpenCTI recognises them by name. The extension-definition
 * object itself is not put in the bundle (it is named by a dictionary key, not a `_ref`, and its own
 * `created_by_ref` identity is not published with it).
 */
import { threatActorTypesOf, type Actor, type ActorKind } from '../domain/actor';
import { type AuthorIdentity, authorDisplayName, UNSET_AUTHOR_NAME } from '../domain/author';
import { type Annotation } from '../domain/annotation';
import { type Country, type FactSource } from '../domain/country';
import { bandOf } from '../domain/scoring';
import {
  admiraltyGrade,
  CREDIBILITY_LABELS,
  type Credibility,
  RELIABILITY_LABELS,
  type Source,
} from '../domain/source';
import { type Confidence, type Register, type Threat, isRated } from '../domain/threat';
import { uuidv5 } from './stix/uuidv5';

export { sha1, sha1Hex, UUID_NAMESPACE, uuidv5 } from './stix/uuidv5';

// ---------------------------------------------------------------------------------------------------
// Types

export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export interface StixExportInput {
  register: Register;
  /** The register's threats (all must belong to it). */
  threats: Threat[];
  actors: Actor[];
  countries: Country[];
  /** The passages linked to these threats (and their sources). */
  annotations: Annotation[];
  sources: Source[];
  tlp: Tlp;
  /**
   * The author (Settings → export author): the `identity` every other object's `created_by_ref` names, and
   * the `authors` of the notes. Unset (no name, no organisation): a stand-in identity labelled as such.
   */
  author: Pick<AuthorIdentity, 'name' | 'organisation' | 'identityClass'> & { updatedAt?: string };
  /** ISO instant of the export (the report's `published`, and the created/modified fallback). */
  now: string;
}

export interface StixExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  external_id?: string;
}

interface StixCommon {
  type: string;
  spec_version: '2.1';
  id: string;
  created_by_ref: string;
  created: string;
  modified: string;
  labels?: string[];
  confidence?: number;
  external_references?: StixExternalReference[];
  object_marking_refs: string[];
}

export interface StixIdentity extends Omit<StixCommon, 'created_by_ref'> {
  type: 'identity';
  created_by_ref?: string;
  name: string;
  description?: string;
  roles?: string[];
  identity_class: string;
  sectors?: string[];
}

export interface StixLocation extends StixCommon {
  type: 'location';
  name: string;
  description?: string;
  country: string;
  region?: string;
  latitude?: number;
  longitude?: number;
}

export interface StixThreatActor extends StixCommon {
  type: 'threat-actor';
  name: string;
  description?: string;
  aliases?: string[];
  threat_actor_types?: string[];
  resource_level?: string;
}

export interface StixGrouping extends StixCommon {
  type: 'grouping';
  name: string;
  description?: string;
  context: string;
  object_refs: string[];
  x_analyst_workbench_category: string;
  /** The four rating properties are absent while the threat is not yet rated (then `_rated` is false). */
  x_analyst_workbench_likelihood?: number;
  x_analyst_workbench_impact?: number;
  x_analyst_workbench_score?: number;
  x_analyst_workbench_scale_levels: number;
  x_analyst_workbench_band?: string;
  x_analyst_workbench_rated: boolean;
  x_analyst_workbench_trend: string;
  x_analyst_workbench_status: string;
  x_analyst_workbench_origin_ref?: string;
  x_analyst_workbench_affected_refs?: string[];
  x_analyst_workbench_rationale_ref: string;
}

export interface StixCourseOfAction extends StixCommon {
  type: 'course-of-action';
  name: string;
  description?: string;
}

export interface StixNote extends StixCommon {
  type: 'note';
  abstract: string;
  content: string;
  authors?: string[];
  object_refs: string[];
}

export interface StixReport extends StixCommon {
  type: 'report';
  name: string;
  description?: string;
  report_types: string[];
  published: string;
  object_refs: string[];
}

export interface StixRelationship extends StixCommon {
  type: 'relationship';
  relationship_type: string;
  description?: string;
  source_ref: string;
  target_ref: string;
}

export interface StixMarkingDefinition {
  type: 'marking-definition';
  spec_version: '2.1';
  id: string;
  created: string;
  name: string;
  extensions: Record<string, { extension_type: 'property-extension'; tlp_2_0: Tlp }>;
}

export type StixObject =
  | StixMarkingDefinition
  | StixIdentity
  | StixReport
  | StixLocation
  | StixThreatActor
  | StixGrouping
  | StixCourseOfAction
  | StixNote
  | StixRelationship;

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

// ---------------------------------------------------------------------------------------------------
// Constants

/** Name space of every id this module makes: UUIDv5 of "urn:x-analyst-workbench:stix-2.1" in the URL name space. */
export const STIX_ID_NAMESPACE = 'cd7d726f-17e5-526e-ae79-d777591375b4';

/** `created` of records that have no creation time of their own (countries, the identity). */
export const STIX_REFERENCE_EPOCH = '2020-01-01T00:00:00.000Z';

/** The TLP 2.0 extension of the OASIS CTI TC (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The ids of the five TLP 2.0 marking definitions (cti-stix-common-objects, objects/marking-definition/). */
export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The published TLP 2.0 marking definition for `tlp`, field for field. */
export function tlpMarkingDefinition(tlp: Tlp): StixMarkingDefinition {
  const id = TLP2_MARKING_IDS[tlp];
  if (!id) throw new Error(`unknown TLP level: ${String(tlp)}`);
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id,
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}

/** STIX 2.1 Appendix A, "Low/Med/High" scale. */
export const CONFIDENCE_TO_STIX: Readonly<Record<Confidence, number>> = { low: 15, moderate: 50, high: 85 };

/** STIX 2.1 Appendix A, "Admiralty Credibility" scale; 6 (truth cannot be judged) has no value. */
export const CREDIBILITY_TO_STIX: Readonly<Record<Credibility, number | undefined>> = {
  1: 90,
  2: 70,
  3: 50,
  4: 30,
  5: 10,
  6: undefined,
};

/** The STIX 2.1 region-ov values (open vocabulary), as the spec lists them. */
const REGIONS = new Set([
  'africa',
  'eastern-africa',
  'middle-africa',
  'northern-africa',
  'southern-africa',
  'western-africa',
  'americas',
  'latin-america-caribbean',
  'south-america',
  'caribbean',
  'central-america',
  'northern-america',
  'asia',
  'central-asia',
  'eastern-asia',
  'southern-asia',
  'south-eastern-asia',
  'western-asia',
  'europe',
  'eastern-europe',
  'northern-europe',
  'southern-europe',
  'western-europe',
  'oceania',
  'australia-new-zealand',
  'melanesia',
  'micronesia',
  'polynesia',
  'antarctica',
]);

/**
 * `resource_level` (attack-resource-level-ov, STIX 2.1 §10.3) of the actors exported as threat actors, by kind;
 * their `threat_actor_types` (threat-actor-type-ov, §10.24) are the analyst's (`threatActorTypesOf`: an armed
 * group starts as "terrorist", a criminal network as "crime-syndicate", others as "unknown" until decided). A
 * state is not a threat actor: it becomes a `location` and an `identity` (see the table above).
 */
export const ACTOR_RESOURCE_LEVELS: Readonly<Record<Exclude<ActorKind, 'state'>, string | undefined>> = {
  'armed-group': 'organization',
  'criminal-network': 'organization',
  organisation: 'organization',
  person: 'individual',
  other: undefined,
};

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** `<type>--<UUIDv5>` of `name` in this module's name space. */
export function stixId(type: string, name: string): string {
  return `${type}--${uuidv5(name, STIX_ID_NAMESPACE)}`;
}

/** An ISO instant as a STIX timestamp: UTC, milliseconds, `Z`. Throws if it is not an instant. */
export function stixTimestamp(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`not an instant: ${value}`);
  return new Date(time).toISOString();
}

/** The latest of some STIX timestamps (all in the same canonical form, so they order as strings). */
function latest(first: string, ...rest: string[]): string {
  return rest.reduce((a, b) => (b > a ? b : a), first);
}

const unique = <T>(values: Iterable<T>): T[] => [...new Set(values)];

/** One line of text: white space runs collapsed, NFC. */
const oneLine = (text: string): string => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** At most `max` code points, cut at a word boundary when one is near, with an ellipsis. */
function shorten(text: string, max: number): string {
  const flat = oneLine(text);
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const URI_SAFE = /[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/;

/**
 * An address fit for `external_references[].url` (an RFC 3986 URI): http, https or ftp only,
 * credentials dropped, non-ASCII and unsafe characters percent-encoded. Null when it is not one.
 */
export function stixUrl(address: string): string | null {
  const trimmed = address.trim();
  if (!/^(https?|ftp):\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!url.host) return null;
  const rest = Array.from(url.pathname + url.search + url.hash, (ch) => {
    if (URI_SAFE.test(ch)) return ch;
    return Array.from(new TextEncoder().encode(ch), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(
      '',
    );
  }).join('');
  // A "%" not followed by two hex digits is not a valid escape.
  return `${url.protocol}//${url.host}${rest.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')}`;
}

/** The records by id, the first of any duplicates kept, in input order. */
function firstById<T extends { id: string }>(records: T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const record of records) if (!map.has(record.id)) map.set(record.id, record);
  return map;
}

/** Drops undefined values, empty strings and empty arrays, keeping key order. */
function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out as T;
}

function englishCountryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function regionOf(subregion: string): string | undefined {
  const slug = subregion
    .toLowerCase()
    .replace(/\b(and the|and)\b/g, ' ')
    .trim()
    .replace(/[\s_]+/g, '-');
  return REGIONS.has(slug) ? slug : undefined;
}

const degrees = (value: number, positive: string, negative: string) =>
  `${Math.abs(value)}° ${value >= 0 ? positive : negative}`;

function citation(source: Source): string {
  const parts = [source.author.trim(), source.publisher.trim(), source.publishedOn ?? ''].filter((p) => p.length > 0);
  return parts.join(', ');
}

function sourceReference(source: Source): StixExternalReference {
  const grade = admiraltyGrade(source.reliability, source.credibility);
  const who = citation(source);
  const url = stixUrl(source.url);
  const description = [
    who ? `${who}.` : '',
    `Admiralty grade ${grade} (${RELIABILITY_LABELS[source.reliability].toLowerCase()} source; information ${(CREDIBILITY_LABELS[source.credibility] ?? 'of unknown credibility').toLowerCase()}).`,
    `Language: ${source.language}.`,
    source.url.trim() && !url ? `Address: ${oneLine(source.url)}.` : '',
  ]
    .filter((p) => p.length > 0)
    .join(' ');
  return compact({
    source_name: oneLine(source.title),
    description,
    url: url ?? undefined,
    external_id: `urn:sha256:${source.textHash}`,
  });
}

/** The sources of a country's figures, each publication once. */
function factReferences(sources: FactSource[]): StixExternalReference[] {
  const seen = new Map<string, StixExternalReference>();
  for (const fact of sources) {
    const name = oneLine(fact.publication);
    const url = stixUrl(fact.url);
    const key = `${name}\n${url ?? ''}`;
    if (!name || seen.has(key)) continue;
    // A reference needs a url, an external_id or a description besides its name.
    seen.set(
      key,
      compact({ source_name: name, url: url ?? undefined, description: url ? undefined : oneLine(fact.url) || name }),
    );
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------------
// Export

/** A relationship being collected: its reasons and the timestamps it depends on. */
interface PendingRelationship {
  type: string;
  source: { id: string; created: string; modified: string };
  target: { id: string; created: string; modified: string };
  reasons: string[];
  touched: string[];
}

/**
 * The register as a STIX 2.1 bundle (see the table at the top of this file). Throws if a threat belongs
 * to another register, or if `now` or a record's timestamp is not an instant.
 */
export function registerToStixBundle(input: StixExportInput): StixBundle {
  const { register } = input;
  const now = stixTimestamp(input.now);
  const author = {
    name: oneLine(input.author.name),
    organisation: oneLine(input.author.organisation),
    identityClass: input.author.identityClass,
  };
  const authorName = authorDisplayName(author) || UNSET_AUTHOR_NAME;
  const authorIsOrganisation = author.identityClass === 'organization';
  const identityName = authorIsOrganisation ? author.organisation || authorName : authorName;
  for (const threat of input.threats) {
    if (threat.registerId !== register.id)
      throw new Error(`threat ${threat.id} belongs to register ${threat.registerId}, not ${register.id}`);
  }

  const threats = [...firstById(input.threats).values()];
  const actors = firstById(input.actors);
  const sources = firstById(input.sources);
  const annotations = [...firstById(input.annotations).values()];
  const countries = new Map<string, Country>();
  for (const country of input.countries)
    if (!countries.has(country.code.toUpperCase())) countries.set(country.code.toUpperCase(), country);

  const marking = tlpMarkingDefinition(input.tlp);
  const markingRefs = [marking.id];
  const identityId = stixId(
    'identity',
    `identity:author:${author.identityClass}:${identityName}:${authorIsOrganisation ? '' : author.organisation}`,
  );
  const stateIdentityId = (actorId: string) => stixId('identity', `identity:state:${actorId}`);
  const reportId = stixId('report', `report:register:${register.id}`);
  const groupingId = (threatId: string) => stixId('grouping', `grouping:threat:${threatId}`);
  const actorId = (id: string) => stixId('threat-actor', `threat-actor:${id}`);
  const noteId = (id: string) => stixId('note', `note:annotation:${id}`);
  const threatIds = new Set(threats.map((t) => t.id));

  const head = <T extends string>(type: T, id: string, created: string, modified: string) => ({
    type,
    spec_version: '2.1' as const,
    id,
    created_by_ref: identityId,
    created,
    modified: latest(created, modified),
  });

  // The author's details carry the time they were set; never later than the export.
  const authorSetAt = input.author.updatedAt ? stixTimestamp(input.author.updatedAt) : now;
  const authorTime = authorSetAt < now ? authorSetAt : now;
  const identity: StixIdentity = compact({
    type: 'identity' as const,
    spec_version: '2.1' as const,
    id: identityId,
    created: authorTime,
    modified: authorTime,
    name: identityName,
    description: authorDisplayName(author)
      ? !authorIsOrganisation && author.organisation
        ? `${identityName}, ${author.organisation}.`
        : undefined
      : 'The author of this export did not give a name in the workbench’s export settings.',
    roles: authorIsOrganisation ? undefined : ['analyst'],
    identity_class: author.identityClass,
    object_marking_refs: markingRefs,
  });

  // Locations: every country given, then every other code something refers to.
  const locations = new Map<string, StixLocation>();
  const locationFor = (rawCode: string): StixLocation | null => {
    const code = rawCode.toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) return null;
    const known = locations.get(code);
    if (known) return known;
    const country = countries.get(code);
    const id = stixId('location', `location:country:${code}`);
    let location: StixLocation;
    if (!country) {
      location = {
        ...head('location', id, STIX_REFERENCE_EPOCH, STIX_REFERENCE_EPOCH),
        name: englishCountryName(code),
        country: code,
        object_marking_refs: markingRefs,
      };
    } else {
      const { facts } = country;
      const capital = facts.capital;
      const hasCapital =
        capital.name.trim().length > 0 &&
        Number.isFinite(capital.lat) &&
        Number.isFinite(capital.lon) &&
        Math.abs(capital.lat) <= 90 &&
        Math.abs(capital.lon) <= 180;
      const border = facts.borderWithAfghanistanKm.value;
      const factLines = [
        hasCapital
          ? `Capital: ${capital.name} (${degrees(capital.lat, 'N', 'S')}, ${degrees(capital.lon, 'E', 'W')}). The latitude and longitude of this location are the capital's, to place the country on a map.`
          : '',
        facts.population.text ? `Population: ${facts.population.text}.` : '',
        `Area: ${facts.areaKm2.total} km².`,
        border === null
          ? ''
          : border > 0
            ? `Border with Afghanistan: ${border} km.`
            : 'No common border with Afghanistan.',
      ].filter((l) => l.length > 0);
      const description = [
        factLines.join(' '),
        country.stance.trim() ? `Stance: ${country.stance.trim()}` : '',
        country.notes.trim() ? `Analysts' notes:\n${country.notes.trim()}` : '',
      ]
        .filter((p) => p.length > 0)
        .join('\n\n');
      location = compact({
        ...head('location', id, STIX_REFERENCE_EPOCH, stixTimestamp(country.updatedAt)),
        name: oneLine(country.name),
        description,
        country: code,
        region: regionOf(facts.subregion.value),
        latitude: hasCapital ? capital.lat : undefined,
        longitude: hasCapital ? capital.lon : undefined,
        external_references: factReferences([
          ...capital.sources,
          ...facts.population.sources,
          ...facts.areaKm2.sources,
          ...facts.borderWithAfghanistanKm.sources,
        ]),
        object_marking_refs: markingRefs,
      });
    }
    locations.set(code, location);
    return location;
  };
  for (const code of countries.keys()) locationFor(code);

  // Threat actors, and states as the government identities that act for their countries.
  const threatActors = new Map<string, StixThreatActor>();
  const states = new Map<string, StixIdentity>();
  /** The STIX object an actor became: a threat actor, or a state's identity. */
  const actorObject = (id: string): StixThreatActor | StixIdentity | undefined =>
    threatActors.get(id) ?? states.get(id);
  for (const actor of actors.values()) {
    const name = oneLine(actor.name);
    const aliases = unique(actor.aliases.map(oneLine)).filter((a) => a.length > 0 && a !== name);
    const bases = unique(actor.bases.map(oneLine)).filter((b) => b.length > 0);
    const description = [actor.description.trim(), bases.length > 0 ? `Based in: ${bases.join('; ')}.` : '']
      .filter((p) => p.length > 0)
      .join('\n\n');
    const created = stixTimestamp(actor.createdAt);
    if (actor.kind === 'state') {
      const aka = aliases.length > 0 ? `Also known as: ${aliases.join('; ')}.` : '';
      states.set(
        actor.id,
        compact({
          ...head('identity', stateIdentityId(actor.id), created, stixTimestamp(actor.updatedAt)),
          name,
          description: [
            `The government of ${name}, as an actor (the country itself is the location of the same name).`,
            description,
            aka,
          ]
            .filter((p) => p.length > 0)
            .join('\n\n'),
          identity_class: 'organization',
          sectors: ['government'],
          object_marking_refs: markingRefs,
        }),
      );
      continue;
    }
    threatActors.set(
      actor.id,
      compact({
        ...head('threat-actor', actorId(actor.id), created, stixTimestamp(actor.updatedAt)),
        name,
        description,
        aliases,
        threat_actor_types: threatActorTypesOf(actor),
        resource_level: ACTOR_RESOURCE_LEVELS[actor.kind],
        object_marking_refs: markingRefs,
      }),
    );
  }

  // Relationships are collected first (several threats may give the same one), then written.
  const pending = new Map<string, PendingRelationship>();
  const relate = (
    source: PendingRelationship['source'],
    type: string,
    target: PendingRelationship['target'],
    reason: string,
    touched: string[] = [],
  ): string => {
    const id = stixId('relationship', `relationship:${source.id}:${type}:${target.id}`);
    const known = pending.get(id);
    if (known) {
      if (reason && !known.reasons.includes(reason)) known.reasons.push(reason);
      known.touched.push(...touched);
    } else {
      pending.set(id, { type, source, target, reasons: reason ? [reason] : [], touched: [...touched] });
    }
    return id;
  };

  // Courses of action: one per distinct mitigation text.
  const coursesOfAction = new Map<string, StixCourseOfAction>();
  const courseOfActionFor = (text: string, threatCreated: string): StixCourseOfAction => {
    const full = text.normalize('NFC').trim();
    const key = oneLine(full);
    const known = coursesOfAction.get(key);
    if (known) {
      if (threatCreated < known.created) {
        known.created = threatCreated;
        known.modified = threatCreated;
      }
      return known;
    }
    const name = shorten(full, 160);
    const coa = compact({
      ...head('course-of-action', stixId('course-of-action', `course-of-action:${key}`), threatCreated, threatCreated),
      name,
      description: name === full ? undefined : full,
      object_marking_refs: markingRefs,
    });
    coursesOfAction.set(key, coa);
    return coa;
  };

  // Annotations by threat, for the groupings' evidence.
  const evidence = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    for (const threatId of unique(annotation.threatIds)) {
      if (!threatIds.has(threatId)) continue;
      const list = evidence.get(threatId) ?? [];
      list.push(annotation);
      evidence.set(threatId, list);
    }
  }

  // Threats → groupings, each with a note that gives the analyst's reasoning.
  const maxScore = register.scale.levels * register.scale.levels;
  const { bands } = register.scale;
  const groupings: StixGrouping[] = [];
  const rationales: StixNote[] = [];
  for (const threat of threats) {
    const id = groupingId(threat.id);
    const title = oneLine(threat.title);
    const created = stixTimestamp(threat.createdAt);
    // By creation, so that the grouping does not depend on the order of the input.
    const passages = (evidence.get(threat.id) ?? []).sort(
      (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const modified = latest(
      created,
      stixTimestamp(threat.updatedAt),
      ...passages.map((a) => stixTimestamp(a.updatedAt)),
    );
    const rationaleId = stixId('note', `note:threat:${threat.id}`);
    const refs: string[] = [];

    const linkedActors = unique(threat.actorIds).flatMap((a) => {
      const stix = actorObject(a);
      return stix ? [stix] : [];
    });
    for (const stix of linkedActors) refs.push(stix.id);
    const origin = threat.originCode ? locationFor(threat.originCode) : null;
    if (origin) refs.push(origin.id);
    const affected = unique(threat.countryCodes.map((c) => c.toUpperCase()))
      .map(locationFor)
      .filter((l): l is StixLocation => l !== null);
    for (const location of affected) refs.push(location.id);
    for (const mitigation of threat.mitigations) {
      if (!mitigation.trim()) continue;
      refs.push(courseOfActionFor(mitigation, created).id);
    }
    for (const passage of passages) refs.push(noteId(passage.id));
    refs.push(rationaleId);

    // An unrated threat goes out marked so, with no likelihood, impact, score or band made up for it.
    const rating = isRated(threat) ? { score: threat.score, band: bandOf(threat.score, bands) } : null;
    const levels = register.scale.levels;
    const countryNames = (list: StixLocation[]) => list.map((l) => l.name).join(', ');
    const risk = [
      rating
        ? `Risk: likelihood ${threat.likelihood} of ${levels} × impact ${threat.impact} of ${levels} = score ${rating.score} of ${maxScore}, band ${rating.band}`
        : `Risk: not yet rated (no likelihood or impact given on this register's ${levels}×${levels} scale)`,
      ` (bands of this register: medium from ${bands.medium}, high from ${bands.high}, critical from ${bands.critical}).`,
      ` Trend: ${threat.trend}. Status: ${threat.status}. Analytic confidence: ${threat.confidence}. Category: ${threat.category}.`,
    ].join('');
    const links = [
      origin ? `Emanates from: ${origin.name}.` : '',
      affected.length > 0 ? `Countries: ${countryNames(affected)}.` : '',
      linkedActors.length > 0 ? `Actors: ${linkedActors.map((a) => a.name).join(', ')}.` : '',
      threat.owner.trim() ? `Owner: ${oneLine(threat.owner)}.` : '',
      threat.lastReviewedOn ? `Last reviewed on ${threat.lastReviewedOn}.` : 'Not yet reviewed.',
      passages.length === 0 ? 'No passage of a source is linked to this threat yet.' : '',
    ]
      .filter((p) => p.length > 0)
      .join(' ');
    const indicators =
      threat.indicators.length > 0
        ? `Indicators to watch:\n${threat.indicators.map((i) => `- ${oneLine(i)}`).join('\n')}`
        : '';
    const mitigations =
      threat.mitigations.length > 0
        ? `Mitigations (also exported as courses of action):\n${threat.mitigations.map((m) => `- ${oneLine(m)}`).join('\n')}`
        : '';
    groupings.push(
      compact({
        ...head('grouping', id, created, modified),
        name: title,
        description: [threat.description.trim(), risk, links, indicators, mitigations]
          .filter((l) => l.length > 0)
          .join('\n\n'),
        context: 'unspecified',
        object_refs: unique(refs),
        confidence: CONFIDENCE_TO_STIX[threat.confidence],
        object_marking_refs: markingRefs,
        x_analyst_workbench_category: threat.category,
        x_analyst_workbench_likelihood: threat.likelihood,
        x_analyst_workbench_impact: threat.impact,
        x_analyst_workbench_score: rating?.score,
        x_analyst_workbench_scale_levels: levels,
        x_analyst_workbench_band: rating?.band,
        x_analyst_workbench_rated: rating !== null,
        x_analyst_workbench_trend: threat.trend,
        x_analyst_workbench_status: threat.status,
        x_analyst_workbench_origin_ref: origin?.id,
        x_analyst_workbench_affected_refs: affected.map((l) => l.id),
        x_analyst_workbench_rationale_ref: rationaleId,
      }),
    );
    rationales.push(
      compact({
        ...head('note', rationaleId, created, stixTimestamp(threat.updatedAt)),
        abstract: rating
          ? `Why “${shorten(title, 100)}” is rated ${rating.band} (${rating.score} of ${maxScore})`
          : `“${shorten(title, 100)}” is not yet rated`,
        content: [threat.description.trim(), risk, links, indicators].filter((l) => l.length > 0).join('\n\n'),
        authors: [authorName],
        object_refs: [id],
        confidence: CONFIDENCE_TO_STIX[threat.confidence],
        object_marking_refs: markingRefs,
      }),
    );
  }

  // Actors and their countries.
  // Ordered by title (then id), so that the descriptions do not depend on the order of the input.
  const byTitle = (a: Threat, b: Threat) =>
    a.title < b.title ? -1 : a.title > b.title ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const threatsOfActor = new Map<string, Threat[]>();
  for (const threat of [...threats].sort(byTitle)) {
    for (const a of unique(threat.actorIds)) threatsOfActor.set(a, [...(threatsOfActor.get(a) ?? []), threat]);
  }
  for (const actor of actors.values()) {
    const stix = actorObject(actor.id)!;
    const linked = threatsOfActor.get(actor.id) ?? [];
    for (const code of unique(actor.countryCodes.map((c) => c.toUpperCase()))) {
      const location = locationFor(code);
      if (!location) continue;
      const quoted = (list: Threat[]) => list.map((t) => `“${oneLine(t.title)}”`).join(', ');
      const touched = (list: Threat[]) => list.map((t) => stixTimestamp(t.updatedAt));
      if (actor.kind === 'state') {
        relate(stix, 'located-at', location, `The government of ${stix.name} is located in ${location.name}.`);
        continue;
      }
      const emanating = linked.filter((t) => t.originCode?.toUpperCase() === code);
      if (emanating.length > 0) {
        relate(
          stix,
          'located-at',
          location,
          `${stix.name} is linked to ${location.name}, where threats linked to it emanate from: ${quoted(emanating)}.`,
          touched(emanating),
        );
        continue;
      }
      const targeting =
        actor.kind === 'armed-group'
          ? linked.filter((t) => t.category === 'terrorism' && t.countryCodes.some((c) => c.toUpperCase() === code))
          : [];
      if (targeting.length > 0) {
        relate(
          stix,
          'targets',
          location,
          `${stix.name} is an armed group linked to ${location.name}, which terrorism threats linked to it affect: ${quoted(targeting)}.`,
          touched(targeting),
        );
        continue;
      }
      relate(stix, 'related-to', location, `${stix.name} is linked to ${location.name}.`);
    }
  }

  // Annotations → notes.
  const notes: StixNote[] = [];
  for (const annotation of annotations) {
    const source = sources.get(annotation.sourceId);
    const refs = unique([
      ...annotation.threatIds.filter((t) => threatIds.has(t)).map(groupingId),
      ...annotation.actorIds.flatMap((a) => {
        const stix = actorObject(a);
        return stix ? [stix.id] : [];
      }),
      ...annotation.countryCodes.map(locationFor).flatMap((l) => (l ? [l.id] : [])),
    ]);
    const quote = annotation.quote.exact.normalize('NFC').trim();
    const cited = source ? [citation(source), `“${oneLine(source.title)}”`].filter((p) => p.length > 0).join(', ') : '';
    const content = [
      `“${quote}”`,
      cited ? `— ${cited}` : '',
      annotation.anchor === 'orphaned'
        ? '(This passage is no longer found in the current text of the source; it is quoted as it was coded.)'
        : '',
      annotation.note.trim() ? `\n${annotation.note.trim()}` : '',
    ]
      .filter((p) => p.length > 0)
      .join('\n');
    const created = stixTimestamp(annotation.createdAt);
    notes.push(
      compact({
        ...head(
          'note',
          noteId(annotation.id),
          created,
          latest(stixTimestamp(annotation.updatedAt), ...(source ? [stixTimestamp(source.updatedAt)] : [])),
        ),
        abstract: `“${shorten(quote, 100)}”${source ? ` — ${shorten(source.title, 80)}` : ''}`,
        content,
        authors: [authorName],
        object_refs: refs.length > 0 ? refs : [reportId],
        confidence: source ? CREDIBILITY_TO_STIX[source.credibility] : undefined,
        external_references: source ? [sourceReference(source)] : undefined,
        object_marking_refs: markingRefs,
      }),
    );
  }

  const relationships: StixRelationship[] = [...pending.entries()].map(([id, r]) =>
    compact({
      ...head(
        'relationship',
        id,
        latest(r.source.created, r.target.created),
        latest(r.source.modified, r.target.modified, ...r.touched),
      ),
      relationship_type: r.type,
      description: r.reasons.join(' '),
      source_ref: r.source.id,
      target_ref: r.target.id,
      object_marking_refs: markingRefs,
    }),
  );

  const content: StixObject[] = [
    ...locations.values(),
    ...states.values(),
    ...threatActors.values(),
    ...coursesOfAction.values(),
    ...groupings,
    ...rationales,
    ...notes,
    ...relationships,
  ];
  const levels = register.scale.levels;
  const report: StixReport = compact({
    ...head('report', reportId, stixTimestamp(register.createdAt), now),
    name: oneLine(register.name),
    description: [
      register.description.trim(),
      register.scope.trim() ? `Scope: ${register.scope.trim()}` : '',
      `Risk scale: ${levels}×${levels} (likelihood × impact, each 1–${levels}); bands: medium from ${bands.medium}, high from ${bands.high}, critical from ${bands.critical}. ${threats.length} threat${threats.length === 1 ? '' : 's'}, each a grouping.${register.archived ? ' This register is archived.' : ''}`,
    ]
      .filter((p) => p.length > 0)
      .join('\n\n'),
    report_types: ['threat-report'],
    published: now,
    object_refs: content.length > 0 ? content.map((o) => o.id) : [identityId],
    external_references: [...sources.values()].map(sourceReference),
    object_marking_refs: markingRefs,
  });

  return {
    type: 'bundle',
    id: stixId('bundle', `bundle:${register.id}:${now}`),
    objects: [marking, identity, report, ...content],
  };
}
