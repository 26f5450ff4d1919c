import type { ComponentType } from 'react';
import type { SettingsTab } from '../../stores';
import { TeamPanel } from '../team';
import { AuthorPanel } from './AuthorPanel';
import { TemplatePanel } from '../briefings';
import { LanguagePanel } from './LanguagePanel';

/**
 * One page of the Settings dialog: its tab label and the panel that edits it (each panel saves through its
 * own command). The label is the English one; the dialog shows `settings.tabs.<id>` from the catalogues.
 */
export interface SettingsPanel {
  id: SettingsTab;
  label: string;
  Panel: ComponentType;
}

/** The Settings dialog's pages, in tab order. A feature with settings of its own adds its panel here. */
export const SETTINGS_PANELS: readonly SettingsPanel[] = [
  { id: 'author', label: 'Author', Panel: AuthorPanel },
  { id: 'briefing-template', label: 'Briefing template', Panel: TemplatePanel },
  { id: 'language', label: 'Language', Panel: LanguagePanel },
  { id: 'team', label: 'Team', Panel: TeamPanel },
];
