import { sourceTextIn, storeTextsThrough } from './source-text';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchDatabase } from '../../renderer/db/database';
import { sha256OfText } from '../../renderer/db/hash';
import { createTag } from '../../renderer/workspace/commands/codebook';
import { deletePassage } from '../../renderer/workspace/commands/passages';
import { describeRefiQdaPlan, importRefiQda, planRefiQdaImport } from '../../renderer/workspace/commands/refi-qda';
import { CommandFailed } from '../../renderer/workspace/workspace';
import { fromRefiQdaProject, toRefiQdaProject, type QdaProject } from '../../shared/interop/refi-qda';
import type { WorkbenchApi } from '../../shared/ipc';
import { readQdpx } from '../support/refi-qda-validator';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';
import { useDemoDatabases } from './demo-database';
import { perform, workspaceOf } from './perform';

const demoDatabase = useDemoDatabases();
const tempFolder = useTempFolders();
let api: WorkbenchApi | null = null;
/** window.workbench on the real main handlers and a real data folder: the .qdpx is packed, saved and unpacked there. */
async function main(): Promise<WorkbenchApi> {
  api ??= await realWorkbench(await tempFolder());
  return api;
}
const empties: WorkbenchDatabase[] = [];
afterEach(async () => {
  api = null;
  for (const db of empties.splice(0)) await db.delete();
});
async function emptyDatabase(): Promise<WorkbenchDatabase> {
  const db = new WorkbenchDatabase(`test-${crypto.randomUUID()}`);
  empties.push(db);
  return storeTextsThrough(db, await main());
}

async function hashesOf(project: QdaProject): Promise<Map<string, string>> {
  return new Map(await Promise.all(project.sources.map(async (s) => [s.guid, await sha256OfText(s.text)] as const)));
}

/** A .qdpx's project as the app reads it: unpacked by main, parsed in the renderer. */
async function read(bytes: Uint8Array): Promise<QdaProject> {
  const contents = await (await main()).readRefiQda({ bytes });
  return fromRefiQdaProject(contents.projectXml, new Map(contents.texts.map((t) => [t.path, t.text])));
}

/** The workspace's export, packed as a .qdpx and read back the way the app reads a chosen file. */
async function exportedProject(db: WorkbenchDatabase): Promise<QdaProject> {
  const pkg = toRefiQdaProject({
    projectName: 'Demo',
    origin: 'Analyst Workbench test',
    author: null,
    exportedAt: new Date().toISOString(),
    sources: await Promise.all(
      (await db.sources.toArray()).map(async (source) => ({
        source,
        text: await sourceTextIn(db, source.id),
      })),
    ),
    tags: await db.tags.toArray(),
    annotations: await db.annotations.toArray(),
    threats: await db.threats.toArray(),
    actors: await db.actors.toArray(),
    countries: await db.countries.toArray(),
  });
  const { path } = await (
    await main()
  ).exportRefiQda({
    fileName: 'Demo.qdpx',
    projectXml: pkg.projectXml,
    sources: pkg.sourceFiles,
  });
  return read(await readQdpx(path!));
}

