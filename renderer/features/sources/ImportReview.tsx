import type { GuessableField, Source } from '../../../shared/domain/source';
import { workspace } from '../../workspace';
import { commentsToPassages } from '../../workspace/commands/passages';
import { updateSourceMetadata } from '../../workspace/commands/sources';
import { useWorkbench } from '../../stores';
import { displayName, formatDate } from '../../ui/format';
import { t as translate, useT } from '../../i18n';

/** "Russian (ru)" in the interface language ("русский (ru)"), or the bare code when there is no name for it. */
export function languageLabel(tag: string): string {
  if (tag === 'und') return translate('review.languageUnknown');
  const name = displayName('language', tag);
  return name ? `${name} (${tag})` : tag;
}

/** The catalogue keys of the guessed fields' names. */
const FIELD_LABELS: Record<GuessableField, string> = {
  title: 'review.field.title',
  author: 'review.field.author',
  publishedOn: 'review.field.publishedOn',
  language: 'review.field.language',
};

function shown(source: Source, field: GuessableField): string {
  switch (field) {
    case 'title':
      return translate('labels.quote', { words: source.title });
    case 'author':
      return source.author || translate('review.noneFound');
    case 'publishedOn':
      return source.publishedOn ? formatDate(source.publishedOn) : translate('review.noneFound');
    case 'language':
      return languageLabel(source.language);
  }
}

/**
 * The confirm strip: after an import, the details the importer guessed (title, author, date, language —
 * from the text's first lines, the file's properties or its name) are shown here, marked guessed, until
 * the analyst confirms them or corrects them under Details (a correction confirms that field). A
 * citation is only as good as these. Confirming is one command, so undo takes it back.
 */
export function ConfirmStrip({ source }: { source: Source }) {
  const t = useT();
  const guessed = source.guessed ?? [];
  const setSideTab = useWorkbench((s) => s.setSideTab);
  if (guessed.length === 0) return null;
  return (
    <section className="confirm-strip" aria-label={t('review.guessed')}>
      <p className="confirm-lead">
        {t('review.lead')}{' '}
        {(['title', 'author', 'publishedOn', 'language'] as const)
          .filter((field) => guessed.includes(field))
          .map((field, i) => (
            <span key={field} className="confirm-item">
              {i > 0 && ' · '}
              {t(FIELD_LABELS[field])} <strong dir="auto">{shown(source, field)}</strong>
            </span>
          ))}
        {source.languages && source.languages.length > 1 && (
          <span className="muted">
            {' '}
            {t('review.mixes', { languages: source.languages.map(languageLabel).join(', ') })}
          </span>
        )}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={() =>
            void workspace
              .perform(updateSourceMetadata, {
                id: source.id,
                patch: { guessed: [] },
                label: t('review.confirmLabel', { title: source.title }),
              })
              .catch(() => undefined)
          }
        >
          {t('review.confirm')}
        </button>
        <button type="button" onClick={() => setSideTab('details')}>
          {t('review.correct')}
        </button>
      </div>
    </section>
  );
}

/**
 * The offer to make a Word file's reviewer comments passages, each with its comment as the note. Shown
 * for sources imported this session while their comments wait; one command, so undo takes all back.
 */
export function CommentsOffer({ source, text }: { source: Source; text: string }) {
  const t = useT();
  const comments = useWorkbench((s) => s.pendingComments[source.id]);
  const setPending = useWorkbench((s) => s.setPendingComments);
  const notify = useWorkbench((s) => s.notify);
  if (!comments?.length) return null;
  const count = comments.length;
  return (
    <div className="banner comments-offer" role="region" aria-label={t('review.wordComments')}>
      <span>{t('review.comments', { count })}</span>
      <button
        type="button"
        className="primary"
        onClick={() =>
          void workspace.attempt(commentsToPassages, { sourceId: source.id, text, comments }).then((result) => {
            if (!result) return;
            setPending(source.id, null);
            notify(
              'info',
              result.missing
                ? t('review.madeSomeMissing', { count: result.created, missing: result.missing })
                : t('review.made', { count: result.created }),
            );
          })
        }
      >
        {t('review.make', { count })}
      </button>
      <button type="button" onClick={() => setPending(source.id, null)}>
        {t('review.notNow')}
      </button>
    </div>
  );
}
