import type { NoteStamp, SearchHit, SourceStamp, TagStamp } from './search-index';

/** What the UI asks of the search worker. */
export type SearchRequest =
  | { type: 'sources'; list: SourceStamp[] }
  | { type: 'notes'; list: NoteStamp[] }
  /** The passages one write touched: those still there, and the ids of those deleted. */
  | { type: 'notes-changed'; changed: NoteStamp[]; removed: string[] }
  | { type: 'tags'; list: TagStamp[] }
  | { type: 'search'; id: number; query: string; limit: number }
  /** A stored text the worker asked for (main's store is reached from the page, not from a worker). */
  | { type: 'text'; id: number; text: string }
  | { type: 'text-failed'; id: number; message: string };

/** What the search worker answers. */
export type SearchReply =
  | { type: 'progress'; indexed: number; total: number }
  | { type: 'synced' }
  | { type: 'results'; id: number; hits: SearchHit[] }
  | { type: 'failed'; message: string }
  | { type: 'read-text'; id: number; sha256: string };
