// Issue 14, point 3: random sequences of commands — CSV import, replacing a text, a colleague's merge,
// codebook merges, passages, ratings, undo and redo among them — on Dexie over fake-indexeddb. After
// every step each changed field has a revision of that step; at the end the revisions alone, replayed
// from nothing, rebuild the workspace; and undoing every step gives back the workspace as it was.
import { sourceTextIn } from './source-text';
import { dequal } from 'dequal';
import { describe, expect, it } from 'vitest';
import type { WorkbenchDatabase } from '../../renderer/db/database';
import { sha256OfText } from '../../renderer/db/hash';
import { createTag, mergeTags, updateTag } from '../../renderer/workspace/commands/codebook';
import { ensureReplicaId } from '../../renderer/workspace/commands/backup';
import { applyMerge, planMerge } from '../../renderer/workspace/commands/merge';
import { readMyWorkspace } from '../../renderer/db/merge';
import { createPassage, deletePassage, updatePassage } from '../../renderer/workspace/commands/passages';
import { replaceSourceText } from '../../renderer/workspace/commands/sources';
import { importCsv, rateThreat, updateThreat } from '../../renderer/workspace/commands/threats';
import { replayFromEmpty } from '../../renderer/workspace/replay';
import { TABLE_NAMES, TABLES, type TableName } from '../../renderer/workspace/tables';
import { CommandFailed, Workspace } from '../../renderer/workspace/workspace';
import { planTextChange } from '../../shared/domain/text-change-plan';
import { guessMapping, parseCsv, validateRows } from '../../shared/interop/register-csv';
import { resolveAll } from '../../shared/interop/merge';
import { LOCAL_META_KEYS } from '../../shared/interop/workspace-snapshot';
import { seededRng } from '../support/fuzz';
import { useDemoDatabases } from './demo-database';
import { workspaceOf } from './perform';

const demo = useDemoDatabases();
const LOCAL = new Set<string>(LOCAL_META_KEYS);

type Records = Map<string, Record<string, unknown>>;
type State = Map<TableName, Records>;

/** Every table but the history itself and the installation's own bookkeeping. */
async function stateOf(db: WorkbenchDatabase): Promise<State> {
  const state: State = new Map();
  for (const name of TABLE_NAMES) {
    const key = TABLES[name].key;
    const rows = (await db.table(name).toArray()) as Record<string, unknown>[];
    state.set(
      name,
      new Map(rows.filter((r) => !(name === 'meta' && LOCAL.has(String(r.key)))).map((r) => [String(r[key]), r])),
    );
  }
  return state;
}

const plain = (state: State) =>
  Object.fromEntries(
    [...state].map(([name, rows]) => [name, Object.fromEntries([...rows].sort(([a], [b]) => a.localeCompare(b)))]),
  );

/** Every field that differs between two states, as `entity/id/field` with its new value (absent = undefined). */
function changedFields(before: State, after: State): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const name of TABLE_NAMES) {
    const a = before.get(name)!;
    const b = after.get(name)!;
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(id) ?? {};
      const y = b.get(id) ?? {};
      for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (!dequal(x[field], y[field])) out.set(`${TABLES[name].entity}/${id}/${field}`, y[field]);
      }
    }
  }
  return out;
}

