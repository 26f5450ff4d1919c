import type { Actor } from '../../../shared/domain/actor';
import { Id } from '../../../shared/domain/primitives';
import type { Annotation, Tag } from '../../../shared/domain/annotation';
import { Source } from '../../../shared/domain/source';
import type { Threat } from '../../../shared/domain/threat';
import type { QdaProject } from '../../../shared/interop/refi-qda';
import { UNGRADED } from '../../db/sources';
import { normaliseTagName, sameTagName, TAG_PALETTE } from '../../db/tags';
import { CommandRefusal } from '../change-set';
import { defineCommand } from '../workspace';
import { t as translate } from '../../i18n';

/** What the workspace holds that an import is matched against. */
export interface RefiQdaWorkspace {
  tags: readonly Tag[];
  sources: readonly Pick<Source, 'id' | 'title' | 'textHash'>[];
  /** Passages the file names (by GUID) that the workspace already has. */
  presentPassages: ReadonlySet<string>;
  threats: readonly Pick<Threat, 'id' | 'title'>[];
  actors: readonly Pick<Actor, 'id' | 'name' | 'aliases'>[];
  countryCodes: ReadonlySet<string>;
}

export interface PlannedSource {
  /** The workspace's source the passages go into: a new one, or one that already has this very text. */
  id: string;
  create: Source | null;
  text: string;
  existingTitle: string | null;
  passages: Annotation[];
}

/** Everything an import will write, and what it will not: the review shows it, the command writes it. */
export interface RefiQdaPlan {
  newTags: Tag[];
  /** Codes that became existing tags of the same name (merged as the backup merge does). */
  mergedTags: { code: string; tag: string }[];
  sources: PlannedSource[];
  passages: number;
  /** Passages the workspace already has (by GUID): left as they are. */
  present: number;
  links: number;
  /** Links to threats or actors this workspace does not have, by name. */
  unknownLinks: string[];
  users: string[];
  problems: string[];
}

const MAX_NOTE = 100_000;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
const uuidOr = (guid: string) => (Id.safeParse(guid).success ? guid : crypto.randomUUID());

/**
 * What importing `project` into the workspace writes. Codes become tags, merged by name with the
 * codebook (one tag per name, as everywhere), keeping the file's hierarchy, colours and descriptions;
 * the workbench's own link codes become links again when the workspace has that threat (by id, then
 * title), actor (by id, then name or alias) or country. A source whose text the workspace already has
 * (same SHA-256) is not created twice: its passages go into that source. `textHashes` gives the hash
 * of each incoming source's (normalised) text by GUID; `at` stamps what the file does not date.
 */
