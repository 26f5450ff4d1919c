/** CouchDB's `validate_doc_update` for team databases: throws `{ forbidden }` to refuse a write. */
export function validateDocUpdate(
  newDoc: unknown,
  oldDoc: unknown,
  userCtx: { name: string | null; roles: string[] },
): void;
