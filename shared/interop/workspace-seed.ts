import { z } from 'zod';
import { Actor } from '../domain/actor';
import { Source } from '../domain/source';
import { Register, Threat } from '../domain/threat';

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
    Threat.omit({ registerId: true, score: true, evidence: true, createdAt: true, updatedAt: true, owner: true, lastReviewedOn: true }),
  ),
});
export type SeedFile = z.infer<typeof SeedFile>;
