/** Largest file main accepts into the source store; the analyst's import limit is set below this. */
export const MAX_SOURCE_FILE_BYTES = 200 * 1024 * 1024;
/** The import limit analysts get unless they change it. */
export const DEFAULT_IMPORT_LIMIT_BYTES = 50 * 1024 * 1024;
