/**
 * Small pieces of the briefing model that main needs too (the confidence words the .docx writer prints,
 * the export's file name), kept apart so main's bundles do not carry the citation engine.
 */
import { fileStem } from '../interop/file-name';
import type { BriefingDocument } from './briefing-document';

const CONFIDENCE_WORDS = { low: 'Low confidence', moderate: 'Moderate confidence', high: 'High confidence' } as const;

/** The words a confidence level is written with in the document. */
export function confidenceWords(confidence: keyof typeof CONFIDENCE_WORDS): string {
  return CONFIDENCE_WORDS[confidence];
}

/** "2026-03-12 Afghanistan threats briefing.docx": a file name that sorts by date. */
export function briefingFileName(document: Pick<BriefingDocument, 'page'>): string {
  return `${document.page.isoDate} ${fileStem(document.page.title, 'Briefing')}.docx`;
}

/** The cover's handling sentence: what the marking asks of the reader, not "handle it accordingly". */
export function handlingLine(marking: string): string {
  return marking.trim().toUpperCase() === 'UNCLASSIFIED'
    ? 'This document is UNCLASSIFIED: it may be shared without restriction.'
    : `This document is marked ${marking}: share it only with the readers it is addressed to, and do not publish or forward it without the author’s consent.`;
}
