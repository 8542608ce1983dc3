/** What the user types for "Loupe: Split Dataset…", read and checked (no VS Code here). */
import * as path from 'node:path';

export const DEFAULT_RATIOS = '0.6,0.2,0.2';
export const DEFAULT_SEED = 42;
export const DEFAULT_COLUMN = 'split';

/** Relative split sizes ("0.6,0.2,0.2", or "60/20/20"), or why they cannot be used. */
export function parseRatios(text: string): number[] | string {
  const parts = text.split(/[,/;\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return 'Type the split sizes, e.g. 0.6,0.2,0.2';
  const ratios = parts.map(Number);
  if (ratios.some((r) => !Number.isFinite(r) || r < 0)) return `Sizes are numbers ≥ 0 separated by commas, not "${text.trim()}"`;
  if (ratios.length > 255) return 'At most 255 splits';
  if (!ratios.some((r) => r > 0)) return 'At least one size must be above 0';
  return ratios;
}

/** The default names of `count` splits: train/test, train/dev/test, else split1…splitN. */
export function defaultNames(count: number): string[] {
  if (count === 2) return ['train', 'test'];
  if (count === 3) return ['train', 'dev', 'test'];
  return Array.from({ length: count }, (_, i) => `split${i + 1}`);
}

/** One distinct, non-empty name per split, or why not. */
export function parseNames(text: string, count: number): string[] | string {
  const names = text.split(',').map((n) => n.trim());
  if (names.length !== count) return `Give ${count} names separated by commas (one per size), not ${names.length}`;
  if (names.some((n) => n === '')) return 'A split name cannot be empty';
  if (new Set(names).size !== names.length) return 'Split names must be distinct';
  return names;
}

/** A 32-bit integer seed, or why not. */
export function parseSeed(text: string): number | string {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return `The seed is a whole number, not "${trimmed}"`;
  const seed = Number(trimmed);
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) return 'The seed is a 32-bit integer (0 to 4294967295)';
  return seed;
}

/** A name for the new column, or why not. */
export function checkColumnName(text: string): string | undefined {
  if (text.trim() === '') return 'The column needs a name';
  if (/[\r\n]/.test(text)) return 'A column name is one line';
  return undefined;
}

/** The new file's default path: beside the input, "<name>.split.<ext>", never the input itself. */
export function defaultOutputPath(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.split${ext || '.csv'}`);
}

/** True when `output` names the input file (also through a different spelling of the same path). */
export function isInputPath(input: string, output: string): boolean {
  return path.resolve(input) === path.resolve(output);
}
