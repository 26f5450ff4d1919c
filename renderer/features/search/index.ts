export { SearchView } from './SearchView';
export { matchRange } from './search-index';
export { useSearchHits, useWorkspaceSearch } from './useSearch';
