import { z } from 'zod';
import { Actor } from '../domain/actor';
import { CountryCode, Id } from '../domain/primitives';
import { Source } from '../domain/source';
import { Rating, Register, Threat } from '../domain/threat';

/**
 * The demo workspace as written by hand in `data/demo/workspace.json`: the records without the
 * fields the app computes (timestamps, scores, text hashes, stored file references).
 */
export const SeedFile = z.object({
  format: z.literal('analyst-workbench/seed'),
  version: z.literal(1),
  source: Source.pick({
    id: true,
    title: true,
    author: true,
    publisher: true,
    url: true,
    publishedOn: true,
    language: true,
    reliability: true,
    credibility: true,
  }).extend({
    /** Path of the article inside `data/`, with forward slashes. */
    textFile: z.string().regex(/^[a-z0-9/_.-]+\.txt$/),
  }),
  register: Register.pick({ id: true, name: true, description: true, scope: true }),
  actors: z.array(Actor.omit({ createdAt: true, updatedAt: true })),
  threats: z.array(
    Threat.omit({
      registerId: true,
      score: true,
      createdAt: true,
      updatedAt: true,
      owner: true,
      lastReviewedOn: true,
    }).extend({ likelihood: Rating, impact: Rating }),
  ),
  /** The starter codebook. A tag names its parent by name; parents come before their children. */
  tags: z.array(
    z.object({
      id: Id,
      name: z.string().min(1).max(200),
      color: z.string().regex(/^#[0-9a-f]{6}$/),
      parent: z.string().nullable(),
      description: z.string().max(5000),
    }),
  ),
  /**
   * Coded passages of the sample article. `exact` is found in the normalised text; `prefix` (text just
   * before it) is given only where the exact words occur more than once.
   */
  annotations: z.array(
    z.object({
      id: Id,
      exact: z.string().min(1),
      prefix: z.string().optional(),
      tags: z.array(z.string().min(1)),
      note: z.string(),
      threatIds: z.array(Id),
      actorIds: z.array(Id),
      countryCodes: z.array(CountryCode),
    }),
  ),
});
export type SeedFile = z.infer<typeof SeedFile>;
