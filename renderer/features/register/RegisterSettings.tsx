import { useEffect, useRef, useState } from 'react';
import type { Register } from '../../../shared/domain/threat';
import type { RegisterPatch } from '../../workspace/commands/registers';
import { useFocusHold } from '../../ui/useFocusHold';

/** A register's name, description, scope and scale (levels and band thresholds). */
export function RegisterSettings({
  register,
  open,
  onClose,
  onSave,
}: {
  register: Register;
  open: boolean;
  onClose: () => void;
  onSave: (patch: RegisterPatch) => Promise<void>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useFocusHold(ref, open);
  const [draft, setDraft] = useState(register);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setDraft(register);
      setError(null);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, register]);

  const max = draft.scale.levels * draft.scale.levels;
  const save = async () => {
    const { medium, high, critical } = draft.scale.bands;
    if (!draft.name.trim()) return setError('A register needs a name.');
    if (!(medium < high && high < critical)) return setError('Band thresholds must rise: medium < high < critical.');
    if (critical > max)
      return setError(
        `The critical band must start at or below ${max}, the highest score of a ${draft.scale.levels}×${draft.scale.levels} matrix.`,
      );
    try {
      await onSave({ name: draft.name, description: draft.description, scope: draft.scope, scale: draft.scale });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const band = (key: 'medium' | 'high' | 'critical', label: string) => (
    <label className="inline-field">
      {label} from
      <input
        type="number"
        className="narrow"
        min={1}
        max={max}
        value={draft.scale.bands[key]}
        onChange={(e) =>
          setDraft({
            ...draft,
            scale: { ...draft.scale, bands: { ...draft.scale.bands, [key]: Math.round(Number(e.target.value)) } },
          })
        }
      />
    </label>
  );

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="register-settings-title" onClose={onClose}>
      <h2 id="register-settings-title">Register settings</h2>
      <div className="field">
        <label htmlFor="register-name">Name</label>
        <input
          id="register-name"
          type="text"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="register-scope">Scope</label>
        <input
          id="register-scope"
          type="text"
          value={draft.scope}
          onChange={(e) => setDraft({ ...draft, scope: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="register-description">Description</label>
        <textarea
          id="register-description"
          rows={3}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      <fieldset className="field-row">
        <legend>Scale</legend>
        <label className="inline-field">
          Levels
          <select
            value={draft.scale.levels}
            onChange={(e) => setDraft({ ...draft, scale: { ...draft.scale, levels: Number(e.target.value) } })}
          >
            {[3, 4, 5, 6, 7, 10].map((n) => (
              <option key={n} value={n}>
                {n}×{n}
              </option>
            ))}
          </select>
        </label>
        {band('medium', 'Medium')}
        {band('high', 'High')}
        {band('critical', 'Critical')}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          Save
        </button>
      </div>
    </dialog>
  );
}
