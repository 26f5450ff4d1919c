import { z } from 'zod';
import {
  Actor,
  Annotation,
  Briefing,
  Country,
  Id,
  Instant,
  Register,
  Revision,
  Source,
  SourceText,
  Tag,
  Threat,
} from '../../domain';
import { ExposureOverride } from '../../domain/exposure';
import type { WorkspaceTableName } from '../workspace-snapshot';

/** A fact about the workspace kept under a name (renderer/db/database.ts MetaEntry). */
export const MetaRecord = z.object({ key: z.string().min(1).max(200), value: z.unknown() });

/** A saved arrangement of a register's grid (renderer/db/database.ts GridView). */
export const GridViewRecord = z.object({
  id: Id,
  registerId: Id,
  name: z.string().min(1).max(500),
  state: z.unknown(),
  createdAt: Instant,
  updatedAt: Instant,
});

/** What every record of each table must look like to be restored: the same schemas the rest of the app uses. */
export const RECORD_SCHEMAS: Readonly<Record<WorkspaceTableName, z.ZodType>> = {
  sources: Source,
  sourceTexts: SourceText,
  annotations: Annotation,
  tags: Tag,
  registers: Register,
  threats: Threat,
  actors: Actor,
  countries: Country,
  briefings: Briefing,
  revisions: Revision,
  meta: MetaRecord,
  views: GridViewRecord,
  exposureOverrides: ExposureOverride,
};