interface World {
  db: WorkbenchDatabase;
  colleague: WorkbenchDatabase;
  workspace: Workspace;
  next: () => number;
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

async function csvDrafts(db: WorkbenchDatabase, registerId: string, csv: string) {
  const register = (await db.registers.get(registerId))!;
  const parsed = parseCsv(csv);
  const validation = validateRows(parsed, guessMapping(parsed.headers), {
    actors: await db.actors.toArray(),
    countryCodes: (await db.countries.toArray()).map((c) => c.code),
    scale: register.scale,
  });
  return { drafts: validation.drafts.map((d) => d.draft), mappedFields: validation.mappedFields };
}

/** The steps an analyst takes; each answers a name for the failure message. */
const STEPS: Record<string, (w: World, i: number) => Promise<unknown>> = {
  async tag({ workspace }, i) {
    return workspace.perform(createTag, { name: `Property tag ${i}` });
  },
  async renameTag({ db, workspace, next }, i) {
    const tag = pick(next, await db.tags.toArray());
    return workspace.perform(updateTag, {
      id: tag.id,
      patch: { name: `${tag.name} / ${i}`, description: `renamed at step ${i}` },
    });
  },
  async mergeTags({ db, workspace, next }) {
    const tags = await db.tags.where('parentId').notEqual('__none__').toArray();
    const leaves = tags.filter((t) => !tags.some((c) => c.parentId === t.id));
    if (leaves.length < 2) return undefined;
    const from = pick(next, leaves);
    const into = pick(
      next,
      leaves.filter((t) => t.id !== from.id),
    );
    return workspace.perform(mergeTags, { fromId: from.id, intoId: into.id });
  },
  async passage({ db, workspace, next }, i) {
    const source = (await db.sources.toArray())[0]!;
    const text = await sourceTextIn(db, source.id);
    const start = Math.floor(next() * (text.length - 80));
    const tag = pick(next, await db.tags.toArray());
    return workspace.perform(createPassage, {
      sourceId: source.id,
      text,
      start,
      end: start + 20 + Math.floor(next() * 50),
      coding: { tagIds: [tag.id], note: `step ${i}`, threatIds: [], countryCodes: ['UZ'], actorIds: [] },
    });
  },
  async notePassage({ db, workspace, next }, i) {
    const passage = pick(next, await db.annotations.toArray());
    return workspace.perform(updatePassage, {
      id: passage.id,
      coding: {
        tagIds: passage.tagIds,
        note: `${passage.note} · ${i}`,
        threatIds: passage.threatIds,
        countryCodes: passage.countryCodes,
        actorIds: passage.actorIds,
      },
    });
  },
  async deletePassage({ db, workspace, next }) {
    return workspace.perform(deletePassage, pick(next, await db.annotations.toArray()).id);
  },
  async rate({ db, workspace, next }, i) {
    const threat = pick(next, await db.threats.toArray());
    return workspace.perform(rateThreat, {
      id: threat.id,
      likelihood: 1 + Math.floor(next() * 5),
      impact: 1 + Math.floor(next() * 5),
      rationale: `reason ${i}`,
    });
  },
  async csv({ db, workspace, next }, i) {
    const register = (await db.registers.toArray())[0]!;
    const threat = pick(next, await db.threats.where('registerId').equals(register.id).toArray());
    const likelihood = ((threat.likelihood ?? 0) % 5) + 1;
    const csv = `title,likelihood,impact\n"${threat.title.replaceAll('"', '""')}",${likelihood},${threat.impact ?? 3}\nImported threat ${i},2,3`;
    return workspace.perform(importCsv, {
      registerId: register.id,
      fileName: `step-${i}.csv`,
      rationale: 'desk figures',
      ...(await csvDrafts(db, register.id, csv)),
    });
  },
  async replaceText({ db, workspace, next }, i) {
    const source = (await db.sources.toArray())[0]!;
    const text = await sourceTextIn(db, source.id);
    const at = text.indexOf('\n', Math.floor(next() * text.length));
    const edited =
      at === -1
        ? `${text}\n\nAdded at step ${i}.`
        : `${text.slice(0, at)}\n\nInserted at step ${i} — Қазақстан, ولایات.${text.slice(at)}`;
    const passages = await db.annotations.where('sourceId').equals(source.id).toArray();
    return workspace.perform(replaceSourceText, {
      sourceId: source.id,
      title: source.title,
      plan: planTextChange(text, edited, passages),
      textHash: await sha256OfText(edited),
    });
  },
  async merge({ colleague, workspace, next }, i) {
    // The colleague edits one of their threats through their own workspace, then hands over a backup.
    const threat = pick(next, await colleague.threats.toArray());
    await new Workspace(colleague).perform(updateThreat, { id: threat.id, patch: { owner: `Colleague ${i}` } });
    const theirs = { ...(await readMyWorkspace(colleague)), replicaId: 'colleague-replica' };
    const plan = await planMerge(workspace, theirs, 'Dilnoza');
    return workspace.perform(applyMerge, {
      plan,
      resolutions: resolveAll(plan, 'mine'),
      rationale: `Merged at step ${i}`,
    });
  },
  async undo({ workspace }) {
    return workspace.undo();
  },
  async redo({ workspace }) {
    return workspace.redo();
  },
};

describe('the history of random sequences of commands', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: every changed field has a revision, replay rebuilds the workspace, undoing every step restores it`, async () => {
      const db = await demo();
      const colleague = await demo();
      const workspace = workspaceOf(db);
      const world: World = { db, colleague, workspace, next: seededRng(seed) };
      // The installation's id is given once, as no step for Ctrl+Z; the workspace starts from there.
      await ensureReplicaId(workspace);
      const initial = await stateOf(db);
      const names = Object.keys(STEPS);
      for (let i = 0; i < 14; i++) {
        const name = pick(world.next, names);
        const before = await stateOf(db);
        const known = new Set(await db.revisions.toCollection().primaryKeys());
        try {
          await STEPS[name]!(world, i);
        } catch (error) {
          // A refusal (e.g. a merge into a tag that a later rule refuses) changes nothing; anything else fails the test.
          if (!(error instanceof CommandFailed)) throw error;
          expect(plain(await stateOf(db)), `seed ${seed} step ${i} ${name} refused but changed something`).toEqual(
            plain(before),
          );
          continue;
        }
        const after = await stateOf(db);
        const written = (await db.revisions.orderBy('at').toArray()).filter((r) => !known.has(r.id) && r.changeId);
        const recorded = new Map(
          written.filter((r) => r.command !== undefined).map((r) => [`${r.entity}/${r.entityId}/${r.field}`, r.after]),
        );
        for (const [field, value] of changedFields(before, after)) {
          expect(recorded.has(field), `seed ${seed} step ${i} ${name}: ${field} changed without a revision`).toBe(true);
          expect(
            dequal(recorded.get(field), value),
            `seed ${seed} step ${i} ${name}: ${field}'s revision has another value`,
          ).toBe(true);
        }
      }
      // The revisions alone, from nothing (the demo's own creation included), rebuild the workspace.
      const replayed = replayFromEmpty(await db.revisions.toArray());
      const now = await stateOf(db);
      for (const name of TABLE_NAMES) {
        const rows = replayed[name] ?? new Map();
        if (name === 'meta') for (const key of LOCAL) rows.delete(key);
        expect(plain(new Map([[name, rows]])), `seed ${seed}: ${name} replayed`).toEqual(
          plain(new Map([[name, now.get(name)!]])),
        );
      }
      // Undo every step: the workspace as it was before the first.
      while (workspace.history().canUndo) expect(await workspace.undo()).toBe(true);
      expect(plain(await stateOf(db))).toEqual(plain(initial));
    }, 240_000);
  }
});
