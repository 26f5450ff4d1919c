import type { Revision, RevisedEntity } from '../../shared/domain/revision';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One revision per field that differs between `before` and `after`, all stamped with the same instant. */
export function revisionsBetween<T extends object>(
  entity: RevisedEntity,
  entityId: string,
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
  at: string,
  rationale?: string,
): Revision[] {
  return fields
    .filter((field) => !same(before[field], after[field]))
    .map((field) => ({
      id: crypto.randomUUID(),
      entity,
      entityId,
      field,
      before: before[field],
      after: after[field],
      at,
      ...(rationale ? { rationale } : {}),
    }));
}
