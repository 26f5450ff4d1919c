import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { findAll, firstMatchFrom, MAX_MATCHES, type TextMatch } from '../../../shared/domain/find-in-text';
import { useT } from '../../i18n';
import { formatNumber } from '../../ui/format';

interface FindBarProps {
  text: string;
  /** What to look for when the bar opens (the selection, if any). */
  initialQuery: string;
  /** Where the analyst is reading: the first match shown is the first at or after it. */
  readingAt: () => number;
  /** The current match changed (null: none). */
  onMatch: (match: TextMatch | null) => void;
  onClose: () => void;
}

/**
 * Find in source (Ctrl+F in the reader). The reader puts only the paragraphs near the screen on the
 * page, so the browser's own find cannot see the rest of the text: this bar searches the whole text
 * and the reader scrolls to each match. Enter: next; Shift+Enter: previous; Escape: close.
 */
export function FindBar({ text, initialQuery, readingAt, onMatch, onClose }: FindBarProps) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(initialQuery);
  const matches = useMemo(() => findAll(text, query), [text, query]);
  const [current, setCurrent] = useState(-1);
  const from = useRef(readingAt);
  from.current = readingAt;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  // A new query starts at the first match where the analyst is reading.
  useEffect(() => {
    setCurrent(matches.length > 0 ? firstMatchFrom(matches, from.current()) : -1);
  }, [matches]);

  useEffect(() => {
    onMatch(current >= 0 ? (matches[current] ?? null) : null);
  }, [current, matches, onMatch]);

  const step = (by: number) => {
    if (matches.length === 0) return;
    setCurrent((i) => (i + by + matches.length) % matches.length);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  const count =
    query.trim() === ''
      ? ''
      : matches.length === 0
        ? t('findBar.noMatches')
        : t('findBar.position', {
            current: current + 1,
            total: matches.length >= MAX_MATCHES ? `${formatNumber(MAX_MATCHES)}+` : formatNumber(matches.length),
          });

  return (
    <div className="find-bar" role="search" aria-label={t('findBar.label')}>
      <input
        ref={input}
        type="search"
        aria-label={t('findBar.label')}
        placeholder={t('findBar.label')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span className="find-count" role="status" aria-live="polite">
        {count}
      </span>
      <button
        type="button"
        className="ghost"
        aria-label={t('findBar.previous')}
        disabled={matches.length === 0}
        onClick={() => step(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="ghost"
        aria-label={t('findBar.next')}
        disabled={matches.length === 0}
        onClick={() => step(1)}
      >
        ↓
      </button>
      <button type="button" className="ghost" aria-label={t('findBar.close')} onClick={onClose}>
        ✕
      </button>
    </div>
  );
}
