// The security scan's judgement, kept apart from running the scanner so it can be tested on real SARIF:
// every electronegativity finding must be explained in the reviewed allowlist, and every allowlist entry
// must still match a finding (an entry that matches nothing is stale and hides the next real finding).
import { z } from 'zod';

/** Findings that are not about one file (CSP, permission handler…) are reported against the whole app. */
export const WHOLE_APPLICATION = '(whole application)';

/**
 * What the deliberately insecure canary (tests/fixtures/security/insecure-window.ts) must always trip.
 * If the scanner stops reporting any of these it is no longer reading our sources, and a clean product
 * scan would mean nothing.
 */
export const CANARY_RULES = [
  'NODE_INTEGRATION_JS_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK',
  'SANDBOX_JS_CHECK',
  'WEB_SECURITY_JS_CHECK',
  'INSECURE_CONTENT_JS_CHECK',
  'EXPERIMENTAL_FEATURES_JS_CHECK',
  'BLINK_FEATURES_JS_CHECK',
  'HTTP_RESOURCES_JS_CHECK',
  'OPEN_EXTERNAL_JS_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'CSP_GLOBAL_CHECK',
];

const sarifSchema = z.object({
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({ driver: z.object({ name: z.string() }) }),
        results: z.array(
          z.object({
            ruleId: z.string(),
            level: z.string().optional(),
            message: z.object({ text: z.string() }),
            locations: z
              .array(
                z.object({
                  physicalLocation: z.object({
                    artifactLocation: z.object({ uri: z.string() }),
                    region: z.object({ startLine: z.number().int() }).optional(),
                  }),
                }),
              )
              .optional(),
          }),
        ),
      }),
    )
    .min(1),
});

const allowlistSchema = z.object({
  $comment: z.string().optional(),
  accepted: z.array(
    z.object({
      rule: z.string().regex(/^[A-Z0-9_]+$/, 'a rule id as electronegativity writes it, e.g. PRELOAD_JS_CHECK'),
      file: z.string().min(1),
      reason: z.string().min(40, 'a reason that explains why the finding is safe here (40 characters at least)'),
      reviewedBy: z.string().min(1),
      reviewedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date, e.g. 2026-11-28'),
    }),
  ),
});

function describe(error) {
  return error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('; ');
}

/** The scanner's path for a finding, relative to the scanned root, or WHOLE_APPLICATION. */
function fileOf(uri) {
  const path = uri.replace(/^file:\/\//, '').replace(/\\/g, '/');
  if (path === '' || path === '/' || path === 'N/A') return WHOLE_APPLICATION;
  return path.replace(/^\.\//, '');
}

/** Reads electronegativity's SARIF (already JSON-parsed) into plain findings. Throws a sentence if it is not SARIF. */
export function findingsFromSarif(sarif, { prefix = '' } = {}) {
  const parsed = sarifSchema.safeParse(sarif);
  if (!parsed.success) throw new Error(`The scanner's report is not the SARIF 2.1.0 it should write (${describe(parsed.error)}).`);
  return parsed.data.runs.flatMap((run) =>
    run.results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      const file = fileOf(location?.artifactLocation.uri ?? '');
      return {
        rule: result.ruleId,
        file: file === WHOLE_APPLICATION ? file : `${prefix}${file}`,
        line: file === WHOLE_APPLICATION ? 0 : (location?.region?.startLine ?? 0),
        level: result.level ?? 'warning',
        message: result.message.text,
      };
    }),
  );
}

/** Parses the allowlist file's JSON. Throws a sentence naming the bad entry. */
export function parseAllowlist(json) {
  const parsed = allowlistSchema.safeParse(json);
  if (!parsed.success) throw new Error(`The allowlist is not valid (${describe(parsed.error)}). Fix security/electronegativity-allowlist.json.`);
  return parsed.data.accepted;
}

const matches = (entry, finding) => entry.rule === finding.rule && entry.file === finding.file;

/**
 * Findings + allowlist → what fails the scan: findings no entry explains, and entries no finding needs.
 * An entry is matched by rule and file (not line, which moves with every edit).
 */
export function reviewFindings(findings, allowlist) {
  const unexplained = findings.filter((finding) => !allowlist.some((entry) => matches(entry, finding)));
  const stale = allowlist.filter((entry) => !findings.some((finding) => matches(entry, finding)));
  const accepted = findings.filter((finding) => allowlist.some((entry) => matches(entry, finding)));
  return { unexplained, stale, accepted, passed: unexplained.length === 0 && stale.length === 0 };
}

/** The canary rules the scanner did not report on the deliberately insecure fixture. */
export function missingCanaryRules(canaryFindings, expected = CANARY_RULES) {
  return expected.filter((rule) => !canaryFindings.some((finding) => finding.rule === rule));
}

/** One line per failure, each saying what to do. */
export function failureLines({ unexplained, stale }) {
  return [
    ...unexplained.map(
      (f) =>
        `${f.file}${f.line ? `:${f.line}` : ''} ${f.rule}: ${f.message}. Fix it, or if it is safe here, explain it in security/electronegativity-allowlist.json.`,
    ),
    ...stale.map(
      (e) => `Allowlist entry ${e.rule} for ${e.file} matches no finding any more: remove it from security/electronegativity-allowlist.json.`,
    ),
  ];
}
