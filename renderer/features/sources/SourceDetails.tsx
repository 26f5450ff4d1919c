import { useRef, useState } from 'react';
import {
  CREDIBILITY_LABELS,
  Credibility,
  RELIABILITY_LABELS,
  Reliability,
  type Source,
} from '../../../shared/domain/source';
import { workspace } from '../../workspace';
import { updateSourceMetadata, type SourceMetadataPatch } from '../../workspace/commands/sources';
import { EditableText } from '../../ui/EditableText';
import { useT } from '../../i18n';

interface SourceDetailsProps {
  source: Source;
  onCorrectText: () => void;
  onReplaceFile: (file: File) => void;
  onExportAnnotations: () => void;
  onImportAnnotations: (file: File) => void;
  onDelete: () => void;
}

/** A source's record: metadata and Admiralty grade (editable, with undo), its file, and its actions. */
export function SourceDetails({
  source,
  onCorrectText,
  onReplaceFile,
  onExportAnnotations,
  onImportAnnotations,
  onDelete,
}: SourceDetailsProps) {
  const t = useT();
  const replaceInput = useRef<HTMLInputElement>(null);
  const annotationsInput = useRef<HTMLInputElement>(null);
  const [dateError, setDateError] = useState<string | null>(null);

  const save = async (patch: SourceMetadataPatch, label: string) => {
    // Editing a guessed field is the analyst's word on it: it is no longer a guess.
    const guessed = source.guessed?.filter((field) => !(field in patch));
    const confirmed = guessed && guessed.length !== source.guessed?.length ? { guessed } : {};
    await workspace.perform(updateSourceMetadata, { id: source.id, patch: { ...patch, ...confirmed }, label });
  };
  // A field the import guessed says so until the analyst confirms or corrects it.
  const isGuessed = (field: string) => source.guessed?.some((guess) => guess === field) ?? false;
  const text = (field: 'title' | 'author' | 'publisher' | 'url' | 'language', label: string) => (
    <EditableText
      label={isGuessed(field) ? t('sourceDetails.guessed', { label }) : label}
      value={source[field]}
      validate={
        field === 'title'
          ? (v) => (v ? null : t('sourceDetails.needsTitle'))
          : field === 'language'
            ? (v) => (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$|^und$/.test(v) ? null : t('sourceDetails.languageCode'))
            : undefined
      }
      onCommit={(value) => save({ [field]: value }, t('labels.editSourceField', { field, title: source.title }))}
    />
  );

  return (
    <div className="side-section source-details">
      {text('title', t('sourceDetails.title'))}
      {text('author', t('sourceDetails.author'))}
      {text('publisher', t('sourceDetails.publisher'))}
      <div className="field">
        <label htmlFor="source-date">
          {isGuessed('publishedOn')
            ? t('sourceDetails.guessed', { label: t('sourceDetails.published') })
            : t('sourceDetails.published')}
        </label>
        <input
          id="source-date"
          type="date"
          defaultValue={source.publishedOn ?? ''}
          key={source.publishedOn ?? ''}
          onBlur={(e) => {
            const value = e.target.value || null;
            if (value === source.publishedOn) return;
            setDateError(null);
            void save({ publishedOn: value }, t('labels.editPublicationDate')).catch(() =>
              setDateError(t('sourceDetails.dateNotSaved')),
            );
          }}
        />
        {dateError && <p className="field-error">{dateError}</p>}
      </div>
      {text('language', t('sourceDetails.language'))}
      {text('url', t('sourceDetails.url'))}
      <div className="field-row">
        <label className="inline-field">
          {t('sourceDetails.reliability')}
          <select
            value={source.reliability}
            onChange={(e) =>
              void save({ reliability: Reliability.parse(e.target.value) }, t('labels.changeReliability')).catch(
                () => undefined,
              )
            }
          >
            {Reliability.options.map((r) => (
              <option key={r} value={r}>
                {r} — {RELIABILITY_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          {t('sourceDetails.credibility')}
          <select
            value={source.credibility}
            onChange={(e) =>
              void save(
                { credibility: Credibility.parse(Number(e.target.value)) },
                t('labels.changeCredibility'),
              ).catch(() => undefined)
            }
          >
            {([1, 2, 3, 4, 5, 6] as const).map((c) => (
              <option key={c} value={c}>
                {c} — {CREDIBILITY_LABELS[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <dl className="facts">
        <dt>{t('sourceDetails.file')}</dt>
        <dd>
          {source.file
            ? t('sourceDetails.fileSize', { name: source.file.originalName, kb: Math.ceil(source.file.size / 1024) })
            : t('sourceDetails.pasted')}
        </dd>
        <dt>{t('sourceDetails.text')}</dt>
        <dd>{t('sourceDetails.textFacts', { characters: source.textLength, version: source.version })}</dd>
      </dl>
      {source.importWarnings && source.importWarnings.length > 0 && (
        <section className="import-warnings" aria-labelledby="import-warnings-heading">
          <h3 id="import-warnings-heading">{t('sourceDetails.importWarnings')}</h3>
          <ul>
            {source.importWarnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="button-column">
        <button type="button" onClick={onCorrectText}>
          {t('sourceDetails.correct')}
        </button>
        <button type="button" onClick={() => replaceInput.current?.click()}>
          {t('sourceDetails.replace')}
        </button>
        <input
          ref={replaceInput}
          type="file"
          hidden
          accept=".txt,.md,.markdown,.html,.htm,.docx,.pdf"
          aria-label={t('sourceDetails.newVersion')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared, so that choosing the same file again after a Cancel is a change too.
            e.target.value = '';
            if (file) onReplaceFile(file);
          }}
        />
        <button type="button" onClick={onExportAnnotations}>
          {t('sourceDetails.exportAnnotations')}
        </button>
        <button type="button" onClick={() => annotationsInput.current?.click()}>
          {t('sourceDetails.importAnnotations')}
        </button>
        <input
          ref={annotationsInput}
          type="file"
          hidden
          accept=".json,.jsonld,application/ld+json,application/json"
          aria-label={t('sourceDetails.annotationsFile')}
          onChange={(e) => e.target.files?.[0] && onImportAnnotations(e.target.files[0])}
        />
        <button type="button" className="danger" onClick={onDelete}>
          {t('sourceDetails.delete')}
        </button>
      </div>
    </div>
  );
}
