import { useEffect } from 'react';
import { i18n } from '../i18n';
import { isConnected, workbench } from '../platform/workbench';

/**
 * Tells main the interface's language, at the start and after each switch, so that the refusals main
 * writes (a backup file that is not one, a damaged backup …) reach the analyst in it. Main speaks English
 * until told; a lost message is sent again at the next switch, and meanwhile main's sentences are English.
 */
export function useInterfaceLanguage(): void {
  useEffect(() => {
    if (!isConnected()) return;
    const tell = (language: string) =>
      void workbench()
        .setInterfaceLanguage({ language })
        .catch(() => undefined);
    tell(i18n.language);
    i18n.on('languageChanged', tell);
    return () => i18n.off('languageChanged', tell);
  }, []);
}
