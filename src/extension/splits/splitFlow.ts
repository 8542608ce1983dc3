/**
 * "Loupe: Split Dataset…" as logic over its prompts: sizes, names, stratification, group
 * column, seed, column name, output file. Every VS Code side effect comes in through
 * `SplitEffects`, so the flow is tested in plain Node with fake answers.
 */
import type { ColumnInfo } from '../../core/dataset/dataset';
import type { SplitTaskOptions } from '../../protocol/fileTasks';
import { checkColumnName, DEFAULT_COLUMN, DEFAULT_RATIOS, DEFAULT_SEED, defaultNames, defaultOutputPath, isInputPath, parseNames, parseRatios, parseSeed } from './splitOptions';

export interface PickItem<T> {
  label: string;
  description?: string;
  value: T;
}

export interface SplitEffects {
  /** A text prompt; `validate` returns an error message or undefined. Undefined: cancelled. */
  ask(prompt: { title: string; prompt: string; value: string; validate: (text: string) => string | undefined }): PromiseLike<string | undefined>;
  pick<T>(prompt: { title: string; placeHolder: string; items: PickItem<T>[] }): PromiseLike<T | undefined>;
  /** A save dialog (which asks itself before replacing a file); undefined: cancelled. */
  saveAs(defaultPath: string): PromiseLike<string | undefined>;
  /** A modal question; true when the user confirms. */
  confirm(message: string, action: string): PromiseLike<boolean>;
  /** Shown when the chosen output is the input file. */
  warn(message: string): void;
}

const TITLE = 'Loupe: Split Dataset';
type Stratify = SplitTaskOptions['stratify'];

/** The options of a split of `input` (with these columns), or undefined when the user cancelled. */
export async function askSplitOptions(input: string, columns: readonly ColumnInfo[], effects: SplitEffects): Promise<SplitTaskOptions | undefined> {
  const ratiosText = await effects.ask({ title: `${TITLE} (1/6)`, prompt: 'Relative sizes of the splits, separated by commas', value: DEFAULT_RATIOS, validate: (t) => error(parseRatios(t)) });
  if (ratiosText === undefined) return undefined;
  const ratios = parseRatios(ratiosText) as number[];
  const namesText = await effects.ask({ title: `${TITLE} (2/6)`, prompt: `Names of the ${ratios.length} splits`, value: defaultNames(ratios.length).join(','), validate: (t) => error(parseNames(t, ratios.length)) });
  if (namesText === undefined) return undefined;
  const stratify = await effects.pick<Stratify>({ title: `${TITLE} (3/6)`, placeHolder: 'Keep class ratios equal in every split (stratify)', items: stratifyChoices(columns) });
  if (stratify === undefined) return undefined;
  const group = await effects.pick<string | null>({ title: `${TITLE} (4/6)`, placeHolder: 'Keep groups (speaker, patient, session) whole: no group in two splits', items: groupChoices(columns) });
  if (group === undefined) return undefined;
  const seedText = await effects.ask({ title: `${TITLE} (5/6)`, prompt: 'Seed: the same seed gives the same split', value: String(DEFAULT_SEED), validate: (t) => error(parseSeed(t)) });
  if (seedText === undefined) return undefined;
  const column = await askColumn(columns, effects);
  if (column === undefined) return undefined;
  const out = await askOutput(input, effects);
  if (out === undefined) return undefined;
  return { ratios, names: parseNames(namesText, ratios.length) as string[], stratify, group, seed: parseSeed(seedText) as number, column: column.name, overwriteColumn: column.overwrite, out, overwriteFile: true };
}

function error<T>(parsed: T | string): string | undefined {
  return typeof parsed === 'string' ? parsed : undefined;
}

function stratifyChoices(columns: readonly ColumnInfo[]): PickItem<Stratify>[] {
  const label = columns.find((c) => c.role === 'label');
  const slices = columns.filter((c) => c.kind === 'categorical' && c !== label && (c.role === 'slice' || c.role === 'other'));
  const items: PickItem<Stratify>[] = [];
  if (label) {
    items.push({ label: `By ${label.name}`, description: 'class ratios equal in every split', value: { label: label.name, slice: null } });
    for (const s of slices) items.push({ label: `By ${label.name} × ${s.name}`, description: 'class ratios equal within every slice value', value: { label: label.name, slice: s.name } });
  }
  items.push({ label: 'Not stratified', description: 'a seeded random split', value: { label: null, slice: null } });
  return items;
}

function groupChoices(columns: readonly ColumnInfo[]): PickItem<string | null>[] {
  const candidates = columns.filter((c) => c.role !== 'id' && c.role !== 'label' && c.role !== 'prediction' && c.role !== 'score' && c.role !== 'labeler' && c.role !== 'tags');
  return [{ label: 'No group column', description: 'rows are assigned one by one', value: null }, ...candidates.map((c) => ({ label: c.name, description: `${c.role}, ${c.kind}`, value: c.name }))];
}

async function askColumn(columns: readonly ColumnInfo[], effects: SplitEffects): Promise<{ name: string; overwrite: boolean } | undefined> {
  const taken = new Set(columns.map((c) => c.name));
  const value = taken.has(DEFAULT_COLUMN) ? nextFree(taken) : DEFAULT_COLUMN;
  for (;;) {
    const name = await effects.ask({ title: `${TITLE} (6/6)`, prompt: 'Name of the new column that holds each row\'s split', value, validate: checkColumnName });
    if (name === undefined) return undefined;
    if (!taken.has(name)) return { name, overwrite: false };
    if (await effects.confirm(`The file already has a column "${name}". Replace its values with the new split in the new file? (The input file is never changed.)`, 'Replace Column')) return { name, overwrite: true };
  }
}

function nextFree(taken: ReadonlySet<string>): string {
  for (let i = 2; ; i++) if (!taken.has(`${DEFAULT_COLUMN}_${i}`)) return `${DEFAULT_COLUMN}_${i}`;
}

async function askOutput(input: string, effects: SplitEffects): Promise<string | undefined> {
  for (;;) {
    const out = await effects.saveAs(defaultOutputPath(input));
    if (out === undefined) return undefined;
    if (!isInputPath(input, out)) return out;
    effects.warn('A split never rewrites its input: choose a new file.');
  }
}
