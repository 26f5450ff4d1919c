import { useEffect, useState } from 'react';
import { db } from '../../db';
import { WorkspaceSearch } from './search-index';

let shared: WorkspaceSearch | null = null;

/** The workspace's one search index, started on first use and kept current from then on. */
export function workspaceSearch(): WorkspaceSearch {
  if (!shared) {
    shared = new WorkspaceSearch(db);
    shared.start();
  }
  return shared;
}

/** Re-renders when the index changes; answers the index and whether it has caught up once. */
export function useWorkspaceSearch(): { search: WorkspaceSearch; revision: number } {
  const search = workspaceSearch();
  const [revision, setRevision] = useState(0);
  useEffect(() => search.onChange(() => setRevision((r) => r + 1)), [search]);
  return { search, revision };
}
