import { anchor } from '../../../shared/domain/anchoring';
import { Annotation } from '../../../shared/domain/annotation';
import type { Source } from '../../../shared/domain/source';
import { fromAnnotationCollection, toAnnotationCollection } from '../../../shared/interop/web-annotation';
import { db } from '../../db';
import { createTag } from '../../db/tags';
import { workbench } from '../../platform/workbench';

/** Writes a source's annotations as a W3C Web Annotation collection (JSON-LD) through main. */
export async function exportAnnotations(source: Source, annotations: Annotation[]): Promise<string | null> {
  const [tags, threats, actors, countries, info] = await Promise.all([db.tags.toArray(), db.threats.toArray(), db.actors.toArray(), db.countries.toArray(), workbench().appInfo()]);
  const collection = toAnnotationCollection(annotations, {
    source,
    tags,
    threats,
    actors,
    countries,
    generator: { name: info.name, version: info.version },
    exportedAt: new Date().toISOString(),
  });
  const bytes = new TextEncoder().encode(JSON.stringify(collection, null, 2));
  const { path } = await workbench().saveExport({ fileName: `${source.title.slice(0, 80)} - annotations.jsonld`, bytes });
  return path;
}

/**
 * Reads a W3C Web Annotation file into a source: each passage is anchored against the source's text as
 * it is now (moved ones wait in Review); tags are matched by id, then by name, else created; links to
 * threats, actors and countries the workspace does not have are dropped. Answers a summary sentence.
 */
export async function importAnnotations(file: File, source: Source, text: string): Promise<string> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    throw new Error(`“${file.name}” is not a JSON file, so no annotations were imported. Choose a W3C Web Annotation (.jsonld or .json) file.`);
  }
  const codebook = await db.tags.toArray();
  const { annotations: incoming, problems } = fromAnnotationCollection(json, { sourceId: source.id, textHash: source.textHash, codebook });
  if (incoming.length === 0) {
    throw new Error(`No annotations could be read from “${file.name}”${problems.length ? `: ${problems[0]}` : '.'} Nothing was imported.`);
  }
  const [threatIds, actorIds, countryCodes] = await Promise.all([db.threats.toCollection().primaryKeys(), db.actors.toCollection().primaryKeys(), db.countries.toCollection().primaryKeys()]);
  const known = { threats: new Set(threatIds), actors: new Set(actorIds), countries: new Set(countryCodes) };
  const now = new Date().toISOString();
  let added = 0;
  let present = 0;
  const placed = { anchored: 0, drifted: 0, orphaned: 0 };

  const records: Annotation[] = [];
  for (const item of incoming) {
    if (await db.annotations.get(item.id)) {
      present++;
      continue;
    }
    const tagIds = [...item.tagIds.filter((id) => codebook.some((t) => t.id === id))];
    for (const name of item.tagNames) tagIds.push((await createTag(db, name)).id);
    const result = anchor(text, { quote: item.quote, position: item.position ?? { start: 0, end: 0 } });
    placed[result.status]++;
    records.push(
      Annotation.parse({
        id: item.id,
        sourceId: source.id,
        quote: item.quote,
        position: result.status === 'orphaned' ? (item.position ?? { start: 0, end: Math.max(1, item.quote.exact.length) }) : { start: result.start, end: result.end },
        anchor: result.status,
        tagIds: [...new Set(tagIds)],
        note: item.note,
        threatIds: item.threatIds.filter((id) => known.threats.has(id)),
        countryCodes: item.countryCodes.filter((code) => known.countries.has(code)),
        actorIds: item.actorIds.filter((id) => known.actors.has(id)),
        createdAt: item.createdAt ?? now,
        updatedAt: item.updatedAt ?? now,
      }),
    );
    added++;
  }
  await db.annotations.bulkAdd(records);
  const parts = [`Imported ${added} passage${added === 1 ? '' : 's'} from “${file.name}”.`];
  if (placed.drifted + placed.orphaned > 0) parts.push(`${placed.drifted} moved and ${placed.orphaned} could not be found in this text: see Review.`);
  if (present > 0) parts.push(`${present} were already here.`);
  if (problems.length > 0) parts.push(`${problems.length} could not be read (${problems[0]}).`);
  return parts.join(' ');
}
