// The Content Security Policy both hosts send (main/app/protocol.ts for app://, the loopback bridge for the
// preview). electronegativity cannot see a CSP built from a constant (see the allowlist), so it is checked
// here: offline-only sources, and no finding of the CSP evaluator the scanner itself uses.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../main/services/security';

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources] as const;
  }),
);

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (
    csp: unknown,
    version: unknown,
  ) => { evaluate(): { severity: number; directive: string; description: string }[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}

describe('Content Security Policy', () => {
  it('is sent with every page, beside nosniff, no-referrer and a same-origin opener policy', () => {
    expect(SECURITY_HEADERS).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });

  it('allows only the app itself: no network origin, no inline or eval script, no plugins, no framing', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    const everySource = [...directives.values()].flat();
    expect(everySource.filter((source) => /^(https?:|wss?:|\*)|unsafe-(inline|eval)|^\*$/.test(source))).toEqual([]);
  });

  it('has no high or medium finding in the CSP evaluator electronegativity uses', () => {
    // Resolved through the scanner so it is the very evaluator (and version) the scan would apply.
    const fromScanner = createRequire(
      createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'),
    );
    const csp = fromScanner('@doyensec/csp-evaluator') as CspEvaluatorModule;
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const serious = findings.filter((f) =>
      [csp.severities.HIGH, csp.severities.MEDIUM, csp.severities.SYNTAX].includes(f.severity),
    );
    expect(serious).toEqual([]);
  });
});
