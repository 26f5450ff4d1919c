import { storeTextsThrough } from './source-text';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { useLayoutEffect } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../renderer/db';
import { EvidencePanel } from '../../renderer/features/register/EvidencePanel';
import { seedDemoWorkspaceOnce } from '../../renderer/workspace/commands/seed';
import type { Threat } from '../../shared/domain/threat';
import { realWorkbench } from '../support/real-workbench';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();

beforeEach(async () => {
  await db.transaction('rw', db.workspaceTables, () => Promise.all(db.workspaceTables.map((t) => t.clear())));
  const api = await realWorkbench(await tempFolder());
  await seedDemoWorkspaceOnce(storeTextsThrough(db, api), () => api.loadDemoWorkspace());
});
afterEach(cleanup);

/** The panel as the inspector shows it, noting at each commit which of `quotes` are on the page. */
function Inspector({ threat, quotes, seen }: { threat: Threat; quotes: string[]; seen: string[][] }) {
  useLayoutEffect(() => {
    const page = document.body.textContent ?? '';
    seen.push(quotes.filter((quote) => page.includes(quote)));
  });
  return <EvidencePanel threat={threat} />;
}

describe("a threat's evidence", () => {
  it("never shows the previous threat's passages under the next one while its own are read", async () => {
    const threats = await db.threats.toArray();
    const annotations = await db.annotations.toArray();
    const linkedTo = (t: Threat) => annotations.filter((a) => a.threatIds.includes(t.id));
    const withEvidence = threats.find((t) => linkedTo(t).length > 0)!;
    // A threat no passage is linked to yet (one just added to the register).
    const without: Threat = { ...threats.find((t) => t.id !== withEvidence.id)!, id: crypto.randomUUID() };
    const quotes = linkedTo(withEvidence).map((a) => a.quote.exact);
    const seen: string[][] = [];

    const { rerender } = render(<Inspector threat={withEvidence} quotes={quotes} seen={seen} />);
    await waitFor(() => expect(screen.getByRole('region', { name: /evidence/i }).textContent).toContain(quotes[0]));
    const switched = seen.length;
    rerender(<Inspector threat={without} quotes={quotes} seen={seen} />);
    await waitFor(() => expect(screen.getByRole('region', { name: /evidence/i })).toBeTruthy());

    expect(seen.slice(switched).flat()).toEqual([]);
  });
});
