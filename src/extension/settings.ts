import * as vscode from 'vscode';
import { z } from 'zod';

/** Loupe's settings, validated: a bad value falls back to the default instead of breaking a command. */
const settingsSchema = z.object({
  auditMargin: z.number().min(0).max(1).catch(0.02),
});
export type LoupeSettings = z.infer<typeof settingsSchema>;

export function readSettings(): LoupeSettings {
  const config = vscode.workspace.getConfiguration('loupe');
  return settingsSchema.parse({ auditMargin: config.get('audit.margin') });
}
