import { randomBytes, randomUUID } from 'node:crypto';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/interop/backup';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import type { SourceStore } from '../../main/services/source-store';

const WORDS =
  'security threats afghanistan kazakhstan taliban canal water amu darya border migration narcotics trafficking uzbekistan tajikistan turkmenistan'.split(
    ' ',
  );
const prose = (chars: number) => {
  let text = '';
  while (text.length < chars)
    text += `${WORDS[Math.floor(Math.random() * WORDS.length)]}${Math.random() < 0.08 ? '.\n' : ' '}`;
  return text.slice(0, chars);
};

/**
 * A synthetic workspace of about `megabytes` MB: half of it originals (incompressible, like PDFs),
 * the rest source texts, passages and their history — the proportions of a real analyst's workspace.
 */
export async function largeWorkspace(store: SourceStore, megabytes: number): Promise<WorkspaceSnapshot> {
  const now = new Date().toISOString();
  const tables = Object.fromEntries(WORKSPACE_TABLES.map((t) => [t, [] as unknown[]])) as WorkspaceSnapshot['tables'];
  const sourceCount = Math.max(1, Math.round(megabytes));
  const perSource = (megabytes * 1024 * 1024) / sourceCount;
  for (let i = 0; i < sourceCount; i++) {
    const original = new Uint8Array(randomBytes(Math.round(perSource * 0.5)));
    const { sha256 } = await store.put(original);
    const text = prose(Math.round(perSource * 0.3));
    const id = randomUUID();
    tables.sources.push({
      id,
      title: `Source ${i}`,
      author: 'A',
      publisher: 'P',
      url: '',
      publishedOn: null,
      language: 'en',
      reliability: 'B',
      credibility: 3,
      file: { sha256, mime: 'application/pdf', originalName: `s${i}.pdf`, size: original.byteLength },
      textHash: 'a'.repeat(64),
      textLength: text.length,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    tables.sourceTexts.push({ sourceId: id, text });
    // The remaining fifth: passages (~400 bytes each) and one revision per passage.
    const passages = Math.round((perSource * 0.2) / 700);
    for (let p = 0; p < passages; p++) {
      const start = Math.floor(Math.random() * (text.length - 200));
      const annotationId = randomUUID();
      tables.annotations.push({
        id: annotationId,
        sourceId: id,
        quote: {
          exact: text.slice(start, start + 120),
          prefix: text.slice(start - 32, start),
          suffix: text.slice(start + 120, start + 152),
        },
        position: { start, end: start + 120 },
        anchor: 'anchored',
        tagIds: [],
        note: prose(80),
        threatIds: [],
        countryCodes: ['KZ'],
        actorIds: [],
        createdAt: now,
        updatedAt: now,
      });
      tables.revisions.push({
        id: randomUUID(),
        entity: 'annotation',
        entityId: annotationId,
        field: 'note',
        before: '',
        after: prose(80),
        at: now,
      });
    }
  }
  tables.meta.push({ key: 'demoSeededAt', value: now });
  return { schemaVersion: WORKSPACE_SCHEMA_VERSION, replicaId: randomUUID(), createdAt: now, tables, mergeBases: {} };
}
