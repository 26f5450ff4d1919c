import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import {
  AUTHOR_CLASS_LABELS,
  AuthorClass,
  authorDisplayName,
  authorProblem,
  type AuthorIdentity,
  UNSET_AUTHOR_NAME,
} from '../../../shared/domain/author';
import { db } from '../../db';
import { exportAuthor } from '../../db/settings';
import { workspace } from '../../workspace';
import { setAuthorIdentity } from '../../workspace/commands/settings';

/** How the author shows beside the export buttons: who the exports will name, or that nobody is set yet. */
export function authorLabel(author: AuthorIdentity | null | undefined): string {
  if (!author) return UNSET_AUTHOR_NAME;
  const name = authorDisplayName(author);
  return author.name.trim() && author.organisation.trim() ? `${name} (${author.organisation.trim()})` : name;
}

/**
 * The export author (a setting of this installation): who the STIX bundle credits (`created_by_ref`,
 * note `authors`) and who the Web Annotation export names as `creator`. Shown beside the export buttons
 * so the analyst sees it before exporting; "Author…" opens a small form that saves through
 * settings.setAuthorIdentity.
 */
export function ExportAuthor() {
  const author = useLiveQuery(() => exportAuthor(db));
  const [editing, setEditing] = useState(false);
  if (author === undefined) return null;
  return (
    <span className="export-author">
      <span className={author ? 'muted' : 'export-author-unset'} title="The author named in STIX and W3C exports">
        Author: {authorLabel(author)}
      </span>
      <button type="button" className="link" onClick={() => setEditing(true)}>
        {author ? 'Change…' : 'Set author…'}
      </button>
      {editing && <ExportAuthorDialog author={author} onClose={() => setEditing(false)} />}
    </span>
  );
}

function ExportAuthorDialog({ author, onClose }: { author: AuthorIdentity | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(author?.name ?? '');
  const [organisation, setOrganisation] = useState(author?.organisation ?? '');
  const [identityClass, setIdentityClass] = useState<AuthorClass>(author?.identityClass ?? 'individual');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => ref.current?.showModal(), []);

  const save = async () => {
    const details = { name: name.trim(), organisation: organisation.trim(), identityClass };
    const problem = authorProblem(details);
    if (problem) return setError(problem);
    try {
      await workspace.perform(setAuthorIdentity, details);
      ref.current?.close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="export-author-title" onClose={onClose}>
      <h2 id="export-author-title">Export author</h2>
      <p className="muted">
        STIX bundles credit this author (their identity and the notes’ authors); Web Annotation exports name them as the
        creator. It is kept on this computer and is not taken from colleagues’ backups.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="export-author-name">Name</label>
          <input
            id="export-author-name"
            type="text"
            dir="auto"
            value={name}
            maxLength={200}
            onChange={(e) => (setName(e.target.value), setError(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="export-author-organisation">Organisation</label>
          <input
            id="export-author-organisation"
            type="text"
            dir="auto"
            value={organisation}
            maxLength={200}
            onChange={(e) => (setOrganisation(e.target.value), setError(null))}
          />
        </div>
        <div className="field">
          <label htmlFor="export-author-class">The author is</label>
          <select
            id="export-author-class"
            value={identityClass}
            onChange={(e) => setIdentityClass(AuthorClass.parse(e.target.value))}
          >
            {AuthorClass.options.map((c) => (
              <option key={c} value={c}>
                {AUTHOR_CLASS_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save author
          </button>
        </div>
      </form>
    </dialog>
  );
}
