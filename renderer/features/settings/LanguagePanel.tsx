import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db';
import { chosenLanguage } from '../../db/settings';
import { LANGUAGE_NAMES, UI_LANGUAGES, isUiLanguage, systemLanguage, useT } from '../../i18n';
import { workspace } from '../../workspace';
import { setLanguage } from '../../workspace/commands/settings';

const SYSTEM = 'system';

/** The interface language of this installation: the system's by default, applied at once when changed. */
export function LanguagePanel() {
  const t = useT();
  const chosen = useLiveQuery(() => chosenLanguage(db));
  if (chosen === undefined) return null;
  const value = isUiLanguage(chosen) ? chosen : SYSTEM;
  return (
    <form aria-labelledby="settings-language-title" onSubmit={(e) => e.preventDefault()}>
      <h3 id="settings-language-title">{t('settings.language.title')}</h3>
      <p className="muted">{t('settings.language.explain')}</p>
      <div className="field">
        <label htmlFor="settings-language">{t('settings.language.label')}</label>
        <select
          id="settings-language"
          value={value}
          onChange={(e) => {
            const next = e.target.value;
            void workspace.attempt(setLanguage, isUiLanguage(next) ? next : null);
          }}
        >
          <option value={SYSTEM}>{t('settings.language.system', { name: LANGUAGE_NAMES[systemLanguage()] })}</option>
          {UI_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">{t('settings.language.partial')}</p>
    </form>
  );
}
