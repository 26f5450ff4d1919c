import type { Source } from '../../../shared/domain/source';
import { t } from '../../i18n';

/**
 * A source made from a reference (Zotero, BibTeX, RIS) that has no text yet: no file and an empty text. It is
 * read by no one until the analyst attaches the document or pastes its text.
 */
export function isReferenceOnly(source: Pick<Source, 'file' | 'textLength'>): boolean {
  return !source.file && source.textLength === 0;
}

/** The kind of file a source came from, as a short badge: PDF, DOCX, HTML, TXT, MD, PASTED, or REF (no text yet). */
export function fileTypeLabel(source: Pick<Source, 'file' | 'textLength'>): string {
  if (!source.file) return isReferenceOnly(source) ? t('sources.reference.badge') : 'PASTED';
  const mime = source.file.mime;
  if (mime === 'application/pdf') return 'PDF';
  if (mime.includes('wordprocessingml')) return 'DOCX';
  if (mime === 'text/html') return 'HTML';
  if (mime === 'text/markdown') return 'MD';
  return 'TXT';
}
