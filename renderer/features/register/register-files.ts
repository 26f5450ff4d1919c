import type { Register, Threat } from '../../../shared/domain/threat';
import { registerToCsv } from '../../../shared/interop/register-csv';
import { registerToStixBundle, type Tlp } from '../../../shared/interop/stix';
import { db } from '../../db';
import { exportAuthor } from '../../db/settings';
import { workbench } from '../../platform/workbench';

export type { Tlp };

const fileStem = (register: Register) =>
  register.name
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .trim()
    .slice(0, 80) || 'register';

/** The register as CSV (UTF-8 with BOM for spreadsheets), written by main. Answers where, or null if cancelled. */
export async function exportRegisterCsv(register: Register, threats: Threat[]): Promise<string | null> {
  const [actors, countryCodes] = await Promise.all([db.actors.toArray(), db.countries.toCollection().primaryKeys()]);
  const csv = registerToCsv(threats, { actors, countryCodes, scale: register.scale });
  const { path } = await workbench().saveExport({
    fileName: `${fileStem(register)}.csv`,
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
    fileName: `${fileStem(register)}.stix.json`,
    bytes: new TextEncoder().encode(JSON.stringify(bundle, null, 2)),
  });
  return path;
}
