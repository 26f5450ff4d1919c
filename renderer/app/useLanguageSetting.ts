import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { db } from '../db';
import { chosenLanguage } from '../db/settings';
import { applyLanguage, isUiLanguage, systemLanguage } from '../i18n';

/** Speaks the language chosen on this installation (Settings › Language), else the system's; live when it changes. */
export function useLanguageSetting(): void {
  const chosen = useLiveQuery(() => chosenLanguage(db));
  useEffect(() => {
    if (chosen === undefined) return;
    applyLanguage(isUiLanguage(chosen) ? chosen : systemLanguage());
  }, [chosen]);
}
