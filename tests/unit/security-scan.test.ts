// The judgement of scripts/security-scan.mjs, on a real report: tests/fixtures/security/insecure-window.sarif
// is electronegativity's SARIF for the deliberately insecure insecure-window.ts beside it
// (`node scripts/security-scan.mjs --write-sample` refreshes it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CANARY_RULES,
  failureLines,
  findingsFromSarif,
  missingCanaryRules,
  parseAllowlist,
  reviewFindings,
  WHOLE_APPLICATION,
  type AllowlistEntry,
} from '../../scripts/security/review.mjs';
import { root } from '../support/builder-config';

const fixtures = join(root, 'tests', 'fixtures', 'security');
const sample = JSON.parse(readFileSync(join(fixtures, 'insecure-window.sarif'), 'utf8')) as unknown;
const findings = findingsFromSarif(sample, { prefix: 'tests/fixtures/security/' });
const fixtureSource = readFileSync(join(fixtures, 'insecure-window.ts'), 'utf8').split('\n');

const entry = (rule: string, file: string): AllowlistEntry => ({
  rule,
  file,
  reason: 'A reason long enough to say why this finding is safe in this file.',
  reviewedBy: 'test',
  reviewedOn: '2026-11-28',
});

describe('reading electronegativity SARIF', () => {
  it('turns every result into a finding with rule, file and line', () => {
    expect(findings.length).toBeGreaterThanOrEqual(CANARY_RULES.length);
    const nodeIntegration = findings.find((f) => f.rule === 'NODE_INTEGRATION_JS_CHECK');
    expect(nodeIntegration).toMatchObject({ file: 'tests/fixtures/security/insecure-window.ts' });
    expect(fixtureSource[nodeIntegration!.line - 1]).toContain('nodeIntegration: true');
    const contextIsolation = findings.find((f) => f.rule === 'CONTEXT_ISOLATION_JS_CHECK');
    expect(fixtureSource[contextIsolation!.line - 1]).toContain('contextIsolation: false');
  });

  it('reports findings about the whole app (no CSP, no permission handler) against the whole application', () => {
    expect(findings.filter((f) => f.file === WHOLE_APPLICATION).map((f) => f.rule)).toEqual(
      expect.arrayContaining(['CSP_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']),
    );
    expect(findings.find((f) => f.file === WHOLE_APPLICATION)?.line).toBe(0);
  });

  it('refuses a report that is not SARIF 2.1.0, with a sentence', () => {
    expect(() => findingsFromSarif({ version: '1.0', runs: [] })).toThrow(/not the SARIF 2\.1\.0/);
  });
});

describe('reviewing findings against the allowlist', () => {
  it('fails on every finding of the insecure fixture when nothing is allowlisted', () => {
    const review = reviewFindings(findings, []);
    expect(review.passed).toBe(false);
    expect(review.unexplained).toHaveLength(findings.length);
    expect(missingCanaryRules(findings)).toEqual([]);
  });

  it('passes only findings whose rule and file are both explained', () => {
    const file = 'tests/fixtures/security/insecure-window.ts';
    const allowlist = [...new Set(findings.map((f) => `${f.rule}|${f.file}`))]
      .filter((key) => !key.startsWith('SANDBOX_JS_CHECK|'))
      .map((key) => entry(key.split('|')[0]!, key.split('|')[1]!));
    const review = reviewFindings(findings, allowlist);
    expect(review.passed).toBe(false);
    expect(review.unexplained.map((f) => f.rule)).toEqual(
      findings.filter((f) => f.rule === 'SANDBOX_JS_CHECK').map(() => 'SANDBOX_JS_CHECK'),
    );
    expect(review.stale).toEqual([]);
    // The same rule allowed in another file does not explain it here.
    expect(
      reviewFindings(findings, [...allowlist, entry('SANDBOX_JS_CHECK', 'main/app/window.ts')]).unexplained.length,
    ).toBeGreaterThan(0);
    expect(reviewFindings(findings, [...allowlist, entry('SANDBOX_JS_CHECK', file)]).passed).toBe(true);
  });

  it('fails on an allowlist entry that no longer matches any finding', () => {
    const review = reviewFindings([], [entry('PRELOAD_JS_CHECK', 'main/app/window.ts')]);
    expect(review.passed).toBe(false);
    expect(failureLines(review)).toEqual([
      'Allowlist entry PRELOAD_JS_CHECK for main/app/window.ts matches no finding any more: remove it from security/electronegativity-allowlist.json.',
    ]);
  });

  it('says for each unexplained finding where it is and what to do', () => {
    const review = reviewFindings(
      findings.filter((f) => f.rule === 'WEB_SECURITY_JS_CHECK'),
      [],
    );
    const [line] = failureLines(review);
    expect(line).toMatch(
      /^tests\/fixtures\/security\/insecure-window\.ts:\d+ WEB_SECURITY_JS_CHECK: .+\. Fix it, or if it is safe here, explain it in security\/electronegativity-allowlist\.json\.$/,
    );
  });

  it('notices a scanner that stopped catching the canary', () => {
    expect(missingCanaryRules(findings.filter((f) => f.rule !== 'SANDBOX_JS_CHECK'))).toEqual(['SANDBOX_JS_CHECK']);
    expect(missingCanaryRules([])).toEqual(CANARY_RULES);
  });
});

describe('the reviewed allowlist', () => {
  it('is valid, and every entry says why and who reviewed it when', () => {
    const allowlist = parseAllowlist(
      JSON.parse(readFileSync(join(root, 'security', 'electronegativity-allowlist.json'), 'utf8')),
    );
    expect(allowlist.length).toBeGreaterThan(0);
    for (const accepted of allowlist) expect(accepted.reason.length).toBeGreaterThanOrEqual(40);
  });

  it('rejects an entry without a reason', () => {
    expect(() =>
      parseAllowlist({
        accepted: [
          {
            rule: 'PRELOAD_JS_CHECK',
            file: 'main/app/window.ts',
            reason: 'ok',
            reviewedBy: 'x',
            reviewedOn: '2026-11-28',
          },
        ],
      }),
    ).toThrow(/accepted\.0\.reason/);
  });
});
