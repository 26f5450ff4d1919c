import type { ComponentType } from 'react';
import type { SettingsTab } from '../../stores';
import { TeamPanel } from '../team';
import { AuthorPanel } from './AuthorPanel';

/** One page of the Settings dialog: its tab label and the panel that edits it (each panel saves through its own command). */
export interface SettingsPanel {
  id: SettingsTab;
  label: string;
  Panel: ComponentType;
}

/** The Settings dialog's pages, in tab order. A feature with settings of its own adds its panel here. */
export const SETTINGS_PANELS: readonly SettingsPanel[] = [
  { id: 'author', label: 'Author', Panel: AuthorPanel },
  { id: 'team', label: 'Team', Panel: TeamPanel },
];
