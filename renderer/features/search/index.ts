export { SearchView } from './SearchView';
export { useSearchHits, useWorkspaceSearch } from './useSearch';
