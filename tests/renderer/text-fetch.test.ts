// @vitest-environment node
// Node's own fetch, as the page's and the search worker's: happy-dom's would send its own origin.
import { afterEach, describe, expect, it } from 'vitest';
import { CachedTextStore, textStoreOf } from '../../renderer/db/source-texts';
import { fetchSourceText } from '../../renderer/platform/text-fetch';
import { startPreviewBridge, type PreviewBridge } from '../support/preview-bridge';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const running: PreviewBridge[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.bridge.close()));
});

async function preview() {
  const dataRoot = await tempFolder();
  const started = await startPreviewBridge(dataRoot, await tempFolder());
  running.push(started);
  return { ...started, dataRoot, at: started.textRequest };
}

describe('reading stored texts from their address', () => {
  it('reads a book byte for byte, and turns every refusal into the sentence the host gave', async () => {
    const { bridge, putText, at } = await preview();
    const text = 'Jamaat Ansarullah — Джамаат Ансаруллах — جماعت انصارالله\n'.repeat(20_000);
    const { sha256 } = await putText(text);

    await expect(fetchSourceText(at(sha256))).resolves.toBe(text);
    await expect(fetchSourceText(at('b'.repeat(64)))).rejects.toThrow(
      /^The text of this source is no longer in the data folder\. Restore a backup that holds it/,
    );
    await expect(fetchSourceText(at(sha256, 'not the token'))).rejects.toThrow(/did not carry the workbench token/);
    await bridge.close();
    await expect(fetchSourceText(at(sha256))).rejects.toThrow(/The workbench service is not answering/);
  });

  it('is how the text store reads where the host gives an address, and what it hands a worker', async () => {
    const { putText, at, dataRoot } = await preview();
    const api = await realWorkbench(dataRoot);
    let asked = 0;
    const store = new CachedTextStore(
      textStoreOf(() => ({
        ...api,
        readSourceText: () => Promise.reject(new Error('read through the address, not the API')),
        sourceTextRequest: (sha256: string) => (asked++, at(sha256)),
      })),
    );
    const { sha256 } = await putText('Kosh-Tepa draws on the Amu Darya.');
    expect(store.held(sha256)).toBeUndefined();
    expect(store.locate(sha256)).toEqual(at(sha256));
    const reading = store.read(sha256);
    // A second reader while the first is in flight shares it (the book being opened, the search index).
    expect(store.held(sha256)).toBe(reading);
    await expect(reading).resolves.toBe('Kosh-Tepa draws on the Amu Darya.');
    await expect(store.held(sha256)).resolves.toBe('Kosh-Tepa draws on the Amu Darya.');
    expect(asked).toBe(2);
  });
});
