import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../main/services/errors';
import { extractSource } from '../../../main/services/import';
import { DEFAULTS, expectRefusal, fixture, importFixture, MB, noise } from './helpers';

const DAMAGED_PDF = /it appears to be damaged or is not a PDF file/;
const DAMAGED_DOCX = /it appears to be damaged or is not a Word \(\.docx\) file/;
const NOT_TEXT = /it is not a text file/;

function flipEvery(bytes: Uint8Array, step: number, from = 100): Uint8Array {
  const flipped = bytes.slice();
  for (let i = from; i < flipped.length; i += step) flipped[i] = flipped[i]! ^ 0xff;
  return flipped;
}

describe('refusals name the file, the reason and what to do', () => {
  it('refuses a file over the limit, in the words of the settings', async () => {
    const error = await expectRefusal(
      extractSource(new Uint8Array(73 * MB), 'report.pdf', DEFAULTS),
      'report.pdf',
      /73 MB/,
    );
    expect(error.message).toBe(
      '"report.pdf" could not be imported: it is 73 MB, over the import limit of 50 MB. Raise the limit in Settings or split the file.',
    );
    await expectRefusal(
      extractSource(await fixture('briefing.docx'), 'briefing.docx', { ...DEFAULTS, maxBytes: 4096 }),
      'briefing.docx',
      /it is 10 KB, over the import limit of 4 KB/,
    );
  });

  it('shows a decimal when the size would otherwise round to the limit', async () => {
    const error = await expectRefusal(
      extractSource(new Uint8Array(50 * MB + 200_000), 'big.txt', DEFAULTS),
      'big.txt',
      /limit/,
    );
    expect(error.message).toContain('it is 50.2 MB, over the import limit of 50 MB.');
  });

  it('refuses formats it does not read, listing those it does', async () => {
    const error = await expectRefusal(
      extractSource(new TextEncoder().encode('x'), 'notes.xyz', DEFAULTS),
      'notes.xyz',
      /\.xyz files are not supported/,
    );
    expect(error.message).toBe(
      '"notes.xyz" could not be imported: .xyz files are not supported. Import .txt, .md, .html, .docx or .pdf.',
    );
    await expectRefusal(
      extractSource(new TextEncoder().encode('x'), 'README', DEFAULTS),
      'README',
      /files without an extension are not supported/,
    );
    await expectRefusal(
      extractSource(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'old.doc', DEFAULTS),
      'old.doc',
      /\.doc files are not supported\. Open it in Word or LibreOffice, save it as \.docx/,
    );
    await expectRefusal(
      extractSource(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]), 'page-3.jpg', DEFAULTS),
      'page-3.jpg',
      /it is an image\. Run OCR/,
    );
  });

  it('tells the analyst to rename a PDF saved under another extension', async () => {
    const pdf = await fixture('two-pages.pdf');
    await expectRefusal(
      extractSource(pdf, 'download.php', DEFAULTS),
      'download.php',
      /\.php files are not supported, but this one looks like a PDF\. Rename it to end in \.pdf/,
    );
    await expectRefusal(
      extractSource(pdf, 'report.txt', DEFAULTS),
      'report.txt',
      /it is named \.txt but is actually a PDF\. Rename it to end in \.pdf/,
    );
    await expectRefusal(
      extractSource(await fixture('briefing.docx'), 'brief.html', DEFAULTS),
      'brief.html',
      /it is named \.html but is actually a zip archive/,
    );
  });

  it('names only the file, not the folders it came from', async () => {
    await expectRefusal(
      extractSource(new Uint8Array(0), '/tmp/uploads/Отчёт по границе.txt', DEFAULTS),
      'Отчёт по границе.txt',
      /the file is empty/,
    );
    await expectRefusal(
      extractSource(new Uint8Array(0), 'C:\\Users\\analyst\\Desktop\\brief.docx', DEFAULTS),
      'brief.docx',
      /the file is empty/,
    );
  });

  it.each(['empty.txt', 'empty.md', 'empty.html', 'empty.docx', 'empty.pdf'])(
    'refuses an empty file: %s',
    async (name) => {
      const error = await expectRefusal(
        extractSource(new Uint8Array(0), name, DEFAULTS),
        name,
        /the file is empty \(0 bytes\)/,
      );
      expect(error.message).toMatch(/saved or downloaded completely/);
    },
  );

  it.each([
    ['blank.txt', ' \n\r\n\t \n'],
    ['blank.md', '\uFEFF\n\n'],
    [
      'blank.html',
      '<html><head><title>Nothing here</title><script>var a = 1;</script></head><body><img src="x.png"></body></html>',
    ],
  ])('refuses a file with no text: %s', async (name, content) => {
    await expectRefusal(extractSource(new TextEncoder().encode(content), name, DEFAULTS), name, /it contains no text/);
  });

  it.each(['noise.txt', 'noise.md', 'noise.html', 'noise.htm'])(
    'refuses binary noise as not text: %s',
    async (name) => {
      await expectRefusal(extractSource(noise(4096), name, DEFAULTS), name, NOT_TEXT);
    },
  );

  it('refuses text with NUL bytes (UTF-16 without a byte-order mark, or a binary file)', async () => {
    const bytes = new Uint8Array(Buffer.from('Пограничный отчёт без метки порядка байтов. '.repeat(20), 'utf16le'));
    await expectRefusal(extractSource(bytes, 'no-bom.txt', DEFAULTS), 'no-bom.txt', NOT_TEXT);
  });

  it('does not take random high bytes for Windows-1251 Cyrillic', async () => {
    const highOnly = noise(4096).map((byte) => 0xc0 | byte);
    await expectRefusal(extractSource(highOnly, 'cp1251.txt', DEFAULTS), 'cp1251.txt', NOT_TEXT);
  });
});

