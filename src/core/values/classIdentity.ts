/**
 * Reading class values the same way everywhere (DOMAIN.md §1): metrics, agreement, HLP, error
 * analysis, the audit, the CLI and every view decide which cells are one class here.
 *
 * Given the present values of the label, prediction and labeler columns taken together:
 * - every value a decimal number (pandas' C parser rules) → classes by numeric value (`1`, `1.0`, `01`);
 * - every value a boolean spelling (`true`/`false` in any case) → classes by truth value;
 * - otherwise → classes by exact text.
 * Empty and whitespace-only cells are missing, never a class. Classes that differ only in
 * surrounding whitespace, letter case or Unicode normalization stay apart and are reported.
 */
import { compareCodePoints, isFiniteNumberText } from './numberText';

export type ValueReading = 'number' | 'boolean' | 'text';

/** A dictionary-coded column: codes into `dictionary` per row, -1 = empty. */
export interface ValueColumn {
  name: string;
  dictionary: readonly string[];
  /** Per row; omitted: every dictionary entry is present once. */
  codes?: Int32Array;
}

export type LookAlikeDifference = 'surrounding whitespace' | 'letter case' | 'Unicode normalization';

/** Classes that a person would read as one, kept apart because their text differs. */
export interface LookAlike {
  /** Two or more spellings, in class order. */
  spellings: string[];
  /** Per spelling: the columns it occurs in. */
  columns: string[][];
  differences: LookAlikeDifference[];
  /** First row (0-based) where one of the spellings occurs; -1 when the columns have no rows. */
  row: number;
  message: string;
}

export interface ClassIdentity {
  reading: ValueReading;
  /**
   * Every class, sorted (numbers by value, false before true, text by code point). A number is
   * named by its shortest spelling, a truth value by its most frequent one (ties: the first by
   * code point), so the name does not depend on the order of the columns.
   */
  classes: string[];
  /** Per input column, per dictionary code: the class index, -1 for a blank value. */
  classOfCode: Int32Array[];
  /** Look-alike classes, at most MAX_LOOK_ALIKES; `lookAlikeCount` says how many there are. */
  lookAlikes: LookAlike[];
  lookAlikeCount: number;
}

const MAX_LOOK_ALIKES = 50;
const BOOLEAN = /^(true|false)$/i;

/** Blank text is no value at all. */
export function isBlankValue(value: string): boolean {
  return value.trim() === '';
}

interface Spelling {
  text: string;
  count: number;
  firstRow: number;
  /** Column indices (into the input) where it occurs. */
  columns: Set<number>;
}

type ClassKey = string | number | boolean;

/** Decides the class of every present value of the columns, read together. */
export function readClasses(columns: readonly ValueColumn[]): ClassIdentity {
  const spellings = collectSpellings(columns);
  const reading = decideReading(spellings.values());
  const keyOf = keyFunction(reading);
  const groups = new Map<ClassKey, Spelling[]>();
  for (const spelling of spellings.values()) {
    const key = keyOf(spelling.text);
    const group = groups.get(key);
    if (group) group.push(spelling);
    else groups.set(key, [spelling]);
  }
  const keys = sortKeys([...groups.keys()], reading);
  const indexOfKey = new Map<ClassKey, number>(keys.map((key, i) => [key, i]));
  const classes = keys.map((key) => displaySpelling(groups.get(key)!, reading));
  const classOfCode = columns.map((column) => Int32Array.from(column.dictionary, (value) => (isBlankValue(value) ? -1 : (indexOfKey.get(keyOf(value)) ?? -1))));
  const found = reading === 'text' ? findLookAlikes(keys.map((key) => groups.get(key)![0]), columns) : [];
  return { reading, classes, classOfCode, lookAlikes: found.slice(0, MAX_LOOK_ALIKES), lookAlikeCount: found.length };
}

/** The look-alike messages, with a last line saying how many were left out. */
export function lookAlikeWarnings(identity: Pick<ClassIdentity, 'lookAlikes' | 'lookAlikeCount'>): string[] {
  const out = identity.lookAlikes.map((l) => l.message);
  const more = identity.lookAlikeCount - identity.lookAlikes.length;
  if (more > 0) out.push(`… and ${more} more groups of look-alike classes`);
  return out;
}

function collectSpellings(columns: readonly ValueColumn[]): Map<string, Spelling> {
  const spellings = new Map<string, Spelling>();
  columns.forEach((column, c) => {
    const { counts, firstRow } = countCodes(column);
    column.dictionary.forEach((text, code) => {
      if (counts[code] === 0 || isBlankValue(text)) return;
      const known = spellings.get(text);
      if (!known) {
        spellings.set(text, { text, count: counts[code], firstRow: firstRow[code], columns: new Set([c]) });
        return;
      }
      known.count += counts[code];
      known.columns.add(c);
      if (firstRow[code] >= 0 && (known.firstRow < 0 || firstRow[code] < known.firstRow)) known.firstRow = firstRow[code];
    });
  });
  return spellings;
}