describe('refiQda.import', () => {
  it('brings the demo into an empty workspace in one step: sources, the codebook and every coded passage at its exact place', async () => {
    const demo = await demoDatabase();
    const project = await exportedProject(demo);
    const db = await emptyDatabase();

    const result = await perform(db, importRefiQda, {
      fileName: 'demo.qdpx',
      project,
      textHashes: await hashesOf(project),
    });
    const demoPassages = (await demo.annotations.toArray()).filter((a) => a.anchor !== 'orphaned');
    const demoTags = await demo.tags.toArray();
    expect(result).toEqual({ sources: 1, tags: demoTags.length, passages: demoPassages.length });

    const [source] = await db.sources.toArray();
    const [demoSource] = await demo.sources.toArray();
    expect(source).toMatchObject({
      id: demoSource!.id,
      title: demoSource!.title,
      author: demoSource!.author,
      textHash: demoSource!.textHash,
    });
    expect(await sourceTextIn(db, source!.id)).toBe(await sourceTextIn(demo, demoSource!.id));
    const tags = await db.tags.toArray();
    expect(tags.map((t) => [t.id, t.name, t.color, t.parentId, t.description]).sort()).toEqual(
      demoTags.map((t) => [t.id, t.name, t.color, t.parentId, t.description]).sort(),
    );
    for (const a of demoPassages) {
      const got = (await db.annotations.get(a.id))!;
      expect(got.position).toEqual(a.position);
      expect(got.quote.exact).toBe(a.quote.exact);
      expect(got.tagIds.sort()).toEqual([...a.tagIds].sort());
      expect(got.note).toBe(a.note);
      // The empty workspace has no threats, actors or countries: their links are left out, and said so.
      expect([...got.threatIds, ...got.actorIds, ...got.countryCodes]).toEqual([]);
    }

    const revisions = await db.revisions.toArray();
    expect(new Set(revisions.map((r) => r.changeId)).size).toBe(1);
    expect(revisions.every((r) => r.command === 'refiQda.import' && r.rationale === 'Imported from demo.qdpx')).toBe(
      true,
    );
    expect(workspaceOf(db).history().undoLabel).toBe('import the REFI-QDA project “demo.qdpx”');
    await workspaceOf(db).undo();
    expect(await db.sources.count()).toBe(0);
    expect(await db.tags.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
  });

  it('back into the workspace it came from: the text is known, links resolve, only missing passages are added', async () => {
    const db = await demoDatabase();
    const project = await exportedProject(db);
    const all = await db.annotations.toArray();
    const linked = all.find((a) => a.threatIds.length + a.actorIds.length + a.countryCodes.length > 0)!;
    await perform(db, deletePassage, linked.id);
    const before = await db.sources.count();

    const plan = planRefiQdaImport(
      project,
      await hashesOf(project),
      {
        tags: await db.tags.toArray(),
        sources: await db.sources.toArray(),
        presentPassages: new Set(all.filter((a) => a.id !== linked.id).map((a) => a.id)),
        threats: await db.threats.toArray(),
        actors: await db.actors.toArray(),
        countryCodes: new Set((await db.countries.toArray()).map((c) => c.code)),
      },
      new Date().toISOString(),
    );
    expect(describeRefiQdaPlan(plan)[0]).toBe(
      '0 new sources (and 1 source this workspace already has, by identical text).',
    );

    const result = await perform(db, importRefiQda, {
      fileName: 'back.qdpx',
      project,
      textHashes: await hashesOf(project),
    });
    expect(result).toEqual({ sources: 0, tags: 0, passages: 1 });
    expect(await db.sources.count()).toBe(before);
    const back = (await db.annotations.get(linked.id))!;
    expect(back.threatIds.sort()).toEqual([...linked.threatIds].sort());
    expect(back.actorIds.sort()).toEqual([...linked.actorIds].sort());
    expect(back.countryCodes.sort()).toEqual([...linked.countryCodes].sort());
    expect(back.position).toEqual(linked.position);

    // Everything is here now: a second import is refused and writes nothing.
    const revisions = await db.revisions.count();
    await expect(
      perform(db, importRefiQda, { fileName: 'back.qdpx', project, textHashes: await hashesOf(project) }),
    ).rejects.toThrow(CommandFailed);
    expect(await db.revisions.count()).toBe(revisions);
  });

  it('imports the ATLAS.ti sample’s code hierarchy, merging a code with the tag of the same name', async () => {
    const db = await demoDatabase();
    const existing = await perform(db, createTag, { name: 'commits' });
    const project = await read(await readQdpx('atlas-ti-23-target.qdpx'));
    const result = await perform(db, importRefiQda, {
      fileName: 'atlas-ti-23-target.qdpx',
      project,
      textHashes: new Map(),
    });
    expect(result).toEqual({ sources: 0, tags: 2, passages: 0 });
    const children = (await db.tags.toArray()).filter((t) => t.parentId === existing.id);
    expect(children.map((t) => t.name).sort()).toEqual([
      '2022-02-11T10:39:25Z cdbfd92',
      '2022-05-10T02:05:59Z 19e4dce',
    ]);
  });
});
