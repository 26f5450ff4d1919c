import type { TextRequest } from '../../../shared/ipc';
import type { NoteStamp, SearchHit, SourceStamp, TagStamp } from './search-index';

/** What the UI asks of the search worker. */
export type SearchRequest =
  | { type: 'sources'; list: SourceStamp[] }
  | { type: 'notes'; list: NoteStamp[] }
  /** The passages one write touched: those still there, and the ids of those deleted. */
  | { type: 'notes-changed'; changed: NoteStamp[]; removed: string[] }
  | { type: 'tags'; list: TagStamp[] }
  | { type: 'search'; id: number; query: string; limit: number }
  /** A source's text the worker asked for: inline in the database, or stored and already held by the page. */
  | { type: 'text'; id: number; text: string }
  /** Where the worker fetches a stored text it asked for itself (main serves texts at an address). */
  | { type: 'text-at'; id: number; request: TextRequest }
  | { type: 'text-failed'; id: number; message: string };

/** What the search worker answers. */
export type SearchReply =
  | { type: 'progress'; indexed: number; total: number }
  | { type: 'synced' }
  /** After a sync of the sources: how many were left out because their text could not be read, and why. */
  | { type: 'unread'; count: number; reason: string }
  | { type: 'results'; id: number; hits: SearchHit[] }
  /** Why the index could not be brought up to date, as a sentence (the page says what to do). */
  | { type: 'failed'; reason: string }
  /** The worker asks for a source's text (answered by 'text', 'text-at' or 'text-failed'). */
  | { type: 'read-text'; id: number; sourceId: string };