function countCodes(column: ValueColumn): { counts: Float64Array; firstRow: Float64Array } {
  const size = column.dictionary.length;
  const counts = new Float64Array(size);
  const firstRow = new Float64Array(size).fill(-1);
  const { codes } = column;
  if (!codes) return { counts: counts.fill(1), firstRow };
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row];
    if (code < 0 || code >= size) continue;
    if (counts[code] === 0) firstRow[code] = row;
    counts[code]++;
  }
  return { counts, firstRow };
}

function decideReading(spellings: Iterable<Spelling>): ValueReading {
  let numbers = true;
  let booleans = true;
  let any = false;
  for (const { text } of spellings) {
    any = true;
    if (numbers && !isFiniteNumberText(text)) numbers = false;
    if (booleans && !BOOLEAN.test(text)) booleans = false;
    if (!numbers && !booleans) return 'text';
  }
  if (!any) return 'text';
  return numbers ? 'number' : 'boolean';
}

function keyFunction(reading: ValueReading): (text: string) => ClassKey {
  if (reading === 'number') return (text) => Number(text);
  if (reading === 'boolean') return (text) => text.toLowerCase() === 'true';
  return (text) => text;
}

function sortKeys(keys: ClassKey[], reading: ValueReading): ClassKey[] {
  if (reading === 'number') return keys.sort((a, b) => (a as number) - (b as number));
  if (reading === 'boolean') return keys.sort((a, b) => Number(a) - Number(b));
  return keys.sort((a, b) => compareCodePoints(a as string, b as string));
}

function displaySpelling(group: readonly Spelling[], reading: ValueReading): string {
  let best = group[0];
  for (const s of group) if (preferredSpelling(s, best, reading)) best = s;
  return reading === 'number' ? best.text.trim() : best.text;
}

/** Numbers: the shortest spelling without its blanks ("6" over "6.0", "06" and " 6 "); booleans: the most frequent; ties by code point. */
function preferredSpelling(a: Spelling, b: Spelling, reading: ValueReading): boolean {
  if (reading === 'number' && a.text.trim().length !== b.text.trim().length) return a.text.trim().length < b.text.trim().length;
  if (reading !== 'number' && a.count !== b.count) return a.count > b.count;
  return compareCodePoints(a.text, b.text) < 0;
}

/** Text with whitespace, case and normalization folded away: equal folds are look-alikes. */
function fold(text: string, keep: { space?: boolean; letterCase?: boolean; normalization?: boolean } = {}): string {
  let out = keep.normalization ? text : text.normalize('NFC');
  if (!keep.space) out = out.trim();
  if (!keep.letterCase) out = out.toLowerCase();
  return out;
}

function findLookAlikes(classes: readonly Spelling[], columns: readonly ValueColumn[]): LookAlike[] {
  const byFold = new Map<string, Spelling[]>();
  for (const spelling of classes) {
    const key = fold(spelling.text);
    const group = byFold.get(key);
    if (group) group.push(spelling);
    else byFold.set(key, [spelling]);
  }
  const out: LookAlike[] = [];
  for (const group of byFold.values()) if (group.length > 1) out.push(describeLookAlike(group, columns));
  return out.sort((a, b) => a.row - b.row);
}

function differencesOf(group: readonly Spelling[]): LookAlikeDifference[] {
  const differs = (keep: Parameters<typeof fold>[1]) => group.some((s) => fold(s.text, keep) !== fold(group[0].text, keep));
  const out: LookAlikeDifference[] = [];
  if (differs({ space: true })) out.push('surrounding whitespace');
  if (differs({ letterCase: true })) out.push('letter case');
  if (differs({ normalization: true })) out.push('Unicode normalization');
  return out;
}

function describeLookAlike(group: readonly Spelling[], columns: readonly ValueColumn[]): LookAlike {
  const spellings = group.map((s) => s.text);
  const columnNames = group.map((s) => [...s.columns].sort((a, b) => a - b).map((c) => columns[c].name));
  const differences = differencesOf(group);
  const rows = group.map((s) => s.firstRow).filter((r) => r >= 0);
  const row = rows.length === 0 ? -1 : Math.min(...rows);
  const named = group.map((s, k) => `${visible(s.text)} (${columnNames[k].join(', ')})`);
  const list = named.length === 2 ? `${named[0]} and ${named[1]}` : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  const message = `classes ${list} differ only in ${joinWords(differences)}: they are counted as ${group.length} different classes. If they mean one class, write them the same way.`;
  return { spellings, columns: columnNames, differences, row, message };
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A spelling in quotes with invisible differences made visible: control and combining characters as \u escapes. */
export function visible(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return JSON.stringify(shown).replace(/[\p{M}\p{Cf}\u00a0\u2000-\u200b\u3000]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
