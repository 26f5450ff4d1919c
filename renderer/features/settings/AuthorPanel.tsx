import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { AUTHOR_CLASS_LABELS, AuthorClass, authorIssue, type AuthorIdentity } from '../../../shared/domain/author';
import { db } from '../../db';
import { useT } from '../../i18n';
import { exportAuthor } from '../../db/settings';
import { workspace } from '../../workspace';
import { authorRefusal, setAuthorIdentity } from '../../workspace/commands/settings';

/**
 * The export author (a setting of this installation): who the STIX bundle credits (`created_by_ref`,
 * note `authors`) and who the Web Annotation export names as `creator`.
 */
export function AuthorPanel() {
  const author = useLiveQuery(() => exportAuthor(db));
  // The form starts from the stored author once it has been read; `null` means none is set yet.
  if (author === undefined) return null;
  return <AuthorForm author={author} />;
}

function AuthorForm({ author }: { author: AuthorIdentity | null }) {
  const [name, setName] = useState(author?.name ?? '');
  const [organisation, setOrganisation] = useState(author?.organisation ?? '');
  const [identityClass, setIdentityClass] = useState<AuthorClass>(author?.identityClass ?? 'individual');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const t = useT();

  const edited = () => (setError(null), setSaved(false));
  const save = async () => {
    const details = { name: name.trim(), organisation: organisation.trim(), identityClass };
    const issue = authorIssue(details);
    if (issue) return setError(authorRefusal(issue));
    try {
      await workspace.perform(setAuthorIdentity, details);
      setSaved(true);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form
      aria-labelledby="settings-author-title"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="settings-author-title">{t('settings.author.title')}</h3>
      <p className="muted">{t('settings.author.explain')}</p>
      <div className="field">
        <label htmlFor="settings-author-name">{t('settings.author.name')}</label>
        <input
          id="settings-author-name"
          type="text"
          dir="auto"
          value={name}
          maxLength={200}
          onChange={(e) => (setName(e.target.value), edited())}
        />
      </div>
      <div className="field">
        <label htmlFor="settings-author-organisation">{t('settings.author.organisation')}</label>
        <input
          id="settings-author-organisation"
          type="text"
          dir="auto"
          value={organisation}
          maxLength={200}
          onChange={(e) => (setOrganisation(e.target.value), edited())}
        />
      </div>
      <div className="field">
        <label htmlFor="settings-author-class">{t('settings.author.kind')}</label>
        <select
          id="settings-author-class"
          value={identityClass}
          onChange={(e) => (setIdentityClass(AuthorClass.parse(e.target.value)), edited())}
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
      <div className="settings-panel-actions">
        <span role="status" className="muted">
          {saved ? t('common.saved') : ''}
        </span>
        <button type="submit" className="primary">
          {t('settings.author.save')}
        </button>
      </div>
    </form>
  );
}
