// Types of review.mjs (a plain ES module so that `npm test` runs it with node, no build step).

export declare const WHOLE_APPLICATION: string;
export declare const CANARY_RULES: string[];

export interface Finding {
  rule: string;
  /** Relative to the project root, or WHOLE_APPLICATION. */
  file: string;
  line: number;
  level: string;
  message: string;
}

export interface AllowlistEntry {
  rule: string;
  file: string;
  reason: string;
  reviewedBy: string;
  reviewedOn: string;
}

export interface Review {
  unexplained: Finding[];
  stale: AllowlistEntry[];
  accepted: Finding[];
  passed: boolean;
}

export declare function findingsFromSarif(sarif: unknown, options?: { prefix?: string }): Finding[];
export declare function parseAllowlist(json: unknown): AllowlistEntry[];
export declare function reviewFindings(findings: Finding[], allowlist: AllowlistEntry[]): Review;
export declare function missingCanaryRules(canaryFindings: Finding[], expected?: string[]): string[];
export declare function failureLines(review: Pick<Review, 'unexplained' | 'stale'>): string[];
