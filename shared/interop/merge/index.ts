export { planMerge, baseAfterRestore, type MergeOptions } from './engine';
export { resolveMerge, resolveAll, unresolvedConflicts, joinTexts, joinLists } from './resolve';
export { formatMergeReport } from './report';
export { recordHash, stableStringify, hash64 } from './hash';
export { encodeBase, baseKey } from './bases';
export { nameKey } from './identity';
export { TABLE_RULES, MERGED_TABLES } from './tables';
export type * from './types';
