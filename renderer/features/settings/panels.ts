import type { ComponentType } from 'react';
import type { SettingsTab } from '../../stores';
import { TeamPanel } from '../team';
import { AuthorPanel } from './AuthorPanel';
import { TemplatePanel } from '../briefings';
import { LanguagePanel } from './LanguagePanel';

/**
 * One page of the Settings dialog: the panel that edits it (each panel saves through its own command).
 * Its tab shows `settings.tabs.<id>` from the catalogues.
 */
export interface SettingsPanel {
  id: SettingsTab;
  Panel: ComponentType;
}

/** The Settings dialog's pages, in tab order. A feature with settings of its own adds its panel here. */
export const SETTINGS_PANELS: readonly SettingsPanel[] = [
  { id: 'author', Panel: AuthorPanel },
  { id: 'briefing-template', Panel: TemplatePanel },
  { id: 'language', Panel: LanguagePanel },
  { id: 'team', Panel: TeamPanel },
];