export function planRefiQdaImport(
  project: QdaProject,
  textHashes: ReadonlyMap<string, string>,
  workspace: RefiQdaWorkspace,
  at: string,
): RefiQdaPlan {
  const codebook = [...workspace.tags];
  const tagIdOf = new Map<string, string>();
  const newTags: Tag[] = [];
  const mergedTags: RefiQdaPlan['mergedTags'] = [];
  for (const code of project.codes) {
    if (code.link || code.linkParent) continue;
    const name = normaliseTagName(code.name).slice(0, 200);
    if (!name) continue;
    const same = codebook.find((t) => t.id === code.guid) ?? codebook.find((t) => sameTagName(t.name, name));
    if (same) {
      tagIdOf.set(code.guid, same.id);
      if (!newTags.includes(same)) mergedTags.push({ code: code.name, tag: same.name });
      continue;
    }
    const tag: Tag = {
      id: uuidOr(code.guid),
      name,
      color: code.color ?? TAG_PALETTE[codebook.length % TAG_PALETTE.length]!,
      parentId: (code.parentGuid && tagIdOf.get(code.parentGuid)) || null,
      description: code.description.trim().slice(0, 5000),
      createdAt: at,
      updatedAt: at,
    };
    codebook.push(tag);
    newTags.push(tag);
    tagIdOf.set(code.guid, tag.id);
  }

  // Each link code, resolved once: [kind, the workspace's id or code] or null when the workspace lacks it.
  const unknownLinks = new Set<string>();
  const linkOf = new Map<string, { kind: 'threat' | 'actor' | 'country'; key: string } | null>();
  for (const code of project.codes) {
    if (!code.link) continue;
    const { kind, key, name } = code.link;
    let found: string | undefined;
    if (kind === 'threat')
      found = (workspace.threats.find((t) => t.id === key) ?? workspace.threats.find((t) => sameName(t.title, name)))
        ?.id;
    else if (kind === 'actor')
      found = (
        workspace.actors.find((a) => a.id === key) ??
        workspace.actors.find((a) => sameName(a.name, name) || a.aliases.some((alias) => sameName(alias, name)))
      )?.id;
    else found = workspace.countryCodes.has(key) ? key : undefined;
    linkOf.set(code.guid, found ? { kind, key: found } : null);
  }

  let present = 0;
  let links = 0;
  let passages = 0;
  const sources: PlannedSource[] = [];
  const codeNames = new Map(project.codes.map((c) => [c.guid, c.name]));
  for (const incoming of project.sources) {
    const hash = textHashes.get(incoming.guid);
    if (!hash) throw new Error(`no text hash for source ${incoming.guid}`);
    const existing = workspace.sources.find((s) => s.textHash === hash);
    const id =
      existing?.id ??
      (workspace.sources.some((s) => s.id === incoming.guid) ? crypto.randomUUID() : uuidOr(incoming.guid));
    const m = incoming.metadata;
    const create = existing
      ? null
      : Source.parse({
          id,
          title: incoming.name.trim().slice(0, 1000) || 'Untitled source',
          author: (m.author ?? '').slice(0, 500),
          publisher: (m.publisher ?? '').slice(0, 500),
          url: (m.url ?? '').slice(0, 2000),
          publishedOn: m.publishedOn && CALENDAR_DATE.test(m.publishedOn) ? m.publishedOn : null,
          language: m.language && m.language.length >= 2 && m.language.length <= 35 ? m.language : 'und',
          ...UNGRADED,
          file: null,
          textHash: hash,
          textLength: incoming.text.length,
          version: 1,
          createdAt: incoming.createdAt ?? at,
          updatedAt: at,
        });
    const records: Annotation[] = [];
    for (const p of incoming.passages) {
      if (workspace.presentPassages.has(p.guid)) {
        present++;
        continue;
      }
      const record: Annotation = {
        id: uuidOr(p.guid),
        sourceId: id,
        quote: p.quote,
        position: p.position,
        anchor: 'anchored',
        tagIds: [],
        note: p.note.slice(0, MAX_NOTE),
        threatIds: [],
        countryCodes: [],
        actorIds: [],
        createdAt: p.createdAt ?? at,
        updatedAt: p.updatedAt ?? p.createdAt ?? at,
      };
      for (const guid of p.codeGuids) {
        const tagId = tagIdOf.get(guid);
        if (tagId) {
          if (!record.tagIds.includes(tagId)) record.tagIds.push(tagId);
          continue;
        }
        if (!linkOf.has(guid)) continue;
        const link = linkOf.get(guid);
        if (!link) {
          unknownLinks.add(codeNames.get(guid) ?? guid);
          continue;
        }
        const list =
          link.kind === 'threat' ? record.threatIds : link.kind === 'actor' ? record.actorIds : record.countryCodes;
        if (!list.includes(link.key)) {
          list.push(link.key);
          links++;
        }
      }
      records.push(record);
    }
    passages += records.length;
    sources.push({ id, create, text: incoming.text, existingTitle: existing?.title ?? null, passages: records });
  }
  return {
    newTags,
    mergedTags,
    sources,
    passages,
    present,
    links,
    unknownLinks: [...unknownLinks],
    users: project.users.map((u) => u.name).filter(Boolean),
    problems: project.problems,
  };
}

