import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import { Briefing, defaultBriefingSections, type WarningOverride } from '../../shared/domain/briefing';
import { briefingChecks, isPlaceholder, overridesInForce } from '../../shared/domain/briefing-checks';
import { buildBriefingDocument, type BriefingWorkspace } from '../../shared/domain/briefing-model';
import { PROJECT_ROOT } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const AT = '2026-03-12T09:00:00.000Z';

async function demoWorkspace() {
  const demo = await loadDemoWorkspace(join(PROJECT_ROOT, 'data'), new SourceStore(await tempFolder()), new Date(AT));
  const ws: BriefingWorkspace = {
    registers: [demo.register],
    threats: demo.threats,
    annotations: demo.annotations,
    sources: [demo.source],
    actors: demo.actors,
    countries: demo.countries,
  };
  return { demo, ws };
}

function briefing(fields: Partial<Briefing> = {}): Briefing {
  return Briefing.parse({
    id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6aff',
    title: 'Threats from Afghanistan to Central Asia',
    subtitle: '',
    author: 'Dana Seitkali',
    date: '2026-03-12',
    audience: '',
    marking: 'FOR OFFICIAL USE ONLY',
    sections: defaultBriefingSections(),
    filters: { registerIds: [], categories: [], minimumScore: 0, countryCodes: [] },
    keyJudgments: [],
    recommendations: [],
    exports: [],
    createdAt: AT,
    updatedAt: AT,
    ...fields,
  });
}

/** A passage the briefing actually quotes (of those linked, the strongest are quoted). */
function quotedPassage(ws: BriefingWorkspace) {
  const quote = buildBriefingDocument(briefing(), ws).blocks.find((b) => b.type === 'quote');
  return ws.annotations.find((a) => quote?.type === 'quote' && a.id === quote.passageId)!;
}

const checksOf = (b: Briefing, ws: BriefingWorkspace) => briefingChecks(b, buildBriefingDocument(b, ws), ws);

