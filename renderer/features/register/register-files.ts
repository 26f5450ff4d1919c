import type { Register, Threat } from '../../../shared/domain/threat';
import { threatNumbers } from '../../../shared/domain/threat-numbers';
import { exportFileName } from '../../../shared/interop/file-name';
import { registerToCsv } from '../../../shared/interop/register-csv';
import { registerToStixBundle, type Tlp } from '../../../shared/interop/stix';
import { db } from '../../db';
import { exportAuthor } from '../../db/settings';
import { workbench } from '../../platform/workbench';

export type { Tlp };

/**
 * The register as CSV (UTF-8 with BOM for spreadsheets), written by main. `rows` are the threats as the
 * grid shows them — its order and filter — with their evidence counts; `all` is the whole register, which
 * numbers the threats as a briefing of it does (T1 = highest score). Answers where, or null if cancelled.
 */
export async function exportRegisterCsv(
  register: Register,
  rows: (Threat & { evidenceCount: number })[],
  all: Threat[],
): Promise<string | null> {
  const [actors, countries] = await Promise.all([db.actors.toArray(), db.countries.toArray()]);
  const csv = registerToCsv(rows, {
    actors,
    countryCodes: countries.map((c) => c.code),
    countryNames: Object.fromEntries(countries.map((c) => [c.code, c.name])),
    scale: register.scale,
    register: { name: register.name },
    threatNumbers: threatNumbers(all),
    evidenceCounts: new Map(rows.map((r) => [r.id, r.evidenceCount])),
    totalThreats: all.length,
    exportedAt: new Date().toISOString(),
  });
  const { path } = await workbench().saveExport({
    fileName: exportFileName(register.name, '.csv', 'register'),
    bytes: new TextEncoder().encode(csv),
  });
  return path;
}

/** The register, its actors, countries and evidence as a STIX 2.1 bundle with a TLP marking. */
export async function exportRegisterStix(register: Register, threats: Threat[], tlp: Tlp): Promise<string | null> {
  const ids = threats.map((t) => t.id);
  const annotations = ids.length ? await db.annotations.where('threatIds').anyOf(ids).distinct().toArray() : [];
  const sourceIds = [...new Set(annotations.map((a) => a.sourceId))];
  const actorIds = [...new Set(threats.flatMap((t) => t.actorIds))];
  const codes = [...new Set(threats.flatMap((t) => [...t.countryCodes, ...(t.originCode ? [t.originCode] : [])]))];
  const [actors, countries, sources, author] = await Promise.all([
    db.actors.bulkGet(actorIds),
    db.countries.bulkGet(codes),
    db.sources.bulkGet(sourceIds),
    exportAuthor(db),
  ]);
  const bundle = registerToStixBundle({
    register,
    threats,
    actors: actors.filter((a) => a !== undefined),
    countries: countries.filter((c) => c !== undefined),
    annotations,
    sources: sources.filter((s) => s !== undefined),
    tlp,
    author: author ?? { name: '', organisation: '', identityClass: 'individual' },
    now: new Date().toISOString(),
  });
  const { path } = await workbench().saveExport({
    fileName: exportFileName(register.name, '.stix.json', 'register'),
    bytes: new TextEncoder().encode(JSON.stringify(bundle, null, 2)),
  });
  return path;
}
