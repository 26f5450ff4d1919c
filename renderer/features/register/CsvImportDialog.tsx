import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Register, Threat } from '../../../shared/domain/threat';
import {
  CSV_COLUMNS,
  guessMapping,
  parseCsv,
  validateRows,
  type ColumnMapping,
  type CsvField,
  type ParsedCsv,
} from '../../../shared/interop/register-csv';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import { CommandFailed, workspace } from '../../workspace';
import { describeRatingChange, importCsv, planCsvImport } from '../../workspace/commands/threats';
import type { Lookups } from '../annotations';
import { useUnsavedGuard } from '../../ui/useUnsavedGuard';
import { useFocusHold } from '../../ui/useFocusHold';
import { useT } from '../../i18n';

type Step = 'mapping' | 'report';

/**
 * CSV import in two steps: map the file's columns to the register's fields (guessed from the headers),
 * then a validation report (row, column, problem) with one rationale for the whole import — required
 * when the file changes the likelihood or impact of a threat the register already has, as a rating
 * changed by hand asks for one. Nothing is written until the analyst accepts; then every valid row
 * goes in as one change (`threats.importCsv`, one undo step) — new threats added, rows with a known id
 * updated — and each revision says “Imported from <file>: <rationale>”.
 */
export function CsvImportDialog({
  file,
  register,
  lookups,
  onClose,
}: {
  file: File;
  register: Register;
  lookups: Lookups;
  onClose: () => void;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [step, setStep] = useState<Step>('mapping');
  const [error, setError] = useState<string | null>(null);
  const [guessed, setGuessed] = useState<ColumnMapping>([]);
  // The mapping the analyst chose (or a checked report) is work: closing asks before dropping it.
  const { confirmDiscard } = useUnsavedGuard(
    step === 'report' || JSON.stringify(mapping) !== JSON.stringify(guessed),
    t('register.csv.discard'),
  );
  const cancel = () => void confirmDiscard().then((discard) => discard && ref.current?.close());
  const notify = useWorkbench((s) => s.notify);
  const [rationale, setRationale] = useState('');
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    ref.current?.showModal();
    void file.text().then(
      (text) => {
        const result = parseCsv(text);
        if (result.headers.length === 0) setError(t('register.csv.noTable', { name: file.name }));
        setParsed(result);
        const guess = guessMapping(result.headers);
        setGuessed(guess);
        setMapping(guess);
      },
      () => setError(t('register.csv.unreadable', { name: file.name })),
    );
  }, [file, t]);

  const context = useMemo(
    () => ({
      actors: [...lookups.actors.values()],
      countryCodes: [...lookups.countries.keys()],
      scale: register.scale,
    }),
    [lookups, register.scale],
  );
  const validation = useMemo(
    () => (parsed && step === 'report' ? validateRows(parsed, mapping, context) : null),
    [parsed, mapping, context, step],
  );

  // What accepting would change in ratings the register has already: those need the analyst's reason.
  const ratingChanges = useLiveQuery(async () => {
    if (!validation) return [];
    const ids = validation.drafts.flatMap(({ draft }) => (draft.id ? [draft.id] : []));
    const found = (await db.threats.bulkGet(ids)).filter(
      (t): t is Threat => t !== undefined && t.registerId === register.id,
    );
    const drafts = validation.drafts.map(({ draft }) => draft);
    return planCsvImport(
      register,
      new Map(found.map((t) => [t.id, t])),
      drafts,
      validation.mappedFields,
      new Date().toISOString(),
    ).ratingChanges;
  }, [validation, register.id]);
  const needsRationale = (ratingChanges?.length ?? 0) > 0;

  const accept = async () => {
    if (!validation) return;
    setImporting(true);
    setError(null);
    try {
      const { added, updated } = await workspace.perform(importCsv, {
        registerId: register.id,
        fileName: file.name,
        drafts: validation.drafts.map(({ draft }) => draft),
        mappedFields: validation.mappedFields,
        rationale,
      });
      notify('info', t('register.csv.imported', { added, updated, name: file.name }));
      ref.current?.close();
    } catch (e) {
      // Refused or not saved: nothing was written; the sentence stays in the dialog beside the import.
      if (e instanceof CommandFailed) setError(e.message);
      else throw e;
    } finally {
      setImporting(false);
    }
  };

  const fields: { value: CsvField | ''; label: string }[] = [
    { value: '', label: t('register.csv.ignore') },
    ...CSV_COLUMNS.map((c) => ({ value: c.field, label: c.header })),
  ];
  const badRows = validation ? new Set(validation.report.map((p) => p.row)).size : 0;

  return (
    <dialog
      ref={ref}
      className="dialog wide"
      aria-labelledby="csv-import-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
      onClose={onClose}
    >
      <h2 id="csv-import-title">{t('register.csv.title', { name: file.name })}</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {parsed && step === 'mapping' && (
        <>
          <p className="muted">{t('register.csv.rows', { count: parsed.rows.length })}</p>
          {parsed.problems.length > 0 && (
            <p className="field-error" role="alert">
              {parsed.problems[0]!.problem}
            </p>
          )}
          <div className="table-wrap mapping">
            <table className="grid" aria-label={t('register.csv.mapping')}>
              <thead>
                <tr>
                  <th scope="col">{t('register.csv.fileColumn')}</th>
                  <th scope="col">{t('register.csv.fills')}</th>
                  <th scope="col">{t('register.csv.firstValue')}</th>
                </tr>
              </thead>
              <tbody>
                {parsed.headers.map((header, i) => (
                  <tr key={`${header}-${i}`}>
                    <td>{header}</td>
                    <td>
                      <select
                        aria-label={t('register.csv.fieldFor', { header })}
                        value={mapping[i] ?? ''}
                        onChange={(e) =>
                          setMapping(
                            mapping.map((m, j) => (j === i ? ((e.target.value || null) as CsvField | null) : m)),
                          )
                        }
                      >
                        {fields.map((f) => (
                          <option key={f.value} value={f.value}>
                            {f.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted" dir="auto">
                      {(parsed.rows[0]?.[i] ?? '').slice(0, 80)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={parsed.headers.length === 0}
              onClick={() => setStep('report')}
            >
              {t('register.csv.checkRows')}
            </button>
          </div>
        </>
      )}
      {validation && step === 'report' && (
        <>
          <p role="status">
            {badRows > 0
              ? t('register.csv.readyWithProblems', { count: validation.drafts.length, bad: badRows })
              : t('register.csv.ready', { count: validation.drafts.length })}
          </p>
          {validation.report.length > 0 && (
            <div className="table-wrap report">
              <table className="grid" aria-label={t('register.csv.report')}>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('register.csv.row')}
                    </th>
                    <th scope="col">{t('register.csv.column')}</th>
                    <th scope="col">{t('register.csv.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {validation.report.slice(0, 500).map((p, i) => (
                    <tr key={i}>
                      <td className="num">{p.row}</td>
                      <td>{p.column}</td>
                      <td>{p.problem}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {ratingChanges && ratingChanges.length > 0 && (
            <div className="rating-changes" role="note">
              <p>{t('register.csv.changesRatings', { count: ratingChanges.length })}</p>
              <ul className="bullets" aria-label={t('register.csv.ratingChanges')}>
                {ratingChanges.slice(0, 20).map((c) => (
                  <li key={`${c.id}-${c.field}`}>{describeRatingChange(c)}</li>
                ))}
                {ratingChanges.length > 20 && <li>{t('register.csv.more', { count: ratingChanges.length - 20 })}</li>}
              </ul>
            </div>
          )}
          <div className="field">
            <label htmlFor="csv-import-rationale">
              {needsRationale ? t('register.csv.rationaleRequired') : t('register.csv.rationaleOptional')}
            </label>
            <textarea
              id="csv-import-rationale"
              rows={2}
              value={rationale}
              onChange={(e) => setRationale(e.target.value)}
              placeholder={needsRationale ? t('register.inspector.rationalePlaceholder') : t('register.csv.why')}
              aria-required={needsRationale}
            />
            <span className="muted hint-line">
              {rationale.trim()
                ? t('register.csv.recordedWith', { name: file.name, rationale: rationale.trim() })
                : t('register.csv.recorded', { name: file.name })}
            </span>
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('mapping')}>
              {t('register.csv.back')}
            </button>
            <span className="spacer" />
            <button type="button" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              disabled={
                validation.drafts.length === 0 ||
                importing ||
                ratingChanges === undefined ||
                (needsRationale && !rationale.trim())
              }
              title={needsRationale && !rationale.trim() ? t('register.csv.rationaleFirst') : undefined}
              onClick={() => void accept()}
            >
              {t('register.csv.import', { count: validation.drafts.length })}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
