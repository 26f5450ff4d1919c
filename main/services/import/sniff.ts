import { extensionOf, Refuse, type ActualKind } from './refusal';
import { type SourceFormat } from './types';

/**
 * Which reader a file goes to. The extension decides, as the analyst chose it; the first bytes are
 * checked against it so that a PDF saved as ".txt" or an HTML page saved as ".pdf" is refused with
 * the real reason instead of being read as garbage.
 */

const FORMAT_BY_EXTENSION: Record<string, SourceFormat> = {
  txt: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  docx: 'docx',
  pdf: 'pdf',
};

export const MIME_BY_FORMAT: Record<SourceFormat, string> = {
  text: 'text/plain',
  markdown: 'text/markdown',
  html: 'text/html',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => bytes[at + i] === byte);
}

/** "%PDF-" may follow some junk (mail gateways prepend headers); readers accept it within 1 KB. */
export function pdfHeaderOffset(bytes: Uint8Array): number {
  const end = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= end; i++) {
    if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d], i)) return i;
  }
  return -1;
}

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;
/** OLE compound file: old .doc/.xls, and also what Word writes for a password-protected .docx. */
export const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * What the first bytes say the file is, when they say it clearly. Only a PDF header at the very start
 * counts here: a text note may well mention "%PDF-1.7" in its first lines.
 */
export function sniff(bytes: Uint8Array): ActualKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, ZIP_SIGNATURE) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, OLE_SIGNATURE)) return 'old-office';
  const image = [
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x49, 0x49, 0x2a, 0x00], // TIFF, little-endian
    [0x4d, 0x4d, 0x00, 0x2a], // TIFF, big-endian
  ];
  if (image.some((signature) => startsWith(bytes, signature))) return 'image';
  return null;
}

/** The format to read the file as, or a refusal that says why it cannot be read. */
export function chooseFormat(bytes: Uint8Array, fileName: string): SourceFormat {
  const extension = extensionOf(fileName);
  const format = FORMAT_BY_EXTENSION[extension];
  const actual = sniff(bytes);
  if (!format) throw Refuse.unsupported(fileName, extension, actual);
  // A binary document cannot be text; the reverse (a .pdf or .docx that is not one) is for the
  // PDF and Word readers to refuse as damaged, since they can tell more precisely.
  if ((format === 'text' || format === 'markdown' || format === 'html') && actual)
    throw Refuse.misnamed(fileName, extension, actual);
  return format;
}
