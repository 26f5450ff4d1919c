import { resolve } from 'node:path';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import type { SourceStore } from '../../main/services/source-store';
import type { Threat } from '../../shared/domain/threat';
import { WORKSPACE_SCHEMA_VERSION } from '../../shared/interop/backup';
import { WORKSPACE_TABLES, type WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import { PROJECT_ROOT } from './handler-table';

/**
 * A real workspace snapshot built from the demo workspace, whose original file is put in `store`.
 * `threats` may replace the demo's threats (a test that needs many of them, say).
 */
export async function demoSnapshot(
  store: SourceStore,
  threats?: (demo: readonly Threat[]) => Threat[],
): Promise<WorkspaceSnapshot> {
  const demo = await loadDemoWorkspace(resolve(PROJECT_ROOT, 'data'), store, new Date('2025-03-01T08:00:00Z'));
  const tables = Object.fromEntries(WORKSPACE_TABLES.map((t) => [t, [] as unknown[]])) as WorkspaceSnapshot['tables'];
  Object.assign(tables, {
    sources: [demo.source],
    sourceTexts: [demo.sourceText],
    registers: [demo.register],
    threats: threats ? threats(demo.threats) : demo.threats,
    actors: demo.actors,
    countries: demo.countries,
    tags: demo.tags,
    annotations: demo.annotations,
  });
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    replicaId: crypto.randomUUID(),
    createdAt: '2025-03-14T09:15:02.000Z',
    tables,
    mergeBases: {},
  };
}
