import { z } from 'zod';

/** How the Metrics view picks the positive class of a binary file when none was chosen for it. */
export const POSITIVE_CLASS_RULES = ['minority', 'firstSorted', 'ask'] as const;
export type PositiveClassRule = (typeof POSITIVE_CLASS_RULES)[number];

const names = z.array(z.string().max(1000)).max(200);

/**
 * Loupe's settings (package.json `contributes.configuration`), validated: a bad value falls
 * back to the default, today's behaviour, instead of breaking a command.
 */
const settingsSchema = z.object({
  auditMargin: z.number().min(0).max(1).catch(0.02),
  searchColumns: names.catch([]),
  hiddenColumns: names.catch([]),
  bootstrapResamples: z.number().int().min(0).max(100_000).catch(1000),
  positiveClass: z.enum(POSITIVE_CLASS_RULES).catch('minority'),
});
export type LoupeSettings = z.infer<typeof settingsSchema>;

/** Each setting's key under `loupe.` (what a user writes in settings.json). */
export const SETTING_KEYS: Readonly<Record<keyof LoupeSettings, string>> = {
  auditMargin: 'audit.margin',
  searchColumns: 'table.searchColumns',
  hiddenColumns: 'table.hiddenColumns',
  bootstrapResamples: 'agreement.bootstrapResamples',
  positiveClass: 'metrics.positiveClass',
};

/** The settings from a reader of `loupe.*` keys (VS Code's configuration, or a test's object). */
export function parseSettings(get: (key: string) => unknown): LoupeSettings {
  const raw = Object.fromEntries(Object.entries(SETTING_KEYS).map(([name, key]) => [name, get(key)]));
  return settingsSchema.parse(raw);
}

/**
 * The positive class to ask the metrics for, when the file has none saved: undefined leaves the
 * minority class (the core's default); "firstSorted" takes the first class in sorted (code point)
 * order; "ask" asks once through `ask` (undefined when dismissed: the minority class).
 */
export async function positiveByRule(rule: PositiveClassRule, classes: readonly string[], ask: (classes: string[]) => Promise<string | undefined>): Promise<string | undefined> {
  if (classes.length !== 2) return undefined;
  if (rule === 'firstSorted') return [...classes].sort()[0];
  if (rule === 'ask') return ask([...classes].sort());
  return undefined;
}
