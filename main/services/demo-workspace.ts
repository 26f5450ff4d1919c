import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
    throw new ServiceError(`The demo workspace could not be read from ${path} (${(error as Error).message}). Reinstall the app to restore it.`);
  }
}

/**
 * Builds the demo workspace from the bundled `data/` folder: the sample article (its file stored in
 * the source store), the starter register, actors and the reference countries.
 */
export async function loadDemoWorkspace(dataRoot: string, store: SourceStore, now: Date = new Date()): Promise<DemoWorkspace> {
  const at = now.toISOString();
  const seed = SeedFile.parse(await readJson(join(dataRoot, 'demo', 'workspace.json')));
  const reference = CountryReferenceFile.parse(await readJson(join(dataRoot, 'reference', 'countries.json')));

  const bytes = new Uint8Array(await readFile(join(dataRoot, ...seed.source.textFile.split('/'))));
  const stored = await store.put(bytes);
  const text = normaliseText(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  const { textFile, ...sourceFields } = seed.source;
  const fileName = textFile.split('/').pop() ?? textFile;

  return {
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
      evidence: [],
      owner: '',
      lastReviewedOn: null,
      createdAt: at,
      updatedAt: at,
    })),
    actors: seed.actors.map((actor) => ({ ...actor, createdAt: at, updatedAt: at })),
    countries: countriesFromReference(reference, at),
  };
}
