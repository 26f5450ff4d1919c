import { useEffect, useMemo, useRef, useState } from 'react';
import { riskScore } from '../../../shared/domain/scoring';
import { Threat, type Register } from '../../../shared/domain/threat';
import { CSV_COLUMNS, guessMapping, parseCsv, validateRows, type ColumnMapping, type CsvField, type ParsedCsv } from '../../../shared/interop/register-csv';
import { db } from '../../db';
import { useWorkbench } from '../../stores';
import type { Lookups } from '../annotations/useLookups';
import { useUnsavedGuard } from '../common/useUnsavedGuard';

type Step = 'mapping' | 'report';

/**
 * CSV import in two steps: map the file's columns to the register's fields (guessed from the headers),
 * then a validation report (row, column, problem). Nothing is written until the analyst accepts; then
 * every valid row goes in, in one transaction — new threats added, rows with a known id updated.
 */
export function CsvImportDialog({ file, register, lookups, onClose }: { file: File; register: Register; lookups: Lookups; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [parsed, setParsed] = useState<ParsedCsv | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [step, setStep] = useState<Step>('mapping');
  const [error, setError] = useState<string | null>(null);
  const [guessed, setGuessed] = useState<ColumnMapping>([]);
  // The mapping the analyst chose (or a checked report) is work: closing asks before dropping it.
  const { confirmDiscard } = useUnsavedGuard(step === 'report' || JSON.stringify(mapping) !== JSON.stringify(guessed), 'Discard the column mapping you chose for this CSV file?');
  const cancel = () => void confirmDiscard().then((discard) => discard && ref.current?.close());
  const trackSave = useWorkbench((s) => s.trackSave);
  const recordUndo = useWorkbench((s) => s.recordUndo);
  const notify = useWorkbench((s) => s.notify);

  useEffect(() => {
    ref.current?.showModal();
    void file.text().then(
      (text) => {
        const result = parseCsv(text);
        if (result.headers.length === 0) setError(`“${file.name}” holds no table: the first line should name the columns.`);
        setParsed(result);
        const guess = guessMapping(result.headers);
        setGuessed(guess);
        setMapping(guess);
      },
      () => setError(`“${file.name}” could not be read.`),
    );
  }, [file]);

  const context = useMemo(() => ({ actors: [...lookups.actors.values()], countryCodes: [...lookups.countries.keys()], scale: register.scale }), [lookups, register.scale]);
  const validation = useMemo(() => (parsed && step === 'report' ? validateRows(parsed, mapping, context) : null), [parsed, mapping, context, step]);

  const accept = async () => {
    if (!validation) return;
    const now = new Date().toISOString();
    const existing = new Map((await db.threats.where('registerId').equals(register.id).toArray()).map((t) => [t.id, t]));
    // A row that updates a known threat changes only the columns the file has; the rest stay as they are.
    const fieldOf: Partial<Record<CsvField, keyof Threat>> = { countries: 'countryCodes', actors: 'actorIds', origin: 'originCode' };
    const mappedKeys = validation.mappedFields.filter((f) => f !== 'id' && f !== 'score' && f !== 'band').map((f) => fieldOf[f] ?? (f as keyof Threat));
    const records = validation.drafts.map(({ draft }) => {
      const previous = draft.id ? existing.get(draft.id) : undefined;
      const fields = previous ? { ...previous, ...Object.fromEntries(mappedKeys.map((k) => [k, draft[k as keyof typeof draft]])) } : draft;
      return Threat.parse({
        ...fields,
        id: previous ? previous.id : crypto.randomUUID(),
        registerId: register.id,
        score: riskScore(fields.likelihood, fields.impact),
        createdAt: previous?.createdAt ?? now,
        updatedAt: now,
      });
    });
    const replaced = records.map((r) => existing.get(r.id)).filter((t): t is Threat => t !== undefined);
    await trackSave(() => db.transaction('rw', db.threats, async () => db.threats.bulkPut(records)));
    const added = records.filter((r) => !existing.has(r.id));
    recordUndo({
      label: `import ${records.length} threats`,
      undo: () => db.transaction('rw', db.threats, async () => {
        await db.threats.bulkDelete(added.map((t) => t.id));
        await db.threats.bulkPut(replaced);
      }),
      redo: () => db.threats.bulkPut(records),
    });
    notify('info', `Imported ${added.length} new and updated ${replaced.length} threat${replaced.length === 1 ? '' : 's'} from “${file.name}”.`);
    ref.current?.close();
  };

  const fields: { value: CsvField | ''; label: string }[] = [{ value: '', label: '(ignore)' }, ...CSV_COLUMNS.map((c) => ({ value: c.field, label: c.header }))];
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
      <h2 id="csv-import-title">Import “{file.name}”</h2>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {parsed && step === 'mapping' && (
        <>
          <p className="muted">
            {parsed.rows.length} rows. Choose which field each column fills; unrecognised columns are ignored.
          </p>
          {parsed.problems.length > 0 && (
            <p className="field-error" role="alert">
              {parsed.problems[0]!.problem}
            </p>
          )}
          <div className="table-wrap mapping">
            <table className="grid" aria-label="Column mapping">
              <thead>
                <tr>
                  <th scope="col">Column in the file</th>
                  <th scope="col">Fills</th>
                  <th scope="col">First value</th>
                </tr>
              </thead>
              <tbody>
                {parsed.headers.map((header, i) => (
                  <tr key={`${header}-${i}`}>
                    <td>{header}</td>
                    <td>
                      <select
                        aria-label={`Field for column ${header}`}
                        value={mapping[i] ?? ''}
                        onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? ((e.target.value || null) as CsvField | null) : m)))}
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
              Cancel
            </button>
            <button type="button" className="primary" disabled={parsed.headers.length === 0} onClick={() => setStep('report')}>
              Check rows
            </button>
          </div>
        </>
      )}
      {validation && step === 'report' && (
        <>
          <p role="status">
            {validation.drafts.length} row{validation.drafts.length === 1 ? '' : 's'} ready to import
            {badRows > 0 ? `; ${badRows} row${badRows === 1 ? '' : 's'} with problems will be left out.` : '.'}
          </p>
          {validation.report.length > 0 && (
            <div className="table-wrap report">
              <table className="grid" aria-label="Validation report">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Row
                    </th>
                    <th scope="col">Column</th>
                    <th scope="col">Problem</th>
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
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep('mapping')}>
              Back to mapping
            </button>
            <span className="spacer" />
            <button type="button" onClick={cancel}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={validation.drafts.length === 0} onClick={() => void accept().catch(() => undefined)}>
              Import {validation.drafts.length} threat{validation.drafts.length === 1 ? '' : 's'}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
