import * as vscode from 'vscode';
import { parseSettings, type LoupeSettings } from './settingsValues';

export type { LoupeSettings } from './settingsValues';

/** Loupe's settings as they are now (read each time they apply, so a change needs no reload). */
export function readSettings(): LoupeSettings {
  const config = vscode.workspace.getConfiguration('loupe');
  return parseSettings((key) => config.get(key));
}
