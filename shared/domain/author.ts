import { z } from 'zod';
import { Instant } from './primitives';

/**
 * Who exports: the analyst (or the team) named as the author of what the workbench writes for other tools —
 * the STIX `created_by_ref` identity and the W3C Web Annotation `creator`. Set once in the register's
 * export settings (settings.setAuthorIdentity); kept per installation, not merged from colleagues' backups.
 */
export const AuthorClass = z.enum(['individual', 'organization', 'group']);
export type AuthorClass = z.infer<typeof AuthorClass>;

export const AUTHOR_CLASS_LABELS: Readonly<Record<AuthorClass, string>> = {
  individual: 'A person',
  organization: 'An organisation',
  group: 'A team or group',
};

export const AuthorIdentity = z.object({
  /** The person's (or team's) name. */
  name: z.string().trim().max(200),
  /** The organisation they work for; for an organisation author, its name again or empty. */
  organisation: z.string().trim().max(200),
  identityClass: AuthorClass,
  /** When these details were last set: the identity's STIX `created`/`modified`. */
  updatedAt: Instant,
});
export type AuthorIdentity = z.infer<typeof AuthorIdentity>;
/** What the analyst sets: everything but the time. */
export type AuthorDetails = Pick<AuthorIdentity, 'name' | 'organisation' | 'identityClass'>;

/** The name that stands for this author in exports: the person's (or team's) name, else the organisation's. */
export function authorDisplayName(author: Pick<AuthorIdentity, 'name' | 'organisation'>): string {
  return author.name.trim() || author.organisation.trim();
}

/** True when nothing was set: an export then uses a labelled stand-in and says so. */
export function authorIsUnset(author: Pick<AuthorIdentity, 'name' | 'organisation'>): boolean {
  return authorDisplayName(author).length === 0;
}

/** The stand-in author of an installation where nobody set one, labelled as such wherever it is shown. */
export const UNSET_AUTHOR_NAME = 'Unnamed analyst (author not set in the export settings)';

export const AUTHOR_NAME_LIMIT = 200;

/** What is wrong with author details, as a code and its facts; the renderer says it in the interface language. */
export type AuthorIssue = { code: 'unnamed' } | { code: 'organisation-unnamed' } | { code: 'too-long'; limit: number };

/** What is wrong with author details about to be saved, or `null`. */
export function authorIssue(author: AuthorDetails): AuthorIssue | null {
  if (!author.name.trim() && !author.organisation.trim()) return { code: 'unnamed' };
  if (author.identityClass === 'organization' && !author.organisation.trim()) return { code: 'organisation-unnamed' };
  if (author.name.length > AUTHOR_NAME_LIMIT || author.organisation.length > AUTHOR_NAME_LIMIT)
    return { code: 'too-long', limit: AUTHOR_NAME_LIMIT };
  return null;
}

/** An author issue as an English sentence (for main and tests; the interface translates the code). */
export function authorIssueText(issue: AuthorIssue): string {
  switch (issue.code) {
    case 'unnamed':
      return 'Give the author a name or an organisation, so that exports can say who made them.';
    case 'organisation-unnamed':
      return 'An organisation author needs the organisation’s name.';
    case 'too-long':
      return `Names and organisations can be at most ${issue.limit} characters long.`;
  }
}

/** What is wrong with author details about to be saved, as an English sentence, or `null`. */
export function authorProblem(author: AuthorDetails): string | null {
  const issue = authorIssue(author);
  return issue ? authorIssueText(issue) : null;
}
