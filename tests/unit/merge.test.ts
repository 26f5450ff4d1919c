import { describe, expect, it } from 'vitest';
import { seededRng } from '../support/fuzz';
import {
  baseAfterRestore,
  formatMergeReport,
  joinLists,
  nameKey,
  planMerge,
  recordHash,
  resolveAll,
  resolveMerge,
  stableStringify,
  unresolvedConflicts,
  type MergePlan,
  type Resolutions,
} from '../../shared/interop/merge';
import type { WorkspaceSnapshot } from '../../shared/interop/workspace-snapshot';
import {
  actor,
  applyWrites,
  asReplica,
  baseWorkspace,
  edit,
  find,
  passage,
  revision,
  rows,
  source,
  snapshot,
  tag,
  T0,
  T1,
  T2,
  TEXT,
  threat,
  uid,
} from '../support/merge-workspace';

const AT = '2025-04-01T12:00:00.000Z';
const merge = (mine: WorkspaceSnapshot, theirs: WorkspaceSnapshot): MergePlan =>
  planMerge(mine, theirs, { at: AT, colleague: 'Dilnoza' });
const mergeAndApply = (
  mine: WorkspaceSnapshot,
  theirs: WorkspaceSnapshot,
  resolutions: Resolutions = {},
): WorkspaceSnapshot => applyWrites(mine, resolveMerge(merge(mine, theirs), resolutions));

/** Two installations that last agreed on `start`: A restored B's backup of it. */
function agreedPair(start = baseWorkspace('seed')): { a: WorkspaceSnapshot; b: WorkspaceSnapshot } {
  const b = asReplica(start, 'replica-b');
  const a = asReplica(start, 'replica-a');
  a.mergeBases = { 'replica-b': baseAfterRestore(b, T0) };
  return { a, b };
}

const isEmpty = (plan: MergePlan): boolean =>
  plan.conflicts.length === 0 && Object.values(plan.tables).every((t) => t.add.length === 0 && t.update.length === 0);