describe('the check before export', () => {
  it('warns of an empty bottom line, a missing cut-off, sources without details, unreviewed ratings, single sources and threats without evidence', async () => {
    const { ws, demo } = await demoWorkspace();
    const checks = checksOf(briefing(), ws);
    expect(checks.every((c) => c.severity === 'warning')).toBe(true);
    const problems = checks.map((c) => c.problem);
    expect(problems[0]).toEqual({ code: 'bottom-line-empty' });
    expect(problems[1]).toEqual({ code: 'cut-off-missing' });
    expect(checks[0]!.jumps).toEqual([{ kind: 'field', field: 'bottom-line' }]);
    expect(problems).toContainEqual({
      code: 'reference-incomplete',
      sourceTitle: demo.source.title,
      missing: ['publisher', 'date'],
    });
    expect(checks.find((c) => c.key === `source-${demo.source.id}`)!.jumps).toEqual([
      { kind: 'source', sourceId: demo.source.id },
    ]);
    // The demo's ratings are a first reading of one article: never reviewed, each on one source.
    const unreviewed = checks.find((c) => c.key === 'never-reviewed')!;
    expect(unreviewed.problem).toEqual({
      code: 'never-reviewed',
      threats: demo.threats.map((_, i) => i + 1),
      all: true,
    });
    expect(unreviewed.jumps).toHaveLength(demo.threats.length);
    expect(unreviewed.jumps[0]).toMatchObject({ kind: 'threat', number: 1, registerId: demo.register.id });
    expect(checks.find((c) => c.key === 'threats-one-source')!.problem).toMatchObject({
      code: 'threats-one-source',
      threats: expect.arrayContaining([1, 2]),
    });
    // A threat no passage supports: its own warning, with a jump to it.
    const bare = {
      ...demo.threats[0]!,
      id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a10',
      title: 'Unsupported threat',
      score: 25,
    };
    const withBare = { ...ws, threats: [...ws.threats, bare] };
    const bareCheck = checksOf(briefing(), withBare).find((c) => c.key === `threat-${bare.id}`)!;
    expect(bareCheck.problem).toEqual({
      code: 'threat-unsupported',
      threat: { number: 1, title: 'Unsupported threat' },
    });
    expect(bareCheck.jumps).toEqual([{ kind: 'threat', number: 1, registerId: demo.register.id, threatId: bare.id }]);

    const complete = briefing({ bottomLine: 'Written.', informationCutOff: '2026-03-01' });
    const keys = checksOf(complete, ws).map((c) => c.key);
    expect(keys).not.toContain('bottom-line');
    expect(keys).not.toContain('cut-off');
    // Reviewed ratings are no longer flagged.
    const reviewed = { ...ws, threats: ws.threats.map((t) => ({ ...t, lastReviewedOn: '2026-03-01' })) };
    expect(checksOf(complete, reviewed).map((c) => c.key)).not.toContain('never-reviewed');
  });

  it('blocks the export while a quoted passage awaits review after its source’s text changed, and not once it is confirmed or dropped', async () => {
    const { ws, demo } = await demoWorkspace();
    const quoted = quotedPassage(ws);
    const moved = {
      ...ws,
      annotations: ws.annotations.map((a) => (a.id === quoted.id ? { ...a, anchor: 'drifted' as const } : a)),
    };
    const checks = checksOf(briefing(), moved);
    expect(checks[0]).toMatchObject({
      key: `unconfirmed-${quoted.id}`,
      severity: 'blocker',
      jumps: [{ kind: 'passage', sourceId: demo.source.id, annotationId: quoted.id }],
    });
    expect(checks[0]!.problem).toEqual({
      code: 'passage-moved',
      quote: quoted.quote.exact,
      sourceTitle: demo.source.title,
    });
    const lost = {
      ...ws,
      annotations: ws.annotations.map((a) => (a.id === quoted.id ? { ...a, anchor: 'orphaned' as const } : a)),
    };
    expect(checksOf(briefing(), lost)[0]!.problem).toMatchObject({ code: 'passage-lost' });
    // Confirmed: anchored again. Dropped: the threat details (where it is quoted) are left out.
    expect(checksOf(briefing(), ws).filter((c) => c.severity === 'blocker')).toEqual([]);
    const withoutDetails = briefing({
      sections: defaultBriefingSections().map((s) => (s.kind === 'threat-details' ? { ...s, enabled: false } : s)),
    });
    expect(checksOf(withoutDetails, moved).filter((c) => c.severity === 'blocker')).toEqual([]);
  });

  it('names placeholder words and judgments resting on one source, with a jump to each', async () => {
    const { ws, demo } = await demoWorkspace();
    expect(isPlaceholder('Afghanistan (starter)')).toBe(true);
    expect(isPlaceholder('New briefing')).toBe(true);
    expect(isPlaceholder('TBD: the Tajik border')).toBe(true);
    expect(isPlaceholder('Afghanistan: threats to Central Asia')).toBe(false);
    expect(isPlaceholder('Untitledness of the steppe')).toBe(false);
    const starter = { ...ws, registers: [{ ...demo.register, name: 'Afghanistan (starter)' }] };
    const judgment = {
      id: '0d6ee0f1-8f1c-4a44-9a3c-4f5d0e3b6a11',
      text: 'TODO',
      confidence: 'low' as const,
      passageIds: [demo.annotations[0]!.id],
    };
    const checks = checksOf(briefing({ title: 'New briefing', keyJudgments: [judgment] }), starter);
    expect(checks.find((c) => c.key === 'placeholder-title')!.jumps).toEqual([{ kind: 'field', field: 'title' }]);
    expect(checks.find((c) => c.key === `placeholder-${demo.register.id}`)).toMatchObject({
      problem: { code: 'placeholder', name: 'Afghanistan (starter)' },
      jumps: [{ kind: 'register', registerId: demo.register.id }],
    });
    expect(checks.find((c) => c.key === `placeholder-${judgment.id}`)).toBeDefined();
    expect(checks.find((c) => c.key === `judgment-one-source-${judgment.id}`)!.jumps).toEqual([
      { kind: 'judgment', number: 1, judgmentId: judgment.id },
    ]);
  });

  it('keeps only the overrides of warnings still raised; a blocker cannot be overridden', async () => {
    const { ws } = await demoWorkspace();
    const quoted = quotedPassage(ws);
    const moved = {
      ...ws,
      annotations: ws.annotations.map((a) => (a.id === quoted.id ? { ...a, anchor: 'drifted' as const } : a)),
    };
    const checks = checksOf(briefing({ bottomLine: 'Written.' }), moved);
    const override = (key: string): WarningOverride => ({ key, message: key, by: 'Dana Seitkali', at: AT });
    expect(
      overridesInForce(
        [override('cut-off'), override('bottom-line'), override(`unconfirmed-${quoted.id}`)],
        checks,
      ).map((o) => o.key),
    ).toEqual(['cut-off']);
  });
});
