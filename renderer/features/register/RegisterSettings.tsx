import { memo, useEffect, useRef, useState } from 'react';
import type { Register } from '../../../shared/domain/threat';
import { useT } from '../../i18n';
import type { RegisterPatch } from '../../workspace/commands/registers';
import { useFocusHold } from '../../ui/useFocusHold';

/**
 * A register's name, description, scope and scale (levels and band thresholds). Memoised: it stays on
 * the page closed while the register view renders for every edit in the grid.
 */
export const RegisterSettings = memo(function RegisterSettings({
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
  const t = useT();
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
    if (!draft.name.trim()) return setError(t('register.settings.needsName'));
    if (!(medium < high && high < critical)) return setError(t('register.settings.bandsRise'));
    if (critical > max) return setError(t('register.settings.criticalTooHigh', { max, levels: draft.scale.levels }));
    try {
      await onSave({ name: draft.name, description: draft.description, scope: draft.scope, scale: draft.scale });
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const band = (key: 'medium' | 'high' | 'critical', label: string) => (
    <label className="inline-field">
      {t('register.settings.bandFrom', { band: label })}
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
      <h2 id="register-settings-title">{t('register.settings.title')}</h2>
      <div className="field">
        <label htmlFor="register-name">{t('register.settings.name')}</label>
        <input
          id="register-name"
          type="text"
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="register-scope">{t('register.settings.scope')}</label>
        <input
          id="register-scope"
          type="text"
          value={draft.scope}
          onChange={(e) => setDraft({ ...draft, scope: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="register-description">{t('register.settings.description')}</label>
        <textarea
          id="register-description"
          rows={3}
          value={draft.description}
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
      </div>
      <fieldset className="field-row">
        <legend>{t('register.settings.scale')}</legend>
        <label className="inline-field">
          {t('register.settings.levels')}
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
        {band('medium', t('register.settings.medium'))}
        {band('high', t('register.settings.high'))}
        {band('critical', t('register.settings.critical'))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          {t('common.save')}
        </button>
      </div>
    </dialog>
  );
});