/** The review's and the notice's sentences: what the import creates, merges and leaves out. */
export function describeRefiQdaPlan(plan: RefiQdaPlan): string[] {
  const created = plan.sources.filter((s) => s.create).length;
  const lines = [
    translate('interchange.planSources', { created, reused: plan.sources.length - created }),
    translate('interchange.planTags', { tags: plan.newTags.length, merged: plan.mergedTags.length }),
    translate('interchange.planPassages', { passages: plan.passages, links: plan.links }),
  ];
  if (plan.present) lines.push(translate('interchange.planPresent', { count: plan.present }));
  if (plan.unknownLinks.length)
    lines.push(
      translate('interchange.planUnknownLinks', {
        count: plan.unknownLinks.length,
        names: `${plan.unknownLinks.slice(0, 5).join(', ')}${plan.unknownLinks.length > 5 ? ', …' : ''}`,
      }),
    );
  if (plan.users.length) lines.push(translate('interchange.planUsers', { names: plan.users.join(', ') }));
  return [...lines, ...plan.problems];
}

export interface RefiQdaImport {
  fileName: string;
  project: QdaProject;
  textHashes: ReadonlyMap<string, string>;
  /** Set by `prepare`: each source's text as put into main's store, by its digest. */
  storedTexts?: ReadonlyMap<string, { sha256: string; size: number }>;
}

export interface RefiQdaImported {
  sources: number;
  tags: number;
  passages: number;
}

/**
 * Imports a REFI-QDA project as one change (one undo step; every revision says "Imported from <file>"):
 * tags, sources and passages as `planRefiQdaImport` lays out, planned again here against the workspace
 * as the transaction sees it.
 */
export const importRefiQda = defineCommand({
  id: 'refiQda.import',
  label: (args: RefiQdaImport) => translate('labels.importRefiQda', { name: args.fileName }),
  rationale: (args: RefiQdaImport) => translate('changes.importedFrom', { name: args.fileName }),
  // Every source's text goes into the store first; one the plan does not create costs nothing there (same digest).
  prepare: async (args: RefiQdaImport, db) => {
    const storedTexts = new Map<string, { sha256: string; size: number }>();
    for (const source of args.project.sources) {
      const stored = await db.textStore.put(source.text);
      storedTexts.set(stored.sha256, stored);
    }
    return { ...args, storedTexts };
  },
  run: async (changes, { fileName, project, textHashes, storedTexts }: RefiQdaImport): Promise<RefiQdaImported> => {
    const guids = project.sources.flatMap((s) => s.passages.map((p) => p.guid));
    const found = await changes.db.annotations.bulkGet(guids);
    const [tags, sources, threats, actors, countries] = await Promise.all([
      changes.db.tags.toArray(),
      changes.db.sources.toArray(),
      changes.db.threats.toArray(),
      changes.db.actors.toArray(),
      changes.db.countries.toArray(),
    ]);
    const plan = planRefiQdaImport(
      project,
      textHashes,
      {
        tags,
        sources,
        presentPassages: new Set(guids.filter((_, i) => found[i] !== undefined)),
        threats,
        actors,
        countryCodes: new Set(countries.map((c) => c.code)),
      },
      changes.at,
    );
    if (plan.newTags.length === 0 && plan.passages === 0 && plan.sources.every((s) => !s.create))
      throw new CommandRefusal(
        plan.problems.length
          ? translate('refusals.interchange.nothingNewBecause', { name: fileName, problem: plan.problems[0] })
          : translate('refusals.interchange.nothingNew', { name: fileName }),
      );
    await changes.bulkPut('tags', plan.newTags, { keepStamp: true });
    for (const source of plan.sources) {
      if (!source.create) continue;
      const stored = storedTexts?.get(source.create.textHash);
      await changes.put(
        'sourceTexts',
        stored
          ? { sourceId: source.id, sha256: stored.sha256, bytes: stored.size }
          : { sourceId: source.id, text: source.text },
      );
      await changes.put('sources', source.create, { keepStamp: true });
    }
    // The file's own instants are kept: the passages come in as their coders dated them.
    await changes.bulkPut(
      'annotations',
      plan.sources.flatMap((s) => s.passages),
      { keepStamp: true },
    );
    return { sources: plan.sources.filter((s) => s.create).length, tags: plan.newTags.length, passages: plan.passages };
  },
});
