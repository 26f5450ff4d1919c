import type { Annotation } from '../../../shared/domain/annotation';
import { admiraltyGrade, type Source } from '../../../shared/domain/source';

/** "Almat Toyekin, “Security Threats …” (Publisher, 12 Mar 2024) [B3]" */
export function citation(source: Source): string {
  const where = [source.publisher, source.publishedOn].filter(Boolean).join(', ');
  return `${source.author ? `${source.author}, ` : ''}“${source.title}”${where ? ` (${where})` : ''} [${admiraltyGrade(source.reliability, source.credibility)}]`;
}

/** A passage ready to paste into a briefing or e-mail: the quote, then where it comes from. */
export function quoteWithCitation(annotation: Annotation, source: Source): string {
  return `“${annotation.quote.exact}” — ${citation(source)}`;
}