describe('recordHash', () => {
  it('does not depend on the order of keys, and tells different records apart', () => {
    expect(recordHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(recordHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(recordHash({ a: 1 })).not.toBe(recordHash({ a: 2 }));
    expect(recordHash({ list: [1, 2] })).not.toBe(recordHash({ list: [2, 1] }));
    expect(recordHash({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives 10 000 distinct small records 10 000 distinct hashes', () => {
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => recordHash({ id: uid(i), n: i % 7 })));
    expect(hashes.size).toBe(10_000);
  });
});

describe('nameKey', () => {
  it('ignores case, surrounding and repeated whitespace, and Unicode composition', () => {
    expect(nameKey('  Drug   Trafficking ')).toBe(nameKey('drug trafficking'));
    expect(nameKey('Cafe\u0301')).toBe(nameKey('Café'));
    expect(nameKey('Наркотрафик')).toBe(nameKey('НАРКОТРАФИК'));
  });
});

describe('planMerge: records only one side has or changed', () => {
  it('adds their new tag, threat and passage, with the new source text', () => {
    const { a, b } = agreedPair();
    const src = source(uid(2), { file: null, textHash: 'c'.repeat(64), title: 'Water report' });
    rows(b, 'sources').push(src);
    rows(b, 'sourceTexts').push({ sourceId: src.id, text: TEXT });
    rows(b, 'tags').push(tag(uid(12), 'Migration'));
    rows(b, 'threats').push(threat(uid(31), 'Canal dispute', { category: 'water' }));
    rows(b, 'annotations').push(passage(uid(41), src.id, 'Kosh-Tepa canal', [uid(11), uid(12)]));

    const plan = merge(a, b);
    expect(plan.conflicts).toEqual([]);
    expect(plan.tables.tags.add.map((t) => t.name)).toEqual(['Migration']);
    expect(plan.tables.threats.add.map((t) => t.title)).toEqual(['Canal dispute']);
    expect(plan.tables.annotations.add.map((t) => t.id)).toEqual([uid(41)]);
    expect(plan.tables.sourceTexts.add).toEqual([{ sourceId: src.id, text: TEXT }]);
    expect(plan.report.tables.tags).toMatchObject({ added: 1, updated: 0, conflicts: 0 });
    const after = applyWrites(a, resolveMerge(plan, {}));
    expect(find(after, 'annotations', uid(41))).toEqual(find(b, 'annotations', uid(41)));
  });

  it('takes a record only they changed since the last merge, and keeps one only I changed', () => {
    const { a, b } = agreedPair();
    edit(b, 'threats', uid(30), { likelihood: 5, score: 20, updatedAt: T1 });
    edit(a, 'tags', uid(11), { description: 'Amu Darya and the canal', updatedAt: T1 });

    const plan = merge(a, b);
    expect(plan.conflicts).toEqual([]);
    expect(plan.tables.threats.update).toHaveLength(1);
    expect(plan.tables.threats.update[0]!.after).toEqual(find(b, 'threats', uid(30)));
    expect(plan.tables.threats.update[0]!.fields).toEqual(['likelihood']);
    expect(plan.tables.tags.update).toEqual([]);
  });

  it('merges a record both changed field by field when they changed different fields', () => {
    const { a, b } = agreedPair();
    edit(a, 'threats', uid(30), { trend: 'rising', updatedAt: T1 });
    edit(b, 'threats', uid(30), { impact: 5, score: 15, updatedAt: T2 });

    const plan = merge(a, b);
    expect(plan.conflicts).toEqual([]);
    const after = plan.tables.threats.update[0]!.after;
    expect(after).toMatchObject({ trend: 'rising', impact: 5, likelihood: 3, score: 15, updatedAt: T2 });
  });

  it('recomputes the score when likelihood comes from one side and impact from the other', () => {
    const { a, b } = agreedPair();
    edit(a, 'threats', uid(30), { likelihood: 5, score: 20, updatedAt: T1 });
    edit(b, 'threats', uid(30), { impact: 1, score: 3, updatedAt: T2 });
    const after = merge(a, b).tables.threats.update[0]!.after;
    expect(after).toMatchObject({ likelihood: 5, impact: 1, score: 5 });
  });
});

describe('planMerge: conflicts', () => {
  it('lists a field both changed differently, with mine and theirs, and applies each choice', () => {
    const { a, b } = agreedPair();
    edit(a, 'threats', uid(30), { description: 'Recruits in Moscow.', likelihood: 4, score: 16, updatedAt: T1 });
    edit(b, 'threats', uid(30), { description: 'Recruits on building sites.', likelihood: 2, score: 8, updatedAt: T2 });

    const plan = merge(a, b);
    expect(plan.conflicts).toHaveLength(1);
    const conflict = plan.conflicts[0]!;
    expect(conflict).toMatchObject({
      id: `threats:${uid(30)}`,
      table: 'threats',
      label: 'ISKP recruitment',
      kind: 'edited-on-both-sides',
    });
    expect(conflict.fields).toEqual([
      { field: 'description', mine: 'Recruits in Moscow.', theirs: 'Recruits on building sites.', canJoin: true },
      { field: 'likelihood', mine: 4, theirs: 2, canJoin: false },
    ]);
    expect(plan.report.tables.threats?.conflicts).toBe(1);
    expect(() => resolveMerge(plan, {})).toThrow(/1 conflict is not settled yet/);
    expect(unresolvedConflicts(plan, { [conflict.id]: { description: 'both' } })).toHaveLength(1);
    expect(unresolvedConflicts(plan, { [conflict.id]: { description: 'both', likelihood: 'both' } })).toHaveLength(1);

    const writes = resolveMerge(plan, { [conflict.id]: { description: 'both', likelihood: 'theirs' } });
    const after = writes.tables.threats.update[0]!.after;
    expect(after.description).toBe('Recruits in Moscow.\n\n——— Dilnoza ———\nRecruits on building sites.');
    expect(after).toMatchObject({ likelihood: 2, score: 8, updatedAt: T2 });
    expect(writes.report.resolved).toEqual({ mine: 0, theirs: 1, both: 1 });

    const kept = resolveMerge(plan, resolveAll(plan, 'mine'));
    expect(kept.tables.threats.update).toEqual([]);
    const taken = resolveMerge(plan, resolveAll(plan, 'theirs'));
    expect(taken.tables.threats.update[0]!.after).toEqual(find(b, 'threats', uid(30)));
  });

  it('without a base, uses the revisions: a value one side moved on from loses', () => {
    const start = baseWorkspace('seed');
    const a = asReplica(start, 'replica-a');
    const b = asReplica(start, 'replica-b');
    // I changed the trend (my history says it was "stable"); they changed the owner and the status.
    edit(a, 'threats', uid(30), { trend: 'rising', updatedAt: T1 });
    rows(a, 'revisions').push(revision(uid(500), 'threat', uid(30), 'trend', 'stable', 'rising'));
    edit(b, 'threats', uid(30), { owner: 'Dilnoza', status: 'monitoring', updatedAt: T2 });
    rows(b, 'revisions').push(revision(uid(501), 'threat', uid(30), 'owner', '', 'Dilnoza'));
    // Neither recorded a revision of the status: nobody can tell which is newer.

    const plan = merge(a, b);
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]!.fields.map((f) => f.field)).toEqual(['status']);
    expect(plan.conflicts[0]!.taken).toEqual(['owner']);
    const after = resolveMerge(plan, resolveAll(plan, 'mine')).tables.threats.update[0]!.after;
    expect(after).toMatchObject({ trend: 'rising', owner: 'Dilnoza', status: 'active' });
  });

  it('does not count differing timestamps alone as a change (two demo workspaces seeded at different times)', () => {
    const start = baseWorkspace('seed');
    const a = asReplica(start, 'replica-a');
    const b = asReplica(start, 'replica-b');
    for (const table of ['tags', 'threats', 'annotations', 'actors', 'sources'] as const) {
      b.tables[table] = rows(b, table).map((r) => ({ ...r, createdAt: T1, updatedAt: T1 }));
    }
    expect(isEmpty(merge(a, b))).toBe(true);
  });

  it('offers both lists for a list field: a passage coded differently on both sides keeps every tag', () => {
    const { a, b } = agreedPair();
    rows(a, 'tags').push(tag(uid(12), 'Recruitment'));
    rows(b, 'tags').push(tag(uid(13), 'Labour migration'));
    edit(a, 'annotations', uid(40), { tagIds: [uid(10), uid(12)], updatedAt: T1 });
    edit(b, 'annotations', uid(40), { tagIds: [uid(13)], updatedAt: T2 });
    const plan = merge(a, b);
    expect(plan.conflicts[0]!.fields).toEqual([
      { field: 'tagIds', mine: [uid(10), uid(12)], theirs: [uid(13)], canJoin: true },
    ]);
    const after = applyWrites(a, resolveMerge(plan, { [plan.conflicts[0]!.id]: { tagIds: 'both' } }));
    expect(find(after, 'annotations', uid(40))!.tagIds).toEqual([uid(10), uid(12), uid(13)]);
  });
});

describe('planMerge: one record under two ids', () => {
  it('merges tags of the same name (case, spacing, composition aside), rewriting every reference', () => {
    const { a, b } = agreedPair();
    rows(a, 'tags').push(tag(uid(12), 'Café culture'), tag(uid(14), 'Drug trafficking'));
    rows(b, 'tags').push(
      tag(uid(52), 'cafe\u0301  CULTURE'),
      tag(uid(54), ' drug trafficking ', { description: 'Opiates via the Northern Route' }),
      tag(uid(55), 'Heroin', { parentId: uid(54) }),
    );
    rows(b, 'annotations').push(passage(uid(41), uid(1), 'Kosh-Tepa canal', [uid(52), uid(54), uid(55)]));
    edit(b, 'annotations', uid(40), { tagIds: [uid(10), uid(54)], updatedAt: T1 });

    const plan = merge(a, b);
    expect(plan.report.tables.tags).toMatchObject({ added: 1, mergedByName: 2 });
    const after = applyWrites(a, resolveMerge(plan, resolveAll(plan, 'theirs')));
    const names = rows(after, 'tags').map((t) => nameKey(t.name));
    expect(new Set(names).size).toBe(names.length);
    expect(find(after, 'tags', uid(55))!.parentId).toBe(uid(14));
    expect(find(after, 'tags', uid(14))!.description).toBe('Opiates via the Northern Route');
    expect(find(after, 'annotations', uid(41))!.tagIds).toEqual([uid(12), uid(14), uid(55)]);
    expect(find(after, 'annotations', uid(40))!.tagIds).toEqual([uid(10), uid(14)]);
    // Every coding of theirs survives, under my tag ids.
    const tagIds = new Set(rows(after, 'tags').map((t) => t.id));
    for (const a of rows(after, 'annotations')) for (const t of a.tagIds as string[]) expect(tagIds.has(t)).toBe(true);
  });

  it('merges an actor whose name is an alias of mine, or whose alias is my name, and rewrites threats and passages', () => {
    const { a, b } = agreedPair();
    rows(a, 'actors').push(actor(uid(21), 'Taliban'));
    rows(b, 'actors').push(
      actor(uid(61), 'ISKP', { aliases: ['IS-K'] }),
      actor(uid(62), 'Islamic Emirate', { aliases: ['taliban'], kind: 'state' }),
    );
    rows(b, 'threats').push(threat(uid(32), 'Cross-border raids', { actorIds: [uid(61), uid(62)] }));
    rows(b, 'annotations').push(passage(uid(41), uid(1), 'Kosh-Tepa canal', [], { actorIds: [uid(62)] }));

    const plan = merge(a, b);
    expect(plan.report.tables.actors).toMatchObject({ mergedByName: 2, added: 0 });
    const after = applyWrites(a, resolveMerge(plan, resolveAll(plan, 'mine')));
    expect(rows(after, 'actors')).toHaveLength(2);
    expect(find(after, 'threats', uid(32))!.actorIds).toEqual([uid(20), uid(21)]);
    expect(find(after, 'annotations', uid(41))!.actorIds).toEqual([uid(21)]);
  });

  it('does not merge actors that only share an alias', () => {
    const { a, b } = agreedPair();
    rows(b, 'actors').push(actor(uid(61), 'Khorasan Group', { aliases: ['ISKP'] }));
    expect(merge(a, b).tables.actors.add).toHaveLength(1);
  });

  it('maps their source of the same file onto mine: their passages follow, the text is not duplicated', () => {
    const start = baseWorkspace('seed');
    const a = asReplica(start, 'replica-a');
    const b = snapshot('replica-b', {
      sources: [source(uid(3), { title: 'Security Threats (imported again)' })],
      sourceTexts: [{ sourceId: uid(3), text: TEXT }],
      tags: [tag(uid(10), 'Terrorism')],
      annotations: [passage(uid(42), uid(3), 'Kosh-Tepa canal', [uid(10)])],
    });
    const plan = merge(a, b);
    expect(plan.report.tables.sources).toMatchObject({ mergedByName: 1, added: 0 });
    expect(plan.tables.sourceTexts.add).toEqual([]);
    expect(plan.tables.annotations.add[0]).toMatchObject({ id: uid(42), sourceId: uid(1) });
    // Different titles, no base, no history: the analyst decides.
    expect(plan.conflicts.map((c) => c.fields.map((f) => f.field))).toEqual([['title']]);
    expect(plan.conflicts[0]!.fields[0]!.canJoin).toBe(false);
  });

  it('remembers a pair after a merge, so a rename on one side does not duplicate the tag later', () => {
    const { a, b } = agreedPair();
    rows(a, 'tags').push(tag(uid(14), 'Narcotics'));
    rows(b, 'tags').push(tag(uid(54), 'narcotics'));
    const first = merge(a, b);
    expect(first.conflicts.map((c) => c.fields.map((f) => [f.mine, f.theirs]))).toEqual([[['Narcotics', 'narcotics']]]);
    const merged = applyWrites(a, resolveMerge(first, resolveAll(first, 'mine')));
    edit(b, 'tags', uid(54), { name: 'Drug trade', updatedAt: T2 });
    const plan = merge(merged, b);
    expect(plan.tables.tags.add).toEqual([]);
    expect(plan.tables.tags.update[0]!.after).toMatchObject({ id: uid(14), name: 'Drug trade' });
  });

  it('never takes a tag name that another tag already has', () => {
    const { a, b } = agreedPair();
    rows(a, 'tags').push(tag(uid(14), 'Narcotics'));
    edit(b, 'tags', uid(11), { name: 'narcotics', updatedAt: T1 });
    const after = mergeAndApply(a, b);
    const names = rows(after, 'tags').map((t) => nameKey(t.name));
    expect(new Set(names).size).toBe(names.length);
    expect(find(after, 'tags', uid(11))!.name).toBe('Water');
  });
});

describe('planMerge: the codebook stays a tree and lists keep one item per id', () => {
  it('does not take a move that would put a tag under its own sub-tag', () => {
    const { a, b } = agreedPair();
    // I moved Water under Terrorism; they moved Terrorism under Water.
    edit(a, 'tags', uid(11), { parentId: uid(10), updatedAt: T1 });
    edit(b, 'tags', uid(10), { parentId: uid(11), updatedAt: T1 });
    const after = mergeAndApply(a, b);
    expect(find(after, 'tags', uid(11))!.parentId).toBe(uid(10));
    expect(find(after, 'tags', uid(10))!.parentId).toBeNull();
  });

  it('keeps both lists of key judgments without two judgments under one id', () => {
    const judgment = (id: string, text: string) => ({ id, text, confidence: 'moderate', passageIds: [] });
    expect(
      joinLists(
        [judgment(uid(1), 'Mine'), judgment(uid(2), 'Shared')],
        [judgment(uid(2), 'Shared, edited'), judgment(uid(3), 'Theirs')],
      ),
    ).toEqual([judgment(uid(1), 'Mine'), judgment(uid(2), 'Shared'), judgment(uid(3), 'Theirs')]);
    expect(joinLists(['KZ', 'UZ'], ['UZ', 'TJ'])).toEqual(['KZ', 'UZ', 'TJ']);
  });
});

describe('planMerge: deletions', () => {
  it('does not bring back a record I deleted that they left unchanged, and drops their references to it', () => {
    const { a, b } = agreedPair();
    a.tables.tags = rows(a, 'tags').filter((t) => t.id !== uid(11));
    rows(b, 'annotations').push(passage(uid(41), uid(1), 'Kosh-Tepa canal', [uid(10), uid(11)]));

    const plan = merge(a, b);
    expect(plan.tables.tags.add).toEqual([]);
    expect(plan.report.tables.tags).toMatchObject({ keptDeleted: 1 });
    const after = applyWrites(a, resolveMerge(plan, {}));
    expect(find(after, 'tags', uid(11))).toBeUndefined();
    expect(find(after, 'annotations', uid(41))!.tagIds).toEqual([uid(10)]);
  });

  it('asks when they changed a record I deleted; their passages on a deleted source come back only with it', () => {
    const { a, b } = agreedPair();
    a.tables.sources = [];
    a.tables.sourceTexts = [];
    a.tables.annotations = [];
    edit(b, 'sources', uid(1), { reliability: 'A', updatedAt: T1 });
    rows(b, 'annotations').push(passage(uid(41), uid(1), 'Kosh-Tepa canal', [uid(10)]));

    const plan = merge(a, b);
    expect(plan.conflicts).toHaveLength(1);
    const conflict = plan.conflicts[0]!;
    expect(conflict).toMatchObject({
      kind: 'deleted-here',
      table: 'sources',
      label: 'Security threats from Afghanistan',
    });
    // Its passages (the one I deleted with it, and their new one) and its text wait on the choice.
    expect(conflict.dependents.map((d) => d.table).sort()).toEqual(['annotations', 'annotations', 'sourceTexts']);

    const keep = applyWrites(a, resolveMerge(plan, { [conflict.id]: { record: 'mine' } }));
    expect(rows(keep, 'sources')).toEqual([]);
    expect(rows(keep, 'annotations')).toEqual([]);
    const restore = applyWrites(a, resolveMerge(plan, { [conflict.id]: { record: 'theirs' } }));
    expect(find(restore, 'sources', uid(1))!.reliability).toBe('A');
    expect(rows(restore, 'sourceTexts')).toEqual([{ sourceId: uid(1), text: TEXT }]);
    expect(rows(restore, 'annotations').map((r) => r.id)).toEqual([uid(40), uid(41)]);
  });

  it('skips their passages on a source neither of us has', () => {
    const { a, b } = agreedPair();
    rows(b, 'annotations').push(passage(uid(41), uid(7), 'Kosh-Tepa canal', []));
    const plan = merge(a, b);
    expect(plan.tables.annotations.add).toEqual([]);
    expect(plan.report.tables.annotations).toMatchObject({ skipped: 1 });
  });
});

describe('planMerge: passages keep their anchors', () => {
  it('keeps the anchor as is on the same text', () => {
    const { a, b } = agreedPair();
    const added = passage(uid(41), uid(1), 'Kosh-Tepa canal', [uid(11)]);
    rows(b, 'annotations').push(added);
    expect(merge(a, b).tables.annotations.add).toEqual([added]);
  });

  it('re-anchors their passages to my corrected text of the same file: moved, drifted or orphaned as the app does', () => {
    const start = baseWorkspace('seed');
    const a = asReplica(start, 'replica-a');
    const b = asReplica(start, 'replica-b');
    const myText = `Editor's note: corrected on 2 May.\n\n${TEXT.replace('will draw a large share', 'may draw a share')}`;
    edit(a, 'sources', uid(1), { textHash: 'd'.repeat(64), textLength: myText.length, version: 2 });
    a.tables.sourceTexts = [{ sourceId: uid(1), text: myText }];
    rows(b, 'annotations').push(
      passage(uid(41), uid(1), 'Kazakhstan shares no border', [uid(10)]),
      passage(uid(42), uid(1), 'will draw a large share of the Amu Darya', [uid(11)]),
    );

    const plan = merge(a, b);
    const byId = new Map(plan.tables.annotations.add.map((r) => [r.id, r]));
    const moved = byId.get(uid(41))!;
    const position = moved.position as { start: number; end: number };
    expect(myText.slice(position.start, position.end)).toBe('Kazakhstan shares no border');
    expect(moved.anchor).toBe('anchored');
    const edited = byId.get(uid(42))!;
    expect(['drifted', 'orphaned']).toContain(edited.anchor);
    expect((edited.quote as { exact: string }).exact).toBe('will draw a large share of the Amu Darya');
    // The source keeps my text: a merge never replaces what I read and coded.
    expect(plan.tables.sources.update).toEqual([]);
  });
});

describe('planMerge: history and settings', () => {
  it('keeps every revision of both sides once, with mapped ids', () => {
    const { a, b } = agreedPair();
    rows(a, 'revisions').push(revision(uid(500), 'threat', uid(30), 'trend', 'stable', 'rising'));
    rows(b, 'revisions').push(
      revision(uid(500), 'threat', uid(30), 'trend', 'stable', 'rising'),
      revision(uid(501), 'tag', uid(10), 'color', '#000000', '#2f8fce'),
    );
    const after = mergeAndApply(a, b);
    expect(
      rows(after, 'revisions')
        .map((r) => r.id)
        .sort(),
    ).toEqual([uid(500), uid(501)]);
  });

  it('never takes their replica id, merge bases or import limit', () => {
    const { a, b } = agreedPair();
    edit(b, 'meta', 'importLimitBytes', { value: 5 * 1024 * 1024 });
    rows(b, 'meta').push({ key: 'mergeBases', value: { x: 1 } }, { key: 'countries.comparison', value: ['KZ', 'UZ'] });
    const plan = merge(a, b);
    expect(plan.tables.meta.add).toEqual([{ key: 'countries.comparison', value: ['KZ', 'UZ'] }]);
    expect(plan.tables.meta.update).toEqual([]);
    const after = applyWrites(a, resolveMerge(plan, {}));
    expect(find(after, 'meta', 'replicaId')!.value).toBe('replica-a');
    expect(find(after, 'meta', 'importLimitBytes')!.value).toBe(50 * 1024 * 1024);
  });
});

describe('planMerge: repeated merges', () => {
  it('is a no-op the second time the same backup is merged', () => {
    const { a, b } = agreedPair();
    rows(b, 'tags').push(tag(uid(52), 'terrorism ')); // merged by name
    rows(b, 'tags').push(tag(uid(12), 'Migration'));
    edit(b, 'threats', uid(30), { description: 'Theirs', updatedAt: T1 });
    edit(a, 'threats', uid(30), { description: 'Mine', updatedAt: T1 });
    const once = mergeAndApply(a, b, { [`threats:${uid(30)}`]: { description: 'mine' } });
    const again = merge(once, b);
    expect(isEmpty(again)).toBe(true);
    expect(formatMergeReport(resolveMerge(again, {}).report)).toMatch(/Nothing new/);
  });

  it('converges: after I keep mine, their next merge of my backup takes my version', () => {
    const { a, b } = agreedPair();
    edit(a, 'threats', uid(30), { description: 'Mine', updatedAt: T1 });
    edit(b, 'threats', uid(30), { description: 'Theirs', updatedAt: T1 });
    const a2 = mergeAndApply(a, b, { [`threats:${uid(30)}`]: { description: 'mine' } });
    // B merges A's backup: A's bases say what A last saw of B; B has not changed since.
    const plan = merge(b, a2);
    expect(plan.conflicts).toEqual([]);
    const b2 = applyWrites(b, resolveMerge(plan, {}));
    expect(find(b2, 'threats', uid(30))!.description).toBe('Mine');
    expect(isEmpty(merge(a2, b2))).toBe(true);
  });

  it('is deterministic, whatever the order of records and keys in the backup', () => {
    const { a, b } = agreedPair();
    rows(b, 'tags').push(tag(uid(52), 'TERRORISM'), tag(uid(12), 'Migration'), tag(uid(13), 'Refugees'));
    edit(b, 'threats', uid(30), { description: 'Theirs', updatedAt: T1 });
    edit(a, 'threats', uid(30), { description: 'Mine', updatedAt: T1 });
    const reference = merge(a, b);
    const rng = seededRng(7);
    for (let round = 0; round < 20; round++) {
      const shuffled = structuredClone(b);
      for (const table of Object.keys(shuffled.tables) as (keyof WorkspaceSnapshot['tables'])[]) {
        shuffled.tables[table] = shuffle(rng, rows(shuffled, table)).map((r) =>
          Object.fromEntries(shuffle(rng, Object.entries(r))),
        );
      }
      expect(stableStringify(merge(a, shuffled))).toBe(stableStringify(reference));
    }
  });
});

describe('planMerge: properties over random edits on both sides', () => {
  it('never duplicates a tag name, keeps every passage of both sides, and is idempotent', () => {
    const rng = seededRng(42);
    const names = ['Terrorism', 'terrorism', 'Water', 'Migration', 'MIGRATION ', 'Narcotics', 'Borders', 'Refugees'];
    for (let round = 0; round < 40; round++) {
      const { a, b } = agreedPair();
      for (const side of [a, b]) {
        const offset = side === a ? 100 : 200;
        for (let i = 0; i < 3; i++)
          if (rng() < 0.7) rows(side, 'tags').push(tag(uid(offset + i), names[Math.floor(rng() * names.length)]!));
        const tagIds = rows(side, 'tags').map((t) => String(t.id));
        for (let i = 0; i < 3; i++) {
          if (rng() < 0.6)
            rows(side, 'annotations').push(
              passage(uid(offset + 50 + i), uid(1), 'Amu Darya', [tagIds[Math.floor(rng() * tagIds.length)]!]),
            );
        }
        if (rng() < 0.5) edit(side, 'threats', uid(30), { likelihood: 1 + Math.floor(rng() * 5), updatedAt: T1 });
        if (rng() < 0.5) edit(side, 'annotations', uid(40), { note: `note ${Math.floor(rng() * 3)}`, updatedAt: T1 });
        if (rng() < 0.3) edit(side, 'tags', uid(11), { color: pickColour(rng), updatedAt: T1 });
      }
      // Within one workspace tag names are unique, as the app keeps them.
      for (const side of [a, b]) {
        const seen = new Set<string>();
        side.tables.tags = rows(side, 'tags').filter(
          (t) => !seen.has(nameKey(t.name)) && (seen.add(nameKey(t.name)), true),
        );
        const ids = new Set(rows(side, 'tags').map((t) => t.id));
        side.tables.annotations = rows(side, 'annotations').map((r) => ({
          ...r,
          tagIds: (r.tagIds as string[]).filter((t) => ids.has(t)),
        }));
      }
      const choice = rng() < 0.5 ? 'mine' : 'theirs';
      const plan = merge(a, b);
      const after = applyWrites(a, resolveMerge(plan, resolveAll(plan, choice)));
      const tagNames = rows(after, 'tags').map((t) => nameKey(t.name));
      expect(new Set(tagNames).size).toBe(tagNames.length);
      const tagIds = new Set(rows(after, 'tags').map((t) => t.id));
      const passageIds = new Set(rows(after, 'annotations').map((r) => r.id));
      for (const side of [a, b]) for (const p of rows(side, 'annotations')) expect(passageIds.has(p.id)).toBe(true);
      for (const p of rows(after, 'annotations'))
        for (const t of p.tagIds as string[]) expect(tagIds.has(t)).toBe(true);
      // Every coding of theirs is kept, under the tag of the same name.
      for (const p of rows(b, 'annotations')) {
        const merged = find(after, 'annotations', String(p.id))!;
        const theirNames = (p.tagIds as string[]).map((t) => nameKey(find(b, 'tags', t)!.name)).sort();
        const mergedNames = (merged.tagIds as string[]).map((t) => nameKey(find(after, 'tags', t)!.name));
        if (p.id !== uid(40) || choice === 'theirs') for (const n of theirNames) expect(mergedNames).toContain(n);
      }
      expect(isEmpty(merge(after, b))).toBe(true);
    }
  });
});

function shuffle<T>(rng: () => number, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const pickColour = (rng: () => number): string => ['#d9822b', '#3aa55d', '#8e6bd1'][Math.floor(rng() * 3)]!;

describe('formatMergeReport', () => {
  it('names every kind of record in plain English, one line each', () => {
    const none = { added: 0, updated: 0, mergedByName: 0, conflicts: 0, keptDeleted: 0, skipped: 0 };
    const text = formatMergeReport({
      colleague: 'Aigerim',
      tables: {
        revisions: { ...none, added: 2 },
        tags: { ...none, mergedByName: 1, conflicts: 1 },
        annotations: { ...none, added: 1, updated: 1 },
      },
      resolved: { mine: 1, theirs: 0, both: 1 },
    });
    expect(text.split('\n')).toEqual([
      'Merged the backup from Aigerim.',
      'History entries: 2 added.',
      'Tags: 1 merged with the same name, 1 conflict settled.',
      'Passages: 1 added, 1 updated.',
      'Conflicting fields settled: 1 kept mine, 0 took theirs, 1 kept both.',
    ]);
  });
});
