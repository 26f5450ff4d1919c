import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoWorkspace } from '../../main/services/demo-workspace';
import { SourceStore } from '../../main/services/source-store';
import { DemoWorkspace } from '../../shared/ipc/contract';
import { PROJECT_ROOT } from '../support/handler-table';
import { useTempFolders } from '../support/temp-folder';

const tempFolder = useTempFolders();
const dataRoot = join(PROJECT_ROOT, 'data');

async function load() {
  const store = new SourceStore(await tempFolder());
  return { store, demo: await loadDemoWorkspace(dataRoot, store, new Date('2026-11-28T09:00:00Z')) };
}

describe('demo workspace from data/', () => {
  it('satisfies the IPC contract', async () => {
    const { demo } = await load();
    expect(() => DemoWorkspace.parse(demo)).not.toThrow();
  });

  it('stores the sample article in the source store and keeps its normalised text', async () => {
    const { store, demo } = await load();
    const original = new Uint8Array(
      await readFile(join(dataRoot, 'sample', 'security-threats-afghanistan-kazakhstan.txt')),
    );
    expect(demo.source.file).toMatchObject({
      originalName: 'security-threats-afghanistan-kazakhstan.txt',
      size: original.byteLength,
      mime: 'text/plain',
    });
    expect(await store.read(demo.source.file!.sha256)).toEqual(original);
    expect(demo.source.title).toBe('Security Threats Emanating from Afghanistan: The View from Kazakhstan');
    expect(demo.source.author).toBe('Almat Toyekin');
    expect(demo.sourceText.text).toContain('Kosh-Tepa canal');
    expect(demo.sourceText.text).not.toContain('\r');
    expect(demo.sourceText.text).toBe(demo.sourceText.text.normalize('NFC'));
    expect(demo.source.textLength).toBe(demo.sourceText.text.length);
  });

  it('has one threat per problem the article names, each fully written', async () => {
    const { demo } = await load();
    const titles = demo.threats.map((t) => t.title).join('\n');
    for (const problem of [
      /ISIS-Khorasan/,
      /Islamic Movement of Uzbekistan/,
      /Jamaat Ansarullah/,
      /Tehrik-e Taliban Pakistan/,
      /Balochistan Liberation Army/,
      /East Turkestan Islamic Movement/,
      /drug trafficking/i,
      /migration/i,
      /Kosh-Tepa/,
      /madrassa/i,
      /humanitarian/i,
      /external powers/i,
    ]) {
      expect(titles).toMatch(problem);
    }
    expect(demo.threats).toHaveLength(12);
    for (const threat of demo.threats) {
      expect(threat.registerId).toBe(demo.register.id);
      expect(threat.score).toBe(threat.likelihood! * threat.impact!);
      expect(threat.description.length).toBeGreaterThan(40);
      expect(threat.countryCodes.length).toBeGreaterThan(0);
      expect(threat.indicators.length).toBeGreaterThan(0);
      expect(threat.mitigations.length).toBeGreaterThan(0);
    }
    const categories = new Set(demo.threats.map((t) => t.category));
    expect([...categories].sort()).toEqual([
      'geopolitical',
      'humanitarian',
      'migration',
      'narcotics',
      'terrorism',
      'water',
    ]);
  });

  it('names the actors, and every threat points at actors that exist', async () => {
    const { demo } = await load();
    const names = demo.actors.map((a) => `${a.name} ${a.aliases.join(' ')}`).join('\n');
    for (const group of [
      'Islamic Movement of Uzbekistan',
      'Jamaat Ansarullah',
      'Tehrik-e Taliban Pakistan',
      'Balochistan Liberation Army',
      'Khorasan',
      'East Turkestan Islamic Movement',
    ]) {
      expect(names).toContain(group);
    }
    expect(
      demo.actors
        .filter((a) => a.kind === 'state')
        .map((a) => a.name)
        .sort(),
    ).toEqual(['China', 'Iran', 'Pakistan', 'Russia', 'United States']);
    const ids = new Set(demo.actors.map((a) => a.id));
    for (const threat of demo.threats) for (const id of threat.actorIds) expect(ids.has(id)).toBe(true);
  });

  it('brings the 11 reference countries with the sources of their figures', async () => {
    const { demo } = await load();
    expect(demo.countries.map((c) => c.code).sort()).toEqual([
      'AF',
      'CN',
      'IR',
      'KG',
      'KZ',
      'PK',
      'RU',
      'TJ',
      'TM',
      'US',
      'UZ',
    ]);
    const tajikistan = demo.countries.find((c) => c.code === 'TJ')!;
    expect(tajikistan.facts.borderWithAfghanistanKm.value).toBe(1357);
    expect(tajikistan.facts.borderWithAfghanistanKm.alternatives[0]?.value).toBe(1360.7);
    expect(tajikistan.facts.capital.name).toBe('Dushanbe');
    expect(tajikistan.facts.population.sources[0]?.publication).toMatch(/World Factbook/);
    expect(demo.countries.find((c) => c.code === 'AF')!.facts.borderWithAfghanistanKm.value).toBeNull();
  });

  it('refuses a broken data folder with a sentence, not a stack trace', async () => {
    const store = new SourceStore(await tempFolder());
    await expect(loadDemoWorkspace(await tempFolder(), store)).rejects.toThrow(
      /demo workspace could not be read .* Reinstall/,
    );
  });
});
