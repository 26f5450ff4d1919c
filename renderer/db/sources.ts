import type { Annotation } from '../../shared/domain/annotation';
import type { Credibility, Reliability, Source } from '../../shared/domain/source';
import type { WorkbenchDatabase } from './database';

export async function findSourceByFile(db: WorkbenchDatabase, sha256: string): Promise<Source | undefined> {
  return db.sources.where('file.sha256').equals(sha256).first();
}

export async function findSourceByTextHash(db: WorkbenchDatabase, textHash: string): Promise<Source | undefined> {
  return db.sources.where('textHash').equals(textHash).first();
}

/** Admiralty grade an imported source starts with until the analyst judges it: F6, cannot be judged. */
export const UNGRADED: { reliability: Reliability; credibility: Credibility } = { reliability: 'F', credibility: 6 };

/** A source with its text and its passages, as read together. */
export interface SourceSnapshot {
  source: Source;
  text: string;
  annotations: Annotation[];
}
