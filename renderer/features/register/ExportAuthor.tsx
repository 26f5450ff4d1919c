import { useLiveQuery } from 'dexie-react-hooks';
import { authorDisplayName, type AuthorIdentity, UNSET_AUTHOR_NAME } from '../../../shared/domain/author';
import { db } from '../../db';
import { exportAuthor } from '../../db/settings';
import { useT } from '../../i18n';
import { useWorkbench } from '../../stores';

/** How the author shows beside the export buttons: who the exports will name, or that nobody is set yet. */
export function authorLabel(author: AuthorIdentity | null | undefined): string {
  if (!author) return UNSET_AUTHOR_NAME;
  const name = authorDisplayName(author);
  return author.name.trim() && author.organisation.trim() ? `${name} (${author.organisation.trim()})` : name;
}

/**
 * The export author (a setting of this installation): who the STIX bundle credits (`created_by_ref`,
 * note `authors`) and who the Web Annotation export names as `creator`. Shown beside the export buttons
 * so the analyst sees it before exporting; "Change…" opens Settings at the author's page.
 */
export function ExportAuthor() {
  const t = useT();
  const author = useLiveQuery(() => exportAuthor(db));
  const openSettings = useWorkbench((s) => s.openSettings);
  if (author === undefined) return null;
  return (
    <span className="export-author">
      <span className={author ? 'muted' : 'export-author-unset'} title={t('register.authorTitle')}>
        {t('register.author', { name: authorLabel(author) })}
      </span>
      <button type="button" className="link" onClick={() => openSettings('author')}>
        {author ? t('register.changeAuthor') : t('register.setAuthor')}
      </button>
    </span>
  );
}
