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

/** What is wrong with author details about to be saved, or `null`. */
export function authorProblem(author: AuthorDetails): string | null {
  if (!author.name.trim() && !author.organisation.trim())
    return 'Give the author a name or an organisation, so that exports can say who made them.';
  if (author.identityClass === 'organization' && !author.organisation.trim())
    return 'An organisation author needs the organisation’s name.';
  if (author.name.length > 200 || author.organisation.length > 200)
    return 'Names and organisations can be at most 200 characters long.';
  return null;
}
