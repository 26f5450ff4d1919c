import { exportFileName } from '../../../shared/interop/file-name';
import { fromRefiQdaProject, toRefiQdaProject, type QdaProject } from '../../../shared/interop/refi-qda';
import { db } from '../../db';
import { sha256OfText } from '../../db/hash';
import { exportAuthor } from '../../db/settings';
import { readAllSourceTexts } from '../../db/source-texts';
import { workbench } from '../../platform/workbench';
import { planRefiQdaImport, type RefiQdaPlan } from '../../workspace/commands/refi-qda';
import { t as translate } from '../../i18n';

export interface RefiQdaExported {
  path: string | null;
  sentence: string;
}

/** Writes the whole workspace's sources, codebook and coded passages as a REFI-QDA `.qdpx` through main. */
export async function exportRefiQdaProject(): Promise<RefiQdaExported> {
  const [sources, texts, tags, annotations, threats, actors, countries, info, author] = await Promise.all([
    db.sources.toArray(),
    readAllSourceTexts(db),
    db.tags.toArray(),
    db.annotations.toArray(),
    db.threats.toArray(),
    db.actors.toArray(),
    db.countries.toArray(),
    workbench().appInfo(),
    exportAuthor(db),
  ]);
  if (sources.length === 0 && tags.length === 0) throw new Error(translate('interchange.qdpxNothing'));
  const exportedAt = new Date().toISOString();
  const pkg = toRefiQdaProject({
    projectName: `${info.name} workspace`,
    origin: `${info.name} ${info.version}`,
    author,
    exportedAt,
    sources: sources.map((source) => ({ source, text: texts.get(source.id) ?? '' })),
    tags,
    annotations,
    threats,
    actors,
    countries,
  });
  const { path } = await workbench().exportRefiQda({
    fileName: exportFileName(
      translate('interchange.qdpxFileName', { date: exportedAt.slice(0, 10) }),
      '.qdpx',
      'workspace',
    ),
    projectXml: pkg.projectXml,
    sources: pkg.sourceFiles,
  });
  const { counts } = pkg;
  const left = counts.left ? ` ${translate('interchange.qdpxLeftOut', { count: counts.left })}` : '';
  return {
    path,
    sentence: `${translate('interchange.qdpxExported', { sources: counts.sources, codes: counts.codes, passages: counts.passages, path })}${left}`,
  };
}

export interface RefiQdaReading {
  project: QdaProject;
  textHashes: Map<string, string>;
  plan: RefiQdaPlan;
}

/** Unpacks (in main) and reads a `.qdpx`, and plans its import against the workspace as it is now. */
export async function readRefiQdaFile(file: File): Promise<RefiQdaReading> {
  const contents = await workbench().readRefiQda({ bytes: new Uint8Array(await file.arrayBuffer()) });
  const project = fromRefiQdaProject(contents.projectXml, new Map(contents.texts.map((t) => [t.path, t.text])));
  const textHashes = new Map(
    await Promise.all(project.sources.map(async (s) => [s.guid, await sha256OfText(s.text)] as const)),
  );
  const guids = project.sources.flatMap((s) => s.passages.map((p) => p.guid));
  const [tags, sources, found, threats, actors, countries] = await Promise.all([
    db.tags.toArray(),
    db.sources.toArray(),
    db.annotations.bulkGet(guids),
    db.threats.toArray(),
    db.actors.toArray(),
    db.countries.toArray(),
  ]);
  const plan = planRefiQdaImport(
    project,
    textHashes,
    {
      tags,
      sources,
      presentPassages: new Set(guids.filter((_, i) => found[i] !== undefined)),
      threats,
      actors,
      countryCodes: new Set(countries.map((c) => c.code)),
    },
    new Date().toISOString(),
  );
  return { project, textHashes, plan };
}
