import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeRange } from '../../shared/domain/anchoring';
import { threatActorTypesOf } from '../../shared/domain/actor';
import type { Annotation, Tag } from '../../shared/domain/annotation';
import { riskScore, DEFAULT_SCALE } from '../../shared/domain/scoring';
import { normaliseText } from '../../shared/domain/text';
import type { DemoWorkspace } from '../../shared/ipc/contract';
import { countriesFromReference, CountryReferenceFile } from '../../shared/interop/country-reference';
import { SeedFile } from '../../shared/interop/workspace-seed';
import { ServiceError } from './errors';
import { sha256Of, type SourceStore } from './source-store';

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ServiceError(
      `The demo workspace could not be read from ${path} (${(error as Error).message}). Reinstall the app to restore it.`,
    );
  }
}

/** Where a demo passage is: its one occurrence, or the one right after the given prefix. */
function locate(text: string, exact: string, prefix: string | undefined): number {
  const needle = prefix === undefined ? exact : prefix + exact;
  const at = text.indexOf(needle);
  if (at === -1 || text.indexOf(needle, at + 1) !== -1) {
    throw new ServiceError(
      `A demo passage (“${exact.slice(0, 40)}…”) is not found exactly once in the sample article. Reinstall the app to restore it.`,
    );
  }
  return at + (prefix?.length ?? 0);
}

function seedTags(seed: SeedFile, at: string): Tag[] {
  const idByName = new Map(seed.tags.map((t) => [t.name, t.id]));
  return seed.tags.map((t) => ({
    id: t.id,
    name: t.name,
    color: t.color,
    parentId: t.parent === null ? null : (idByName.get(t.parent) ?? null),
    description: t.description,
    createdAt: at,
    updatedAt: at,
  }));
}

/**
 * Builds the demo workspace from the bundled `data/` folder: the sample article (its file stored in
 * the source store), the starter register, actors and the reference countries.
 */
export async function loadDemoWorkspace(
  dataRoot: string,
  store: SourceStore,
  now: Date = new Date(),
): Promise<DemoWorkspace> {
  const at = now.toISOString();
  const seed = SeedFile.parse(await readJson(join(dataRoot, 'demo', 'workspace.json')));
  const reference = CountryReferenceFile.parse(await readJson(join(dataRoot, 'reference', 'countries.json')));

  const bytes = new Uint8Array(await readFile(join(dataRoot, ...seed.source.textFile.split('/'))));
  const stored = await store.put(bytes);
  const text = normaliseText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const { textFile, ...sourceFields } = seed.source;
  const fileName = textFile.split('/').pop() ?? textFile;

  const tags = seedTags(seed, at);
  const tagIdByName = new Map(tags.map((t) => [t.name, t.id]));
  const annotations = seed.annotations.map((a): Annotation => {
    const start = locate(text, a.exact, a.prefix);
    const { quote, position } = describeRange(text, start, start + a.exact.length);
    return {
      id: a.id,
      sourceId: seed.source.id,
      quote,
      position,
      anchor: 'anchored',
      tagIds: a.tags.map((name) => {
        const id = tagIdByName.get(name);
        if (!id)
          throw new ServiceError(
            `The demo workspace names a tag “${name}” that its codebook lacks. Reinstall the app to restore it.`,
          );
        return id;
      }),
      note: a.note,
      threatIds: a.threatIds,
      countryCodes: a.countryCodes,
      actorIds: a.actorIds,
      createdAt: at,
      updatedAt: at,
    };
  });

  return {
    tags,
    annotations,
    source: {
      ...sourceFields,
      file: { sha256: stored.sha256, mime: 'text/plain', originalName: fileName, size: stored.size },
      textHash: sha256Of(new TextEncoder().encode(text)),
      textLength: text.length,
      version: 1,
      createdAt: at,
      updatedAt: at,
    },
    sourceText: { sourceId: seed.source.id, text },
    register: { ...seed.register, scale: DEFAULT_SCALE, archived: false, createdAt: at, updatedAt: at },
    threats: seed.threats.map((threat) => ({
      ...threat,
      registerId: seed.register.id,
      score: riskScore(threat.likelihood, threat.impact),
      owner: '',
      lastReviewedOn: null,
      createdAt: at,
      updatedAt: at,
    })),
    actors: seed.actors.map((actor) => ({
      ...actor,
      threatActorTypes: threatActorTypesOf(actor),
      createdAt: at,
      updatedAt: at,
    })),
    countries: countriesFromReference(reference, at),
  };
}