describe('damaged and hostile Word files', () => {
  it.each([0.3, 0.6, 0.95])('refuses a .docx cut to %s of its length', async (share) => {
    const bytes = await fixture('briefing.docx');
    await expectRefusal(
      extractSource(bytes.slice(0, Math.floor(bytes.length * share)), 'brief.docx', DEFAULTS),
      'brief.docx',
      DAMAGED_DOCX,
    );
  });

  it.each([7, 50, 500])('refuses a .docx with every %sth byte flipped', async (step) => {
    await expectRefusal(
      extractSource(flipEvery(await fixture('briefing.docx'), step), 'brief.docx', DEFAULTS),
      'brief.docx',
      DAMAGED_DOCX,
    );
  });

  it('refuses noise and non-zip content named .docx', async () => {
    await expectRefusal(extractSource(noise(4096), 'noise.docx', DEFAULTS), 'noise.docx', DAMAGED_DOCX);
    await expectRefusal(
      extractSource(new TextEncoder().encode('<html><body>Not Word</body></html>'), 'page.docx', DEFAULTS),
      'page.docx',
      DAMAGED_DOCX,
    );
  });

  it('refuses a zip that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    await expectRefusal(
      extractSource(bytes, 'table.docx', DEFAULTS),
      'table.docx',
      /it is a zip archive but not a Word document/,
    );
  });

  it('refuses a password-protected .docx (an OLE container)', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await expectRefusal(
      extractSource(ole, 'secret.docx', DEFAULTS),
      'secret.docx',
      /it is password-protected, or it is an old Word \.doc file named \.docx/,
    );
    expect(error.message).toMatch(/remove the password/);
  });

  /** A .docx whose document.xml is a huge run of one character: a few KB packed, many MB unpacked. */
  async function zipBomb(unpackedBytes: number): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(await fixture('briefing.docx'));
    const body = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${'A'.repeat(unpackedBytes)}</w:t></w:r></w:p></w:body></w:document>`;
    zip.file('word/document.xml', body, { compression: 'DEFLATE', compressionOptions: { level: 9 } });
    return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  }

  it('refuses a zip bomb by the size its entries declare, before unpacking', async () => {
    const bytes = await zipBomb(30 * MB);
    expect(bytes.byteLength).toBeLessThan(MB);
    const started = performance.now();
    await expectRefusal(
      extractSource(bytes, 'bomb.docx', { ...DEFAULTS, maxBytes: MB }),
      'bomb.docx',
      /it unpacks to more than 20 MB, which only damaged or malicious files do/,
    );
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a zip bomb whose headers lie about its size, by counting while unpacking', async () => {
    const bytes = await zipBomb(30 * MB);
    declareSize(bytes, 'word/document.xml', 1000);
    await expectRefusal(
      extractSource(bytes, 'liar.docx', { ...DEFAULTS, maxBytes: MB }),
      'liar.docx',
      /it unpacks to more than 20 MB/,
    );
  });

  it('still reads an ordinary document under a small limit', async () => {
    const source = await importFixture('briefing.docx', { maxBytes: 16 * 1024 });
    expect(source.text).toContain('Notes');
  });
});

/** Rewrites the uncompressed size of one entry in both its local header and the central directory. */
function declareSize(zip: Uint8Array, entryName: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = new TextEncoder().encode(entryName);
  const nameAt = (offset: number) => name.every((byte, i) => zip[offset + i] === byte);
  let patched = 0;
  for (let i = 0; i < zip.length - 46; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && view.getUint16(i + 26, true) === name.length && nameAt(i + 30)) {
      view.setUint32(i + 22, size, true);
      patched += 1;
    } else if (signature === 0x02014b50 && view.getUint16(i + 28, true) === name.length && nameAt(i + 46)) {
      view.setUint32(i + 24, size, true);
      patched += 1;
    }
  }
  expect(patched).toBe(2);
}

describe('damaged, locked and scanned PDFs', () => {
  it.each([0.3, 0.6, 0.95])('refuses a PDF cut to %s of its length', async (share) => {
    const bytes = await fixture('two-pages.pdf');
    await expectRefusal(
      extractSource(bytes.slice(0, Math.floor(bytes.length * share)), 'report.pdf', DEFAULTS),
      'report.pdf',
      DAMAGED_PDF,
    );
  });

  it('refuses a PDF with every 7th byte flipped', async () => {
    await expectRefusal(
      extractSource(flipEvery(await fixture('two-pages.pdf'), 7), 'report.pdf', DEFAULTS),
      'report.pdf',
      DAMAGED_PDF,
    );
  });

  it('refuses a PDF whose header is damaged', async () => {
    const bytes = await fixture('two-pages.pdf');
    bytes[1] = bytes[1]! ^ 0x20; // %PDF- → %pDF-
    await expectRefusal(extractSource(bytes, 'report.pdf', DEFAULTS), 'report.pdf', DAMAGED_PDF);
  });

  it('refuses noise and web pages named .pdf', async () => {
    await expectRefusal(extractSource(noise(8192), 'noise.pdf', DEFAULTS), 'noise.pdf', DAMAGED_PDF);
    await expectRefusal(
      extractSource(
        new TextEncoder().encode('<!DOCTYPE html><html><body>Error 404</body></html>'),
        'saved.pdf',
        DEFAULTS,
      ),
      'saved.pdf',
      DAMAGED_PDF,
    );
    // Looks like a PDF for five bytes only.
    await expectRefusal(
      extractSource(new TextEncoder().encode('%PDF-1.7\n' + 'garbage '.repeat(100)), 'stub.pdf', DEFAULTS),
      'stub.pdf',
      DAMAGED_PDF,
    );
  });

  it('refuses a password-protected PDF', async () => {
    const error = await expectRefusal(importFixture('locked.pdf'), 'locked.pdf', /it is password-protected/);
    expect(error.message).toMatch(/without protection/);
  });

  it('refuses a PDF with no text layer as a probable scan', async () => {
    const error = await expectRefusal(
      importFixture('scan.pdf'),
      'scan.pdf',
      /it has no text layer — it may be a scan; run OCR first/,
    );
    expect(error.message).toMatch(/OCR/);
  });

  it('imports a PDF with a scanned page, keeping its marker and warning about it', async () => {
    const source = await importFixture('scanned-annex.pdf');
    expect(source.text).toMatch(/^— page 1 —\nThe Kosh-Tepa canal/);
    expect(source.text.endsWith('\n\n— page 2 —')).toBe(true);
    expect(source.warnings).toEqual([
      'Page 2 has no text layer (scanned images, or pictures only); run OCR on the PDF if their content matters.',
    ]);
  });
});

describe('time limit', () => {
  it('gives up on a parse that takes longer than timeoutMs', async () => {
    const error = await expectRefusal(
      importFixture('briefing.docx', { timeoutMs: 1 }),
      'briefing.docx',
      /reading it took longer than 1 ms/,
    );
    expect(error.message).toMatch(/split the file into smaller parts/);
  });

  it('gives up on a PDF too, and stops pdfjs', async () => {
    await expectRefusal(
      importFixture('two-pages.pdf', { timeoutMs: 1 }),
      'two-pages.pdf',
      /reading it took longer than 1 ms/,
    );
    // pdfjs was destroyed, not left running: the next import works normally.
    expect((await importFixture('two-pages.pdf')).text).toContain('— page 2 —');
  });

  it('is a ServiceError like every other refusal', async () => {
    await expect(importFixture('scanned-annex.pdf', { timeoutMs: 1 })).rejects.toBeInstanceOf(ServiceError);
  });
});
