import { useEffect, useState, type ReactNode } from 'react';
import type { GuessableField, Source } from '../../../shared/domain/source';
import { workspace } from '../../workspace';
import { commentsToPassages } from '../../workspace/commands/passages';
import { updateSourceMetadata, type SourceMetadataPatch } from '../../workspace/commands/sources';
import { useWorkbench } from '../../stores';

const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$|^und$/;

const names = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** "Russian (ru)", or the bare code when the browser has no name for it. */
export function languageLabel(tag: string): string {
  if (tag === 'und') return 'not known (und)';
  try {
    const name = names?.of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

interface Draft {
  title: string;
  author: string;
  publishedOn: string;
  language: string;
}

const draftOf = (source: Source): Draft => ({
  title: source.title,
  author: source.author,
  publishedOn: source.publishedOn ?? '',
  language: source.language,
});

/**
 * The confirm strip: after an import, the fields the importer guessed (title, author, date, language)
 * wait here, marked "guessed", until the analyst confirms them as they are or corrected — a citation
 * is only as good as these. Confirming is one command (sources.updateMetadata), so undo takes it back.
 */
export function ConfirmStrip({ source }: { source: Source }) {
  const guessed = source.guessed ?? [];
  const [draft, setDraft] = useState<Draft>(() => draftOf(source));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(draftOf(source));
    setError(null);
  }, [source]);
  if (guessed.length === 0) return null;

  const field = (name: GuessableField, label: string, input: ReactNode) => (
    <label className="confirm-field">
      <span>
        {label}
        {guessed.includes(name) && <em className="guessed">guessed</em>}
      </span>
      {input}
    </label>
  );

  const confirm = async () => {
    const title = draft.title.trim();
    const language = draft.language.trim();
    if (!title) return setError('A source needs a title: write one, then confirm.');
    if (!LANGUAGE_CODE.test(language))
      return setError('Write the language as a code such as en, ru, kk, uz, fa or ps, then confirm.');
    setError(null);
    const patch: SourceMetadataPatch = { guessed: [] };
    if (title !== source.title) patch.title = title;
    if (draft.author.trim() !== source.author) patch.author = draft.author.trim();
    if ((draft.publishedOn || null) !== source.publishedOn) patch.publishedOn = draft.publishedOn || null;
    if (language !== source.language) patch.language = language;
    await workspace
      .perform(updateSourceMetadata, { id: source.id, patch, label: `confirm the details of “${title}”` })
      .catch(() => undefined);
  };

  return (
    <form
      className="confirm-strip"
      aria-label="Confirm the source’s details"
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <p className="confirm-lead">
        Check these details before you cite this source: the import guessed{' '}
        {guessed.length === 1 ? 'one of them' : 'some of them'} from the file.
      </p>
      <div className="confirm-fields">
        {field(
          'title',
          'Title',
          <input value={draft.title} dir="auto" onChange={(e) => setDraft({ ...draft, title: e.target.value })} />,
        )}
        {field(
          'author',
          'Author',
          <input
            value={draft.author}
            dir="auto"
            placeholder="Unknown"
            onChange={(e) => setDraft({ ...draft, author: e.target.value })}
          />,
        )}
        {field(
          'publishedOn',
          'Published',
          <input
            type="date"
            value={draft.publishedOn}
            onChange={(e) => setDraft({ ...draft, publishedOn: e.target.value })}
          />,
        )}
        {field(
          'language',
          'Language',
          <input
            value={draft.language}
            size={6}
            title={languageLabel(draft.language)}
            onChange={(e) => setDraft({ ...draft, language: e.target.value })}
          />,
        )}
        <button type="submit" className="primary">
          Confirm details
        </button>
      </div>
      {source.languages && source.languages.length > 1 && (
        <p className="muted confirm-note">
          The text mixes languages: {source.languages.map(languageLabel).join(', ')}.
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/**
 * The offer to make a Word file's reviewer comments passages, each with its comment as the note. Shown
 * for sources imported this session while their comments wait; one command, so undo takes all back.
 */
export function CommentsOffer({ source, text }: { source: Source; text: string }) {
  const comments = useWorkbench((s) => s.pendingComments[source.id]);
  const setPending = useWorkbench((s) => s.setPendingComments);
  const notify = useWorkbench((s) => s.notify);
  if (!comments?.length) return null;
  const count = comments.length;
  return (
    <div className="banner comments-offer" role="region" aria-label="Word comments">
      <span>
        This Word file has {count} reviewer comment{count === 1 ? '' : 's'} (listed under “Comments” at the end of the
        text).
      </span>
      <button
        type="button"
        className="primary"
        onClick={() =>
          void workspace.attempt(commentsToPassages, { sourceId: source.id, text, comments }).then((result) => {
            if (!result) return;
            setPending(source.id, null);
            notify(
              'info',
              `Made ${result.created} passage${result.created === 1 ? '' : 's'} from the comments` +
                (result.missing
                  ? `; ${result.missing} comment${result.missing === 1 ? '' : 's'} could not be placed in the text and stay${result.missing === 1 ? 's' : ''} under “Comments” only.`
                  : '.'),
            );
          })
        }
      >
        Make {count === 1 ? 'it a passage' : 'them passages'}
      </button>
      <button type="button" onClick={() => setPending(source.id, null)}>
        Not now
      </button>
    </div>
  );
}
